"""`govkit lint` as CI uses it: finding the repo, exit codes, paths, consistency."""

from __future__ import annotations

from tests.conftest import HEALTHY_ACTIVITY, HEALTHY_CHARTER, findings, govkit, line_of, lint_json, statuses


def test_a_healthy_repo_lints_clean_and_exits_zero(repo):
    repo.charter()
    repo.activity()
    run = govkit("lint", "--root", str(repo.root))
    assert run.exit_code == 0, run.stdout
    assert "0 errors" in run.stdout
    assert statuses(lint_json(repo)) == {"reorder-pilot": "green"}


def test_an_error_exits_one_and_the_team_is_red(repo):
    repo.charter(HEALTHY_CHARTER.replace("criticality: important", "criticality: mission-critical"))
    run = govkit("lint", "--root", str(repo.root))
    assert run.exit_code == 1
    assert "teams/reorder-pilot/charter.yaml:9:16: error single-capability" in run.stdout
    assert statuses(lint_json(repo)) == {"reorder-pilot": "red"}


def test_fail_on_controls_the_exit_code(repo):
    repo.charter(HEALTHY_CHARTER.replace("allocation: 90", "allocation: 50"))
    assert govkit("lint", "--root", str(repo.root)).exit_code == 0
    assert govkit("lint", "--root", str(repo.root), "--fail-on", "warning").exit_code == 1
    assert statuses(lint_json(repo)) == {"reorder-pilot": "amber"}


def test_fail_on_never_always_exits_zero(repo):
    repo.charter("govkit: [\n")
    assert govkit("lint", "--root", str(repo.root), "--fail-on", "never").exit_code == 0


def test_the_repo_is_found_upward_from_the_current_folder(repo, monkeypatch):
    repo.charter(HEALTHY_CHARTER.replace("allocation: 90", "allocation: 50"))
    monkeypatch.chdir(repo.root / "teams" / "reorder-pilot")
    run = govkit("lint", "--format", "json")
    assert [f["rule"] for f in run.json()["findings"]] == ["dedicated-members"]


def test_outside_any_repo_it_cannot_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = govkit("lint")
    assert run.exit_code == 2
    assert "No charter repo found" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_a_missing_root_or_path_exits_two(repo):
    assert govkit("lint", "--root", str(repo.root / "nope")).exit_code == 2
    run = govkit("lint", "--root", str(repo.root), str(repo.root / "nope.yaml"))
    assert run.exit_code == 2 and "does not exist" in run.stderr


def test_a_path_outside_the_charter_repo_is_refused(repo, tmp_path):
    repo.charter()
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("govkit: 1\n")
    run = govkit("lint", "--root", str(repo.root), str(outside))
    assert run.exit_code == 2 and "is outside the charter repo" in run.stderr


def test_unknown_format_is_a_usage_error():
    assert govkit("lint", "--format", "xml").exit_code == 2


def test_paths_lint_only_those_files(repo):
    repo.charter(HEALTHY_CHARTER.replace("allocation: 90", "allocation: 50"))
    other = repo.charter(HEALTHY_CHARTER.replace("team: reorder-pilot", "team: other"), team="other")
    run = govkit("lint", "--root", str(repo.root), "--format", "json", str(other))
    assert run.json()["findings"] == []
    assert statuses(run.json()) == {"other": "green"}


def test_a_folder_path_lints_the_governance_files_inside(repo):
    repo.charter("govkit: 1\n")
    repo.write("teams/reorder-pilot/notes.yaml", "- not governance\n")
    run = govkit("lint", "--root", str(repo.root), "--format", "json", str(repo.root / "teams"))
    files = {f["file"] for f in run.json()["findings"]}
    assert files == {"teams/reorder-pilot/charter.yaml"}


def test_a_broken_team_does_not_stop_the_others(repo):
    repo.charter("govkit: 1\nteam: [\n", team="broken")
    repo.charter(HEALTHY_CHARTER.replace("allocation: 90", "allocation: 50"))
    found = findings(repo)
    assert {f["team"] for f in found} == {"broken", "reorder-pilot"}
    assert [f["rule"] for f in found if f["team"] == "broken"] == ["yaml"]


def test_the_team_id_must_equal_its_folder(repo):
    repo.charter(HEALTHY_CHARTER, team="reorder")
    [finding] = findings(repo, "consistency")
    assert finding["line"] == line_of(HEALTHY_CHARTER, "team: reorder-pilot")


def test_member_emails_and_metric_ids_are_unique(repo):
    text = HEALTHY_CHARTER.replace("email: tom.becker@example.com", "email: Ana.Silva@example.com")
    text = text.replace(
        "    every: 7d\n", "    every: 7d\n  - id: weekly-reorderers\n    kind: outcome\n    description: Again\n"
    )
    repo.charter(text.replace("business: ana.silva@example.com", "business: ana.silva@example.com"))
    found = findings(repo, "consistency")
    assert {f["line"] for f in found} == {
        line_of(text, "Ana.Silva@example.com"),
        line_of(text, "- id: weekly-reorderers", 2),
    }


def test_activity_events_must_reference_charter_metrics_and_open_escalations(repo):
    repo.charter()
    text = HEALTHY_ACTIVITY.replace("metric: weekly-reorderers", "metric: weekly-buyers").replace(
        "    type: escalation-resolved\n    ref: esc-1", "    type: escalation-resolved\n    ref: esc-9"
    )
    repo.activity(text)
    found = findings(repo, "consistency")
    assert [f["line"] for f in found] == [line_of(text, "metric: weekly-buyers"), line_of(text, "ref: esc-9")]


def test_an_unknown_policy_pin_is_a_located_finding(repo):
    text = HEALTHY_CHARTER.replace("policy: firewalled-pilot@1", "policy: firewalled-pilot@3")
    repo.charter(text)
    [finding] = findings(repo, "policy")
    assert finding["line"] == line_of(text, "policy: firewalled-pilot@3")
    assert "firewalled-pilot@1" in finding["message"]


def test_the_repo_policy_overrides_the_built_in_one(repo):
    repo.write(
        "policies/firewalled-pilot.yaml",
        "govkit: 1\nname: firewalled-pilot\nversion: 1.1.0\nrules:\n"
        "  - id: team-size\n    check: team-size\n    severity: error\n    params: {min: 4, max: 9}\n",
    )
    repo.charter()
    [finding] = findings(repo)
    assert finding["rule"] == "team-size" and "at least 4" in finding["message"]


def test_a_policy_with_an_unknown_check_or_param_is_located(repo):
    text = (
        "govkit: 1\nname: firewalled-pilot\nversion: 1.0.0\nrules:\n"
        "  - id: size\n    check: team-sise\n    severity: error\n"
        "  - id: dedicated\n    check: dedicated-members\n    severity: error\n    params: {minimum: 80}\n"
    )
    repo.write("policies/firewalled-pilot.yaml", text)
    found = findings(repo)
    by_line = {f["line"]: f["message"] for f in found if f["file"] == "policies/firewalled-pilot.yaml"}
    assert "Did you mean `team-size`?" in by_line[line_of(text, "check: team-sise")]
    assert "unknown param `minimum`" in by_line[line_of(text, "params: {minimum: 80}")]


TOM = "  - name: Tom Becker\n    email: tom.becker@example.com\n    side: technology\n    role: Developer\n    allocation: 90\n"
POLICY_V = "govkit: 1\nname: firewalled-pilot\nversion: {version}\nrules:\n  - id: team-size\n    check: team-size\n    severity: error\n"


def test_the_newest_minor_in_the_repo_judges_and_an_older_copy_is_a_warning(repo):
    repo.write("policies/a.yaml", POLICY_V.format(version="1.0.0"))
    repo.write("policies/b.yaml", POLICY_V.format(version="1.2.0").replace("severity: error", "severity: warning"))
    repo.charter(HEALTHY_CHARTER.replace(TOM, ""))
    found = findings(repo)
    assert [(f["rule"], f["severity"]) for f in found if f["rule"] == "team-size"] == [("team-size", "warning")]
    [old] = [f for f in found if f["rule"] == "policy"]
    assert (old["file"], old["line"], old["severity"]) == ("policies/a.yaml", 3, "warning")
    assert "older than 1.2.0 (policies/b.yaml) within major 1" in old["message"]
    assert "govkit policy diff policies/a.yaml policies/b.yaml" in old["message"]


def test_one_version_per_major_gives_no_version_warning(repo):
    repo.write("policies/a.yaml", POLICY_V.format(version="1.3.0"))
    repo.charter()
    assert findings(repo, "policy") == []


def test_a_pinned_major_that_is_gone_is_an_error_naming_what_exists(repo):
    repo.charter(HEALTHY_CHARTER.replace("policy: firewalled-pilot@1", "policy: firewalled-pilot@0"))
    [finding] = findings(repo, "policy")
    assert finding["severity"] == "error"
    assert "that major version is gone: only firewalled-pilot@1 exists" in finding["message"]


def test_a_team_folder_without_a_charter_is_reported_not_skipped(repo):
    repo.charter()
    repo.write("teams/new-team/charter.yml", "govkit: 1\n")
    repo.write("teams/logs-only/activity.yaml", "govkit: 1\nevents: []\n")
    repo.write("teams/.drafts/notes.txt", "hidden folders are not teams")
    found = {f["file"]: f["message"] for f in findings(repo) if f["rule"] == "consistency"}
    assert set(found) == {"teams/new-team/", "teams/logs-only/"}
    assert "rename that to charter.yaml" in found["teams/new-team/"]
    assert "govkit team add logs-only" in found["teams/logs-only/"]
    run = govkit("lint", "--root", str(repo.root), str(repo.root / "teams" / "new-team"), "--format", "json")
    assert run.exit_code == 1 and [f["file"] for f in run.json()["findings"]] == ["teams/new-team/"]
    checked = govkit("check", "--root", str(repo.root), "--as-of", "2026-10-15", "--format", "json").json()
    assert {f["file"] for f in checked["findings"] if f["rule"] == "consistency"} == set(found)
    assert [t["team"] for t in checked["teams"]] == ["reorder-pilot"]
