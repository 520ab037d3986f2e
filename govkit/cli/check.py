"""Commands that judge what teams really do: check and review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from govkit.cli.base import (
    as_of_option,
    cli,
    complete_team,
    day_or_today,
    emit,
    jobs_or_cores,
    parallel_options,
    report_options,
    root_option,
)


@cli.command()
@click.argument("teams", nargs=-1, shell_complete=complete_team)
@as_of_option("Judge as of this day (YYYY-MM-DD): later commits and events are ignored. Default: today.")
@root_option
@report_options
@parallel_options
def check(
    teams: tuple[str, ...],
    as_of: Any,
    root: Path | None,
    output_format: str,
    fail_on: str,
    jobs: int | None,
    shard: tuple[int, int] | None,
) -> None:
    """Check each team's real activity against its agreements: every rule of its policy.

    Reads the charter, the activity log, the git history of the team's repos and of the
    charter itself; each day is judged by the charter version in force that day. With
    TEAMS, checks just those teams. Teams are read side by side on every core (--jobs); a
    repo several teams list is read once. With --shard K/N, only the K-th share of the teams:
    run every share (a CI matrix), then `govkit merge` their `--format json` results.
    """
    from govkit.commands.check import run_check
    from govkit.repo import CharterRepo, find_root

    day = day_or_today(as_of)
    repo = CharterRepo(find_root(root))
    emit(run_check(repo, list(teams), day, jobs=jobs_or_cores(jobs), shard=shard), output_format, fail_on)


@cli.command()
@click.argument("team", shell_complete=complete_team)
@as_of_option("Review as of this day (YYYY-MM-DD). Default: today.")
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

    from govkit.commands.review import review_team
    from govkit.repo import CharterRepo, find_root
    from govkit.report.review import write

    today = dt.date.today()
    day = as_of or today
    write(review_team(CharterRepo(find_root(root)), team, day, today), output_format, sys.stdout)


@cli.command()
@click.argument("parts", nargs=-1, required=True, type=click.Path(path_type=Path))
@report_options
def merge(parts: tuple[Path, ...], output_format: str, fail_on: str) -> None:
    """Join the results of a run's shards into the result of the whole run.

    PARTS are the files `govkit check --shard K/N --format json` wrote, one for each shard
    (or folders holding them). The result, in any --format and with the same exit code, is
    the one `govkit check` gives when it checks every team at once.
    """
    from govkit.commands.merge import merge_files

    emit(merge_files(list(parts)), output_format, fail_on)


@cli.command()
@click.argument("change", metavar="BASE..HEAD")
@click.option(
    "--charter",
    required=True,
    metavar="PATH_OR_URL",
    help="The charter repo: a folder, or its address (https://, ssh://, git@...), cloned with full history.",
)
@click.option("--team", required=True, help="The team whose charter the change is judged against.")
@click.option(
    "--repo",
    "repo_name",
    default=None,
    metavar="NAME",
    help="Which of the team's repos this is (its `name` in the charter). Default: found from its path or `url`.",
)
@as_of_option("Judge as of this day (YYYY-MM-DD): the charter in force and the time box. Default: today.")
@report_options
def gate(
    change: str, charter: str, team: str, repo_name: str | None, as_of: Any, output_format: str, fail_on: str
) -> None:
    """Judge a change's commits in a team repo before it merges, against the team's charter.

    Run it in the team repo (its pull request's CI) with the change as BASE..HEAD. Only the
    change's commits are judged, as `govkit check` will judge them once merged: each change
    to a guarded path needs its review, and authors must be on the roster. Findings are placed
    on the team repo's own files (in SARIF too); exit code 1 on findings at or above --fail-on.
    """
    import datetime as dt

    from govkit.commands.gate import run_gate

    today = dt.date.today()
    emit(run_gate(charter, team, change, Path.cwd(), as_of or today, today, repo_name), output_format, fail_on)
