"""`govkit ci github --team-repo TEAM`: the workflow that gates each pull request in a team's repos.

It belongs in the team's repos, not in the charter repo, so it is printed for the IT lead to
commit there (govkit writes nothing outside the charter repo). Each pull request is judged by
`govkit gate` against the team's charter as the charter repo holds it, which the workflow checks
out with full history; the findings go to code scanning on the changed files, and the job fails
on errors, so a branch protection rule that requires it stops the change before it merges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkit.ci.github import MARKER, SARIF_JOB_PERMISSIONS, UPLOAD_SARIF, checkout_step, quoted, setup_steps
from govkit.ci.repos import github_repository, listed_repos
from govkit.errors import GovkitError
from govkit.git.run import origin_url, top_of
from govkit.repo import TEAM_ID_PATTERN, CharterRepo

WORKFLOW = ".github/workflows/govkit-gate.yml"
CHARTERS_SECRET = "GOVKIT_CHARTERS_TOKEN"
CHARTER_FOLDER, TEAM_FOLDER = "charters", "team-repo"


@dataclass(frozen=True, slots=True)
class GateWorkflow:
    text: str
    repos: tuple[str, ...]  # the team's repos, each `name (url)`, where the file is to be committed
    notes: tuple[str, ...]  # what to fix first, one line each


def gate_workflow(charters: CharterRepo, team: str, install: str) -> GateWorkflow:
    charters.chosen([team])
    if not re.fullmatch(TEAM_ID_PATTERN, team):  # it is written into a shell command
        raise GovkitError(f"`{team}` is not a team id govkit can write into a workflow; rename its folder.")
    repos = tuple(f"{r.name} ({r.url or 'no url'})" for r in listed_repos(charters) if r.team == team)
    top = top_of(charters.root)
    address = origin_url(top) if top is not None else None
    repository = github_repository(address)
    notes = []
    if repository is None:
        notes.append(
            "The charter repo's `origin` remote is not a GitHub repo, so the workflow has a placeholder where it "
            "checks the charter repo out: push the charter repo to GitHub and run this again, or replace "
            "YOUR-ORG/YOUR-CHARTER-REPO in it."
        )
    text = _render(team, repository or "YOUR-ORG/YOUR-CHARTER-REPO", install)
    return GateWorkflow(text, repos, tuple(notes))


def _render(team: str, charter_repo: str, install: str) -> str:
    gate = f'govkit gate --charter ../{CHARTER_FOLDER} --team {team} "$BASE..$HEAD"'
    change = [
        "        env:",
        "          BASE: ${{ github.event.pull_request.base.sha }}",
        "          HEAD: ${{ github.event.pull_request.head.sha }}",
    ]
    lines = [
        f"{MARKER} --team-repo {team}, for team {team}'s repos. Commit it as",
        f"# {WORKFLOW} in each of them; run the command again when the team's charter moves.",
        "#",
        f"# Each pull request's commits are judged against {team}'s charter in force: changes to guarded",
        "# paths need their review, authors must be on the roster. Findings appear in code scanning on the",
        "# changed files; the job fails on errors, so requiring it in branch protection stops the merge.",
        f"# A private charter repo: add a repository secret {CHARTERS_SECRET} holding a token that may read it.",
        "name: govkit gate",
        "on:",
        "  pull_request:",
        "permissions: {}",
        "jobs:",
        "  gate:",
        f"    name: {quoted(f'Judge the change against the charter of {team}')}",
        "    runs-on: ubuntu-latest",
        *SARIF_JOB_PERMISSIONS,
        "    steps:",
        *checkout_step("Check out this repo with full history", {"path": TEAM_FOLDER}),
        *checkout_step(
            "Check out the charter repo with full history",
            {
                "repository": charter_repo,
                "path": CHARTER_FOLDER,
                "token": f"${{{{ secrets.{CHARTERS_SECRET} || github.token }}}}",
            },
        ),
        *setup_steps(install),
        "      - name: Judge the change, as SARIF for code scanning",
        f"        working-directory: {TEAM_FOLDER}",
        *change,
        f"        run: {gate} --format sarif --fail-on never > ../govkit-gate.sarif",
        "      - name: Upload the findings to code scanning",
        f"        uses: {UPLOAD_SARIF}",
        "        with:",
        "          sarif_file: govkit-gate.sarif",
        "          category: govkit-gate",
        f"          checkout_path: {TEAM_FOLDER}",
        "      - name: Judge the change, and fail on errors",
        f"        working-directory: {TEAM_FOLDER}",
        *change,
        f"        run: {gate} --format github",
    ]
    return "\n".join(lines) + "\n"
