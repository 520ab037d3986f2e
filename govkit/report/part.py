"""A shard's `--format json`: a check result for its teams, plus what merging the shards needs.

Beyond the contract's shape it carries `shard` (which share it is, and every team of the whole run
in order), `rule_help`, and for each team its `measurements` and `weeks` (its status week by
week), so the merged shards report, and render, exactly what one run would. Read back here,
strictly: a part that is not one govkit wrote is refused with what is wrong, never half-used.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govkit.errors import GovkitError
from govkit.measurements import Measurements, measurements_data, measurements_of_data
from govkit.model import Finding, Location, Result, Severity, Shard, TeamStatus

MAX_BYTES = 512 * 1024 * 1024  # far above what 10,000 teams write; a bigger file is not a part


def part_extras(result: Result, data: dict[str, Any]) -> None:
    """Add to a shard's JSON `data` what merging needs."""
    if result.shard is None:
        return
    empty = Measurements()
    for team in data["teams"]:
        team["measurements"] = measurements_data(result.measured.get(team["team"], empty))
        team["weeks"] = [list(week) for week in result.weeks.get(team["team"], ())]
    data["shard"] = {"index": result.shard.index, "count": result.shard.count, "teams": list(result.shard.teams)}
    data["rule_help"] = result.rule_help


@dataclass(frozen=True, slots=True)
class TeamPart:
    status: TeamStatus
    findings: tuple[Finding, ...]
    measurements: Measurements
    weeks: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Part:
    name: str  # the file, as the user named it
    command: str
    as_of: str
    shard: Shard
    run_findings: tuple[Finding, ...]  # about the charter repo as a whole, not one team
    teams: tuple[TeamPart, ...]
    rule_help: dict[str, str]


class NotAPart(ValueError):
    """What is wrong with a file given as a part."""


def read_part(path: Path) -> Part:
    """The part in `path`; GovkitError naming the file (and line and column, where JSON itself is broken)."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise GovkitError(f"{name}: cannot read it ({exc.strerror or exc}).") from None
    if len(raw) > MAX_BYTES:
        raise GovkitError(f"{name}: larger than {MAX_BYTES >> 20} MB, which no shard's result is.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise GovkitError(f"{name}: not text; give the file `govkit check --shard K/N --format json` wrote.") from None
    except json.JSONDecodeError as exc:
        raise GovkitError(
            f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); give the file "
            "`govkit check --shard K/N --format json` wrote, whole."
        ) from None
    try:
        return _part(name, data)
    except (NotAPart, ValueError) as exc:
        raise GovkitError(
            f"{name}: {exc}, so it is not a shard's result as govkit writes it; make it again with "
            "`govkit check --shard K/N --format json`."
        ) from None


def _part(name: str, data: Any) -> Part:
    if not isinstance(data, dict) or data.get("govkit") != 1:
        raise NotAPart("it is not a govkit result (no `govkit: 1`)")
    shard = data.get("shard")
    if not isinstance(shard, dict):
        raise NotAPart(
            "it has no `shard`: a whole run's result carries neither measurements nor weekly statuses "
            "(`--shard 1/1` makes one part holding every team)"
        )
    index, count, teams = shard.get("index"), shard.get("count"), shard.get("teams")
    if not (isinstance(index, int) and isinstance(count, int) and _int(index) and _int(count)) or not _strings(teams):
        raise NotAPart("its `shard` does not say which of how many shards it is, and the run's teams")
    if not 1 <= index <= count:
        raise NotAPart(f"its `shard` says it is shard {index} of {count}")
    if data.get("command") != "check" or not _day(data.get("as_of")):
        raise NotAPart("it is not the result of `govkit check` as of a date")
    help_ = data.get("rule_help")
    if not isinstance(help_, dict) or not all(isinstance(v, str) for v in help_.values()):
        raise NotAPart("it has no `rule_help`")
    found = data.get("findings")
    listed = data.get("teams")
    if not isinstance(found, list) or not isinstance(listed, list):
        raise NotAPart("it has no `findings` and `teams` lists")
    findings = [_finding(item, number) for number, item in enumerate(found, 1)]
    by_team: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.team is not None:
            by_team.setdefault(finding.team, []).append(finding)
    parts = tuple(_team(item, number, by_team) for number, item in enumerate(listed, 1))
    strays = set(by_team) - {team.status.team for team in parts}
    if strays:
        raise NotAPart(f"it has findings of {', '.join(sorted(strays))}, which it does not list under `teams`")
    return Part(
        name=name,
        command="check",
        as_of=data["as_of"],
        shard=Shard(index, count, tuple(teams or ())),
        run_findings=tuple(f for f in findings if f.team is None),
        teams=parts,
        rule_help=dict(help_),
    )


def _team(item: Any, number: int, by_team: dict[str, list[Finding]]) -> TeamPart:
    where = f"team {number}"
    if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("team", "status", "reason")):
        raise NotAPart(f"{where} has no `team`, `status` and `reason`")
    if item["status"] not in ("red", "amber", "green"):
        raise NotAPart(f"{where} has the status `{item['status']}`")
    weeks = item.get("weeks")
    if not isinstance(weeks, list) or not all(_week(week) for week in weeks):
        raise NotAPart(f"team {item['team']} has no `weeks` (each a day and its status)")
    return TeamPart(
        status=TeamStatus(item["team"], item["status"], item["reason"]),
        findings=tuple(by_team.get(item["team"], ())),
        measurements=measurements_of_data(item.get("measurements")),
        weeks=tuple((day, status) for day, status in weeks),
    )


def _finding(item: Any, number: int) -> Finding:
    where = f"finding {number}"
    if not isinstance(item, dict):
        raise NotAPart(f"{where} is not an object")
    texts = {key: item.get(key) for key in ("rule", "message", "severity")}
    if not all(isinstance(value, str) for value in texts.values()) or item["severity"] not in (
        "error",
        "warning",
        "info",
    ):
        raise NotAPart(f"{where} has no `rule`, `message` and `severity`")
    optional = {key: item.get(key) for key in ("team", "file", "commit", "day", "until")}
    if not all(value is None or isinstance(value, str) for value in optional.values()):
        raise NotAPart(f"{where} has a `team`, `file`, `commit`, `day` or `until` that is not text")
    line, column = item.get("line"), item.get("column")
    if not all(value is None or _int(value) for value in (line, column)) or not isinstance(item.get("waived"), bool):
        raise NotAPart(f"{where} has a `line`, `column` or `waived` of the wrong kind")
    file = optional["file"]
    return Finding(
        rule=item["rule"],
        severity=Severity.parse(item["severity"]),
        message=item["message"],
        location=Location(file, line, column) if file is not None else None,
        team=optional["team"],
        commit=optional["commit"],
        waived=item["waived"],
        day=optional["day"],
        until=optional["until"],
    )


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _day(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _week(value: Any) -> bool:
    return _strings(value) and len(value) == 2 and _day(value[0]) and value[1] in ("red", "amber", "green")
