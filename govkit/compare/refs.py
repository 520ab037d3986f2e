"""What the user names on the command line, read: `TEAM` or `TEAM@YYYY-MM-DD`.

Anything that keeps a comparison from running is a GovkitError with one sentence that says
what to do; a broken charter is not compared, because a half-read file would
show differences that are not there.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

from govkit.compare.change import Comparison
from govkit.compare.charter import charter_changes
from govkit.errors import GovkitError
from govkit.evidence.charter_history import CharterHistory, read_history
from govkit.evidence.git import RepoProblem, top_of
from govkit.load import Document
from govkit.model import Finding
from govkit.repo import CharterRepo
from govkit.validate import schema_findings

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def compare_charters(repo: CharterRepo, before: str, after: str, today: dt.date) -> Comparison:
    """`govkit diff A B`: the agreements that differ from charter A to charter B."""
    histories: dict[str, CharterHistory] = {}
    old = charter_at(repo, before, today, histories)
    new = charter_at(repo, after, today, histories)
    return Comparison("diff", before, after, tuple(charter_changes(old, new)))


def charter_at(repo: CharterRepo, ref: str, today: dt.date, histories: dict[str, CharterHistory]) -> dict[str, Any]:
    """The charter `ref` names: `TEAM` as it is in the working tree, `TEAM@DAY` as in force that day."""
    team, dated, day_text = ref.partition("@")
    known = repo.team_ids()
    if team not in known:
        listed = ", ".join(known) or "none yet"
        raise GovkitError(f"There is no team `{team}` in {repo.root / 'teams'}. Known teams: {listed}.")
    doc = _sound_charter(repo, repo.team_dir(team) / "charter.yaml")
    if not dated:
        return doc.data  # type: ignore[no-any-return]
    day = _day(ref, team, day_text, today)
    if team not in histories:
        histories[team] = _history(repo, doc, ref, team, today)
    return histories[team].in_force(day)


def _sound_charter(repo: CharterRepo, path: Path) -> Document:
    loaded = repo.load(path)
    name = repo.name(path)
    if isinstance(loaded, Finding):
        raise GovkitError(f"{_where(loaded)}: {loaded.message} Fix the charter (`govkit lint {name}`), then compare.")
    problems = schema_findings(loaded, "charter")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise GovkitError(
            f"{_where(problems[0])}: {problems[0].message}{more} Only valid charters are compared; "
            f"run `govkit lint {name}` and fix what it reports."
        )
    return loaded


def _where(finding: Finding) -> str:
    return str(finding.location) if finding.location else "the file"


def _day(ref: str, team: str, text: str, today: dt.date) -> dt.date:
    try:
        if not _DAY.match(text):
            raise ValueError(text)
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise GovkitError(
            f"`{text}` in `{ref}` is not a date; write TEAM@YYYY-MM-DD, for example `{team}@{today}`."
        ) from None
    if day > today:
        raise GovkitError(
            f"{day} in `{ref}` is after today ({today}), so no charter is known to be in force then; "
            f"use `{team}` for the current charter."
        )
    return day


def _history(repo: CharterRepo, doc: Document, ref: str, team: str, today: dt.date) -> CharterHistory:
    if top_of(repo.root) is None:
        raise GovkitError(
            f"The charter repo {repo.root} is not in git, so `{ref}` has no history to read. "
            f"Commit the charters to git, or compare working copies by team id (`{team}`)."
        )
    try:
        history = read_history(repo.root, doc, today)
    except subprocess.CalledProcessError as exc:
        reason = (exc.stderr or "").strip().splitlines()
        raise GovkitError(
            f"Cannot read the git history of {doc.name}: {reason[-1] if reason else exc}. "
            "Check the charter repo with `git status`."
        ) from None
    except RepoProblem as exc:
        raise GovkitError(f"Cannot read the git history of {doc.name}: {exc}.") from None
    if history.committed == 0:
        raise GovkitError(
            f"{doc.name} has no valid committed version, so `{ref}` has no history to read. "
            f"Commit it, or compare the working copy (`{team}`)."
        )
    return history
