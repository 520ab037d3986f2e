"""Which policy a pin means, each policy read with the one it extends.

A pin `NAME@MAJOR` means the newest minor of that major among a folder's own policy files,
else among the built-in ones, as a charter's pin does. `NAME@MAJOR@REV` means the same, with
the charter repo's policies/ as committed at the git revision REV. A policy's `extends` is
resolved the same way; a chain that leads back to a policy it started from is an error at each
`extends` on the way, and so is a base that does not exist or is not valid.
"""

from __future__ import annotations

import functools
import re
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from govkit.errors import GovkitError
from govkit.git.objects import files_at
from govkit.git.run import RepoProblem, top_of
from govkit.load import Document, load_bytes, load_file
from govkit.model import Finding
from govkit.policy import Policy, read_policy
from govkit.validate import schema_findings
from govkit.wording import closest_name

PIN = re.compile(r"^(?P<name>[a-z0-9][a-z0-9-]*)@(?P<major>[0-9]+)(?:@(?P<rev>[A-Za-z0-9][A-Za-z0-9._/~^-]*))?$")


@dataclass(frozen=True, slots=True)
class PolicyFile:
    """A policy file whose schema holds, so its name and version can be trusted."""

    document: Document
    builtin: bool
    pin: str
    version_key: tuple[int, ...]


class PolicyCatalog:
    """Policy files by pin: a folder's own first, then the built-in ones; each read once, with its base."""

    def __init__(
        self, loaded: Iterable[tuple[Document | Finding, bool]], revision: Callable[[str], PolicyCatalog] | None = None
    ) -> None:
        self.files: list[PolicyFile] = []
        self.problems: dict[str, list[Finding]] = {}  # file name → what is wrong with it
        self.names: list[str] = []  # every file, in the order given
        self._revision = revision
        self._read: dict[str, Policy | None] = {}
        self._reading: list[PolicyFile] = []
        for item, builtin in loaded:
            name = item.name if isinstance(item, Document) else _file_of(item)
            self.names.append(name)
            if isinstance(item, Finding):
                self.problems[name] = [item]
                continue
            problems = schema_findings(item, "policy")
            if problems:
                self.problems[name] = problems
                continue
            version = tuple(int(part) for part in item.data["version"].split("."))
            self.files.append(PolicyFile(item, builtin, f"{item.data['name']}@{version[0]}", version))

    def read(self, name: str) -> tuple[Policy | None, list[Finding]]:
        """The policy in the file shown as `name`, and every problem with it."""
        file = next((f for f in self.files if f.document.name == name), None)
        policy = self._policy(file) if file is not None else None
        return policy, self.problems.get(name, [])

    def pins(self) -> dict[str, Policy]:
        """pin → the policy it means: the first of its files, in order of preference, that is valid."""
        found: dict[str, Policy] = {}
        for file in self._preferred(self.files):
            if file.pin not in found:
                policy = self._policy(file)
                if policy is not None:
                    found[file.pin] = policy
        return found

    def policies(self) -> list[tuple[Policy, bool]]:
        """Every valid policy of the catalog, with whether it is built in."""
        return [(policy, file.builtin) for file in self.files if (policy := self._policy(file)) is not None]

    def resolve(self, ref: str) -> Policy | str:
        """The policy `NAME@MAJOR[@REV]` means, or why there is none, in words."""
        match = PIN.match(ref)
        if match is None:
            return f"`{ref}` is not a pin; write NAME@MAJOR, such as firewalled-pilot@1."
        pin, revision = f"{match['name']}@{match['major']}", match["rev"]
        if revision is not None:
            if self._revision is None:
                return f"`{ref}` names a git revision, but the policies here are not read from a charter repo in git."
            try:
                return self._revision(revision).resolve(pin)
            except GovkitError as exc:
                return str(exc)
        looping = [f.pin for f in self._reading]
        if pin in looping:
            chain = looping[looping.index(pin) :]
            return (
                f"`extends: {ref}` leads back to a policy that extends it ({' → '.join([*chain, pin])}), so none of "
                "them can be read. A policy cannot extend its own name and major, directly or through others: give "
                "your own policy a name of its own and extend the base by its name."
            )
        candidates = self._preferred(f for f in self.files if f.pin == pin)
        broken = []
        for file in candidates:
            policy = self._policy(file)
            if policy is not None:
                return policy
            broken.append(file)
        if broken:
            return (
                f"`{ref}` is {broken[0].document.name}, which is not valid; fix it first (`govkit lint "
                f"{broken[0].document.name}`)."
            )
        known = sorted({f.pin for f in self.files})
        hint = closest_name(pin, known)
        advice = f"Did you mean `{hint}`?" if hint else f"Known policies: {', '.join(known) or 'none'}."
        return f"There is no policy `{pin}` in policies/ or built in. {advice}"

    def _policy(self, file: PolicyFile) -> Policy | None:
        name = file.document.name
        if name not in self._read:
            self._reading.append(file)
            try:
                policy, problems = read_policy(file.document, self.resolve)
            finally:
                self._reading.pop()
            self._read[name] = policy
            if problems:
                self.problems[name] = problems
        return self._read[name]

    @staticmethod
    def _preferred(files: Iterable[PolicyFile]) -> list[PolicyFile]:
        """The folder's own files before built-in ones; within each, the newest version first."""
        return sorted(files, key=lambda f: (f.builtin, tuple(-part for part in f.version_key)))


def _file_of(finding: Finding) -> str:
    return finding.location.file if finding.location else "policy"


def builtin_files() -> list[tuple[Document | Finding, bool]]:
    from govkit.repo import builtin_dir

    return [
        (load_file(path, f"<built-in>/{path.name}"), True) for path in sorted(builtin_dir("policies").glob("*.yaml"))
    ]


@functools.cache
def builtin_catalog() -> PolicyCatalog:
    """The built-in policies alone: what a policy read outside any charter repo may extend."""
    return PolicyCatalog(builtin_files())


def folder_catalog(
    paths: Sequence[Path], load: Callable[[Path], Document | Finding], root: Path | None
) -> PolicyCatalog:
    """A folder's policy files, each read with `load`, then the built-in ones; with the charter repo's
    `root`, pins may name a revision."""
    loaded: list[tuple[Document | Finding, bool]] = [(load(path), False) for path in paths]
    revision = functools.cache(lambda rev: committed_catalog(root, rev)) if root is not None else None
    return PolicyCatalog([*loaded, *builtin_files()], revision)


def committed_catalog(root: Path, revision: str) -> PolicyCatalog:
    """The charter repo's policies/ as committed at `revision`, then the built-in ones."""
    top = top_of(root)
    if top is None:
        raise GovkitError(
            f"The charter repo {root} is not in git, so it has no revision `{revision}` to read policies from."
        )
    folder = (root.resolve() / "policies").relative_to(top).as_posix()
    try:
        found = files_at(top, revision, folder)
    except (subprocess.CalledProcessError, RepoProblem) as exc:
        raise GovkitError(f"git could not read the policies at `{revision}`: {exc}") from None
    if found is None:
        raise GovkitError(
            f"`{revision}` is not a revision of the charter repo {root}; give a commit, branch or tag (such as HEAD or main)."
        )
    loaded: list[tuple[Document | Finding, bool]] = [
        (load_bytes(content, top / path, f"{path}@{revision}"), False)
        for path, content in found
        if path.endswith(".yaml")
    ]
    return PolicyCatalog([*loaded, *builtin_files()])
