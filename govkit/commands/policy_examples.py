"""The examples that prove a policy's rules, and the scratch charter repos they are judged in.

Examples live beside the policies, in `tests/<rule-id>/pass/` and `tests/<rule-id>/fail/`. An
example is one charter file (`name.yaml`), or a folder holding `charter.yaml` and, when the
rule needs them, `activity.yaml`, `commits.yaml` (the history of the team's repo, built with
git), `history.yaml` (earlier versions of the charter, committed to the charter repo with their
trailers) and `example.yaml` (`as_of: YYYY-MM-DD`, default the time-box end; `also_raises:
[rule, ...]`). A rule across teams is proved on a folder holding `teams/<team-id>/charter.yaml`
(and `activity.yaml`) for several teams, and `example.yaml`.

A rule with no examples of its own, in a policy that extends another, is proved on the
examples of the policy it comes from (the built-in policy's, or those beside the base's file),
judged by the extending policy's version of the rule.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkit.errors import GovkitError
from govkit.load import Document, load_file
from govkit.policy import OWN, Policy, Rule
from govkit.sample import SampleCommit, write_history

EXAMPLE_TEAM = "example-team"


@dataclass(frozen=True, slots=True)
class Example:
    rule: str
    expect: str  # pass | fail
    path: Path
    shown: str  # how findings name it

    @property
    def teams(self) -> Path | None:
        """The folder of teams of an example across teams; None for an example of one team."""
        folder = self.path / "teams"
        return folder if folder.is_dir() else None

    def team_files(self) -> Iterator[tuple[str, Path, str]]:
        """(team id, its folder or charter file, how findings name it) for each team of the example."""
        if not self.path.is_dir() or self.teams is None:
            yield EXAMPLE_TEAM, self.path, self.shown
        else:
            for folder in sorted(p for p in self.teams.iterdir() if p.is_dir()):
                yield folder.name, folder, f"{self.shown}/teams/{folder.name}"


def examples_of(policy: Policy, rule: Rule, tests: Path, shown_as: str) -> list[Example]:
    """The rule's examples: the policy's own, else, for a rule it takes from its base, the base's."""
    found = _examples(tests / rule.id, rule.id, f"{shown_as}/tests/{rule.id}")
    source, current = policy, rule
    while not found and current.origin != OWN and source.base is not None:
        base = source.base
        if base.path is None:
            break
        folder = base.location.file.rpartition("/")[0] or "."
        found = _examples(base.path.parent / "tests" / rule.id, rule.id, f"{folder}/tests/{rule.id}")
        inherited = next((r for r in base.rules if r.id == rule.id), None)
        if inherited is None:
            break
        source, current = base, inherited
    return found


def _examples(folder: Path, rule: str, shown: str) -> list[Example]:
    found = []
    for expect in ("pass", "fail"):
        place = folder / expect
        if place.is_dir():
            found += [
                Example(rule, expect, p, f"{shown}/{expect}/{p.name}")
                for p in sorted(place.iterdir())
                if p.is_dir() or p.suffix == ".yaml"
            ]
    return found


def settings_of(example: Example) -> dict[str, Any]:
    return (_data(example.path / "example.yaml") or {}) if example.path.is_dir() else {}


def build(example: Example, policy: Policy, root: Path) -> dt.date:
    """The example's teams written into the scratch charter repo `root`, pinning `policy`; the day to judge."""
    texts = []
    if example.teams is not None and not any(example.teams.iterdir()):
        raise GovkitError(f"The example {example.path.name} has no teams in its teams/ folder.")
    for team, source, _ in example.team_files():
        charter = source / "charter.yaml" if source.is_dir() else source
        if not charter.is_file():
            missing = f" for team {team}" if example.teams else ""
            raise GovkitError(f"The example {example.path.name} has no charter.yaml{missing}.")
        texts.append((team, source, pinned(charter.read_text(encoding="utf-8"), policy, team)))
    if example.path.is_dir() and example.teams is None:
        versions = _data(example.path / "history.yaml")
        if versions:
            _build_charter_history(root, example.path, policy, versions.get("versions", []))
        commits = _data(example.path / "commits.yaml")
        if commits:
            _build_team_repos(root, texts[0][2], commits.get("commits", []))
    for team, source, text in texts:
        folder = root / "teams" / team
        folder.mkdir(parents=True, exist_ok=True)
        if source.is_dir() and (source / "activity.yaml").is_file():
            shutil.copy(source / "activity.yaml", folder / "activity.yaml")
        (folder / "charter.yaml").write_text(text, encoding="utf-8")
    return _as_of(settings_of(example), [text for _, _, text in texts])


def pinned(text: str, policy: Policy, team: str = EXAMPLE_TEAM) -> str:
    """An example charter as a charter of `team`, pinning the policy under test."""
    text = re.sub(r"(?m)^team:.*$", f"team: {team}", text)
    return re.sub(r"(?m)^policy:.*$", f"policy: {policy.pin}", text)


def _build_charter_history(root: Path, folder: Path, policy: Policy, versions: list[dict[str, Any]]) -> None:
    """Commit each earlier charter version to the scratch charter repo, with its trailers."""
    leads = "Example Lead <lead@example.com>"
    history = [
        SampleCommit(
            dt.date.fromisoformat(str(version["date"])),
            version.get("author", leads),
            version.get("message", "Amend the charter"),
            {
                f"teams/{EXAMPLE_TEAM}/charter.yaml": pinned(
                    (folder / version["file"]).read_text(encoding="utf-8"), policy
                )
            },
            tuple(version.get("trailers", [])),
        )
        for version in versions
    ]
    write_history(root, history)


def _data(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    loaded = load_file(path, path.name)
    if not isinstance(loaded, Document):
        raise GovkitError(f"{path}: {loaded.message}")
    return loaded.data


def _as_of(settings: dict[str, Any], charter_texts: list[str]) -> dt.date:
    """`as_of` when the example gives it, else the first time-box end among its charters."""
    if "as_of" in settings:
        return dt.date.fromisoformat(str(settings["as_of"]))
    ends = [
        dt.date.fromisoformat(match.group(1))
        for text in charter_texts
        if (match := re.search(r"(?m)^\s+end:\s*'?\"?(\d{4}-\d{2}-\d{2})", text))
    ]
    return min(ends) if ends else dt.date.today()


def _build_team_repos(root: Path, charter_text: str, commits: list[dict[str, Any]]) -> None:
    """Every repo path the charter lists gets the example's history."""
    history = [
        SampleCommit(
            dt.date.fromisoformat(str(c["date"])),
            c["author"],
            c.get("message", "Change"),
            dict(c.get("files", {})),
            tuple(c.get("trailers", [])),
        )
        for c in commits
    ]
    for path in re.findall(r"(?m)^\s+path:\s*(\S+)", charter_text):
        write_history((root / path).resolve(), history)
