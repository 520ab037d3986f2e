from tests.conftest import line_of
from tests.rules.helpers import edit, rule_findings


def test_an_adoption_metric_with_a_target_passes(tmp_path):
    assert rule_findings(tmp_path, "adoption-metric") == []


def test_only_delivery_metrics_fail_at_metrics(tmp_path):
    text = edit("kind: adoption", "kind: delivery")
    [finding] = rule_findings(tmp_path, "adoption-metric", text)
    assert finding["line"] == line_of(text, "metrics:")


def test_an_adoption_metric_without_target_fails_at_the_metric(tmp_path):
    text = edit("    target: 200\n", "")
    [finding] = rule_findings(tmp_path, "adoption-metric", text)
    assert finding["line"] == line_of(text, "- id: weekly-reorderers")
    assert "no `target`" in finding["message"]
