"""Commands about the governance files themselves: lint, schema, diff, policy test and policy diff."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govkit.cli.base import F, cli, complete_team, emit, report_options, root_option
from govkit.errors import GovkitError


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@root_option
@report_options
def lint(paths: tuple[Path, ...], root: Path | None, output_format: str, fail_on: str) -> None:
    """Check the governance files: YAML syntax, schema, consistency, and the policy's static rules.

    With no PATHS, lints every policy, charter and activity log of the charter repo.
    With PATHS (files or folders), lints just those.
    """
    from govkit.commands.lint import lint as run_lint
    from govkit.repo import CharterRepo

    repo = CharterRepo(_root_for(root, paths))
    emit(run_lint(repo, paths), output_format, fail_on)


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
@click.argument("kind", type=click.Choice(("charter", "activity", "policy")), default="charter")
def schema(kind: str) -> None:
    """Print the JSON Schema of a charter (the default), an activity log or a policy.

    Point your editor at it for completion and validation as you type, for example with a
    `# yaml-language-server: $schema=...` line at the top of the file.
    """
    from govkit.validate import schema_text

    click.echo(schema_text(kind), nl=False)


@cli.command("checks")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="text for people, json for tools.",
)
def list_checks(output_format: str) -> None:
    """List every check type a policy's rule can use, built in and from installed plugins.

    For each: its scope (one team, or the whole portfolio of teams at once), the evidence it
    reads (charter, activity, git, history), its params with their types and defaults, and
    its documentation: what it holds teams to, and what passes and what fails.
    """
    from govkit.commands.checks import check_types, write_json, write_text

    types, broken = check_types()
    (write_json if output_format == "json" else write_text)(types, broken, sys.stdout)


@cli.group()
def policy() -> None:
    """Work with policies: the organisation's rules that every charter pins.

    A policy (policies/NAME.yaml in the charter repo, or built in, like firewalled-pilot)
    lists rules, each a check type with a severity and params, and carries a semantic
    version. A charter pins it as NAME@MAJOR, looked up in the repo's policies/ first, then
    among the built-in ones. A policy may extend another (`extends: NAME@MAJOR`), declare
    the organisation's own event types (`events`) and guard paths in every team repo
    (`guards`). Change a policy by a reviewed commit: a new minor version for looser
    rules, a new major one for added or tighter rules.
    """


@policy.command("test")
@click.argument("directory", required=False, type=click.Path(path_type=Path, file_okay=False))
@root_option
@report_options
def policy_test(directory: Path | None, root: Path | None, output_format: str, fail_on: str) -> None:
    """Prove each rule of the policies in DIRECTORY on its examples (default: the repo's policies/).

    Examples live in DIRECTORY/tests/<rule-id>/pass/ and fail/: a charter file, or a folder
    with charter.yaml and, as the rule needs, activity.yaml, commits.yaml (the team repo's
    history), history.yaml (earlier charter versions) and example.yaml (as_of,
    also_raises); for a rule across teams, a folder with teams/<team-id>/charter.yaml for
    several teams. A pass example must not raise its rule; a fail example must raise it
    (and the rules it lists in also_raises); what other rules say is ignored. In a policy
    that extends another, a rule without examples of its own is proved on its base's.
    """
    from govkit.commands.policy_test import run_policy_tests
    from govkit.repo import find_root

    folder = directory if directory is not None else find_root(root) / "policies"
    emit(run_policy_tests(folder, folder.name), output_format, fail_on)


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
@click.argument("before", metavar="A", shell_complete=complete_team)
@click.argument("after", metavar="B", shell_complete=complete_team)
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

    from govkit.commands.diff import compare_charters
    from govkit.repo import CharterRepo, find_root
    from govkit.report.changes import writer

    comparison = compare_charters(CharterRepo(find_root(root)), before, after, dt.date.today())
    writer(output_format)(comparison, sys.stdout)


@policy.command("diff")
@click.argument("old")
@click.argument("new")
@root_option
@diff_format_option
def policy_diff(old: str, new: str, root: Path | None, output_format: str) -> None:
    """Compare two versions of a policy: rules added, removed, tightened and loosened.

    OLD and NEW are each a policy file (a path) or a pin such as firewalled-pilot@1, looked
    up like charters do: the charter repo's policies/ first, then the built-in policies. A
    pin reads policies/ as committed at HEAD when the charter repo is in git (as the working
    copy otherwise); NAME@MAJOR@REV reads it as committed at the git revision REV.

    \b
      govkit policy diff firewalled-pilot@1 policies/firewalled-pilot.yaml
      govkit policy diff firewalled-pilot@1@main firewalled-pilot@1

    Each side is compared as it holds charters, with the rules it takes from the policy it
    extends. Lists the version change, rules added and removed, severities raised
    (tightened) or lowered (loosened), params tightened, loosened or changed, event types and
    guards. When rules are added or tightened without a new major version, a hint says so:
    charters pin the major.

    Exit codes: 0 whenever the comparison ran; 2 when it could not run (a missing file, an
    unknown pin, a policy that is not valid).
    """
    from govkit.commands.diff import compare_policies
    from govkit.report.changes import writer

    writer(output_format)(compare_policies(old, new, root), sys.stdout)
