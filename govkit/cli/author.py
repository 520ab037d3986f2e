"""Commands that write: init, team add and log."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from govkit.cli.base import CannotRun, Day, F, Number, cli, complete_event_type, complete_team, root_option
from govkit.errors import GovkitError

if TYPE_CHECKING:
    from govkit.commands.init import NewTeam


def _ask(value: str | None, prompt: str, option: str, interactive: bool | None, check: Callable[[str], str]) -> str:
    """A missing option: asked for in a terminal (again, until the answer is good), else a usage error."""
    if value:
        return value
    if not (interactive if interactive is not None else sys.stdin.isatty()):
        raise click.UsageError(f"Missing option {option}.")

    def checked(answer: str) -> str:
        try:
            return check(answer)
        except GovkitError as exc:
            raise click.BadParameter(str(exc)) from None

    try:
        return str(click.prompt(prompt, value_proc=checked))
    except click.Abort:
        raise CannotRun(f"Stopped before {option} was given; nothing was written.") from None


def _new_team(
    team_id: str | None,
    name: str | None,
    business: str | None,
    technology: str | None,
    interactive: bool | None,
    timebox: dict[str, Any],
    escalation: str | None,
) -> NewTeam:
    from govkit.commands.init import NewTeam, check_email, check_id, check_name

    team_id = _ask(team_id, "Team id (e.g. reorder-pilot)", "--team", interactive, check_id)
    name = _ask(name, "Team name", "--name", interactive, check_name)
    business = _ask(
        business, "Business lead's email", "--business-lead", interactive, lambda e: check_email(e, "business")
    )
    technology = _ask(
        technology, "Technology lead's email", "--technology-lead", interactive, lambda e: check_email(e, "technology")
    )
    escalation = escalation or _ask_escalation(business, technology, interactive)
    return NewTeam(team_id, name, business, technology, escalation, **timebox)


def _ask_escalation(business: str, technology: str, interactive: bool | None) -> str | None:
    """In a terminal, the escalation contact (Enter leaves a placeholder that lint flags); elsewhere None."""
    from govkit.commands.init import check_escalation

    if not (interactive if interactive is not None else sys.stdin.isatty()):
        return None

    def checked(answer: str) -> str:
        try:
            return check_escalation(answer, (business, technology)) if answer else answer
        except GovkitError as exc:
            raise click.BadParameter(str(exc)) from None

    prompt = "Escalation contact's email: who the leads turn to when they cannot decide, not one of them (Enter: later)"
    try:
        answer = str(click.prompt(prompt, default="", show_default=False, value_proc=checked))
    except click.Abort:
        raise CannotRun("Stopped before the escalation contact was given; nothing was written.") from None
    return answer or None


def team_options(func: F) -> F:
    func = click.option("--end", type=Day(), default=None, help="The time box's last day, instead of --weeks.")(func)
    func = click.option(
        "--weeks", type=click.IntRange(min=1), default=None, help="The time box's length in weeks. Default: 16."
    )(func)
    func = click.option("--start", type=Day(), default=None, help="The time box's first day. Default: next Monday.")(
        func
    )
    for name, text in reversed(
        (
            ("--name", "The team's name, for example 'One-click Reorder Pilot'. Asked for when missing in a terminal."),
            ("--business-lead", "The business lead's email. Asked for when missing in a terminal."),
            ("--technology-lead", "The technology lead's email. Asked for when missing in a terminal."),
            (
                "--escalation-contact",
                "Who the leads turn to when they cannot decide together (an email, not one of the leads). "
                "Asked for in a terminal; otherwise left as a TODO that `govkit lint` flags.",
            ),
        )
    ):
        func = click.option(name, default=None, help=text)(func)
    return click.option("--interactive/--no-interactive", default=None, hidden=True)(func)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--team", "team_id", default=None, help="The first team's id: lower-case letters, digits and dashes.")
@team_options
def init(
    directory: Path,
    team_id: str | None,
    name: str | None,
    business_lead: str | None,
    technology_lead: str | None,
    escalation_contact: str | None,
    start: dt.date | None,
    weeks: int | None,
    end: dt.date | None,
    interactive: bool | None,
) -> None:
    """Create a charter repo in DIRECTORY, with its first team, and commit it.

    It holds the built-in policy (with its examples), the templates, the team's draft charter
    and empty activity log, a README, a CI workflow and a pre-commit configuration. DIRECTORY
    must be new or empty. The time box starts next Monday (--start) and lasts 16 weeks (--weeks,
    or --end), within what the policy allows.
    """
    from govkit.commands.init import init_repo

    timebox = {"start": start, "weeks": weeks, "end": end}
    team = _new_team(team_id, name, business_lead, technology_lead, interactive, timebox, escalation_contact)
    init_repo(directory, team, dt.date.today())
    charter = f"{directory}/teams/{team.team}/charter.yaml"
    click.echo(f"Created the charter repo {directory} with team {team.team}, and made its first commit.")
    click.echo("Next:")
    click.echo(f"  1. Fill in {charter}: members, metrics, exit criteria, and every TODO.")
    if team.escalation is None:
        click.echo("     Name the escalation contact there too: someone the leads turn to, not one of them.")
    click.echo(f"  2. cd {directory} && govkit lint   (until it shows no errors and no warnings)")
    click.echo('  3. Set `status: active`, then git commit -am "Agree the charter" and push it.')
    click.echo(f"  4. Each lead approves it, from their own clone: govkit approve {team.team}, then git push.")
    click.echo("  5. For CI: give each repo in the charter its `url`, run `govkit ci github`, and commit the workflow.")


@cli.group()
def team() -> None:
    """Manage the teams of a charter repo."""


@team.command("add")
@click.argument("team_id", metavar="ID")
@team_options
@root_option
def team_add(
    team_id: str,
    name: str | None,
    business_lead: str | None,
    technology_lead: str | None,
    escalation_contact: str | None,
    start: dt.date | None,
    weeks: int | None,
    end: dt.date | None,
    interactive: bool | None,
    root: Path | None,
) -> None:
    """Add team ID to the charter repo, with a draft charter and an empty activity log.

    The time box starts next Monday (--start) and lasts 16 weeks (--weeks, or --end), within
    what the repo's policy allows."""
    from govkit.commands.init import add_team
    from govkit.repo import find_root

    timebox = {"start": start, "weeks": weeks, "end": end}
    team = _new_team(team_id, name, business_lead, technology_lead, interactive, timebox, escalation_contact)
    folder = add_team(find_root(root), team, dt.date.today())
    click.echo(f"Added {folder}. Fill in its charter.yaml, run `govkit lint`, then commit it in a pull request.")
    if team.escalation is None:
        click.echo("Name its escalation contact there too: someone the leads turn to, not one of them.")


@cli.command("log")
@click.argument("team_id", metavar="TEAM", shell_complete=complete_team)
@click.argument("event_type", metavar="TYPE", shell_complete=complete_event_type)
@click.option("--date", "day", type=Day(), default=None, help="The day it happened, YYYY-MM-DD. Default: today.")
@click.option("--summary", default=None, help="What happened, in a sentence.")
@click.option("--by", default=None, help="Who recorded it (an email).")
@click.option("--metric", default=None, help="For `metric`: the charter's metric id.")
@click.option("--value", type=Number(), default=None, help="For `metric`: the reading, a number such as 42.")
@click.option("--ref", default=None, help="For `escalation` (a new ref) and `escalation-resolved` (an open one).")
@root_option
def log_event(
    team_id: str,
    event_type: str,
    day: Any,
    summary: str | None,
    by: str | None,
    metric: str | None,
    value: float | None,
    ref: str | None,
    root: Path | None,
) -> None:
    """Record an event in TEAM's activity log: a demo, a customer session, a retro, a metric reading...

    TYPE is one of demo, customer-feedback, retro, release, knowledge-share, decision,
    escalation, escalation-resolved, metric, other, or a type the team's policy declares
    under `events`. The event is checked first and appended safely, keeping the file's
    comments; nothing is written when something is wrong.
    """

    from govkit.commands.log import EVENT_TYPES, NewEvent, append_event, event_warnings
    from govkit.evidence.files import read_charter_file
    from govkit.repo import CharterRepo, find_root

    repo = CharterRepo(find_root(root))
    if team_id not in repo.team_ids():
        for finding in repo.stray_folders():  # a link leading out of the repo in the way: say so
            if finding.rule == "file" and str(finding.location) in ("teams", f"teams/{team_id}"):
                raise GovkitError(f"{finding.message} Nothing was written.")
        raise GovkitError(
            f"There is no team `{team_id}` in {repo.root / 'teams'}. Known teams: {', '.join(repo.team_ids()) or 'none yet'}."
        )
    folder = repo.team_dir(team_id)
    charter = read_charter_file(repo, folder / "charter.yaml")
    if charter.charter is None:
        first = charter.findings[0]
        raise GovkitError(f"{first.location}: {first.message} Fix the charter first; nothing was written.")
    date = day or dt.date.today()
    if date > dt.date.today():
        raise GovkitError(f"{date} is in the future; record events once they have happened.")
    event = NewEvent(date, event_type, summary, by, metric, value, ref)
    log = folder / "activity.yaml"
    # A pin `govkit lint` reports as unknown still lets the team record what happened, in the built-in types.
    policy = repo.policies().get(charter.charter.policy)
    event_types = policy.event_types if policy else EVENT_TYPES
    append_event(charter.charter, log, event, repo.name(log), event_types, root=repo.root)
    click.echo(f"Recorded {event_type} on {date} in {repo.name(log)}.")
    for warning in event_warnings(charter.charter, event, repo.name(log)):
        click.echo(f"Warning: {warning}", err=True)


@cli.command("approve")
@click.argument("team_id", metavar="TEAM", shell_complete=complete_team)
@click.option("--yes", is_flag=True, help="Approve without asking, for scripts. In a terminal, govkit asks first.")
@root_option
def approve_changes(team_id: str, yes: bool, root: Path | None) -> None:
    """Approve TEAM's pending charter changes, as the lead you commit as.

    Shows each committed change to the charter that still needs your approval, agreement by
    agreement, asks you to confirm, then records your approval as a commit of its own
    (`Approves: <sha>` and `Approved-by: Name <email>`, with your git identity). A change is in
    force once both leads approved it: the other lead runs the same command from their clone.
    Push the approval commit so it reaches everyone.
    """
    from govkit.commands.approve import approve, pending_for
    from govkit.repo import CharterRepo, find_root

    repo = CharterRepo(find_root(root))
    name, email, waiting = pending_for(repo, team_id, dt.date.today())
    if not waiting:
        click.echo(f"Nothing of {team_id}'s charter waits for {email}'s approval.")
        return
    for pending in waiting:
        commit = pending.amendment.commit
        click.echo(f'Change {commit.sha[:10]} by {commit.author_name} on {pending.amendment.day}: "{commit.subject}"')
        for text in pending.changes or ("(no change to any agreement)",):
            click.echo(f"  {text}")
    if not yes:
        if not sys.stdin.isatty():
            raise CannotRun("Not in a terminal, so govkit cannot ask: run it again with --yes to approve.")
        if not click.confirm(f"Approve {'this change' if len(waiting) == 1 else 'these changes'} as {name} <{email}>?"):
            raise CannotRun("Nothing was approved.")
    sha = approve(repo, team_id, name, email, waiting)
    click.echo(
        f"Recorded your approval as commit {sha[:10]}. Push it (`git push`); each change is in force once both "
        "leads have approved it."
    )
