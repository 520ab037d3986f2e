"""`govkit init` and `govkit team add`: new charter repos and new teams, from templates in the package.

Everything is written into a temporary folder beside the target and moved into place at the
end, so an interruption never leaves a half-made repo or team behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkit import REPOSITORY, __version__
from govkit.ci.github import github_workflow, release_requirement, write_workflow
from govkit.confine import writable_inside
from govkit.errors import GovkitError
from govkit.git import identity, init_with_commit
from govkit.repo import TEAM_ID_PATTERN, CharterRepo, builtin_dir

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
SCHEMA_BASE = "https://schemas.govkit.dev/v1/"


@dataclass(frozen=True, slots=True)
class NewTeam:
    team: str
    name: str
    business: str
    technology: str


def check_id(team_id: str) -> str:
    """The id, or a GovkitError when it could escape its folder or break the rules for ids."""
    if not re.fullmatch(TEAM_ID_PATTERN, team_id):
        raise GovkitError(
            f"`{team_id}` cannot be a team id: use lower-case letters, digits and dashes, "
            "starting with a letter or digit (for example reorder-pilot)."
        )
    return team_id


def check_name(name: str) -> str:
    """The name: one line of text, since it also stands in comments and page titles."""
    if not name.strip():
        raise GovkitError("Give the team a name, for example --name 'One-click Reorder Pilot'.")
    if not name.isprintable():
        raise GovkitError("The team name must be one line of plain text, without line breaks or tabs.")
    return name


def check_email(email: str, role: str) -> str:
    if not re.fullmatch(EMAIL_PATTERN, email):
        raise GovkitError(f"`{email}` is not an email address; give the {role} lead's email.")
    return email


def check_team(team: NewTeam) -> None:
    """Refuse a bad id, name or email, and one person as both leads."""
    check_id(team.team)
    check_name(team.name)
    check_email(team.business, "business")
    check_email(team.technology, "technology")
    if team.business.lower() == team.technology.lower():
        raise GovkitError("The business lead and the technology lead must be two different people.")


def init_repo(target: Path, team: NewTeam, today: dt.date) -> None:
    """A new charter repo at `target`, with one team, committed."""
    check_team(team)
    if target.is_symlink():
        raise GovkitError(
            f"{target} is a link; govkit init makes the charter repo in a folder of its own. "
            "Give the path of a new or empty folder that is not a link."
        )
    if target.exists() and not target.is_dir():
        raise GovkitError(f"{target} is a file; give a new or empty folder for the charter repo.")
    if target.exists() and any(target.iterdir()):
        raise GovkitError(f"{target} already exists and is not empty; govkit init only creates new charter repos.")
    target.parent.mkdir(parents=True, exist_ok=True)
    identity(target.parent)  # before writing anything: no identity, no half-made repo
    with tempfile.TemporaryDirectory(prefix=f".{target.name}-", dir=target.parent) as scratch:
        staging = Path(scratch) / "repo"
        shutil.copytree(builtin_dir("policies"), staging / "policies")
        shutil.copytree(builtin_dir("templates"), staging / "templates", ignore=shutil.ignore_patterns(".*"))
        _write_team(staging, team, today)
        values = _values(team, today)
        (staging / "README.md").write_text(_render("README.md.j2", values), encoding="utf-8")
        write_workflow(staging, github_workflow(CharterRepo(staging.resolve())).text)
        (staging / ".pre-commit-config.yaml").write_text(_render("pre-commit-config.yaml.j2", values), encoding="utf-8")
        shutil.copy(builtin_dir("scaffold") / "gitignore", staging / ".gitignore")
        init_with_commit(staging, f"Start the charter repo with team {team.team}")
        if target.exists():
            target.rmdir()
        os.replace(staging, target)


def add_team(root: Path, team: NewTeam, today: dt.date) -> Path:
    """A new team folder in an existing charter repo; not committed."""
    check_team(team)
    teams = writable_inside(root / "teams", root)  # a committed link must not take the new team elsewhere
    folder = teams / team.team
    if os.path.lexists(folder):
        raise GovkitError(f"There is already a team `{team.team}` in {root / 'teams'}; choose another id.")
    if os.path.lexists(teams) and not teams.is_dir():
        raise GovkitError(f"{root / 'teams'} is not a folder; move it away so teams can be added.")
    teams.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{team.team}-", dir=teams) as scratch:
        _write_team(Path(scratch), team, today)
        os.replace(Path(scratch) / "teams" / team.team, folder)
    return folder


def _write_team(root: Path, team: NewTeam, today: dt.date) -> None:
    folder = root / "teams" / team.team
    folder.mkdir(parents=True)
    values = _values(team, today)
    (folder / "charter.yaml").write_text(_render("charter.yaml.j2", values), encoding="utf-8")
    (folder / "activity.yaml").write_text(_render("activity.yaml.j2", values), encoding="utf-8")


def _values(team: NewTeam, today: dt.date) -> dict[str, Any]:
    start = today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)  # next Monday
    return {
        "team": team.team,
        "name": team.name,
        "business": team.business,
        "technology": team.technology,
        "business_name": name_from_email(team.business),
        "technology_name": name_from_email(team.technology),
        "start": start,
        "end": start + dt.timedelta(weeks=16) - dt.timedelta(days=3),  # a Friday, 16 weeks on
        "version": __version__,
        "install": release_requirement(),
        "repository": REPOSITORY,
        "charter_schema": SCHEMA_BASE + "charter.json",
        "activity_schema": SCHEMA_BASE + "activity.json",
    }


def name_from_email(email: str) -> str:
    """`ana.silva@example.com` → `Ana Silva`: a starting point the lead can correct."""
    local = email.split("@")[0]
    return " ".join(part.capitalize() for part in re.split(r"[._+-]+", local) if part) or email


def _render(template: str, values: dict[str, Any]) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_dir("scaffold"))),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # YAML and Markdown, not HTML; values go through the `yaml` filter
    )
    # A JSON string is a valid, safely quoted YAML scalar, whatever the user typed.
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return environment.get_template(template).render(values)
