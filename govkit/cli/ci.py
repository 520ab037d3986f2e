"""Commands that write CI configuration: `govkit ci github`."""

from __future__ import annotations

from pathlib import Path

import click

from govkit.cli.base import cli, root_option


@cli.group()
def ci() -> None:
    """Write the CI configuration of a charter repo, from its charters."""


@ci.command("github")
@root_option
@click.option(
    "--force",
    is_flag=True,
    help="Replace .github/workflows/govkit.yml even when govkit did not write it (your edits there are lost).",
)
def ci_github(root: Path | None, force: bool) -> None:
    """Write .github/workflows/govkit.yml for GitHub Actions, from the charters as they are.

    Pull requests are linted and checked; every team is checked again each weekday, with
    findings in code scanning. The charter repo and every team repo the charters list are
    checked out with full history; each team repo needs its `url` in the charter (a repo
    without one is named on standard error). Run it again whenever a charter's repos change:
    the file is rewritten whole. A file there that govkit did not write is kept unless --force.
    """
    from govkit.ci.github import WORKFLOW, github_workflow, write_workflow
    from govkit.repo import CharterRepo, find_root

    repo = CharterRepo(find_root(root))
    workflow = github_workflow(repo)
    for note in workflow.notes:
        click.echo(note, err=True)
    changed = write_workflow(repo.root, workflow.text, force=force)
    placed = sum(1 for c in workflow.checkouts if c.repository is not None or c.clone_url is not None)
    missing = len(workflow.checkouts) - placed
    repos = f"{placed} team repo{'s' if placed != 1 else ''} checked out"
    if missing:
        repos += f", {missing} not yet (see above)"
    if changed:
        click.echo(f"Wrote {WORKFLOW} ({repos}). Commit it to run govkit on pull requests and every weekday.")
    else:
        click.echo(f"{WORKFLOW} is already up to date ({repos}).")
