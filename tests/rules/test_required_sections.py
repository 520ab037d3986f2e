from tests.conftest import line_of
from tests.rules.helpers import edit, rule_findings


def test_a_complete_charter_passes(tmp_path):
    assert rule_findings(tmp_path, "required-sections") == []


def test_an_empty_section_fails_at_it(tmp_path):
    text = edit("exit_criteria:\n  - 200 weekly reorderers by the end of the time box\n", "exit_criteria: []\n")
    [finding] = rule_findings(tmp_path, "required-sections", text)
    assert finding["line"] == line_of(text, "exit_criteria: []")
    assert finding["severity"] == "warning"


def test_a_missing_section_fails_at_the_top(tmp_path):
    text = edit(
        "decisions:\n  team: [backlog, user interface, release timing]\n  escalate: [budget, data retention, vendor contracts]\n",
        "",
    )
    [finding] = rule_findings(tmp_path, "required-sections", text)
    assert finding["line"] == 1
    assert "`decisions`" in finding["message"]


def test_text_still_holding_a_placeholder_fails_where_it_stands(tmp_path):
    text = edit("  users: Repeat B2B buyers in the EU webshop", '  users: "TODO: who uses it"')
    [finding] = rule_findings(tmp_path, "required-sections", text)
    assert finding["line"] == line_of(text, "TODO: who uses it")
    assert '`capability.users` still holds the placeholder "TODO: who uses it"' in finding["message"]
