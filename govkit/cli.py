"""The `govkit` command line: parse options, call the core, pick a reporter, exit.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 govkit could not run.
Heavy libraries are imported inside the commands so `--help` and `--version` start instantly.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from govkit import __version__
from govkit.errors import GovkitError

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("text", "json", "sarif", "junit", "github", "markdown")
FAIL_ON = ("error", "warning", "info", "never")


class CannotRun(click.ClickException):
    """govkit could not run: one line on standard error, exit code 2."""

    exit_code = 2


class GovkitGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GovkitError as exc:
            raise CannotRun(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except RecursionError:
            raise CannotRun("The input is nested too deeply to process; simplify the file.") from None
        except Exception as exc:  # the last line of defence: never a traceback for users
            raise CannotRun(
                f"internal error ({type(exc).__name__}: {exc}). This is a bug in govkit; "
                "please report it with the command you ran."
            ) from None


def root_option(func: F) -> F:
    return click.option(
        "--root",
        type=click.Path(path_type=Path, file_okay=False),
        default=None,
        help="The charter repo. Default: the nearest folder at or above the current one with teams/ or policies/.",
    )(func)


def report_options(func: F) -> F:
    func = click.option(
        "--fail-on",
        type=click.Choice(FAIL_ON),
        default="error",
        show_default=True,
        help="Exit with code 1 when a finding (not waived) is at or above this severity; `never` always exits 0.",
    )(func)
    func = click.option(
        "--format",
        "output_format",
        type=click.Choice(FORMATS),
        default="text",
        show_default=True,
        help="text for people; json, sarif, junit, github (annotations) or markdown (a PR comment) for machines.",
    )(func)
    return func


@click.group(cls=GovkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="govkit", message="%(prog)s %(version)s")
def cli() -> None:
    """Governance as code for firewalled pilot teams.

    A charter repo holds policies/, templates/ and teams/<team-id>/ with each team's
    charter.yaml and activity.yaml. govkit lints those files, checks the team's real
    activity against them, and renders charters for leadership.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 govkit could not run.
    """


def _emit(result: Any, output_format: str, fail_on: str) -> None:
    from govkit.model import Severity
    from govkit.report import reporter

    reporter(output_format)(result, sys.stdout)
    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    sys.stdout.flush()
    raise SystemExit(result.exit_code(threshold))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@root_option
@report_options
def lint(paths: tuple[Path, ...], root: Path | None, output_format: str, fail_on: str) -> None:
    """Check the governance files: YAML syntax, schema, consistency, and the policy's static rules.

    With no PATHS, lints every policy, charter and activity log of the charter repo.
    With PATHS (files or folders), lints just those.
    """
    from govkit.lint import lint as run_lint
    from govkit.repo import CharterRepo

    repo = CharterRepo(_root_for(root, paths))
    _emit(run_lint(repo, paths), output_format, fail_on)


def _root_for(root: Path | None, paths: tuple[Path, ...]) -> Path:
    from govkit.repo import find_root

    if root is not None or not paths:
        return find_root(root)
    for path in paths:
        if not path.exists():
            raise GovkitError(f"{path} does not exist; give files or folders inside the charter repo.")
    first = paths[0].resolve()
    try:
        return find_root(None, first if first.is_dir() else first.parent)
    except GovkitError:
        return Path.cwd().resolve()


@cli.command()
@click.argument("kind", type=click.Choice(("charter", "activity", "policy")))
def schema(kind: str) -> None:
    """Print the JSON Schema of a charter, an activity log or a policy.

    Point your editor at it for completion and validation as you type, for example with a
    `# yaml-language-server: $schema=...` line at the top of the file.
    """
    from govkit.validate import schema_text

    click.echo(schema_text(kind), nl=False)


def main() -> None:
    cli(prog_name="govkit")


@cli.command()
@click.argument("teams", nargs=-1)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge as of this day (YYYY-MM-DD): later commits and events are ignored. Default: today.",
)
@root_option
@report_options
def check(teams: tuple[str, ...], as_of: Any, root: Path | None, output_format: str, fail_on: str) -> None:
    """Check each team's real activity against its agreements: every rule of its policy.

    Reads the charter, the activity log, the git history of the team's repos and of the
    charter itself; each day is judged by the charter version in force that day. With
    TEAMS, checks just those teams.
    """
    import datetime as dt

    from govkit.check import run_check
    from govkit.repo import CharterRepo, find_root

    day = as_of.date() if as_of is not None else dt.date.today()
    _emit(run_check(CharterRepo(find_root(root)), list(teams), day), output_format, fail_on)


@cli.command()
@click.argument("directory", required=False, default="govkit-demo", type=click.Path(path_type=Path))
def demo(directory: Path) -> None:
    """Build a realistic sample and run the whole loop on it: lint, check and a summary.

    DIRECTORY (default: ./govkit-demo) gets a charter repo with three pilot teams (one
    green, one amber, one red) and their team repos with months of dated commits. An
    earlier demo there is replaced; any other non-empty folder is refused.
    """
    import datetime as dt

    from rich.console import Console

    from govkit import demo as sample
    from govkit.check import run_check
    from govkit.lint import lint as run_lint
    from govkit.repo import CharterRepo
    from govkit.report import reporter

    today = dt.date.today()
    console = Console()
    charters = sample.build(directory, today)
    repo = CharterRepo(charters.resolve())
    console.print(f"[bold]Sample charter repo:[/] {charters}\n")
    console.print("[bold]$ govkit lint[/]")
    reporter("text")(run_lint(repo), sys.stdout)
    console.print("\n[bold]$ govkit check[/]")
    result = run_check(repo, [], today)
    reporter("text")(result, sys.stdout)
    console.print()
    console.print(sample.summary_table(result))
    console.print(f"\nTry it yourself: [bold]cd {charters}[/] and run [bold]govkit check[/].")


@cli.group()
def policy() -> None:
    """Work with policies: the organisation's rules that charters pin as `name@major`."""


@policy.command("test")
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@root_option
@report_options
def policy_test(directory: Path | None, root: Path | None, output_format: str, fail_on: str) -> None:
    """Prove each rule of the policies in DIRECTORY on its examples (default: the repo's policies/).

    Examples live in DIRECTORY/tests/<rule-id>/pass/ and fail/: a charter file, or a folder
    with charter.yaml and, as the rule needs, activity.yaml, commits.yaml (the team repo's
    history) and example.yaml (as_of). A pass example must not raise its rule; a fail example
    must raise its rule and no other.
    """
    from govkit.policy_tests import run_policy_tests
    from govkit.repo import find_root

    folder = directory if directory is not None else find_root(root) / "policies"
    _emit(run_policy_tests(folder, folder.name), output_format, fail_on)


@cli.command()
@click.argument("team")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Review as of this day (YYYY-MM-DD). Default: today.",
)
@click.option(
    "--format", "output_format", type=click.Choice(("text", "markdown", "json")), default="text", show_default=True
)
@root_option
def review(team: str, as_of: Any, output_format: str, root: Path | None) -> None:
    """Summarise how a pilot did, for the decision to extend it, close it or firewall the next team.

    Exit criteria, adoption against target with its trend, cadence adherence, escalations and
    their response times, guardrail reviews, waivers used and the changes to the agreement.
    """
    import datetime as dt

    from govkit.repo import CharterRepo, find_root
    from govkit.report.review import write
    from govkit.review import review_team

    today = dt.date.today()
    day = as_of.date() if as_of is not None else today
    write(review_team(CharterRepo(find_root(root)), team, day, today), output_format, sys.stdout)


def _ask(value: str | None, prompt: str, option: str, interactive: bool | None) -> str:
    """A missing option: asked for in a terminal, else a usage error naming the option."""
    if value:
        return value
    if interactive if interactive is not None else sys.stdin.isatty():
        return str(click.prompt(prompt))
    raise click.UsageError(f"Missing option {option}.")


def team_options(func: F) -> F:
    for name, text in reversed(
        (
            ("--name", "The team's name, for example 'One-click Reorder Pilot'."),
            ("--business-lead", "The business lead's email."),
            ("--technology-lead", "The technology lead's email."),
        )
    ):
        func = click.option(name, default=None, help=text + " Asked for when missing in a terminal.")(func)
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
    interactive: bool | None,
) -> None:
    """Create a charter repo in DIRECTORY, with its first team, and commit it.

    It holds the built-in policy (with its examples), the templates, the team's draft charter
    and empty activity log, a README, a CI workflow and a pre-commit configuration. DIRECTORY
    must be new or empty.
    """
    import datetime as dt

    from govkit.scaffold import NewTeam, init_repo

    team = NewTeam(
        _ask(team_id, "Team id (e.g. reorder-pilot)", "--team", interactive),
        _ask(name, "Team name", "--name", interactive),
        _ask(business_lead, "Business lead's email", "--business-lead", interactive),
        _ask(technology_lead, "Technology lead's email", "--technology-lead", interactive),
    )
    init_repo(directory, team, dt.date.today())
    click.echo(f"Created the charter repo {directory} with team {team.team}, and made its first commit.")
    click.echo("Next:")
    click.echo(f"  1. Fill in {directory}/teams/{team.team}/charter.yaml: members, repos, metrics, exit criteria.")
    click.echo(f"  2. cd {directory} && govkit lint   (until it is clean)")
    click.echo("  3. Push it and open a pull request; both leads approve, then set `status: active`.")


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
    interactive: bool | None,
    root: Path | None,
) -> None:
    """Add team ID to the charter repo, with a draft charter and an empty activity log."""
    import datetime as dt

    from govkit.repo import find_root
    from govkit.scaffold import NewTeam, add_team

    team = NewTeam(
        team_id,
        _ask(name, "Team name", "--name", interactive),
        _ask(business_lead, "Business lead's email", "--business-lead", interactive),
        _ask(technology_lead, "Technology lead's email", "--technology-lead", interactive),
    )
    folder = add_team(find_root(root), team, dt.date.today())
    click.echo(f"Added {folder}. Fill in its charter.yaml, run `govkit lint`, then commit it in a pull request.")


@cli.command("log")
@click.argument("team_id", metavar="TEAM")
@click.argument("event_type", metavar="TYPE")
@click.option(
    "--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, help="YYYY-MM-DD. Default: today."
)
@click.option("--summary", default=None, help="What happened, in a sentence.")
@click.option("--by", default=None, help="Who recorded it (an email).")
@click.option("--metric", default=None, help="For `metric`: the charter's metric id.")
@click.option("--value", type=float, default=None, help="For `metric`: the reading.")
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
    escalation, escalation-resolved, metric, other. The event is checked first and appended
    safely, keeping the file's comments; nothing is written when something is wrong.
    """
    import datetime as dt

    from govkit.activity_log import NewEvent, append_event
    from govkit.lint import prepare_charter
    from govkit.repo import CharterRepo, find_root

    repo = CharterRepo(find_root(root))
    if team_id not in repo.team_ids():
        raise GovkitError(
            f"There is no team `{team_id}` in {repo.root / 'teams'}. Known teams: {', '.join(repo.team_ids()) or 'none yet'}."
        )
    folder = repo.team_dir(team_id)
    problems, ctx, _ = prepare_charter(repo, folder / "charter.yaml")
    if ctx is None:
        raise GovkitError(f"{problems[0].location}: {problems[0].message} Fix the charter first; nothing was written.")
    date = day.date() if day is not None else dt.date.today()
    if date > dt.date.today():
        raise GovkitError(f"{date} is in the future; record events once they have happened.")
    event = NewEvent(date, event_type, summary, by, metric, value, ref)
    log = folder / "activity.yaml"
    append_event(ctx.charter, log, event, repo.name(log))
    click.echo(f"Recorded {event_type} on {date} in {repo.name(log)}.")
