"""Commands about the governance files themselves: lint, schema, policy."""

from __future__ import annotations

from pathlib import Path

import click

from govkit.cli.base import cli, emit, report_options, root_option
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
    from govkit.lint import lint as run_lint
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
@click.argument("kind", type=click.Choice(("charter", "activity", "policy")))
def schema(kind: str) -> None:
    """Print the JSON Schema of a charter, an activity log or a policy.

    Point your editor at it for completion and validation as you type, for example with a
    `# yaml-language-server: $schema=...` line at the top of the file.
    """
    from govkit.validate import schema_text

    click.echo(schema_text(kind), nl=False)


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
    emit(run_policy_tests(folder, folder.name), output_format, fail_on)
