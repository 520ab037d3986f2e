"""Commands that write CI configuration: `govkit ci github`."""

from __future__ import annotations

from pathlib import Path

import click

from govkit.cli.base import cli, complete_team, root_option


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
@click.option(
    "--matrix",
    type=click.IntRange(min=1, max=256),
    default=None,
    metavar="N",
    help="Check the teams in N shard jobs (CI's matrix), then merge their results into one report and one site.",
)
@click.option(
    "--team-repo",
    "team",
    default=None,
    metavar="TEAM",
    shell_complete=complete_team,
    help="Print the workflow for TEAM's own repos instead: `govkit gate` on each pull request, before it merges.",
)
def ci_github(root: Path | None, force: bool, matrix: int | None, team: str | None) -> None:
    """Write .github/workflows/govkit.yml for GitHub Actions, from the charters as they are.

    Pull requests are linted and checked; every team is checked again each weekday, with
    findings in code scanning. The charter repo and every team repo the charters list are
    checked out with full history; each team repo needs its `url` in the charter (a repo
    without one is named on standard error). Run it again whenever a charter's repos change:
    the file is rewritten whole. A file there that govkit did not write is kept unless --force.

    With --matrix N, the teams are checked in N jobs, each checking out only its teams' repos,
    and one job merges them, uploads the findings and publishes the rendered site. With
    --team-repo TEAM, the workflow for TEAM's repos is printed (commit it there): it gates
    each pull request against the team's charter.
    """
    from govkit.ci.github import WORKFLOW, github_workflow, quoted, release_requirement, write_workflow
    from govkit.repo import CharterRepo, find_root

    repo = CharterRepo(find_root(root))
    if team is not None:
        if matrix is not None or force:
            raise click.UsageError("--team-repo prints a team repo's workflow: leave out --matrix and --force.")
        from govkit.ci.team_repo import WORKFLOW as GATE_WORKFLOW
        from govkit.ci.team_repo import gate_workflow

        install = f"python -m pip install --quiet {quoted(release_requirement())}"
        gate = gate_workflow(repo, team, install)
        for note in gate.notes:
            click.echo(note, err=True)
        where = ", ".join(gate.repos) or "each of its repos"
        click.echo(f"Commit this as {GATE_WORKFLOW} in the repos of {team}: {where}.", err=True)
        click.echo(gate.text, nl=False)
        return
    workflow = github_workflow(repo, matrix)
    for note in workflow.notes:
        click.echo(note, err=True)
    changed = write_workflow(repo.root, workflow.text, force=force)
    placed = sum(1 for c in workflow.checkouts if c.repository is not None or c.clone_url is not None)
    missing = len(workflow.checkouts) - placed
    repos = f"{placed} team repo{'s' if placed != 1 else ''} checked out"
    if missing:
        repos += f", {missing} not yet (see above)"
    if matrix is not None:
        repos += f", in {matrix} shard{'s' if matrix != 1 else ''}"
    if changed:
        click.echo(f"Wrote {WORKFLOW} ({repos}). Commit it to run govkit on pull requests and every weekday.")
    else:
        click.echo(f"{WORKFLOW} is already up to date ({repos}).")
