"""`govkit check` on a realistic pilot: healthy is green; each broken agreement is found."""

from __future__ import annotations

import json

from tests.conftest import line_of, statuses
from tests.pilot import AS_OF, RAJ, Pilot, healthy


def test_a_healthy_pilot_is_green_with_no_findings(tmp_path):
    pilot = healthy(tmp_path)
    run = pilot.check()
    assert run.exit_code == 0, run.stdout
    data = run.json()
    assert data["findings"] == []
    assert statuses(data) == {"reorder-pilot": "green"}
    assert data["as_of"] == AS_OF and data["command"] == "check"


def test_a_missed_demo_is_found_at_the_event_where_the_gap_starts(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-09-22", "demo"))
    pilot.write()
    [finding] = pilot.findings("demo-cadence")
    text = pilot.activity_text()
    assert finding["line"] == line_of(text, "date: 2026-09-10")
    assert finding["file"] == "teams/reorder-pilot/activity.yaml"
    assert finding["message"].startswith("No demo for 25 days (2026-09-10 to 2026-10-05)")
    assert "the charter agrees 14d" in finding["message"]
    # The 10-05 demo ended the gap: reported, but it fails the run only while it still holds.
    assert pilot.check().exit_code == 0
    assert pilot.check(as_of="2026-10-04").exit_code == 1


def test_the_gap_from_the_timebox_start_points_at_the_start_date(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-09-12", "customer-feedback"))
    pilot.write()
    [finding] = pilot.findings("customer-feedback-cadence")
    assert finding["file"] == "teams/reorder-pilot/charter.yaml"
    assert finding["line"] == line_of(pilot.charter_text, "start: 2026-09-01")
    assert "(2026-09-01 to 2026-09-24, counted from the time-box start)" in finding["message"]


def test_the_gap_up_to_the_as_of_date_counts(tmp_path):
    pilot = healthy(tmp_path)
    [finding] = pilot.findings("retro-cadence", as_of="2026-11-01")
    assert "(2026-10-12 to 2026-11-01)" in finding["message"] and finding["severity"] == "warning"


def test_a_metric_read_too_rarely_is_a_warning(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-09-21", "metric"))
    pilot.events.remove(("2026-09-28", "metric"))
    pilot.write()
    [finding] = pilot.findings("metric-readings")
    assert "No reading of `weekly-reorderers` for 21 days (2026-09-14 to 2026-10-05)" in finding["message"]
    assert finding["line"] == line_of(pilot.activity_text(), "date: 2026-09-14", 2)


def test_a_slow_escalation_names_its_ref(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-10-06", "escalation-resolved"))
    pilot.events.append(("2026-10-11", "escalation-resolved"))
    pilot.write()
    [finding] = pilot.findings("escalation-response")
    assert "`esc-1` took 9 days to resolve (2026-10-02 to 2026-10-11)" in finding["message"]
    assert finding["line"] == line_of(pilot.activity_text(), "type: escalation") - 1


def test_an_open_escalation_counts_up_to_the_as_of_date(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.remove(("2026-10-06", "escalation-resolved"))
    pilot.write()
    [finding] = pilot.findings("escalation-response")
    assert "`esc-1` has been open for 13 days (since 2026-10-02)" in finding["message"]


def test_a_reused_escalation_ref_is_timed_from_its_own_resolution(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events += [("2026-09-05", "escalation"), ("2026-09-06", "escalation-resolved")]
    pilot.events.sort()
    pilot.write()
    assert pilot.findings("escalation-response") == []
    assert any("esc-1" in f["message"] for f in pilot.findings("consistency"))


def test_no_commit_and_no_release_for_too_long_breaks_release_cadence(tmp_path):
    pilot = Pilot(tmp_path)
    pilot.commits_every(3, end="2026-09-20")
    pilot.commits_every(3, start="2026-10-01")
    pilot.write()
    [finding] = pilot.findings("release-cadence")
    assert "No release or commit for 11 days (2026-09-20 to 2026-10-01" in finding["message"]
    assert "commit " in finding["message"] and "in reorder-service" in finding["message"]


def test_release_events_count_as_deliveries(tmp_path):
    pilot = Pilot(tmp_path)
    pilot.commits_every(3, end="2026-09-20")
    pilot.commits_every(3, start="2026-10-01")
    pilot.events.append(("2026-09-26", "release"))
    pilot.write()
    assert pilot.findings("release-cadence") == []


def test_with_no_repos_a_late_release_says_only_logged_releases_count_and_how_to_log_one(tmp_path):
    pilot = Pilot(tmp_path)
    repos = pilot.charter_text[pilot.charter_text.index("repos:") : pilot.charter_text.index("cadences:")]
    pilot.charter_text = pilot.charter_text.replace(repos, "repos: []\n")
    pilot.events += [("2026-09-03", "release"), ("2026-09-07", "release"), ("2026-09-25", "release")]
    pilot.events += [("2026-09-30", "release"), ("2026-10-07", "release"), ("2026-10-14", "release")]
    pilot.write()
    [finding] = pilot.findings("release-cadence")
    assert "No release or commit for 18 days (2026-09-07 to 2026-09-25" in finding["message"]
    assert "lists no repos, so releases count only when they are logged" in finding["message"]
    assert "`govkit log reorder-pilot release`" in finding["message"]


def test_an_unreviewed_change_to_a_guarded_path_names_the_commit(tmp_path):
    pilot = healthy(tmp_path)
    sha = pilot.team_repo.commit("2026-10-01", {"infra/main.tf": "x"}, message="Open the firewall")
    [finding] = pilot.findings("guarded-paths")
    assert finding["commit"] == sha
    assert sha[:10] in finding["message"] and "reorder-service" in finding["message"]
    assert "Tom Becker <tom.becker@example.com>" in finding["message"] and '"Open the firewall"' in finding["message"]
    assert "infra/main.tf" in finding["message"] and "it-security@example.com" in finding["message"]


def test_a_technology_member_may_review_a_guarded_change(tmp_path):
    pilot = healthy(tmp_path)
    pilot.team_repo.commit(
        "2026-10-01", {"auth/x.py": "x"}, trailers=["reviewed-by: Raj <raj@users.noreply.example.com>"]
    )
    assert pilot.findings("guarded-paths") == []


def test_an_author_cannot_review_their_own_guarded_change(tmp_path):
    pilot = healthy(tmp_path)
    sha = pilot.team_repo.commit("2026-10-01", {"auth/x.py": "x"}, author=RAJ, trailers=[f"Reviewed-by: {RAJ}"])
    [finding] = pilot.findings("guarded-paths")
    assert finding["commit"] == sha and "cannot review their own change" in finding["message"]


def test_every_glob_of_a_guard_matches_whole_paths_only(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charter_text = pilot.charter_text.replace(
        'paths: ["auth/**", "infra/**"]', 'paths: ["auth/*.py", "infra/**"]'
    )
    pilot.write()
    pilot.team_repo.commit("2026-10-01", {"auth/cache.pyc": "x", "auth/keys/login.py": "x"})
    assert pilot.findings("guarded-paths") == []
    sha = pilot.team_repo.commit("2026-10-02", {"auth/login.py": "x"})
    assert [f["commit"] for f in pilot.findings("guarded-paths")] == [sha]


def test_each_guard_a_commit_touches_needs_its_own_review(tmp_path):
    pilot = healthy(tmp_path)
    data_guard = '      - area: data\n        owner: dpo@example.com\n        paths: ["db/**"]\n'
    pilot.charter_text = pilot.charter_text.replace("cadences:\n", data_guard + "cadences:\n", 1)
    pilot.write()
    security_only = ["Reviewed-by: IT Security <it-security@example.com>"]
    sha = pilot.team_repo.commit("2026-10-01", {"auth/a.py": "x", "db/s.sql": "x"}, trailers=security_only)
    [finding] = pilot.findings("guarded-paths")
    assert finding["commit"] == sha
    assert "db/s.sql, guarded by dpo@example.com (data)" in finding["message"]
    assert "auth/a.py" not in finding["message"]
    both = ["Reviewed-by: IT Security <it-security@example.com>, DPO <dpo@example.com>"]
    pilot.team_repo.commit("2026-10-02", {"auth/b.py": "x", "db/t.sql": "x"}, trailers=both)
    assert [f["commit"] for f in pilot.findings("guarded-paths")] == [sha]


def test_guards_read_globs_as_gitignore_does(tmp_path):
    pilot = healthy(tmp_path)
    globs = 'paths: ["/deploy/**", "secrets/", "*.tf"]'
    pilot.charter_text = pilot.charter_text.replace('paths: ["auth/**", "infra/**"]', globs)
    pilot.write()
    shas = [
        pilot.team_repo.commit("2026-10-01", {"deploy/prod.yaml": "x"}),
        pilot.team_repo.commit("2026-10-02", {"config/secrets/key.pem": "x"}),
        pilot.team_repo.commit("2026-10-03", {"modules/net/main.tf": "x"}),
    ]
    pilot.team_repo.commit("2026-10-04", {"src/deploy/prod.yaml": "x", "main.tfvars": "x"})
    assert sorted(f["commit"] for f in pilot.findings("guarded-paths")) == sorted(shas)


def test_file_names_git_quotes_are_still_guarded(tmp_path):
    pilot = healthy(tmp_path)
    quoted = pilot.team_repo.commit("2026-10-01", {'auth/"quoted".py': "x"})
    backslash = pilot.team_repo.commit("2026-10-02", {"auth/back\\slash.py": "x"})
    accented = pilot.team_repo.commit("2026-10-03", {"auth/café.py": "x"})
    found = {f["commit"]: f["message"] for f in pilot.findings("guarded-paths")}
    assert set(found) == {quoted, backslash, accented}
    assert 'auth/"quoted".py' in found[quoted] and "auth/café.py" in found[accented]


def test_a_commit_with_a_skewed_clock_hides_no_history(tmp_path):
    pilot = healthy(tmp_path)
    outsider = "Eve Outside <eve@example.org>"
    eve = pilot.team_repo.commit("2026-09-21", {"auth/a.py": "x"}, author=outsider)
    pilot.team_repo.commit("2026-09-23", committed="2026-08-01", message="Committed on a machine with a wrong clock")
    pilot.team_repo.commit("2026-09-26")
    assert [f["commit"] for f in pilot.findings("guarded-paths")] == [eve]
    assert [f["commit"] for f in pilot.findings("roster-authors")] == [eve]
    assert pilot.findings("release-cadence") == []


def test_trailers_outside_the_last_paragraph_do_not_count(tmp_path):
    pilot = healthy(tmp_path)
    pilot.team_repo.commit(
        "2026-10-01",
        {"auth/x.py": "x"},
        message="Fix login\n\nReviewed-by: it-security@example.com\n\nThe review line above is prose, not a trailer.",
    )
    assert len(pilot.findings("guarded-paths")) == 1


def test_a_commit_by_an_outsider_is_a_warning(tmp_path):
    pilot = healthy(tmp_path)
    sha = pilot.team_repo.commit("2026-10-03", author="Eve Contractor <eve@vendor.example>", message="Quick fix")
    [finding] = pilot.findings("roster-authors")
    assert finding["severity"] == "warning" and finding["commit"] == sha
    assert "Eve Contractor <eve@vendor.example>" in finding["message"]
    run = pilot.check()
    assert run.exit_code == 0 and run.json()["teams"][0]["status"] == "amber"


def test_commits_outside_the_timebox_or_after_as_of_are_ignored(tmp_path):
    pilot = healthy(tmp_path)
    pilot.team_repo.commit("2026-08-20", author="Eve Contractor <eve@vendor.example>")
    pilot.team_repo.commit("2026-10-20", author="Eve Contractor <eve@vendor.example>")
    assert pilot.findings("roster-authors") == []
    assert len(pilot.findings("roster-authors", as_of="2026-10-21")) == 1


def test_events_after_the_as_of_date_are_ignored_and_after_today_are_findings(tmp_path):
    pilot = healthy(tmp_path)
    pilot.events.append(("2026-10-20", "demo"))
    pilot.events.append(("2999-01-01", "retro"))
    pilot.write()
    found = pilot.findings()
    assert [(f["rule"], f["line"]) for f in found] == [
        ("consistency", line_of(pilot.activity_text(), "date: 2999-01-01"))
    ]


def test_a_merge_commit_and_non_utf8_messages_are_read(tmp_path):
    pilot = healthy(tmp_path)
    repo = pilot.team_repo
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("2026-10-01", {"side.txt": "x"})
    repo.git("checkout", "-q", "main")
    repo.commit("2026-10-02", {"main.txt": "y"})
    env = {"GIT_AUTHOR_DATE": "2026-10-03T12:00:00Z", "GIT_COMMITTER_DATE": "2026-10-03T12:00:00Z"}
    env |= {"GIT_AUTHOR_NAME": "Tom", "GIT_AUTHOR_EMAIL": "tom.becker@example.com"}
    env |= {"GIT_COMMITTER_NAME": "Tom", "GIT_COMMITTER_EMAIL": "tom.becker@example.com"}
    repo.git("merge", "-q", "--no-ff", "-m", "Merge side", "side", env=env)
    (repo.path / "latin1.txt").write_text("x")
    repo.git("add", "-A")
    message = "Caf\xe9 fix".encode("latin-1")
    (repo.path / ".msg").write_bytes(message)
    repo.git("-c", "i18n.commitEncoding=none", "commit", "-q", "-F", ".msg", env=env)
    run = pilot.check()
    assert run.exit_code == 0, run.stdout
    assert run.json()["findings"] == []


def test_check_only_named_teams_and_refuse_unknown_ones(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charters.charter("govkit: [\n", team="broken")
    assert [t["team"] for t in pilot.check("reorder-pilot").json()["teams"]] == ["reorder-pilot"]
    run = pilot.check("nope")
    assert run.exit_code == 2 and "no team `nope`" in run.stderr


def test_one_broken_team_does_not_stop_the_others(tmp_path):
    pilot = healthy(tmp_path)
    pilot.charters.charter("govkit: [\n", team="broken")
    data = pilot.check().json()
    assert {t["team"]: t["status"] for t in data["teams"]} == {"broken": "red", "reorder-pilot": "green"}


def test_a_bad_as_of_date_is_a_usage_error(tmp_path):
    pilot = healthy(tmp_path)
    run = pilot.check(as_of="15/10/2026")
    assert run.exit_code == 2


def test_findings_from_git_are_placed_at_their_repo_in_every_format(tmp_path):
    pilot = Pilot(tmp_path)
    pilot.commits_every(3, end="2026-09-20")
    last = pilot.team_repo.git("rev-parse", "HEAD")
    pilot.commits_every(3, start="2026-10-01")
    pilot.team_repo.commit("2026-10-02", {"auth/x.py": "x"}, author="Eve Outside <eve@example.org>")
    pilot.write()
    findings = pilot.findings()
    by_rule = {f["rule"]: f for f in findings if f.get("commit")}
    assert set(by_rule) == {"release-cadence", "guarded-paths", "roster-authors"}
    assert by_rule["release-cadence"]["commit"] == last
    repo_line = line_of(pilot.charter_text, "path: ../reorder-service")
    for finding in by_rule.values():
        assert (finding["file"], finding["line"]) == ("teams/reorder-pilot/charter.yaml", repo_line)
    sarif = json.loads(pilot.check("--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    assert len(results) == len(findings) and all(result["locations"] for result in results)
