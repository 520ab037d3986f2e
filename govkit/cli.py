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


# --- govkit render -------------------------------------------------------------------------


@cli.command()
@click.argument("teams", nargs=-1)
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
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date (YYYY-MM-DD) for time-box progress, last events and findings. Default: today.",
)
@root_option
def render(teams: tuple[str, ...], out: Path | None, output_format: str, as_of: Any, root: Path | None) -> None:
    """Render each team's charter as a page, and a portfolio page with every team's health.

    With no TEAMS, renders every team of the charter repo. The pages are written to a
    temporary folder and then moved into place, so a failed render leaves the previous
    pages as they were. Templates in the repo's templates/ replace the built-in ones.
    """
    import datetime as dt

    from govkit.render import render_site
    from govkit.repo import CharterRepo, find_root

    repo = CharterRepo(find_root(root))
    day = as_of.date() if as_of is not None else dt.date.today()
    target = out if out is not None else repo.root / "site"
    written = render_site(repo, list(teams), target, output_format, day)
    pages = len(written) - 1
    click.echo(
        f"govkit render: the portfolio and {pages} team page{'s' if pages != 1 else ''} in {target}, as of {day}."
    )
