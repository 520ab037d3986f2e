"""What every command shares: the group, its error handling, and the options named alike everywhere."""

from __future__ import annotations

import datetime as dt
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


# Asking for a group with no command shows its help (click 8.2 and later raise this for it).
_SHOWS_HELP: tuple[type[Exception], ...] = tuple(
    kind for kind in [getattr(click.exceptions, "NoArgsIsHelpError", None)] if kind is not None
)


def _one_line(exc: click.UsageError) -> click.ClickException:
    """Bad usage as the one line the exit code 2 promises, saying where the help is.

    A group asked for with no command keeps click's own way: its help."""
    if isinstance(exc, _SHOWS_HELP):
        return exc
    where = f" Run `{exc.ctx.command_path} --help` to see how to use it." if exc.ctx is not None else ""
    return CannotRun(exc.format_message() + where)


class GovkitGroup(click.Group):
    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GovkitError as exc:
            raise CannotRun(str(exc)) from None
        except click.UsageError as exc:
            raise _one_line(exc) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            raise  # the reader stopped early (`| head`): click exits quietly
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


def emit(result: Any, output_format: str, fail_on: str) -> None:
    from govkit.model import Severity
    from govkit.report import reporter

    threshold = None if fail_on == "never" else Severity.parse(fail_on)
    reporter(output_format)(result, sys.stdout, threshold)
    sys.stdout.flush()
    raise SystemExit(result.exit_code(threshold))


class Day(click.ParamType):
    """A calendar day written YYYY-MM-DD, as every govkit file writes dates."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from govkit.slips import day_fix

        text = str(value).strip()
        if len(text) == 10 and text[4] == text[7] == "-":  # fromisoformat alone also takes 20261015
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        fix = day_fix(text)
        if fix and len(text) == 10 and text[4] == text[7] == "-":
            self.fail(f"`{value}` is not a day of the calendar: {fix}.", param, ctx)
        self.fail(f"`{value}` is not a date written YYYY-MM-DD: {fix or 'write it such as 2026-10-15'}.", param, ctx)


class Number(click.ParamType):
    """A number as the files write it: digits, perhaps a point; `45%` or `1,000` are told how to write it."""

    name = "NUMBER"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, int | float):
            return float(value)
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            from govkit.slips import number_fix

            fix = number_fix(text)
            self.fail(f"`{value}` is not a number: {fix or 'write digits, such as 42 or 12.5'}.", param, ctx)
        if number != number or number in (float("inf"), float("-inf")):
            self.fail(f"`{value}` is not a number govkit can count with; write digits, such as 42.", param, ctx)
        return number


class ShardOf(click.ParamType):
    """`K/N`: the K-th of N shards, as a CI matrix numbers its jobs."""

    name = "K/N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        index, slash, count = str(value).partition("/")
        if slash and index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count) <= 10_000:
            return int(index), int(count)
        self.fail(f"`{value}` is not a shard: write K/N, such as 2/4 for the second of four shards.", param, ctx)


def parallel_options(func: F) -> F:
    func = click.option(
        "--shard",
        type=ShardOf(),
        default=None,
        help="Only the K-th of N shares of the teams (the same team always in the same share), for a CI "
        "matrix; `govkit merge` joins the shards' `--format json` results.",
    )(func)
    func = click.option(
        "--jobs",
        type=click.IntRange(min=1),
        default=None,
        help="Processes that read teams and repos side by side. Default: the number of cores.",
    )(func)
    return func


def jobs_or_cores(jobs: int | None) -> int:
    from govkit.commands.teams import default_jobs

    return jobs if jobs is not None else default_jobs()


def as_of_option(help_text: str) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        return click.option("--as-of", type=Day(), default=None, help=help_text)(func)

    return decorate


def day_or_today(as_of: dt.date | None) -> dt.date:
    """The date given with --as-of, else today."""
    return as_of or dt.date.today()


def complete_team(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion for TEAM arguments: the team ids of the charter repo in use."""
    from govkit.repo import CharterRepo, find_root

    try:
        teams = CharterRepo(find_root(ctx.params.get("root"))).team_ids()
    except (GovkitError, OSError):
        return []
    return [team for team in teams if team.startswith(incomplete)]


def complete_event_type(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion for `govkit log`'s TYPE: the built-in types and those the team's policy declares
    (every policy's, before a team is given)."""
    from govkit.commands.log import EVENT_TYPES
    from govkit.evidence.files import read_charter_file
    from govkit.repo import CharterRepo, find_root

    known = list(EVENT_TYPES)
    try:
        repo = CharterRepo(find_root(ctx.params.get("root")))
        policies = repo.policies()
        team = str(ctx.params.get("team_id"))
        known_team = team in repo.team_ids()
        charter = read_charter_file(repo, repo.team_dir(team) / "charter.yaml").charter if known_team else None
        chosen = [policies[charter.policy]] if charter and charter.policy in policies else policies.values()
        for policy in chosen:
            known += [kind for kind in policy.event_types if kind not in known]
    except (GovkitError, OSError):
        pass
    return [kind for kind in known if kind.startswith(incomplete)]


def main() -> None:
    cli(prog_name="govkit")
