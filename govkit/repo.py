"""The charter repo: where it is, which teams it holds, which policies it can use.

govkit reads and writes only inside the charter repo. A link inside it may lead elsewhere in
the repo, but one leading out is never followed: reading through it is a `file` finding at
the link, and writing through it is refused.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from govkit.charter_log import CharterLog
from govkit.confine import link_out, link_out_message
from govkit.errors import GovkitError
from govkit.load import Document, load_file
from govkit.model import Finding, Location, Severity
from govkit.policy import Policy

if TYPE_CHECKING:
    from govkit.policy_catalog import PolicyCatalog

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
        if not is_charter_repo(explicit):
            raise GovkitError(
                f"{explicit} is not a charter repo: it has neither teams/ nor policies/. "
                "Check --root, or create a charter repo with `govkit init DIR`."
            )
        return explicit.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_charter_repo(folder):
            return folder
    raise GovkitError(
        f"No charter repo found at or above {here}: no folder with `teams/` or `policies/`. "
        "Run govkit inside a charter repo, pass --root DIR, or create one with `govkit init DIR`."
    )


def is_charter_repo(folder: Path) -> bool:
    """A folder with `teams/` or `policies/`; a link there counts, so where it leads can be reported."""
    return any((folder / part).is_dir() or (folder / part).is_symlink() for part in ("teams", "policies"))


@dataclass
class CharterRepo:
    root: Path
    _policies: dict[str, Policy] | None = field(default=None, repr=False)
    _catalog: PolicyCatalog | None = field(default=None, repr=False)
    _newest: dict[str, Policy] = field(default_factory=dict, repr=False)  # pin → newest known anywhere
    _own: list[Policy] = field(default_factory=list, repr=False)  # the repo's own policies
    policy_findings: list[Finding] = field(default_factory=list)
    # A file is named several times in a run (loading it, its findings, its team), and
    # resolving links costs a stat call per folder of its path each time.
    _names: dict[Path, str] = field(default_factory=dict, repr=False)
    _entries: tuple[list[Path], list[Finding]] | None = field(default=None, repr=False)
    _folders: dict[Path, Path] = field(default_factory=dict, repr=False)  # folder as written → resolved

    @classmethod
    def judged_by(cls, root: Path, policies: dict[str, Policy]) -> CharterRepo:
        """A charter repo whose charters are judged by `policies` (pin → policy, already read), whatever
        its policies/ holds: how `govkit policy test` judges examples by the very policy under test."""
        return cls(root.resolve(), _policies=dict(policies))

    # The charter repo's git history, read once per run and shared by every team's evidence.
    history: CharterLog = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.history = CharterLog(self.root)

    def __reduce__(self) -> tuple[type[CharterRepo], tuple[Path]]:
        # To a worker process (where it is not simply forked) only the root goes: it reads the rest itself.
        return CharterRepo, (self.root,)

    def name(self, path: Path) -> str:
        """How users see a path: relative to the root, with forward slashes.

        A link is named as itself, not by where it leads: that is the file the user sees in
        the repo, and its folder tells its team. A path leading out of the repo is named by
        the link it leaves through."""
        name = self._names.get(path)
        if name is None:
            try:
                name = self._placed(path).relative_to(self.root).as_posix()
            except ValueError:
                name = self._name_by_link(path)
            self._names[path] = name
        return name

    def _placed(self, path: Path) -> Path:
        """`path` with its folder resolved and its own name kept, even when that is a link."""
        absolute = Path(os.path.abspath(path))
        folder = self._folders.get(absolute.parent)
        if folder is None:
            folder = self._folders[absolute.parent] = absolute.parent.resolve()
        return folder / absolute.name

    def _name_by_link(self, path: Path) -> str:
        link = link_out(path, self.root)
        if link is None:
            return str(path)
        shown = (link.parent.resolve() / link.name).relative_to(self.root)
        rest = Path(os.path.abspath(path)).relative_to(link)
        return (shown / rest).as_posix()

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
        """Folders under teams/ holding a charter; hidden ones and links leading out of the repo are skipped.

        Anything named charter.yaml counts, even a folder or a broken link: loading it says what is wrong."""
        return [path.name for path in self._team_folders() if os.path.lexists(path / "charter.yaml")]

    def stray_folders(self, within: Iterable[Path] = ()) -> list[Finding]:
        """What under teams/ nothing would otherwise check: folders without a charter.yaml, and links
        (teams/ itself, or a team's folder) leading out of the repo, which are never followed."""
        wanted = [path.resolve() for path in within]
        teams = self.root / "teams"
        found = []
        for path in self._team_entries():
            if wanted and not any(path.is_relative_to(w) or w.is_relative_to(path) for w in wanted):
                continue
            if self._leads_out(path):
                name = self.name(path)
                message = link_out_message(path, name, "reads teams")
                found.append(Finding("file", Severity.ERROR, message, Location(name)))
            elif path != teams and not os.path.lexists(path / "charter.yaml"):
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
        return [path for path in self._team_entries() if path.name != "teams" and not self._leads_out(path)]

    def _team_entries(self) -> list[Path]:
        """teams/ itself when it leads out of the repo, else the folders and links to folders in it."""
        teams = self.root / "teams"
        if self._leads_out(teams):
            return [teams]
        if not teams.is_dir():
            return []
        entries = sorted(os.scandir(teams), key=lambda e: e.name)
        return [
            Path(entry.path)
            for entry in entries
            if not entry.name.startswith(".") and (entry.is_dir() or self._leads_out(Path(entry.path)))
        ]

    def inside(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.root)

    def _leads_out(self, path: Path) -> bool:
        return path.is_symlink() and not self.inside(path)

    def policy_files(self) -> Iterator[Path]:
        """The repo's policy files: every `policies/*.yaml` that is not a folder (links are checked on loading)."""
        yield from self._policy_entries()[0]

    def policy_folder_findings(self) -> list[Finding]:
        """Everything in policies/ that govkit does not read as a policy, which would otherwise go unnoticed
        while the built-in policy is used in its place; hidden files and the examples in tests/ aside."""
        return list(self._policy_entries()[1])

    def _policy_entries(self) -> tuple[list[Path], list[Finding]]:
        if self._entries is None:
            self._entries = self._read_policy_folder()
        return self._entries

    def _read_policy_folder(self) -> tuple[list[Path], list[Finding]]:
        folder = self.root / "policies"
        if self._leads_out(folder):
            message = link_out_message(folder, "policies", "reads policies")
            return [], [Finding("file", Severity.ERROR, message, Location("policies"))]
        if not folder.is_dir():
            return [], []
        files, strays = [], []
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            name = f"policies/{entry.name}"
            is_folder = entry.is_dir(follow_symlinks=False)
            if entry.name.startswith(".") or (entry.name == "tests" and is_folder):
                continue
            if entry.name.endswith(".yaml") and not is_folder:
                files.append(Path(entry.path))
            elif entry.name.endswith(".yaml"):
                message = f"{name} is a folder, not a policy file. Move the folder out of policies/."
                strays.append(Finding("file", Severity.ERROR, message, Location(name)))
            elif Path(entry.name).suffix.lower() in (".yml", ".yaml"):
                message = (
                    f"{name} is not read: govkit reads policies only from policies/*.yaml, so the built-in "
                    f"policy may be used in its place. Rename it to {Path(entry.name).stem}.yaml."
                )
                strays.append(Finding("file", Severity.ERROR, message, Location(name)))
            else:
                kind = "folder" if is_folder else "file"
                message = (
                    f"The {kind} {name} is not a policy: govkit reads policies only from policies/*.yaml "
                    "(and examples from policies/tests/). Move it out of policies/."
                )
                strays.append(Finding("file", Severity.WARNING, message, Location(name)))
        return files, strays

    def policies(self) -> dict[str, Policy]:
        """pin (`name@major`) → the newest version of that major in the repo's policies/, else built in."""
        if self._policies is None:
            # A policy file that is not read may be the very one a charter means: check says so.
            self.policy_findings.extend(f for f in self.policy_folder_findings() if f.severity is Severity.ERROR)
            catalog = self.catalog()
            self._policies = catalog.pins()
            for name in catalog.names:
                if not name.startswith("<built-in>/"):
                    self.policy_findings.extend(catalog.problems.get(name, []))
            for policy, builtin in catalog.policies():
                if not builtin:
                    self._own.append(policy)
                newest = self._newest.get(policy.pin)
                if newest is None or policy.version_key > newest.version_key:
                    self._newest[policy.pin] = policy
        return self._policies

    def broken_policy(self, pin: str) -> str | None:
        """The repo's own policy file that `pin` would name, were it valid; None when there is none."""
        if self._catalog is None:
            return None  # policies given already read (`judged_by`): none of them is broken
        names = [f.document.name for f in self._catalog.files if f.pin == pin and not f.builtin]
        return names[0] if names else None

    def catalog(self) -> PolicyCatalog:
        """The repo's policy files and the built-in ones, each read once with the policy it extends."""
        if self._catalog is None:
            from govkit.policy_catalog import folder_catalog

            self._catalog = folder_catalog(list(self.policy_files()), self.load, self.root)
        return self._catalog

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

    def load(self, path: Path) -> Document | Finding:
        """Load a governance file of the repo; through a link leading out of it, a `file` finding at the link."""
        name = self.name(path)
        placed = self._placed(path)
        real = placed.resolve() if placed.is_symlink() else placed
        if not real.is_relative_to(self.root):
            link = link_out(path, self.root)
            if link is not None:
                shown = self.name(link)
                message = link_out_message(link, shown, "reads files")
                return Finding("file", Severity.ERROR, message, Location(shown))
        # The resolved path, opened without following a link: what was checked is what is read.
        loaded = load_file(real, name, follow_links=False)
        if isinstance(loaded, Document):
            loaded.path = path
        return loaded


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
