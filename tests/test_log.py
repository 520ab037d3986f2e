"""`govkit log`: events validated, appended with comments kept, never lost, never half-written."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from govkit.load import load_file
from tests.conftest import HEALTHY_ACTIVITY, govkit

COMMENTED = "# Our log. Keep it tidy.\ngovkit: 1\nevents:\n  # September\n" + HEALTHY_ACTIVITY.split("events:\n", 1)[1]


def events(path: Path) -> list[dict]:
    return load_file(path, path.name).data["events"]


def log(repo, *args: str):
    return govkit("log", "reorder-pilot", *args, "--root", str(repo.root))


def test_an_event_is_appended_keeping_comments_and_layout(repo):
    repo.charter()
    path = repo.activity(COMMENTED)
    run = log(repo, "demo", "--date", "2026-10-10", "--summary", "Shown: to buyers", "--by", "ana.silva@example.com")
    assert run.exit_code == 0, run.stderr
    text = path.read_text()
    assert text.startswith(COMMENTED)
    assert text[len(COMMENTED) :] == (
        '  - date: 2026-10-10\n    type: demo\n    summary: "Shown: to buyers"\n    by: "ana.silva@example.com"\n'
    )
    assert govkit("lint", "--root", str(repo.root)).exit_code == 0


def test_an_empty_log_and_a_missing_log_both_take_events(repo):
    repo.charter()
    path = repo.activity("govkit: 1\nevents: []  # nothing yet\n")
    assert log(repo, "retro", "--date", "2026-10-01").exit_code == 0
    assert events(path) == [{"date": "2026-10-01", "type": "retro"}]
    path.unlink()
    assert log(repo, "retro", "--date", "2026-10-02").exit_code == 0
    assert events(path) == [{"date": "2026-10-02", "type": "retro"}]


def test_text_that_looks_like_yaml_stays_text(repo):
    repo.charter()
    path = repo.activity()
    for summary in ("yes", "12", "null", "a: b", "- x", "#hash", "<script>alert(1)</script>"):
        assert log(repo, "other", "--date", "2026-10-07", "--summary", summary).exit_code == 0
    summaries = [e.get("summary") for e in events(path)][-7:]
    assert summaries == ["yes", "12", "null", "a: b", "- x", "#hash", "<script>alert(1)</script>"]


def test_a_metric_reading_needs_a_known_metric_and_a_value(repo):
    repo.charter()
    path = repo.activity()
    before = path.read_bytes()
    assert "--metric" in log(repo, "metric", "--value", "3").stderr
    assert "no metric `weekly-buyers`" in log(repo, "metric", "--metric", "weekly-buyers", "--value", "3").stderr
    assert path.read_bytes() == before
    assert (
        log(repo, "metric", "--metric", "weekly-reorderers", "--value", "31.5", "--date", "2026-10-09").exit_code == 0
    )
    assert events(path)[-1] == {
        "date": "2026-10-09",
        "type": "metric",
        "metric": "weekly-reorderers",
        "value": 31.5,
    }


def test_escalations_open_with_a_new_ref_and_resolve_an_open_one(repo):
    repo.charter()
    repo.activity()
    assert "new --ref" in log(repo, "escalation", "--ref", "esc-1").stderr  # esc-1 exists already
    assert log(repo, "escalation", "--ref", "esc-2", "--date", "2026-10-08").exit_code == 0
    assert "open ones: esc-2" in log(repo, "escalation-resolved", "--ref", "esc-1").stderr
    assert log(repo, "escalation-resolved", "--ref", "esc-2", "--date", "2026-10-09").exit_code == 0


def test_bad_types_dates_and_teams_are_refused(repo):
    repo.charter()
    repo.activity()
    assert "not an event type" in log(repo, "party").stderr
    assert log(repo, "demo", "--date", "10/10/2026").exit_code == 2
    assert "in the future" in log(repo, "demo", "--date", "2999-01-01").stderr
    run = govkit("log", "nope", "demo", "--root", str(repo.root))
    assert run.exit_code == 2 and "no team `nope`" in run.stderr


def test_a_broken_log_is_refused_and_left_byte_for_byte(repo):
    repo.charter()
    broken = b"govkit: 1\nevents:\n  - date: 2026-09-12\n    type: demo\n   bad indent: [\n"
    path = repo.activity(broken.decode())
    run = log(repo, "demo", "--date", "2026-10-10")
    assert run.exit_code == 2
    assert "teams/reorder-pilot/activity.yaml:" in run.stderr and "nothing was written" in run.stderr
    assert path.read_bytes() == broken
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) == [
        "activity.yaml",
        "charter.yaml",
    ]


def test_twenty_concurrent_logs_lose_nothing(repo):
    repo.charter()
    path = repo.activity()
    script = Path(sys.executable).with_name("govkit")

    def one(index: int) -> int:
        command = [str(script), "log", "reorder-pilot", "other", "--date", "2026-10-10", "--summary", f"event {index}"]
        return subprocess.run([*command, "--root", str(repo.root)], capture_output=True, timeout=120).returncode

    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(one, range(20)))
    assert codes == [0] * 20
    summaries = {e.get("summary") for e in events(path)}
    assert {f"event {i}" for i in range(20)} <= summaries
    assert not [
        p for p in path.parent.iterdir() if p.name.startswith(".activity.yaml.") and not p.name.endswith(".lock")
    ]


def test_line_separators_and_control_characters_in_a_summary_lose_no_event(repo):
    repo.charter()
    path = repo.activity()
    before = len(events(path))
    odd = ["Notes\u2028more", "Next\u2029para", "NEL\x85here", "del\x7fete", "bom\ufeffin"]
    for number, summary in enumerate(odd, start=1):
        assert log(repo, "demo", "--date", f"2026-10-1{number}", "--summary", summary).exit_code == 0
    assert log(repo, "retro", "--date", "2026-10-16", "--summary", "Sprint 3 retro").exit_code == 0
    after = events(path)
    assert [e.get("summary") for e in after[before:]] == [*odd, "Sprint 3 retro"]
    assert govkit("lint", "--root", str(repo.root)).exit_code == 0


def test_a_bad_option_value_is_named_by_its_option_and_the_log_is_not_blamed(repo):
    repo.charter()
    path = repo.activity()
    original = path.read_bytes()
    run = log(repo, "demo", "--summary", "")
    assert run.exit_code == 2 and run.stderr.startswith("Error: --summary") and "activity log" not in run.stderr
    run = log(repo, "demo", "--summary", "caf\udce9")
    assert run.exit_code == 2 and "--summary holds bytes that are not UTF-8" in run.stderr
    run = log(repo, "demo", "--ref", "esc-9")
    assert run.exit_code == 2 and "--ref belongs to `escalation`" in run.stderr
    assert path.read_bytes() == original
    small = log(repo, "metric", "--date", "2026-10-10", "--metric", "weekly-reorderers", "--value", "0.00001")
    assert small.exit_code == 0, small.stderr
    assert events(path)[-1]["value"] == 0.00001


def test_a_resolution_dated_before_its_escalation_is_refused_by_log_and_lint(repo):
    repo.charter()
    path = repo.activity("govkit: 1\nevents:\n  - date: 2026-10-10\n    type: escalation\n    ref: esc-7\n")
    run = log(repo, "escalation-resolved", "--ref", "esc-7", "--date", "2026-10-05")
    assert run.exit_code == 2 and "raised on 2026-10-10" in run.stderr
    path.write_text(path.read_text() + "  - date: 2026-10-05\n    type: escalation-resolved\n    ref: esc-7\n")
    lint = govkit("lint", "--root", str(repo.root), "--format", "json").json()
    [finding] = [f for f in lint["findings"] if f["rule"] == "consistency"]
    assert finding["line"] == 6 and "before it was raised on 2026-10-10" in finding["message"]


def test_a_flow_list_over_several_lines_gets_a_clear_refusal(repo):
    repo.charter()
    for text in ("govkit: 1\nevents: [\n  {date: 2026-10-01, type: demo}\n]\n", "govkit: 1\nevents: [\n]\n"):
        path = repo.activity(text)
        run = log(repo, "retro", "--date", "2026-10-02")
        assert run.exit_code == 2 and "one per line" in run.stderr, run.stderr
        assert path.read_text() == text


def test_an_activity_log_that_is_a_folder_is_refused(repo):
    repo.charter()
    (repo.root / "teams" / "reorder-pilot" / "activity.yaml").mkdir()
    run = log(repo, "demo")
    assert run.exit_code == 2 and "is a folder" in run.stderr


def test_a_byte_order_mark_is_kept(repo):
    repo.charter()
    path = repo.activity(b"\xef\xbb\xbf" + HEALTHY_ACTIVITY.encode())
    assert log(repo, "retro", "--date", "2026-10-16").exit_code == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbfgovkit: 1\n") and events(path)[-1]["type"] == "retro"


def test_each_file_keeps_its_own_line_endings(repo):
    repo.charter()
    for ending in ("\r\n", "\r"):
        path = repo.activity(HEALTHY_ACTIVITY.replace("\n", ending).encode())
        assert log(repo, "retro", "--date", "2026-10-16").exit_code == 0
        raw = path.read_bytes().decode()
        assert raw.replace(ending, "") == raw.replace(ending, "").replace("\n", "")  # no other ending crept in
        assert raw.endswith(f"  - date: 2026-10-16{ending}    type: retro{ending}")
        assert events(path)[-1]["type"] == "retro"


def test_by_someone_one_letter_from_a_member_is_recorded_with_a_did_you_mean_warning(repo):
    repo.charter()
    path = repo.activity()
    run = log(repo, "demo", "--date", "2026-10-10", "--by", "ana.slva@example.com")
    assert run.exit_code == 0, run.stderr
    assert "Recorded demo" in run.stdout and "Warning" not in run.stdout
    assert "ana.slva@example.com is not a member of reorder-pilot" in run.stderr
    assert "Did you mean ana.silva@example.com (Ana Silva)?" in run.stderr
    assert events(path)[-1]["by"] == "ana.slva@example.com"


def test_by_someone_outside_the_team_names_the_closest_member(repo):
    repo.charter()
    path = repo.activity()
    run = log(repo, "demo", "--date", "2026-10-10", "--by", "cio@example.org")
    assert run.exit_code == 0 and "The closest member is" in run.stderr and "Did you mean" not in run.stderr
    assert events(path)[-1]["by"] == "cio@example.org"


def test_by_a_member_or_an_alias_gives_no_warning(repo):
    repo.charter()
    repo.activity()
    for who in ("Ana.Silva@example.com", "raj@users.noreply.example.com"):
        run = log(repo, "demo", "--date", "2026-10-10", "--by", who)
        assert run.exit_code == 0 and run.stderr == ""


def test_an_event_before_the_time_box_starts_is_recorded_with_a_warning_that_it_will_not_count(repo):
    repo.charter()
    path = repo.activity()
    run = log(repo, "demo", "--date", "2026-08-31")
    assert run.exit_code == 0
    assert "2026-08-31 is before the time box starts on 2026-09-01, so this demo will not count" in run.stderr
    assert events(path)[-1] == {"date": "2026-08-31", "type": "demo"}
    assert log(repo, "demo", "--date", "2026-09-01").stderr == ""
