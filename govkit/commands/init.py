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
from govkit.git.run import identity, init_with_commit
from govkit.repo import TEAM_ID_PATTERN, CharterRepo, builtin_dir

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
SCHEMA_BASE = "https://schemas.govkit.dev/v1/"


POLICY_PIN = "firewalled-pilot@1"  # the policy the new charter pins
WEEKS = 16  # the time box when neither --weeks nor --end is given
# Until a lead names the escalation contact, the charter holds this: an email the schema takes,
# starting with the placeholder `required-sections` flags.
NO_ESCALATION_CONTACT = "TODO-someone-who-is-not-a-lead@example.com"


@dataclass(frozen=True, slots=True)
class NewTeam:
    team: str
    name: str
    business: str
    technology: str
    escalation: str | None = None  # None: a placeholder for the leads to fill in
    start: dt.date | None = None  # None: next Monday
    weeks: int | None = None  # the time box's length; or `end`, not both
    end: dt.date | None = None


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


def check_escalation(email: str, leads: tuple[str, str]) -> str:
    """The escalation contact: an email, and someone the leads can turn to, so not one of them."""
    if not re.fullmatch(EMAIL_PATTERN, email):
        raise GovkitError(f"`{email}` is not an email address; give the escalation contact's email.")
    if email.lower() in (lead.lower() for lead in leads):
        raise GovkitError(
            f"{email} is one of the leads. The escalation contact is who the leads turn to when they cannot "
            "decide together: name someone else, such as the sponsor who set the pilot up."
        )
    return email


def check_team(team: NewTeam) -> None:
    """Refuse a bad id, name or email, one person as both leads, and a lead as the escalation contact."""
    check_id(team.team)
    check_name(team.name)
    check_email(team.business, "business")
    check_email(team.technology, "technology")
    if team.business.lower() == team.technology.lower():
        raise GovkitError("The business lead and the technology lead must be two different people.")
    if team.escalation is not None:
        check_escalation(team.escalation, (team.business, team.technology))


def timebox_of(team: NewTeam, today: dt.date, max_weeks: int | None) -> tuple[dt.date, dt.date]:
    """The new charter's time box: from --start (default next Monday) for --weeks or to --end, within the policy."""
    if team.weeks is not None and team.end is not None:
        raise GovkitError("Give the time box's length with --weeks or its last day with --end, not both.")
    start = team.start or today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7)
    # --weeks N ends on the Friday of the Nth week, as a team's last demo usually falls.
    end = team.end or start + dt.timedelta(weeks=team.weeks or WEEKS) - dt.timedelta(days=3)
    if end <= start:
        raise GovkitError(f"The time box would end on {end}, on or before it starts on {start}; give a later --end.")
    if max_weeks is not None and (end - start).days > 7 * max_weeks:
        asked = f"{team.weeks} weeks" if team.weeks else f"{(end - start).days / 7:.1f} weeks ({start} to {end})"
        latest = start + dt.timedelta(weeks=max_weeks)
        raise GovkitError(
            f"A time box of {asked} is longer than the policy {POLICY_PIN} allows: at most {max_weeks} weeks. "
            f"Give --weeks {max_weeks} or fewer, or an --end on or before {latest}."
        )
    return start, end


def max_weeks(repo: CharterRepo) -> int | None:
    """The longest time box the policy the new charter pins allows; None when it sets no limit."""
    policy = repo.policies().get(POLICY_PIN)
    rule = next((r for r in policy.rules if r.check.ID == "timebox"), None) if policy else None
    return int(rule.params["max_weeks"]) if rule is not None else None


def init_repo(target: Path, team: NewTeam, today: dt.date) -> None:
    """A new charter repo at `target`, with one team, committed."""
    check_team(team)
    # A new folder holds no policies/: the built-in policy, which init copies, is the one that counts.
    timebox = timebox_of(team, today, max_weeks(CharterRepo(target.resolve())))
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
        _write_team(staging, team, timebox)
        values = _values(team, timebox)
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
    timebox = timebox_of(team, today, max_weeks(CharterRepo(root)))
    teams = writable_inside(root / "teams", root)  # a committed link must not take the new team elsewhere
    folder = teams / team.team
    if os.path.lexists(folder):
        raise GovkitError(f"There is already a team `{team.team}` in {root / 'teams'}; choose another id.")
    if os.path.lexists(teams) and not teams.is_dir():
        raise GovkitError(f"{root / 'teams'} is not a folder; move it away so teams can be added.")
    teams.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{team.team}-", dir=teams) as scratch:
        _write_team(Path(scratch), team, timebox)
        os.replace(Path(scratch) / "teams" / team.team, folder)
    return folder


def _write_team(root: Path, team: NewTeam, timebox: tuple[dt.date, dt.date]) -> None:
    folder = root / "teams" / team.team
    folder.mkdir(parents=True)
    values = _values(team, timebox)
    (folder / "charter.yaml").write_text(_render("charter.yaml.j2", values), encoding="utf-8")
    (folder / "activity.yaml").write_text(_render("activity.yaml.j2", values), encoding="utf-8")


def _values(team: NewTeam, timebox: tuple[dt.date, dt.date]) -> dict[str, Any]:
    return {
        "team": team.team,
        "name": team.name,
        "business": team.business,
        "technology": team.technology,
        "business_name": name_from_email(team.business),
        "technology_name": name_from_email(team.technology),
        "start": timebox[0],
        "end": timebox[1],
        "escalation": team.escalation or NO_ESCALATION_CONTACT,
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
    # An email as typed when YAML reads it back unchanged, quoted when it holds `#`, `:` or quotes.
    environment.filters["email"] = lambda value: (
        value if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9.-]+", value) else json.dumps(value)
    )
    return environment.get_template(template).render(values)
