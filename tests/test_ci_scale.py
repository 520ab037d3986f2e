"""`govkit ci github --matrix N` (shards, one merge) and `--team-repo TEAM` (the gate), run as written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from govkit.model import share_of
from tests.conftest import govkit
from tests.gitrepo import GitRepo
from tests.test_ci import steps, valid_for_github, with_repos

TEAMS = ["reorder-pilot", "returns-pilot", "claims-pilot", "basket-pilot"]
LEADS = ["Approved-by: Ana Silva <ana.silva@example.com>", "Approved-by: Raj Patel <raj.patel@example.com>"]
ENV = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}


def organisation(tmp_path: Path) -> tuple[GitRepo, dict[str, GitRepo]]:
    """A charter repo in git whose teams each have a repo of their own, and share one more."""
    origin = tmp_path / "origin"
    repos = {name: GitRepo(origin / name) for name in [f"{team}-service" for team in TEAMS] + ["shared-ui"]}
    for number, repo in enumerate(repos.values()):
        repo.commit("2026-09-02", author="Raj Patel <raj.patel@example.com>")
        repo.commit(f"2026-09-{10 + number}", {"auth/x.py": "x"}, author="Tom Becker <tom.becker@example.com>")
    charters = GitRepo(origin / "charters")
    files = {}
    for team in TEAMS:
        block = f"repos:\n  - name: {team}-service\n    path: ../{team}-service\n"
        block += f"    url: https://github.com/acme/{team}-service\n"
        block += (
            '    guarded:\n      - area: security\n        owner: it-security@example.com\n        paths: ["auth/**"]\n'
        )
        if team in ("reorder-pilot", "claims-pilot"):
            block += "  - name: shared-ui\n    path: ../shared-ui\n    url: https://github.com/acme/shared-ui\n"
        files[f"teams/{team}/charter.yaml"] = with_repos(block, team)
    charters.commit("2026-08-25", files, trailers=LEADS)
    return charters, repos


def workflow(charters: GitRepo) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((charters.path / ".github/workflows/govkit.yml").read_text())
    return loaded


def shards_of(step: dict[str, Any], count: int) -> set[int]:
    """The shards a step runs in, read from its `if:`."""
    if "if" not in step:
        return set(range(1, count + 1))
    return {int(n) for n in re.findall(r"matrix\.shard == (\d+)", step["if"])}


def run_steps(
    job: list[dict[str, Any]], workspace: Path, values: dict[str, str]
) -> list[subprocess.CompletedProcess[str]]:
    """Every govkit step of a job, in the workspace, as the runner would run it, `values` filling its expressions."""
    done = []
    for step in job:
        if "govkit" in step.get("run", "") and "pip" not in step["run"]:
            env = {
                key: re.sub(r"\$\{\{ ([\w.]+) \}\}", lambda m: values[m[1]], value)
                for key, value in step.get("env", {}).items()
            }
            where = workspace / step.get("working-directory", ".")
            done.append(
                subprocess.run(
                    ["bash", "-c", step["run"]], cwd=where, env={**ENV, **env}, capture_output=True, text=True
                )
            )
    return done


def test_the_matrix_checks_every_shard_with_only_its_teams_repos_and_merges_once(tmp_path):
    charters, _ = organisation(tmp_path)
    run = govkit("ci", "github", "--root", str(charters.path), "--matrix", "3")
    assert run.exit_code == 0, run.stderr
    assert "in 3 shards" in run.stdout
    path = charters.path / ".github/workflows/govkit.yml"
    valid_for_github(path)
    flow = workflow(charters)
    check, merge = flow["jobs"]["check"], flow["jobs"]["merge"]
    assert check["strategy"] == {"fail-fast": False, "matrix": {"shard": [1, 2, 3]}}
    assert merge["needs"] == "check"
    for step in steps(flow, "check"):
        repository = step.get("with", {}).get("repository")
        if repository is None:
            continue
        listed_by = [team for team in TEAMS if repository == f"acme/{team}-service"] or [
            "reorder-pilot",
            "claims-pilot",
        ]
        assert shards_of(step, 3) == {share_of(team, 3) for team in listed_by}, repository
    assert check["permissions"] == {"contents": "read"}
    assert merge["permissions"] == {"contents": "read", "actions": "read", "security-events": "write"}
    uploads = [s for s in steps(flow, "merge") if "upload-sarif" in s.get("uses", "")]
    assert len(uploads) == 1 and not [s for s in steps(flow, "check") if "upload-sarif" in s.get("uses", "")]
    assert any(s.get("with", {}).get("name") == "govkit-site" for s in steps(flow, "merge"))


def test_the_matrix_jobs_run_as_written_give_the_one_run_s_findings(tmp_path):
    charters, repos = organisation(tmp_path)
    assert govkit("ci", "github", "--root", str(charters.path), "--matrix", "3").exit_code == 0
    flow = workflow(charters)
    parts = tmp_path / "downloaded"
    parts.mkdir()
    sources = {f"acme/{name}": repo.path for name, repo in repos.items()}
    for shard in (1, 2, 3):
        workspace = tmp_path / f"shard-{shard}"
        for step in steps(flow, "check"):
            if step.get("uses", "").startswith("actions/checkout@") and shard in shards_of(step, 3):
                source = sources.get(step["with"].get("repository"), charters.path)
                subprocess.run(["git", "clone", "-q", str(source), str(workspace / step["with"]["path"])], check=True)
        done = run_steps(steps(flow, "check"), workspace, {"matrix.shard": str(shard)})
        assert [d.returncode for d in done] == [0], [d.stderr for d in done]
        shutil.copy(workspace / f"govkit-part-{shard}.json", parts)
    merge = tmp_path / "merge"
    subprocess.run(["git", "clone", "-q", str(charters.path), str(merge / "charters")], check=True)
    shutil.copytree(parts, merge / "govkit-parts")
    done = run_steps(steps(flow, "merge"), merge, {})
    assert [d.returncode for d in done] == [0, 0, 1], [d.stderr for d in done]  # the last fails on errors
    whole = tmp_path / "whole"
    for name, repo in repos.items():
        subprocess.run(["git", "clone", "-q", str(repo.path), str(whole / name)], check=True)
    subprocess.run(["git", "clone", "-q", str(charters.path), str(whole / "charters")], check=True)
    one_run = govkit("check", "--root", str(whole / "charters"), "--format", "sarif", "--fail-on", "never")
    assert (merge / "govkit-check.sarif").read_text() == one_run.stdout
    assert '"ruleId": "guarded-paths"' in one_run.stdout and '"ruleId": "git"' not in one_run.stdout
    assert sorted(p.name for p in (merge / "govkit-site").iterdir()) == sorted(
        [".govkit-site", "index.html", *(f"{team}.html" for team in TEAMS)]
    )


def test_the_team_repo_workflow_is_printed_for_the_team_s_repos_and_written_nowhere(tmp_path):
    charters, _ = organisation(tmp_path)
    charters.git("remote", "add", "origin", "https://github.com/acme/charters")
    run = govkit("ci", "github", "--root", str(charters.path), "--team-repo", "claims-pilot")
    assert run.exit_code == 0, run.stderr
    assert "Commit this as .github/workflows/govkit-gate.yml in the repos of claims-pilot" in run.stderr
    assert "claims-pilot-service (https://github.com/acme/claims-pilot-service)" in run.stderr
    assert not (charters.path / ".github").exists()
    printed = tmp_path / "govkit-gate.yml"
    printed.write_text(run.stdout)
    valid_for_github(printed)
    flow = yaml.safe_load(run.stdout)
    assert set(flow[True]) == {"pull_request"}
    [checkout] = [s for s in steps(flow, "gate") if s.get("with", {}).get("repository")]
    assert checkout["with"]["repository"] == "acme/charters" and checkout["with"]["fetch-depth"] == 0
    runs = [s["run"] for s in steps(flow, "gate") if "govkit gate" in s.get("run", "")]
    assert all("--team claims-pilot" in r and '"$BASE..$HEAD"' in r for r in runs) and len(runs) == 2


def test_the_gate_workflow_runs_as_written_and_stops_an_unreviewed_change(tmp_path):
    charters, repos = organisation(tmp_path)
    charters.git("remote", "add", "origin", "https://github.com/acme/charters")
    run = govkit("ci", "github", "--root", str(charters.path), "--team-repo", "returns-pilot")
    flow = yaml.safe_load(run.stdout)
    team = repos["returns-pilot-service"]
    base = team.git("rev-parse", "HEAD")
    team.git("checkout", "-q", "-b", "change")
    head = team.commit("2026-10-01", {"auth/login.py": "y"}, author="Tom Becker <tom.becker@example.com>")
    workspace = tmp_path / "runner"
    for step in steps(flow, "gate"):
        if step.get("uses", "").startswith("actions/checkout@"):
            source = charters.path if step["with"].get("repository") else team.path
            subprocess.run(["git", "clone", "-q", str(source), str(workspace / step["with"]["path"])], check=True)
    values = {"github.event.pull_request.base.sha": base, "github.event.pull_request.head.sha": head}
    done = run_steps(steps(flow, "gate"), workspace, values)
    assert [d.returncode for d in done] == [0, 1], [d.stderr for d in done]
    sarif = json.loads((workspace / "govkit-gate.sarif").read_text())
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "guarded-paths"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "auth/login.py"


def test_the_team_repo_workflow_says_when_the_charter_repo_is_not_on_github(tmp_path):
    charters, _ = organisation(tmp_path)
    run = govkit("ci", "github", "--root", str(charters.path), "--team-repo", "claims-pilot")
    assert run.exit_code == 0 and "is not a GitHub repo" in run.stderr
    assert "repository: YOUR-ORG/YOUR-CHARTER-REPO" in run.stdout
    both = govkit("ci", "github", "--root", str(charters.path), "--team-repo", "claims-pilot", "--matrix", "2")
    assert both.exit_code == 2 and "leave out --matrix" in both.stderr


def test_a_team_folder_whose_name_is_not_a_team_id_is_never_written_into_a_workflow(tmp_path):
    charters, _ = organisation(tmp_path)
    odd = "x$(touch pwned)"
    (charters.path / "teams" / odd).mkdir()
    (charters.path / "teams" / odd / "charter.yaml").write_text(with_repos("repos: []\n", "reorder-pilot"))
    run = govkit("ci", "github", "--root", str(charters.path), "--team-repo", odd)
    assert run.exit_code == 2 and "is not a team id" in run.stderr and "internal error" not in run.stderr
    assert run.stdout == "" and not (tmp_path / "pwned").exists()
