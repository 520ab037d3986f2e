"""The charter repo: where it is, which teams it holds, which policies it can use."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from govkit.errors import GovkitError
from govkit.git import Commit, charter_repo_log, contents_at, has_commits, top_of
from govkit.load import Document, load_file
from govkit.model import Finding, Location, Severity
from govkit.policy import Policy, read_policy

TEAM_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
_CHARTER_TYPOS = {"charter.yml", "charter.yaml", "charter.json", "charter"}  # compared lower-cased


def builtin_dir(kind: str) -> Path:
    """The folder of built-in `policies` or `templates` inside the installed package."""
    return Path(str(resources.files("govkit").joinpath("builtin", kind)))


def find_root(explicit: Path | None, start: Path | None = None) -> Path:
    """`--root`, else the nearest folder upward holding `teams/` or `policies/`."""
    if explicit is not None:
        if not explicit.is_dir():
            raise GovkitError(f"The charter repo {explicit} does not exist or is not a folder; check --root.")
        return explicit.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "teams").is_dir() or (folder / "policies").is_dir():
            return folder
    raise GovkitError(
        f"No charter repo found at or above {here}: no folder with `teams/` or `policies/`. "
        "Run govkit inside a charter repo, pass --root DIR, or create one with `govkit init DIR`."
    )


@dataclass
class CharterRepo:
    root: Path
    _policies: dict[str, Policy] | None = field(default=None, repr=False)
    _newest: dict[str, Policy] = field(default_factory=dict, repr=False)  # pin → newest known anywhere
    _own: list[Policy] = field(default_factory=list, repr=False)  # the repo's own policies
    policy_findings: list[Finding] = field(default_factory=list)
    # A file is named several times in a run (loading it, its findings, its team), and
    # resolving links costs a stat call per folder of its path each time.
    _names: dict[Path, str] = field(default_factory=dict, repr=False)
    _log: tuple[Path, list[Commit]] | bool | None = field(default=False, repr=False)  # False: not read yet
    # The charter log indexed once per run: every team asks for its own file's commits, and an
    # organisation's log grows with its teams (each team's weekly activity commits), so scanning
    # the whole log for each team would make the cost per team grow with the number of teams.
    _by_file: dict[str, list[Commit]] | None = field(default=None, repr=False)
    _approvals: list[Commit] | None = field(default=None, repr=False)
    _charters: dict[tuple[str, str], bytes | None] | None = field(default=None, repr=False)  # (sha, file) → content

    def __reduce__(self) -> tuple[type[CharterRepo], tuple[Path]]:
        # To a worker process (where it is not simply forked) only the root goes: it reads the rest itself.
        return CharterRepo, (self.root,)

    def name(self, path: Path) -> str:
        """How users see a path: relative to the root, with forward slashes."""
        name = self._names.get(path)
        if name is None:
            try:
                name = path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                name = str(path)
            self._names[path] = name
        return name

    def team_dir(self, team: str) -> Path:
        return self.root / "teams" / team

    def chosen(self, teams: Iterable[str]) -> list[str]:
        """The teams named (each must exist), in the order given; every team when none is named."""
        known = self.team_ids()
        named = list(dict.fromkeys(teams))
        for team in named:
            if team not in known:
                listed = ", ".join(known) or "none yet"
                raise GovkitError(f"There is no team `{team}` in {self.root / 'teams'}. Known teams: {listed}.")
        return named or known

    def team_ids(self) -> list[str]:
        """Folders under teams/ holding a charter; hidden ones and links leading out of the repo are skipped."""
        return [path.name for path in self._team_folders() if (path / "charter.yaml").is_file()]

    def stray_folders(self, within: Iterable[Path] = ()) -> list[Finding]:
        """Folders under teams/ without a charter.yaml, which nothing would otherwise check."""
        wanted = [path.resolve() for path in within]
        found = []
        for path in self._team_folders():
            if (path / "charter.yaml").is_file():
                continue
            if wanted and not any(path.is_relative_to(w) or w.is_relative_to(path) for w in wanted):
                continue
            near = sorted(p.name for p in path.iterdir() if p.name.lower() in _CHARTER_TYPOS)
            advice = (
                f"It holds {near[0]}: rename that to charter.yaml."
                if near
                else f"Add a charter (`govkit team add {path.name}`) or remove the folder."
            )
            message = f"The folder teams/{path.name}/ has no charter.yaml, so govkit does not check it. {advice}"
            found.append(Finding("consistency", Severity.ERROR, message, Location(f"teams/{path.name}/")))
        return found

    def _team_folders(self) -> list[Path]:
        """Folders under teams/, but not hidden ones or links leading out of the repo."""
        teams = self.root / "teams"
        if not teams.is_dir():
            return []
        entries = sorted(os.scandir(teams), key=lambda e: e.name)
        return [
            Path(entry.path)
            for entry in entries
            if entry.is_dir() and not entry.name.startswith(".") and self.inside(Path(entry.path))
        ]

    def inside(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.root)

    def policy_files(self) -> Iterator[Path]:
        folder = self.root / "policies"
        if folder.is_dir():
            yield from sorted(p for p in folder.glob("*.yaml") if p.is_file() and self.inside(p))

    def policies(self) -> dict[str, Policy]:
        """pin (`name@major`) → the newest version of that major in the repo's policies/, else built in."""
        if self._policies is None:
            self._policies = {}
            from_repo: set[str] = set()
            for path, builtin in [
                *((p, False) for p in self.policy_files()),
                *((p, True) for p in _builtin_policy_files()),
            ]:
                name = f"<built-in>/{path.name}" if builtin else self.name(path)
                loaded = load_file(path, name)
                if isinstance(loaded, Finding):
                    self.policy_findings.append(loaded)
                    continue
                policy, findings = read_policy(loaded)
                if not builtin:
                    self.policy_findings.extend(findings)
                if policy is None:
                    continue
                pin, used = policy.pin, self._policies.get(policy.pin)
                if not builtin:
                    from_repo.add(pin)
                    self._own.append(policy)
                # The repo's own versions win over built-in ones; within one source, the newest minor.
                replaces = used is None or (
                    policy.version_key > used.version_key and (not builtin or pin not in from_repo)
                )
                if replaces:
                    self._policies[pin] = policy
                newest = self._newest.get(pin)
                if newest is None or policy.version_key > newest.version_key:
                    self._newest[pin] = policy
        return self._policies

    def superseded(self) -> list[Finding]:
        """A warning at each of the repo's policy files that a newer minor of its major replaces."""
        self.policies()
        found = []
        for policy in self._own:
            newest = self._newest[policy.pin]
            if newest.version_key > policy.version_key:
                found.append(
                    Finding(
                        rule="policy",
                        severity=Severity.WARNING,
                        message=(
                            f"{policy.name} {policy.version} here is older than {newest.version} "
                            f"({newest.location.file}) within major {policy.major}, which charters pinning "
                            f"`{policy.pin}` are judged by. See what changed with `govkit policy diff "
                            f"{policy.location.file} {newest.location.file}`, then update or remove this file."
                        ),
                        location=policy.version_location,
                    )
                )
        return found

    def charter_log(self) -> tuple[Path, list[Commit]] | None:
        """The git top of the charter repo and all its commits, oldest first, read once per run;
        None when the charter repo is not in git or has no commits yet."""
        if self._log is False:
            top = top_of(self.root)
            self._log = (top, charter_repo_log(top)) if top is not None and has_commits(top) else None
        return self._log  # type: ignore[return-value]

    def commits_changing(self, relative: str) -> list[Commit]:
        """The charter repo's commits that changed one file (relative to its git top), oldest first."""
        if self._by_file is None:
            log = self.charter_log()
            self._by_file = {}
            for commit in log[1] if log else ():
                for name in commit.files:
                    self._by_file.setdefault(name, []).append(commit)
        return self._by_file.get(relative, [])

    def versions_of(self, relative: str) -> list[bytes | None]:
        """The file's content at each of `commits_changing(relative)`; every charter's are read at once, in
        one `git cat-file` for the run rather than one for each team."""
        commits = self.commits_changing(relative)
        log = self.charter_log()
        if log is None or not commits:
            return []
        if not _is_charter(relative):
            return contents_at(log[0], [(commit.sha, relative) for commit in commits])
        charters = self._every_charter_version(log[0])
        return [charters[(commit.sha, relative)] for commit in commits]

    def read_history(self) -> None:
        """Read now what every team's history needs (worker processes forked after this share it)."""
        self.approval_commits()
        log = self.charter_log()
        if log is not None:
            self.commits_changing("")
            self._every_charter_version(log[0])

    def _every_charter_version(self, top: Path) -> dict[tuple[str, str], bytes | None]:
        if self._charters is None:
            places = [
                (c.sha, name) for name, found in (self._by_file or {}).items() if _is_charter(name) for c in found
            ]
            self._charters = dict(zip(places, contents_at(top, places), strict=True))
        return self._charters

    def approval_commits(self) -> list[Commit]:
        """The charter repo's commits that approve an earlier change (`Approves: <sha>`), oldest first."""
        if self._approvals is None:
            log = self.charter_log()
            self._approvals = [commit for commit in log[1] if commit.trailer_values("approves")] if log else []
        return self._approvals

    def load(self, path: Path) -> Document | Finding:
        return load_file(path, self.name(path))


def _is_charter(relative: str) -> bool:
    return relative == "charter.yaml" or relative.endswith("/charter.yaml")


def _builtin_policy_files() -> list[Path]:
    return sorted(builtin_dir("policies").glob("*.yaml"))


def team_of(name: str) -> str | None:
    """The team a repo-relative file belongs to, from its `teams/<id>/` prefix."""
    parts = name.split("/")
    return parts[1] if len(parts) >= 3 and parts[0] == "teams" else None


def missing_policy(pin: str, known: list[str]) -> str:
    listed = ", ".join(sorted(known)) or "none"
    name = pin.split("@")[0]
    majors = sorted(k for k in known if k.split("@")[0] == name)
    if majors:
        return (
            f"The charter pins `{pin}`, but that major version is gone: only {', '.join(majors)} exists. "
            f"Compare it with the version you followed (`govkit policy diff OLD-FILE {majors[-1]}`), then update "
            "the pin with both leads' approval."
        )
    return (
        f"The charter pins policy `{pin}`, which is neither in this repo's policies/ nor built in. "
        f"Known policies: {listed}."
    )
