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


# --- Comparing charters and policies -------------------------------------------------------

DIFF_FORMATS = ("text", "json", "markdown")


def diff_format_option(func: F) -> F:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(DIFF_FORMATS),
        default="text",
        show_default=True,
        help="text for people, json for scripts, markdown for a pull-request comment or a leadership pack.",
    )(func)


@cli.command()
@click.argument("before", metavar="A")
@click.argument("after", metavar="B")
@root_option
@diff_format_option
def diff(before: str, after: str, root: Path | None, output_format: str) -> None:
    """Compare two charters, agreement by agreement: what changed from A to B.

    A and B are each TEAM, the charter in teams/TEAM/charter.yaml as it is now, or
    TEAM@YYYY-MM-DD, the version in force on that day, read from the charter repo's git
    history (a day before the first commit gives the first version). Compare two teams so a
    new team can start from a proven one, or one team at two dates for a leadership review:

    \b
      govkit diff reorder-pilot returns-pilot
      govkit diff reorder-pilot@2026-09-01 reorder-pilot

    Lists changed members, leads, time box, repos and guarded paths, cadences, metrics,
    exemptions, decisions, escalation, exit criteria and waivers. A shorter cadence, reading
    interval or response time is `tightened`, a longer one `loosened`.

    Exit codes: 0 whenever the comparison ran, with or without differences (a difference is
    information, not a failure); 2 when it could not run (an unknown team, a bad date, a
    charter that is not valid, no git history for a dated charter).
    """
    import datetime as dt

    from govkit.compare.refs import compare_charters
    from govkit.repo import CharterRepo, find_root
    from govkit.report.changes import writer

    comparison = compare_charters(CharterRepo(find_root(root)), before, after, dt.date.today())
    writer(output_format)(comparison, sys.stdout)


@cli.group()
def policy() -> None:
    """Work with policies: the organisation's rules that every charter pins.

    A policy (policies/NAME.yaml in the charter repo, or built in, like firewalled-pilot)
    lists rules, each a check type with a severity and params, and carries a semantic
    version. A charter pins it as NAME@MAJOR, looked up in the repo's policies/ first, then
    among the built-in ones. Change a policy by a reviewed commit: a new minor version for
    added or looser rules, a new major one for tighter rules.
    """


@policy.command("diff")
@click.argument("old")
@click.argument("new")
@root_option
@diff_format_option
def policy_diff(old: str, new: str, root: Path | None, output_format: str) -> None:
    """Compare two versions of a policy: rules added, removed, tightened and loosened.

    OLD and NEW are each a policy file (a path) or a pin such as firewalled-pilot@1, looked
    up like charters do: the charter repo's policies/ first, then the built-in policies.

    \b
      govkit policy diff firewalled-pilot@1 policies/firewalled-pilot.yaml

    Lists the version change, rules added and removed, severities raised (tightened) or
    lowered (loosened), and params tightened, loosened or changed. When rules are tightened
    without a new major version, a hint says so: charters pin the major.

    Exit codes: 0 whenever the comparison ran; 2 when it could not run (a missing file, an
    unknown pin, a policy that is not valid).
    """
    from govkit.compare.refs import compare_policies
    from govkit.report.changes import writer

    writer(output_format)(compare_policies(old, new, root), sys.stdout)
