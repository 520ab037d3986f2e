from tests.conftest import line_of
from tests.rules.helpers import edit, rule_findings

TOM = """  - name: Tom Becker
    email: tom.becker@example.com
    side: technology
    role: Developer
    allocation: 90
"""


def test_a_team_of_three_passes(tmp_path):
    assert rule_findings(tmp_path, "team-size") == []


def test_a_team_of_two_is_too_small_and_points_at_members(tmp_path):
    text = edit(TOM, "")
    [finding] = rule_findings(tmp_path, "team-size", text)
    assert finding["line"] == line_of(text, "members:")
    assert "2 member(s)" in finding["message"] and "at least 3" in finding["message"]
    assert finding["severity"] == "error"


def test_a_team_of_ten_is_too_big(tmp_path):
    extra = "".join(TOM.replace("tom.becker", f"dev{i}") for i in range(7))
    text = edit(TOM, TOM + extra)
    [finding] = rule_findings(tmp_path, "team-size", text)
    assert "10 members" in finding["message"] and "at most 9" in finding["message"]
