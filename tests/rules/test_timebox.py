from tests.conftest import line_of
from tests.rules.helpers import edit, rule_findings


def test_a_sixteen_week_box_passes(tmp_path):
    assert rule_findings(tmp_path, "timebox") == []


def test_an_end_before_the_start_fails_at_the_end(tmp_path):
    text = edit("end: 2026-12-18", "end: 2026-08-18")
    [finding] = rule_findings(tmp_path, "timebox", text)
    assert finding["line"] == line_of(text, "end: 2026-08-18")
    assert "on or before it starts" in finding["message"]


def test_a_box_longer_than_twenty_six_weeks_fails(tmp_path):
    text = edit("end: 2026-12-18", "end: 2027-06-30")
    [finding] = rule_findings(tmp_path, "timebox", text)
    assert finding["line"] == line_of(text, "end: 2027-06-30")
    assert "at most 26 weeks" in finding["message"]
