"""Schema findings: unknown keys with hints, enums, formats, each at the offending place."""

from __future__ import annotations

import json

from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, findings, govkit, line_of


def test_an_unknown_key_suggests_the_close_one(repo):
    text = HEALTHY_CHARTER.replace("purpose:", "purpse:")
    repo.charter(text)
    found = findings(repo, "schema")
    unknown = [f for f in found if "Unknown key" in f["message"]]
    assert unknown[0]["line"] == line_of(text, "purpse:")
    assert "Did you mean `purpose`?" in unknown[0]["message"]
    assert any("Missing required key `purpose`" in f["message"] for f in found)


def test_a_wrong_enum_value_is_located_at_the_value(repo):
    text = HEALTHY_CHARTER.replace("    side: business\n", "    side: sales\n")
    repo.charter(text)
    [finding] = findings(repo, "schema")
    assert (finding["line"], finding["column"]) == (line_of(text, "side: sales"), 11)
    assert "`business`, `technology`" in finding["message"]


def test_bad_dates_durations_emails_and_ids_are_refused(repo):
    text = (
        HEALTHY_CHARTER.replace("start: 2026-09-01", "start: 2026-13-01")
        .replace("  demo: 14d", "  demo: two weeks")
        .replace("contact: cio-office@example.com", "contact: cio office")
        .replace("team: reorder-pilot", "team: Reorder_Pilot")
    )
    repo.charter(text)
    lines = {f["line"] for f in findings(repo, "schema")}
    for fragment in ("start: 2026-13-01", "demo: two weeks", "contact: cio office", "team: Reorder_Pilot"):
        assert line_of(text, fragment) in lines, fragment


def test_a_wrong_type_says_what_was_expected(repo):
    text = HEALTHY_CHARTER.replace("allocation: 90", "allocation: most")
    repo.charter(text)
    [finding] = findings(repo, "schema")
    assert "must be a whole number, not text" in finding["message"]


def test_metric_events_need_a_metric_and_value(repo):
    repo.charter()
    text = HEALTHY_ACTIVITY.replace("    value: 12\n", "")
    repo.activity(text)
    [finding] = findings(repo, "schema")
    assert "`value`" in finding["message"]
    assert finding["file"] == "teams/reorder-pilot/activity.yaml"


def test_schema_command_prints_each_schema_as_json():
    for kind in ("charter", "activity", "policy"):
        run = govkit("schema", kind)
        schema = json.loads(run.stdout)
        assert schema["$schema"].endswith("2020-12/schema")
        assert schema["$id"].endswith(f"/{kind}.json")
    assert govkit("schema").stdout == govkit("schema", "charter").stdout


def test_each_missing_key_is_reported_once(repo):
    repo.charter("govkit: 1\nteam: reorder-pilot\n")
    messages = [f["message"] for f in findings(repo, "schema")]
    missing = [m for m in messages if m.startswith("Missing required key")]
    assert len(missing) == len(set(missing)) == 8


def test_a_bad_email_or_date_time_is_one_finding(repo):
    text = HEALTHY_CHARTER.replace("contact: cio-office@example.com", "contact: cio office").replace(
        "end: 2026-12-18", "end: 2026-12-18T10:00:00"
    )
    repo.charter(text)
    found = sorted((f["line"], f["message"]) for f in findings(repo, "schema"))
    assert [line for line, _ in found] == sorted([line_of(text, "contact: cio office"), line_of(text, "end: 2026-")])
    run = govkit("lint", "--root", str(repo.root))
    assert "2 errors" in run.stdout


def test_a_well_written_day_that_does_not_exist_says_so(repo):
    repo.charter(HEALTHY_CHARTER.replace("end: 2026-12-18", "end: 2026-02-30"))
    [finding] = findings(repo, "schema")
    assert (
        finding["message"]
        == "`timebox.end` is `2026-02-30`, which is not a day of the calendar: February 2026 has 28 days."
    )
