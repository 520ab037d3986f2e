"""The team repos a charter repo's CI checks out: read from the charters, placed in the workspace.

In CI the charter repo is checked out in a folder of its own and each team repo beside it,
where the charter's `path` (relative to the charter repo) says; the repo's `url` says where
to clone it from. A URL or folder that is not plainly safe to write into a workflow is never
placed there: it becomes a note on what to change.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from govkit.errors import GovkitError
from govkit.model import Finding, Location
from govkit.repo import CharterRepo

WORKFLOW = ".github/workflows/govkit.yml"
_CHARTER_FOLDERS = ("charters", "charter-repo", "govkit-charters")
# No `$`, braces, quotes, spaces or line breaks: nothing GitHub or a shell would read as more than a name.
_SAFE_FOLDER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*")
_SAFE_URL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~%+/:@-]*")
_ON_GITHUB = re.compile(
    r"(?:https://github\.com/|(?:ssh://)?git@github\.com[:/])([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?",
    re.IGNORECASE,
)
_GITHUB_HOST = re.compile(r"(?:https://|(?:ssh://)?git@)github\.com[:/]", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ListedRepo:
    """A repo as one charter lists it, and where its `path` is written."""

    team: str
    name: str
    path: str
    url: str | None
    where: Location


def listed_repos(charters: CharterRepo) -> list[ListedRepo]:
    """Every repo every charter lists, team by team: the one place this module reads charters.

    A charter that cannot be read stops the run, since a workflow written without its repos
    would quietly stop checking them.
    """
    from govkit.evidence.files import read_charter_file

    found: list[ListedRepo] = []
    for team in charters.team_ids():
        read = read_charter_file(charters, charters.team_dir(team) / "charter.yaml", team)
        if read.charter is None or read.document is None:
            raise _unreadable(read.findings[0])
        for repo in read.charter.repos:
            where = read.document.where(("repos", repo.index, "path"))
            found.append(ListedRepo(team, repo.name, repo.path, repo.url, where))
    return found


def _unreadable(problem: Finding) -> GovkitError:
    return GovkitError(
        f"{problem.location}: {problem.message} Fix the charter first (`govkit lint` lists every problem), "
        f"then run `govkit ci github` again; {WORKFLOW} was left as it was."
    )


@dataclass(frozen=True, slots=True)
class Checkout:
    """One team repo in the workflow: where it goes in the workspace, and where it comes from."""

    folder: str | None  # None: the path cannot be placed in the workspace
    listed: tuple[ListedRepo, ...]  # every charter entry that names it
    repository: str | None  # owner/name on GitHub
    clone_url: str | None  # anywhere else


def placed_checkouts(listed: list[ListedRepo]) -> tuple[str, list[Checkout]]:
    """The charter repo's folder in the workspace, and one checkout per team repo folder."""
    charter_folder = _charter_folder(listed)
    return charter_folder, _checkouts(listed, charter_folder)


def _charter_folder(listed: Iterable[ListedRepo]) -> str:
    """A folder for the charter repo that no team repo beside it takes."""
    taken = {posixpath.normpath(posixpath.join("x", repo.path)).split("/")[0] for repo in listed}
    return next(folder for folder in _CHARTER_FOLDERS if folder not in taken)


def _folder(path: str, charter_folder: str) -> str | None:
    """Where a charter's `path` (relative to the charter repo) lands in the workspace, when it can."""
    if "\\" in path or path.startswith("/") or re.match(r"[A-Za-z]:", path):
        return None
    folder = posixpath.normpath(posixpath.join(charter_folder, path))
    if folder.startswith("..") or folder == charter_folder or not _SAFE_FOLDER.fullmatch(folder):
        return None
    return folder


def _checkouts(listed: list[ListedRepo], charter_folder: str) -> list[Checkout]:
    by_folder: dict[str, list[ListedRepo]] = {}
    unplaced: list[Checkout] = []
    for repo in listed:
        folder = _folder(repo.path, charter_folder)
        if folder is None:
            unplaced.append(Checkout(None, (repo,), None, None))
        else:
            by_folder.setdefault(folder, []).append(repo)
    checkouts = []
    for folder, entries in by_folder.items():
        urls = sorted({entry.url for entry in entries if entry.url})
        if len(urls) > 1:
            places = ", ".join(str(entry.where) for entry in entries)
            raise GovkitError(
                f"The charters name one repo ({folder}) with different urls: {', '.join(urls)} (at {places}). "
                "Make them agree, then run `govkit ci github` again."
            )
        url = urls[0] if urls and _SAFE_URL.fullmatch(urls[0]) else None
        on_github = _ON_GITHUB.fullmatch(url) if url else None
        if url and not on_github and _GITHUB_HOST.match(url):
            url = None  # on GitHub but not a repo's address (a page inside it, say): git could not clone it
        repository = f"{on_github[1]}/{on_github[2]}" if on_github else None
        checkouts.append(Checkout(folder, tuple(entries), repository, None if on_github else url))
    return [*checkouts, *unplaced]


def github_repository(url: str | None) -> str | None:
    """`owner/name` of a repo's address on GitHub, when it is plainly one; else None."""
    found = _ON_GITHUB.fullmatch(url) if url and _SAFE_URL.fullmatch(url) else None
    return f"{found[1]}/{found[2]}" if found else None


def notes(checkout: Checkout) -> list[str]:
    first = checkout.listed[0]
    if checkout.folder is None:
        return [
            f"{first.where}: CI cannot place repo `{first.name}` at `{first.path}`: use a path beside the charter "
            f"repo, such as `../{_slug(first.name)}`, and give its `url`; until then `govkit check` in CI reports it missing."
        ]
    if checkout.repository is None and checkout.clone_url is None and any(entry.url for entry in checkout.listed):
        return [
            f"{first.where}: the `url` of repo `{first.name}` cannot be used in a workflow: write the repo's own "
            f"address, such as `https://github.com/YOUR-ORG/{_slug(first.name)}`, then run `govkit ci github` again."
        ]
    if checkout.repository is None and checkout.clone_url is None:
        return [
            f"{first.where}: repo `{first.name}` has no `url`, so CI cannot check it out. Add "
            f"`url: https://github.com/YOUR-ORG/{_slug(first.name)}` under its `path`, then run "
            "`govkit ci github` again."
        ]
    return []


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "REPO"
