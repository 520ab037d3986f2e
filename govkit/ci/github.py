"""`govkit ci github`: the charter repo's GitHub Actions workflow, written from the charters as they are.

Lint runs on pull requests; check runs on pull requests and every weekday, with the charter
repo and every team repo the charters list checked out side by side with full history (check
reads git history, and a shallow clone is a finding, never a silent pass). The IT lead writes
only each repo's `url` in its charter; the rest follows from the charters. `govkit init` writes
the same workflow.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from govkit import DISTRIBUTION, REPOSITORY, __version__
from govkit.ci.repos import WORKFLOW, Checkout, listed_repos, notes, placed_checkouts
from govkit.errors import GovkitError
from govkit.repo import CharterRepo

MARKER = "# Written by `govkit ci github`"
CHECKOUT = "actions/checkout@v4.2.2"
SETUP_PYTHON = "actions/setup-python@v5.6.0"
UPLOAD_SARIF = "github/codeql-action/upload-sarif@v3.28.0"
PYTHON = "3.11"
SCHEDULE = "0 6 * * 1-5"  # weekdays at 06:00 UTC, as the header comment says
TOKEN_SECRET = "GOVKIT_REPOS_TOKEN"
# A job that uploads SARIF: code scanning needs security-events: write, and actions: read
# in private repos; every other job reads its checkout only.
SARIF_JOB_PERMISSIONS = [
    "    permissions:",
    "      contents: read",
    "      actions: read",
    "      security-events: write",
]


def release_requirement() -> str:
    """What pip installs for this very version: the release tag in the project's repository."""
    return f"{DISTRIBUTION} @ git+{REPOSITORY}@v{__version__}"


@dataclass(frozen=True, slots=True)
class Workflow:
    text: str
    checkouts: tuple[Checkout, ...]
    notes: tuple[str, ...]  # what to add to the charters, one located line each


def github_workflow(charters: CharterRepo, matrix: int | None = None) -> Workflow:
    """The charter repo's workflow; with `matrix`, its teams checked in that many shards and merged."""
    from govkit.ci.matrix import matrix_workflow

    charter_folder, checkouts = placed_checkouts(listed_repos(charters))
    said = tuple(note for checkout in checkouts for note in notes(checkout))
    install = f"python -m pip install --quiet {quoted(release_requirement())}"
    if matrix is not None:
        return Workflow(matrix_workflow(charter_folder, checkouts, matrix, install), tuple(checkouts), said)
    return Workflow(_render(charter_folder, checkouts, install), tuple(checkouts), said)


def quoted(value: str) -> str:
    """A YAML scalar: JSON's quoting, with everything outside ASCII escaped."""
    return json.dumps(value)


def _render(charter_folder: str, checkouts: list[Checkout], install: str) -> str:
    lines = [
        f"{MARKER} from the charters in this repo. Do not edit it by hand: change",
        "# the charters (each team repo's `url`) and run `govkit ci github` again, which rewrites it.",
        "#",
        "# Pull requests: lint the governance files, and check every team against its agreements.",
        "# Every weekday at 06:00 UTC: check every team again, so a missed demo shows without any change.",
        *workflow_head(install),
        "  check:",
        "    name: Check every team against its agreements",
        "    runs-on: ubuntu-latest",
        *SARIF_JOB_PERMISSIONS,
        "    steps:",
        *checkout_step("Check out the charter repo with full history", {"path": charter_folder}),
        *team_repo_steps(checkouts),
        *setup_steps(install),
        "      - name: Check, as SARIF for code scanning",
        f"        run: govkit check --root {charter_folder} --format sarif --fail-on never > govkit-check.sarif",
        "      - name: Upload the findings to code scanning",
        f"        uses: {UPLOAD_SARIF}",
        "        with:",
        "          sarif_file: govkit-check.sarif",
        "          category: govkit-check",
        f"          checkout_path: {charter_folder}",
        "      - name: Check, and fail on errors",
        f"        run: govkit check --root {charter_folder} --format github",
    ]
    return "\n".join(lines) + "\n"


def workflow_head(install: str) -> list[str]:
    """What every charter-repo workflow starts with after its own comment: a note on private team
    repos, when it runs, no permissions unless a job asks, and the lint job."""
    return [
        f"# Team repos that are private and not this repo: add a repository secret {TOKEN_SECRET} holding",
        "# a token that may read them (contents: read). Public repos need nothing.",
        "name: govkit",
        "on:",
        "  pull_request:",
        "  schedule:",
        f"    - cron: {quoted(SCHEDULE)}",
        "  workflow_dispatch:",
        "permissions: {}",
        "jobs:",
        *lint_job(install),
    ]


def lint_job(install: str) -> list[str]:
    """The job that lints the governance files, on pull requests."""
    return [
        "  lint:",
        "    name: Lint the governance files",
        "    if: github.event_name != 'schedule'",
        "    runs-on: ubuntu-latest",
        "    permissions:",
        "      contents: read",
        "    steps:",
        *checkout_step("Check out the charter repo with full history", {}),
        *setup_steps(install),
        "      - name: Lint charters, activity logs and policies",
        "        run: govkit lint --format github",
        "      - name: Prove the policies on their examples",
        "        run: govkit policy test --format github",
    ]


def checkout_step(name: str, inputs: dict[str, str], condition: str | None = None) -> list[str]:
    given = [f"          {key}: {value}" for key, value in inputs.items()]
    return [
        f"      - name: {name}",
        *([f"        if: {condition}"] if condition else []),
        f"        uses: {CHECKOUT}",
        "        with:",
        *given,
        "          fetch-depth: 0",
        "          persist-credentials: false",
    ]


def setup_steps(install: str) -> list[str]:
    return [
        f"      - uses: {SETUP_PYTHON}",
        "        with:",
        f"          python-version: {quoted(PYTHON)}",
        f"      - name: Install govkit {__version__}",
        f"        run: {install}",
    ]


def team_repo_steps(checkouts: list[Checkout], condition: str | None = None) -> list[str]:
    """Each team repo checked out beside the charter repo (in the jobs where `condition` holds)."""
    if not checkouts:
        return [
            "      # No charter lists a team repo yet. List each under `repos:` with its `path` and `url`,",
            "      # then run `govkit ci github` again to check it out here.",
        ]
    lines: list[str] = []
    for checkout in checkouts:
        first = checkout.listed[0]
        teams = ", ".join(sorted({entry.team for entry in checkout.listed}))
        about = f"{quoted(first.name)} of {teams} ({first.where})"
        if checkout.folder is None:
            lines += [
                f"      # TODO: repo {about} has path {quoted(first.path)}, which CI cannot place beside",
                "      # the charter repo: use a path such as ../NAME, then run `govkit ci github` again.",
            ]
        elif checkout.repository is not None:
            lines += [
                f"      # Repo {about}.",
                *checkout_step(
                    f"Check out {checkout.folder} with full history",
                    {
                        "repository": checkout.repository,
                        "path": checkout.folder,
                        "token": f"${{{{ secrets.{TOKEN_SECRET} || github.token }}}}",
                    },
                    condition,
                ),
            ]
        elif checkout.clone_url is not None:
            lines += [
                f"      # Repo {about}: not on GitHub, so git clones it, without credentials.",
                f"      - name: Clone {checkout.folder} with full history",
                *([f"        if: {condition}"] if condition else []),
                "        env:",
                f"          REPO_URL: {quoted(checkout.clone_url)}",
                f"          REPO_FOLDER: {quoted(checkout.folder)}",
                '        run: git clone --quiet -- "$REPO_URL" "$REPO_FOLDER"',
            ]
        else:
            lines += [
                f"      # TODO: repo {about} has no `url`, so it is not checked out and",
                "      # `govkit check` reports it missing. Add `url: https://github.com/YOUR-ORG/NAME` under its",
                "      # `path` in the charter, then run `govkit ci github` again.",
            ]
    return lines


def write_workflow(root: Path, text: str, *, force: bool = False) -> bool:
    """Write the workflow into the charter repo at `root`, whole or not at all; False when it was current.

    A file at that place that govkit did not write is kept unless `force`.
    """
    target = root / WORKFLOW
    for part in (root / ".github", target.parent, target):
        if part.is_symlink():
            raise GovkitError(f"{part} is a link; govkit writes only real files inside the charter repo.")
    if target.exists():
        if not target.is_file():
            raise GovkitError(f"{target} is not a file; move it aside, then run `govkit ci github` again.")
        with target.open("rb") as handle:
            current = handle.read(1_000_001)
        if not current.startswith(MARKER.encode()) and not force:
            raise GovkitError(
                f"{target} was not written by govkit, so it was left as it was. Move it aside, or run "
                "`govkit ci github --force` to replace it."
            )
        if current == text.encode():
            return False
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(text.encode())
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
