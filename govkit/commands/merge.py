"""`govkit merge PART.json…`: the shards of one run joined into the result that run would give.

Every shard must be there once, from the same run (the same date, the same teams, the same
policies): anything else is refused with what to do, never merged into a result that looks
whole but is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from govkit.errors import GovkitError
from govkit.model import Result, share_of
from govkit.report.part import Part, TeamPart, read_part


def merge_files(paths: Sequence[Path]) -> Result:
    """The result of the whole run that the shards' results in `paths` (or in folders there) come from."""
    files = []
    for path in paths:
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise GovkitError(f"There is no shard's result in {', '.join(map(str, paths))}: give the .json files.")
    return merged([read_part(path) for path in files])


def merged(parts: Sequence[Part]) -> Result:
    first = parts[0]
    count = first.shard.count
    for part in parts[1:]:
        _same_run(first, part)
    by_index: dict[int, Part] = {}
    for part in parts:
        if part.shard.index in by_index:
            raise GovkitError(
                f"{by_index[part.shard.index].name} and {part.name} are both shard {part.shard.name}; "
                "give each shard's result once."
            )
        by_index[part.shard.index] = part
    missing = [index for index in range(1, count + 1) if index not in by_index]
    if missing:
        shown = ", ".join(f"{index}/{count}" for index in missing)
        raise GovkitError(
            f"Shard {shown} {'is' if len(missing) == 1 else 'are'} missing (merging {len(parts)} of {count}); "
            f"give every shard's result (`govkit check --shard {missing[0]}/{count} --format json` makes one)."
        )
    teams: dict[str, TeamPart] = {}
    run = set(first.shard.teams)
    for part in parts:
        for team in part.teams:
            name = team.status.team
            if name not in run or share_of(name, count) != part.shard.index or name in teams:
                raise GovkitError(f"{part.name} holds team {name}, which is not in its shard of this run.")
            teams[name] = team
    absent = [team for team in first.shard.teams if team not in teams]
    if absent:
        holder = by_index[share_of(absent[0], count)]
        raise GovkitError(f"{holder.name} lacks team {absent[0]}, which its shard holds; make it again.")
    result = Result(command=first.command, as_of=first.as_of, findings=list(first.run_findings))
    for name in first.shard.teams:
        team = teams[name]
        result.add(team.status, team.findings, team.measurements)
        result.weeks[name] = team.weeks
    result.rule_help = dict(first.rule_help)
    return result


def _same_run(first: Part, part: Part) -> None:
    if part.as_of != first.as_of:
        raise GovkitError(
            f"{part.name} is as of {part.as_of} but {first.name} as of {first.as_of}: merge the shards of one run."
        )
    if part.shard.count != first.shard.count or part.shard.teams != first.shard.teams:
        raise GovkitError(
            f"{part.name} and {first.name} come from different runs (other shards or other teams): "
            "merge the shards of one run."
        )
    if part.rule_help != first.rule_help or part.run_findings != first.run_findings:
        raise GovkitError(
            f"{part.name} and {first.name} were checked against different policies or charter repos: "
            "run every shard on the same commit of the charter repo."
        )
