"""The organisation's own event types: a policy declares them (`events:`), and the activity log,
`govkit log`, shell completion, `activity-count` and cadences accept them; an event type no
policy declares is a finding wherever it is named."""

from __future__ import annotations

from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, findings, govkit, line_of
from tests.pilot import healthy
from tests.test_ecosystem import complete

ACME = """govkit: 1
name: acme-pilot
version: 1.0.0
extends: firewalled-pilot@1
events:
  - id: security-review
    description: IT security reviewed what the team built
  - id: dpia-signed
    description: The data protection impact assessment is signed
"""
ACME_CHARTER = HEALTHY_CHARTER.replace("policy: firewalled-pilot@1", "policy: acme-pilot@1")
REVIEW = "  - date: 2026-10-08\n    type: security-review\n    summary: Login reviewed\n"
REVIEW_COUNT = """rules:
  - id: security-reviews
    check: activity-count
    severity: warning
    params: {event: security-review, at_least: 1, every: 4w}
"""


def test_an_activity_log_may_hold_the_policys_own_event_types(repo):
    repo.write("policies/acme-pilot.yaml", ACME)
    repo.charter(ACME_CHARTER)
    repo.activity(HEALTHY_ACTIVITY + REVIEW)
    assert findings(repo) == []


def test_an_event_type_the_policy_does_not_declare_is_a_located_finding_listing_the_known_types(repo):
    repo.charter()
    text = HEALTHY_ACTIVITY + REVIEW.replace("security-review", "security-reveiw")
    repo.activity(text)
    [finding] = findings(repo)
    assert (finding["rule"], finding["file"]) == ("consistency", "teams/reorder-pilot/activity.yaml")
    assert finding["line"] == line_of(text, "type: security-reveiw")
    assert "`security-reveiw` is not an event type of policy firewalled-pilot@1" in finding["message"]
    assert "Known types: demo, customer-feedback" in finding["message"]


def test_a_typo_of_a_declared_type_gets_the_closest_one(repo):
    repo.write("policies/acme-pilot.yaml", ACME)
    repo.charter(ACME_CHARTER)
    repo.activity(HEALTHY_ACTIVITY + REVIEW.replace("security-review", "security-reveiw"))
    [finding] = findings(repo)
    assert "Did you mean `security-review`?" in finding["message"]


def test_govkit_log_records_a_declared_type_and_refuses_an_unknown_one(repo):
    repo.write("policies/acme-pilot.yaml", ACME)
    repo.charter(ACME_CHARTER)
    repo.activity()
    ok = govkit("log", "reorder-pilot", "dpia-signed", "--date", "2026-10-09", "--root", str(repo.root))
    assert ok.exit_code == 0, ok.stderr
    assert "type: dpia-signed" in (repo.root / "teams/reorder-pilot/activity.yaml").read_text()
    refused = govkit("log", "reorder-pilot", "pen-test", "--date", "2026-10-09", "--root", str(repo.root))
    assert refused.exit_code == 2 and "internal error" not in refused.stderr
    assert (
        "`pen-test` is not an event type of policy acme-pilot@1" in refused.stderr and "dpia-signed" in refused.stderr
    )
    assert findings(repo) == []


def test_govkit_log_refuses_a_type_the_charters_policy_does_not_declare(repo):
    repo.write("policies/acme-pilot.yaml", ACME)
    repo.charter()  # pins firewalled-pilot@1, which declares no security-review
    repo.activity()
    run = govkit("log", "reorder-pilot", "security-review", "--root", str(repo.root))
    assert run.exit_code == 2 and "not an event type of policy firewalled-pilot@1" in run.stderr


def test_shell_completion_offers_the_teams_declared_types(repo):
    repo.write("policies/acme-pilot.yaml", ACME)
    repo.charter(ACME_CHARTER)
    assert complete("govkit log reorder-pilot se", repo.root) == ["security-review"]
    assert complete("govkit log reorder-pilot d", repo.root) == ["demo", "decision", "dpia-signed"]


def test_a_rule_naming_an_undeclared_event_type_is_a_finding_in_the_policy(repo):
    repo.write("policies/firewalled-pilot.yaml", "govkit: 1\nname: firewalled-pilot\nversion: 1.2.0\n" + REVIEW_COUNT)
    repo.charter()
    [finding] = findings(repo, "schema")
    assert finding["file"] == "policies/firewalled-pilot.yaml" and finding["line"] == 8
    assert "`security-review` is neither built in nor declared under `events`" in finding["message"]


def test_a_cadence_within_policy_bound_of_an_undeclared_type_is_a_finding(repo):
    undeclared = "govkit: 1\nname: acme-pilot\nversion: 1.0.0\nextends: firewalled-pilot@1\nrules:\n"
    repo.write(
        "policies/acme-pilot.yaml",
        undeclared + "  - id: cadence-within-policy\n    params: {max: {security-review: 30d}}\n",
    )
    repo.charter(ACME_CHARTER)
    found = [f for f in findings(repo) if f["file"] == "policies/acme-pilot.yaml"]
    assert len(found) == 1 and "`security-review` is neither built in" in found[0]["message"]


def test_a_charter_cadence_of_an_undeclared_type_is_a_finding_at_its_key(repo):
    text = HEALTHY_CHARTER.replace("  release: 7d\n", "  release: 7d\n  security-review: 30d\n")
    repo.charter(text)
    [finding] = findings(repo)
    assert (finding["rule"], finding["line"], finding["column"]) == ("consistency", line_of(text, "security-review"), 3)
    assert (
        "The cadence `security-review` paces an event type that policy firewalled-pilot@1 does not know"
        in (finding["message"])
    )


def test_a_policy_may_not_redeclare_a_built_in_type(repo):
    repo.write("policies/acme-pilot.yaml", ACME.replace("id: dpia-signed", "id: demo"))
    repo.charter(ACME_CHARTER)
    [finding] = [f for f in findings(repo) if f["file"] == "policies/acme-pilot.yaml"]
    assert "`demo` is a built-in event type already" in finding["message"]


def test_activity_count_and_cadences_count_the_declared_type(tmp_path):
    pilot = healthy(tmp_path)
    rules = REVIEW_COUNT + "  - id: security-review-cadence\n    check: event-cadence\n    severity: error\n"
    rules += "    params: {event: security-review}\n"
    pilot.charters.write("policies/acme-pilot.yaml", ACME + rules)
    pilot.charter_text = ACME_CHARTER.replace("  release: 7d\n", "  release: 7d\n  security-review: 21d\n")
    pilot.events.append(("2026-09-20", "security-review"))
    pilot.write()
    assert pilot.findings("security-reviews") == []  # one in 2026-09-01 .. 2026-09-28, the only whole window
    [gap] = pilot.findings("security-review-cadence")  # none since 2026-09-20: 25 days by 2026-10-15
    assert gap["message"].startswith("No security-review for 25 days (2026-09-20 to 2026-10-15)")
    [thin] = pilot.findings("security-reviews", as_of="2026-10-27")
    assert thin["message"].startswith("0 security-review event(s) between 2026-09-29 and 2026-10-26")


def test_the_activity_schema_accepts_any_well_formed_type_and_leaves_the_rest_to_the_policy():
    schema = govkit("schema", "activity").stdout
    assert '"pattern": "^[a-z][a-z0-9-]*$"' in schema and '"enum": [\n              "demo"' not in schema
