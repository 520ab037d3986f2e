"""`govkit gate BASE..HEAD`: a change's commits judged in the team repo, before they merge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import HEALTHY_CHARTER, govkit
from tests.gitrepo import GitRepo

AS_OF = "2026-10-15"
TOM = "Tom Becker <tom.becker@example.com>"
EVE = "Eve Outside <eve@example.org>"
LEADS = ["Approved-by: Ana Silva <ana.silva@example.com>", "Approved-by: Raj Patel <raj.patel@example.com>"]


class Change:
    """A charter repo in git, and a team repo with work on main and a branch `feature` on top of it."""

    def __init__(self, tmp_path: Path, charter: str = HEALTHY_CHARTER) -> None:
        self.charters = GitRepo(tmp_path / "charters")
        self.charters.commit("2026-08-20", {"teams/reorder-pilot/charter.yaml": charter}, author=TOM, trailers=LEADS)
        self.team = GitRepo(tmp_path / "reorder-service")
        self.team.commit("2026-09-02", author=TOM)
        # an unreviewed change to a guarded path already on main: not this change's business
        self.team.commit("2026-09-03", {"auth/old.py": "x"}, author=TOM, message="Old login")
        self.team.git("checkout", "-q", "-b", "feature")

    def gate(self, monkeypatch: pytest.MonkeyPatch, *extra: str, charter: str | None = None) -> tuple[int, str, str]:
        monkeypatch.chdir(self.team.path)
        where = charter or str(self.charters.path)
        run = govkit("gate", "--charter", where, "--team", "reorder-pilot", "main..feature", "--as-of", AS_OF, *extra)
        return run.exit_code, run.stdout, run.stderr

    def findings(self, monkeypatch: pytest.MonkeyPatch, *extra: str) -> list[dict]:
        code, out, err = self.gate(monkeypatch, "--format", "json", "--fail-on", "never", *extra)
        assert code == 0, err
        return json.loads(out)["findings"]


def test_an_unreviewed_change_to_a_guarded_path_stops_the_merge_at_the_changed_file(tmp_path, monkeypatch):
    change = Change(tmp_path)
    change.team.commit("2026-10-01", {"src/app.py": "x"}, author=TOM)
    sha = change.team.commit("2026-10-02", {"src/ui.py": "x", "auth/login.py": "y"}, author=TOM, message="Login")
    code, out, _ = change.gate(monkeypatch)
    assert code == 1
    assert "auth/login.py:" in out and "auth/old.py" not in out
    [finding] = change.findings(monkeypatch)
    assert (finding["rule"], finding["file"], finding["commit"]) == ("guarded-paths", "auth/login.py", sha)
    assert finding["severity"] == "error" and finding["team"] == "reorder-pilot"


def test_a_change_reviewed_as_the_charter_asks_passes(tmp_path, monkeypatch):
    change = Change(tmp_path)
    reviewed = ["Reviewed-by: IT Security <it-security@example.com>"]
    change.team.commit("2026-10-02", {"auth/login.py": "y"}, author=TOM, trailers=reviewed)
    code, out, err = change.gate(monkeypatch)
    assert code == 0, err
    assert out.startswith("govkit gate: 0 errors, 0 warnings, 0 infos")


def test_an_outsider_s_commit_is_a_warning_on_its_file(tmp_path, monkeypatch):
    change = Change(tmp_path)
    change.team.commit("2026-10-03", {"docs/guide.md": "x"}, author=EVE)
    [finding] = change.findings(monkeypatch)
    assert (finding["rule"], finding["severity"], finding["file"]) == ("roster-authors", "warning", "docs/guide.md")
    assert "Eve Outside <eve@example.org>" in finding["message"]
    assert change.gate(monkeypatch)[0] == 0  # warnings pass the default --fail-on error
    assert change.gate(monkeypatch, "--fail-on", "warning")[0] == 1


def test_the_gate_says_before_the_merge_what_check_says_after_it(tmp_path, monkeypatch):
    change = Change(tmp_path)
    change.team.commit("2026-10-02", {"infra/main.tf": "y"}, author=TOM)
    change.team.commit("2026-10-04", {"src/x.py": "y"}, author=EVE)
    before = change.findings(monkeypatch)
    change.team.git("checkout", "-q", "main")
    change.team.git("merge", "-q", "--ff-only", "feature")
    checked = govkit("check", "--root", str(change.charters.path), "--as-of", AS_OF, "--format", "json")
    after = [f for f in checked.json()["findings"] if f["rule"] in ("guarded-paths", "roster-authors")]
    new = [f for f in after if "auth/old.py" not in f["message"]]
    assert [(f["rule"], f["message"], f["commit"]) for f in before] == [
        (f["rule"], f["message"], f["commit"]) for f in new
    ]


def test_sarif_places_each_finding_on_the_team_repo_s_own_file(tmp_path, monkeypatch):
    change = Change(tmp_path)
    change.team.commit("2026-10-02", {"auth/login.py": "y"}, author=TOM)
    code, out, err = change.gate(monkeypatch, "--format", "sarif")
    assert code == 1, err
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "auth/login.py"


def test_the_charter_repo_may_be_given_by_its_address(tmp_path, monkeypatch):
    change = Change(tmp_path)
    change.team.commit("2026-10-02", {"auth/login.py": "y"}, author=TOM)
    by_folder = change.findings(monkeypatch)
    code, out, err = change.gate(monkeypatch, "--format", "json", charter=change.charters.path.as_uri())
    assert code == 1, err
    assert json.loads(out)["findings"] == by_folder and len(by_folder) == 1


def test_a_waived_rule_does_not_stop_the_merge(tmp_path, monkeypatch):
    waiver = (
        "waivers:\n  - rule: guarded-paths\n    reason: The security team pairs with us this month\n"
        "    approved_by: [ana.silva@example.com, raj.patel@example.com]\n    expires: 2026-11-30\n"
    )
    change = Change(tmp_path, HEALTHY_CHARTER + waiver)
    change.team.commit("2026-10-02", {"auth/login.py": "y"}, author=TOM)
    [finding] = change.findings(monkeypatch)
    assert finding["waived"] is True
    assert change.gate(monkeypatch)[0] == 0


def test_the_repo_is_found_by_its_url_when_the_team_lists_several(tmp_path, monkeypatch):
    listed = (
        "repos:\n  - name: web\n    path: ../web\n    url: https://github.com/acme/web\n"
        "  - name: reorder-service\n    path: ../elsewhere\n    url: https://github.com/acme/reorder-service\n"
        '    guarded:\n      - area: security\n        owner: it-security@example.com\n        paths: ["auth/**"]\n'
    )
    start, end = HEALTHY_CHARTER.index("repos:\n"), HEALTHY_CHARTER.index("cadences:\n")
    change = Change(tmp_path, HEALTHY_CHARTER[:start] + listed + HEALTHY_CHARTER[end:])
    change.team.git("remote", "add", "origin", "git@github.com:acme/reorder-service.git")
    change.team.commit("2026-10-02", {"auth/login.py": "y"}, author=TOM)
    [finding] = change.findings(monkeypatch)
    assert "in reorder-service by" in finding["message"]
    change.team.git("remote", "set-url", "origin", "https://github.com/acme/something-else")
    code, _, err = change.gate(monkeypatch)
    assert code == 2 and "give --repo NAME, one of: web, reorder-service" in err
    assert change.findings(monkeypatch, "--repo", "reorder-service") == [finding]


@pytest.mark.parametrize(
    ("change_range", "said"),
    [("--output=WRITTEN", "is not a change"), ("main", "is not a change"), ("main..no-such-branch", "Cannot read")],
)
def test_a_range_that_is_not_a_change_is_refused(tmp_path, monkeypatch, change_range, said):
    change = Change(tmp_path)
    monkeypatch.chdir(change.team.path)
    written = tmp_path / "written"
    given = change_range.replace("WRITTEN", str(written))
    run = govkit("gate", "--charter", str(change.charters.path), "--team", "reorder-pilot", "--", given)
    assert run.exit_code == 2 and said in run.stderr and "internal error" not in run.stderr
    assert not written.exists()  # never handed to git as an option


def test_the_gate_cannot_run_outside_a_repo_or_for_an_unknown_team_or_charter(tmp_path, monkeypatch):
    change = Change(tmp_path)
    code, _, err = change.gate(monkeypatch, charter=str(tmp_path / "nowhere"))
    assert code == 2 and "neither a folder nor a repo's address" in err
    monkeypatch.chdir(change.team.path)
    run = govkit("gate", "--charter", str(change.charters.path), "--team", "nobody", "main..feature")
    assert run.exit_code == 2 and "There is no team `nobody`" in run.stderr
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    monkeypatch.chdir(outside)
    run = govkit("gate", "--charter", str(change.charters.path), "--team", "reorder-pilot", "main..feature")
    assert run.exit_code == 2 and "is not in a git repo" in run.stderr and "internal error" not in run.stderr


def test_a_commit_dated_after_today_cannot_slip_past_the_gate(tmp_path, monkeypatch):
    import datetime as dt

    change = Change(tmp_path)
    ahead = (dt.date.today() + dt.timedelta(days=300)).isoformat()
    sha = change.team.commit(ahead, {"auth/login.py": "y"}, author=TOM, message="From the future")
    monkeypatch.chdir(change.team.path)
    run = govkit(
        "gate", "--charter", str(change.charters.path), "--team", "reorder-pilot", "main..feature", "--format", "json"
    )
    assert run.exit_code == 1, run.stderr
    assert [f["commit"] for f in run.json()["findings"] if f["rule"] == "guarded-paths"] == [sha]
