"""Commands that show: render for leadership, demo for newcomers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from govkit.cli.base import (
    as_of_option,
    cli,
    complete_team,
    day_or_today,
    jobs_or_cores,
    parallel_options,
    root_option,
)

if TYPE_CHECKING:
    from govkit.repo import CharterRepo


@cli.command()
@click.argument("directory", required=False, default="govkit-demo", type=click.Path(path_type=Path))
def demo(directory: Path) -> None:
    """Build a realistic sample and run the whole loop on it: lint, check, render and a summary.

    DIRECTORY (default: ./govkit-demo) gets a charter repo with three pilot teams (one
    green, one amber, one red) and their team repos with months of dated commits. An
    earlier demo there is replaced; any other non-empty folder is refused.
    """
    import datetime as dt

    from rich.console import Console

    from govkit.commands import demo as sample
    from govkit.commands.check import run_check
    from govkit.commands.lint import lint as run_lint
    from govkit.commands.render import render_teams
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
    site = charters / "site"
    render_teams(repo, [], site, "html", today, today)
    console.print(f"\nThe portfolio page for leadership: [bold]{(site / 'index.html').resolve()}[/]")
    console.print(try_it_yourself(charters), soft_wrap=True, markup=False, highlight=False)


def try_it_yourself(charters: Path) -> str:
    """The demo's closing hint, with commands that work in the user's shell as it is.

    After `make demo`, govkit lives in .venv/bin and is not on PATH; another `govkit` may be.
    """
    import shlex
    import shutil

    cd = f"cd {shlex.quote(str(charters))}"
    script = Path(sys.executable).with_name("govkit")
    on_path = shutil.which("govkit")
    if on_path and script.is_file() and Path(on_path).resolve() == script.resolve():
        return f"Try it yourself: `{cd}`, then `govkit check` or `govkit review claims-pilot`."
    activate = script.with_name("activate")
    if sys.prefix != sys.base_prefix and activate.is_file():
        shown = shlex.quote(_from_here(activate))
        return (
            f"Try it yourself: the govkit that ran this demo is not on your PATH, so first `. {shown}`; "
            f"then `{cd}` and `govkit check` or `govkit review claims-pilot`."
        )
    govkit = f"{shlex.quote(sys.executable)} -m govkit"
    return f"Try it yourself: `{cd}`, then `{govkit} check` or `{govkit} review claims-pilot`."


def _from_here(path: Path) -> str:
    """`path` relative to the current folder when it is inside it (`.venv/bin/activate`), else in full."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@cli.command()
@click.argument("teams", nargs=-1, shell_complete=complete_team)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="The folder for the pages; replaced as a whole on each render. Default: site/ in the charter repo.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("html", "md")),
    default="html",
    show_default=True,
    help="html: static pages with inline styles, ready to print; md: the same pages as Markdown.",
)
@as_of_option("The date (YYYY-MM-DD) for time-box progress, last events and findings. Default: today.")
@root_option
@parallel_options
@click.option(
    "--from",
    "parts",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Render from the shards' results (`govkit check --shard K/N --format json`; a file, or a folder of "
    "them; repeat for more) instead of judging again: every team in them, as of their date, no team repo read.",
)
def render(
    teams: tuple[str, ...],
    out: Path | None,
    output_format: str,
    as_of: Any,
    root: Path | None,
    jobs: int | None,
    shard: tuple[int, int] | None,
    parts: tuple[Path, ...],
) -> None:
    """Render each team's charter as a page, and a portfolio page with every team's health.

    With no TEAMS, renders every team of the charter repo (with --shard K/N, the K-th share).
    The pages are written to a temporary folder and then moved into place, so a failed render
    leaves the previous pages as they were. Templates in the repo's templates/ replace the
    built-in ones. With --from, the pages come from the merged results of a run's shards.
    """
    from govkit.commands.render import render_from, render_teams
    from govkit.repo import CharterRepo, find_root

    repo = CharterRepo(find_root(root))
    _refuse_unread_structure(repo)
    target = out if out is not None else repo.root / "site"
    if parts:
        given = [name for name, value in (("TEAMS", teams), ("--as-of", as_of), ("--shard", shard)) if value]
        if given:
            raise click.UsageError(f"--from renders every team of the results, as of their date: leave out {given[0]}.")
        written, day = render_from(repo, list(parts), target, output_format)
    else:
        day = day_or_today(as_of)
        written = render_teams(repo, list(teams), target, output_format, day, jobs=jobs_or_cores(jobs), shard=shard)
    pages = len(written) - 1
    click.echo(
        f"govkit render: the portfolio and {pages} team page{'s' if pages != 1 else ''} in {target}, as of {day}."
    )


def _refuse_unread_structure(repo: CharterRepo) -> None:
    """Pages show teams; a teams/ or policies/ govkit cannot read would make them show a false picture."""
    from govkit.errors import GovkitError
    from govkit.model import Severity

    unread = [
        finding
        for finding in (*repo.stray_folders(), *repo.policy_folder_findings())
        if finding.rule == "file" and finding.severity is Severity.ERROR
    ]
    if unread:
        raise GovkitError(f"{unread[0].location}: {unread[0].message} No pages were written.")
