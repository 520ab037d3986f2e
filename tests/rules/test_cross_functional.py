from tests.conftest import line_of
from tests.rules.helpers import edit, rule_findings


def test_both_sides_present_passes(tmp_path):
    assert rule_findings(tmp_path, "cross-functional") == []


def test_a_team_without_business_people_fails_at_members(tmp_path):
    text = edit("    side: business\n    role: Product lead", "    side: technology\n    role: Product lead")
    [finding] = rule_findings(tmp_path, "cross-functional", text)
    assert finding["line"] == line_of(text, "members:")
    assert "business side" in finding["message"]
