"""The charter repo's git history, read once per run: every commit, indexed by the files it changed.

Every team asks for its own charter's commits, and an organisation's log grows with its teams
(each team's weekly activity commits), so scanning the whole log for each team would make the
cost per team grow with the number of teams. The log is read once, indexed by file, and every
charter's versions are read with one `git cat-file` for the whole run.
"""

from __future__ import annotations

from pathlib import Path

from govkit.git.log import Commit, charter_repo_log
from govkit.git.objects import contents_at
from govkit.git.run import has_commits, top_of


class CharterLog:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._log: tuple[Path, list[Commit]] | bool | None = False  # False: not read yet
        self._by_file: dict[str, list[Commit]] | None = None
        self._approvals: list[Commit] | None = None
        self._charters: dict[tuple[str, str], bytes | None] | None = None  # (sha, file) → content

    def commits(self) -> tuple[Path, list[Commit]] | None:
        """The git top of the charter repo and all its commits, oldest first; None when the charter
        repo is not in git or has no commits yet."""
        if self._log is False:
            top = top_of(self.root)
            self._log = (top, charter_repo_log(top)) if top is not None and has_commits(top) else None
        return self._log  # type: ignore[return-value]

    def changing(self, relative: str) -> list[Commit]:
        """The commits that changed one file (relative to the git top), oldest first."""
        if self._by_file is None:
            log = self.commits()
            self._by_file = {}
            for commit in log[1] if log else ():
                for name in commit.files:
                    self._by_file.setdefault(name, []).append(commit)
        return self._by_file.get(relative, [])

    def versions_of(self, relative: str) -> list[bytes | None]:
        """The file's content at each of `changing(relative)`."""
        commits = self.changing(relative)
        log = self.commits()
        if log is None or not commits:
            return []
        if not _is_charter(relative):
            return contents_at(log[0], [(commit.sha, relative) for commit in commits])
        charters = self._every_charter_version(log[0])
        return [charters[(commit.sha, relative)] for commit in commits]

    def approvals(self) -> list[Commit]:
        """The commits that approve an earlier change (`Approves: <sha>`), oldest first."""
        if self._approvals is None:
            log = self.commits()
            self._approvals = [commit for commit in log[1] if commit.trailer_values("approves")] if log else []
        return self._approvals

    def read_all(self) -> None:
        """Read now what every team's history needs (worker processes forked after this share it)."""
        self.approvals()
        log = self.commits()
        if log is not None:
            self.changing("")
            self._every_charter_version(log[0])

    def _every_charter_version(self, top: Path) -> dict[tuple[str, str], bytes | None]:
        if self._charters is None:
            places = [
                (c.sha, name) for name, found in (self._by_file or {}).items() if _is_charter(name) for c in found
            ]
            self._charters = dict(zip(places, contents_at(top, places), strict=True))
        return self._charters


def _is_charter(relative: str) -> bool:
    return relative == "charter.yaml" or relative.endswith("/charter.yaml")
