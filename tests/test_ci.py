"""`govkit ci github`: the charter repo's workflow, written from the charters as they are."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from govkit import REPOSITORY, __version__
from tests.conftest import HEALTHY_CHARTER, Repo, govkit, line_of
from tests.gitrepo import GitRepo

ROOT = Path(__file__).resolve().parents[1]
REPOS = "repos:\n  - name: reorder-service\n    path: ../reorder-service\n"


def with_repos(block: str, team: str = "reorder-pilot") -> str:
    """The healthy charter of `team`, listing the repos in `block` instead of its own."""
    start, end = HEALTHY_CHARTER.index("repos:\n"), HEALTHY_CHARTER.index("cadences:\n")
    return (HEALTHY_CHARTER[:start] + block + HEALTHY_CHARTER[end:]).replace("reorder-pilot", team)


def yaml_quoted(text: str) -> str:
    return json.dumps(text)  # JSON's quoting is YAML's


def ci(repo: Repo, *extra: str) -> Any:
    return govkit("ci", "github", "--root", str(repo.root), *extra)


def workflow_of(repo: Repo) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((repo.root / ".github/workflows/govkit.yml").read_text())
    return loaded


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    return found


def valid_for_github(path: Path, schema: str = "vendor.github-workflows") -> None:
    checker = Path(sys.executable).with_name("check-jsonschema")
    done = subprocess.run(
        [str(checker), "--builtin-schema", schema, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def two_teams(repo: Repo) -> None:
    repo.charter(
        with_repos(
            "repos:\n"
            "  - name: reorder-service\n    path: ../reorder-service\n"
            "    url: https://github.com/acme/reorder-service\n"
            "  - name: shared-ui\n    path: ../shared-ui\n    url: git@github.com:acme/shared-ui.git\n"
        )
    )
    repo.charter(
        with_repos(
            "repos:\n"
            "  - name: returns-service\n    path: ../returns-service\n"
            "    url: https://gitlab.example.com/acme/returns-service.git\n"
            "  - name: shared-ui\n    path: ../shared-ui\n    url: git@github.com:acme/shared-ui.git\n",
            team="returns-pilot",
        ),
        team="returns-pilot",
    )


def test_every_team_repo_is_checked_out_once_with_full_history_and_no_stored_credentials(repo):
    two_teams(repo)
    run = ci(repo)
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ""
    check = steps(workflow_of(repo), "check")
    checkouts = [step["with"] for step in check if step.get("uses", "").startswith("actions/checkout@")]
    assert [(c.get("repository"), c["path"]) for c in checkouts] == [
        (None, "charters"),
        ("acme/reorder-service", "reorder-service"),
        ("acme/shared-ui", "shared-ui"),
    ]
    assert all(c["fetch-depth"] == 0 and c["persist-credentials"] is False for c in checkouts)
    [clone] = [step for step in check if "git clone" in step.get("run", "")]
    assert clone["env"] == {
        "REPO_URL": "https://gitlab.example.com/acme/returns-service.git",
        "REPO_FOLDER": "returns-service",
    }
    assert "--depth" not in clone["run"]
    valid_for_github(repo.root / ".github/workflows/govkit.yml")


def test_only_the_job_that_uploads_sarif_may_write_security_events(repo):
    two_teams(repo)
    ci(repo)
    workflow = workflow_of(repo)
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["lint"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["check"]["permissions"] == {
        "contents": "read",
        "actions": "read",
        "security-events": "write",
    }
    uploads = {
        job: [step for step in steps(workflow, job) if "upload-sarif" in step.get("uses", "")]
        for job in workflow["jobs"]
    }
    assert uploads["lint"] == []
    [upload] = uploads["check"]
    assert upload["with"]["category"] == "govkit-check"
    assert upload["with"]["sarif_file"] == "govkit-check.sarif"


def test_actions_are_pinned_to_full_versions_and_govkit_to_its_release_tag(repo):
    two_teams(repo)
    ci(repo)
    workflow = workflow_of(repo)
    used = [step["uses"] for job in workflow["jobs"] for step in steps(workflow, job) if "uses" in step]
    assert used and all(re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+\.\d+\.\d+", uses) for uses in used)
    installs = [
        step["run"] for job in workflow["jobs"] for step in steps(workflow, job) if "pip" in step.get("run", "")
    ]
    assert installs == [f'python -m pip install --quiet "govkit-pilots @ git+{REPOSITORY}@v{__version__}"'] * 2


def test_lint_runs_on_pull_requests_and_check_on_pull_requests_and_a_schedule(repo):
    repo.charter()
    ci(repo)
    workflow = workflow_of(repo)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true, as PyYAML does
    assert set(triggers) == {"pull_request", "schedule", "workflow_dispatch"}
    assert triggers["schedule"] == [{"cron": "0 6 * * 1-5"}]
    assert workflow["jobs"]["lint"]["if"] == "github.event_name != 'schedule'"
    assert "if" not in workflow["jobs"]["check"]
    runs = [step.get("run", "") for step in steps(workflow, "lint")]
    assert "govkit lint --format github" in runs and "govkit policy test --format github" in runs
    runs = [step.get("run", "") for step in steps(workflow, "check")]
    assert "govkit check --root charters --format github" in runs


def test_a_repo_without_a_url_gets_a_todo_and_a_located_line_that_says_what_to_add(repo):
    path = repo.charter(with_repos(REPOS))
    run = ci(repo)
    assert run.exit_code == 0, run.stderr
    line = line_of(path.read_text(), "path: ../reorder-service")
    assert run.stderr.startswith(f"teams/reorder-pilot/charter.yaml:{line}:11: repo `reorder-service` has no `url`")
    assert "url: https://github.com/YOUR-ORG/reorder-service" in run.stderr
    assert "1 not yet" in run.stdout
    text = (repo.root / ".github/workflows/govkit.yml").read_text()
    assert '# TODO: repo "reorder-service" of reorder-pilot' in text
    checkouts = [s for s in steps(workflow_of(repo), "check") if s.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 1  # the charter repo only
    valid_for_github(repo.root / ".github/workflows/govkit.yml")


@pytest.mark.parametrize("path", ["/srv/repos/reorder-service", "../../reorder-service", "C:\\repos\\x", "../a b"])
def test_a_repo_ci_cannot_place_beside_the_charter_repo_is_a_todo_not_a_checkout(repo, path):
    repo.charter(
        with_repos(f"repos:\n  - name: x\n    path: {yaml_quoted(path)}\n    url: https://github.com/acme/x\n")
    )
    run = ci(repo)
    assert run.exit_code == 0, run.stderr
    assert "CI cannot place repo `x`" in run.stderr and "`../x`" in run.stderr
    checkouts = [s for s in steps(workflow_of(repo), "check") if s.get("uses", "").startswith("actions/checkout@")]
    assert [c["with"].get("repository") for c in checkouts] == [None]


def test_refreshing_keeps_nothing_stale(repo):
    repo.charter(with_repos(REPOS + "    url: https://github.com/acme/reorder-service\n"))
    ci(repo)
    assert "acme/reorder-service" in (repo.root / ".github/workflows/govkit.yml").read_text()
    repo.charter(with_repos("repos:\n  - name: basket\n    path: ../basket\n    url: https://github.com/acme/basket\n"))
    run = ci(repo)
    assert run.exit_code == 0 and run.stdout.startswith("Wrote .github/workflows/govkit.yml")
    text = (repo.root / ".github/workflows/govkit.yml").read_text()
    assert "reorder-service" not in text and "acme/basket" in text
    assert sorted(p.name for p in (repo.root / ".github/workflows").iterdir()) == ["govkit.yml"]
    again = ci(repo)
    assert "already up to date" in again.stdout


def test_a_workflow_govkit_did_not_write_is_kept_unless_forced(repo):
    repo.charter()
    mine = repo.write(".github/workflows/govkit.yml", "name: ours\non: push\njobs: {}\n")
    run = ci(repo)
    assert run.exit_code == 2 and "internal error" not in run.stderr
    assert "was not written by govkit" in run.stderr and "--force" in run.stderr
    assert mine.read_text() == "name: ours\non: push\njobs: {}\n"
    forced = ci(repo, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert mine.read_text().startswith("# Written by `govkit ci github`")


def test_a_broken_charter_stops_the_refresh_and_leaves_the_workflow_as_it_was(repo):
    repo.charter()
    ci(repo)
    before = (repo.root / ".github/workflows/govkit.yml").read_bytes()
    path = repo.charter(HEALTHY_CHARTER.replace("    path: ../reorder-service\n", "    path: [1, 2]\n"))
    run = ci(repo)
    assert run.exit_code == 2 and "internal error" not in run.stderr
    assert run.stderr.startswith(
        f"Error: teams/reorder-pilot/charter.yaml:{line_of(path.read_text(), 'path: [1, 2]')}:"
    )
    assert "govkit lint" in run.stderr
    assert (repo.root / ".github/workflows/govkit.yml").read_bytes() == before


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/acme/x${{ secrets.GITHUB_TOKEN }}",
        "https://deploy:ghp_secret@github.com/acme/x",
        "https://github.com/acme/x\n    run: curl evil.example.com",
        "file:///etc",
        "ssh://git@-oProxyCommand=touch/x",
    ],
)
def test_a_url_that_could_carry_an_expression_or_a_secret_is_refused_where_it_is_written(repo, url):
    path = repo.charter(with_repos(f"repos:\n  - name: x\n    path: ../x\n    url: {yaml_quoted(url)}\n"))
    found = govkit("lint", "--root", str(repo.root), "--format", "json").json()["findings"]
    [schema] = [f for f in found if f["rule"] == "schema"]
    assert schema["line"] == line_of(path.read_text(), "    url: ")
    assert "no password or token" in schema["message"]
    run = ci(repo)
    assert run.exit_code == 2 and "internal error" not in run.stderr
    assert not (repo.root / ".github").exists()


@pytest.mark.parametrize("url", ["https://github.com/acme/x\\n", "https://github.com/acme/x/tree/main"])
def test_a_url_that_is_not_a_plain_repo_address_is_not_placed_in_the_workflow(repo, url):
    repo.charter(with_repos(f'repos:\n  - name: x\n    path: ../x\n    url: "{url}"\n'))
    run = ci(repo)
    assert run.exit_code == 0 and "cannot be used in a workflow: write the repo's own address" in run.stderr
    checkouts = [s for s in steps(workflow_of(repo), "check") if s.get("uses", "").startswith("actions/checkout@")]
    assert len(checkouts) == 1  # the charter repo only


def test_text_from_charters_cannot_break_out_of_the_workflow_s_comments(repo):
    repo.charter(
        with_repos(
            'repos:\n  - name: "x\\n    run: curl evil.example.com\\u2028${{ secrets.T }}"\n'
            "    path: ../x\n    url: https://github.com/acme/x\n"
        )
    )
    run = ci(repo)
    assert run.exit_code == 0, run.stderr
    text = (repo.root / ".github/workflows/govkit.yml").read_text()
    assert "curl" not in "".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    expressions = [line.strip() for line in text.splitlines() if "${{" in line and not line.lstrip().startswith("#")]
    assert expressions == ["token: ${{ secrets.GOVKIT_REPOS_TOKEN || github.token }}"]
    assert text.isascii()
    valid_for_github(repo.root / ".github/workflows/govkit.yml")


def test_a_workflow_folder_linked_out_of_the_repo_is_refused(repo, tmp_path):
    repo.charter()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (repo.root / ".github").symlink_to(outside, target_is_directory=True)
    run = ci(repo)
    assert run.exit_code == 2 and "is a link" in run.stderr
    assert list(outside.iterdir()) == []


def test_the_check_job_runs_as_written_in_the_workspace_its_checkouts_lay_out(tmp_path):
    """Lay the workspace out as the checkout steps say (full clones), then run the job's govkit steps."""
    team = GitRepo(tmp_path / "origin" / "reorder-service")
    team.commit("2026-09-02", author="Raj Patel <raj.patel@example.com>")
    charters = GitRepo(tmp_path / "origin" / "charters")
    (charters.path / "teams" / "reorder-pilot").mkdir(parents=True)
    block = REPOS + "    url: https://github.com/acme/reorder-service\n"
    charters.commit("2026-09-01", {"teams/reorder-pilot/charter.yaml": with_repos(block)})
    run = govkit("ci", "github", "--root", str(charters.path))
    assert run.exit_code == 0, run.stderr
    workflow = yaml.safe_load((charters.path / ".github/workflows/govkit.yml").read_text())
    workspace = tmp_path / "workspace"
    sources = {None: charters.path, "acme/reorder-service": team.path}
    for step in workflow["jobs"]["check"]["steps"]:
        if step.get("uses", "").startswith("actions/checkout@"):
            source = sources[step["with"].get("repository")]
            subprocess.run(["git", "clone", "-q", str(source), str(workspace / step["with"]["path"])], check=True)
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}
    runs = [
        s["run"] for s in workflow["jobs"]["check"]["steps"] if "govkit" in s.get("run", "") and "pip" not in s["run"]
    ]
    done = [subprocess.run(["bash", "-c", r], cwd=workspace, env=env, capture_output=True, text=True) for r in runs]
    assert [d.returncode in (0, 1) for d in done] == [True, True], [d.stderr for d in done]
    sarif = (workspace / "govkit-check.sarif").read_text()
    assert '"ruleId": "git"' not in sarif and '"ruleId": "amendment-signoff"' not in sarif
    assert '"ruleId": "release-cadence"' in sarif  # the team repo's history was read: one commit in months


def test_the_action_checks_out_with_full_history_and_installs_itself(tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    steps_ = action["runs"]["steps"]
    [checkout] = [s for s in steps_ if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    assert all(re.fullmatch(r"[\w.-]+/[\w./-]+@v\d+\.\d+\.\d+", s["uses"]) for s in steps_ if "uses" in s)
    [install] = [s for s in steps_ if "pip install" in s.get("run", "")]
    assert install["env"]["GOVKIT_SOURCE"] == "${{ github.action_path }}"
    valid_for_github(ROOT / "action.yml", "vendor.github-actions")
