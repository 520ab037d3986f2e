from tests.conftest import line_of
from tests.rules.helpers import edit, rule_findings


def test_members_at_eighty_percent_or_more_pass(tmp_path):
    assert rule_findings(tmp_path, "dedicated-members") == []


def test_a_part_time_member_is_a_warning_at_their_allocation(tmp_path):
    text = edit("allocation: 90", "allocation: 50")
    [finding] = rule_findings(tmp_path, "dedicated-members", text)
    assert (finding["line"], finding["column"]) == (line_of(text, "allocation: 50"), 17)
    assert finding["severity"] == "warning"
    assert "Tom Becker is allocated 50%" in finding["message"]
