from tests.conftest import line_of
from tests.rules.helpers import edit, rule_findings


def test_cadences_within_the_bounds_pass(tmp_path):
    assert rule_findings(tmp_path, "cadence-within-policy") == []


def test_a_demo_every_thirty_days_is_too_loose(tmp_path):
    text = edit("  demo: 14d", "  demo: 30d")
    [finding] = rule_findings(tmp_path, "cadence-within-policy", text)
    assert finding["line"] == line_of(text, "demo: 30d")
    assert "at most 21d" in finding["message"]


def test_weeks_are_compared_as_days(tmp_path):
    text = edit("  retro: 14d", "  retro: 4w")
    [finding] = rule_findings(tmp_path, "cadence-within-policy", text)
    assert finding["line"] == line_of(text, "retro: 4w")


def test_a_missing_cadence_fails_at_cadences(tmp_path):
    text = edit("  knowledge-share: 30d\n", "")
    [finding] = rule_findings(tmp_path, "cadence-within-policy", text)
    assert finding["line"] == line_of(text, "cadences:")
    assert "`knowledge-share`" in finding["message"]


def test_a_slow_escalation_answer_fails(tmp_path):
    text = edit("respond_within: 5d", "respond_within: 3w")
    [finding] = rule_findings(tmp_path, "cadence-within-policy", text)
    assert finding["line"] == line_of(text, "respond_within: 3w")
