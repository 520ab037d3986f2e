from tests.conftest import line_of
from tests.rules.helpers import edit, rule_findings


def test_one_important_capability_passes(tmp_path):
    assert rule_findings(tmp_path, "single-capability") == []


def test_a_mission_critical_capability_fails_at_its_criticality(tmp_path):
    text = edit("criticality: important", "criticality: mission-critical")
    [finding] = rule_findings(tmp_path, "single-capability", text)
    assert finding["line"] == line_of(text, "criticality: mission-critical")
    assert "mission-critical" in finding["message"]


def test_two_capabilities_fail_at_the_capability_list(tmp_path):
    text = edit(
        "capability:\n  name: One-click reorder\n  criticality: important\n  users: Repeat B2B buyers in the EU webshop\n",
        "capability:\n  - name: One-click reorder\n    criticality: important\n  - name: Returns\n    criticality: supporting\n",
    )
    [finding] = rule_findings(tmp_path, "single-capability", text)
    assert finding["line"] == line_of(text, "capability:")
    assert "2 capabilities" in finding["message"]
