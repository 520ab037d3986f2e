"""Teams judged on every core: worker processes over groups of teams, results in the order asked.

Teams are independent, except that teams listing the same repo are judged together, in one
process, so the repo is read once for all of them (govkit.streams). Each process reads its
teams' evidence, streams their repos, hands each team to `work` and returns what `work` made;
nothing a team's judgement depends on comes from another process, so the output is the same,
byte for byte, with one process or many. A process holds one group at a time, so memory grows
with the number of processes, not of teams. Checks stay single-threaded and pure.

A policy with rules across teams (scope `portfolio`) needs every team's evidence at once: such a
run reads every team first, judges those rules once per date asked (`Across`), and then judges
the teams in this process.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from govkit.engine import Evaluation, portfolio_findings
from govkit.errors import GovkitError
from govkit.evidence.files import read_charter_file
from govkit.evidence.read import across_teams, read_team, whole_portfolio
from govkit.evidence.team import TeamEvidence
from govkit.model import Finding
from govkit.repo import CharterRepo
from govkit.streams import read_repos

T = TypeVar("T")


class Across:
    """Each team's findings from the rules across teams, judged once per date; none without such rules."""

    def __init__(self, everyone: Sequence[TeamEvidence], today: dt.date) -> None:
        self.everyone = everyone
        self.today = today
        self.by_day: dict[dt.date, dict[str, list[Finding]]] = {}

    def __call__(self, team: str, day: dt.date) -> Sequence[Finding]:
        if not self.everyone:
            return ()
        if day not in self.by_day:
            self.by_day[day] = portfolio_findings([e.on(day) for e in self.everyone], self.today)
        return self.by_day[day].get(team, ())


NOBODY = Across((), dt.date.min)
Work = Callable[[CharterRepo, TeamEvidence, Evaluation, Across], T]


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def judge_teams(
    repo: CharterRepo, teams: Sequence[str], as_of: dt.date, today: dt.date, jobs: int, work: Work[T]
) -> Iterator[T]:
    """`work` done for each team once its evidence is read and its repos streamed, in the order of `teams`."""
    groups = shared_repo_groups(repo, teams)
    if across_teams(repo):
        read = {team: read_team(repo, team, as_of, today) for team in teams}
        across = Across(whole_portfolio(repo, read, as_of, today), today)
        for group in groups:
            yield from judge_group(repo, group, as_of, today, work, across, read)
        return
    workers = min(jobs, len(groups))
    if workers <= 1:
        for group in groups:
            yield from judge_group(repo, group, as_of, today, work)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Read once here what every worker needs, so forked workers start with it.
    repo.policies()
    repo.history.read_all()
    done: dict[str, T] = {}
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    try:
        with ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=(repo,)) as pool:
            futures = [pool.submit(_judge_in_worker, group, as_of, today, work) for group in groups]
            for group, future in zip(groups, futures, strict=True):
                done.update(zip(group, future.result(), strict=True))
    except BrokenProcessPool:
        raise GovkitError(
            f"A worker process stopped before it finished (out of memory?); run again with fewer --jobs than {jobs}."
        ) from None
    for team in teams:
        yield done.pop(team)


def judge_group(
    repo: CharterRepo,
    teams: Sequence[str],
    as_of: dt.date,
    today: dt.date,
    work: Work[T],
    across: Across = NOBODY,
    read: Mapping[str, TeamEvidence] | None = None,
) -> list[T]:
    """Teams that share repos: read together (unless `read` holds them), their repos streamed once,
    then each handed to `work`."""
    evidence = [(read or {}).get(team) or read_team(repo, team, as_of, today) for team in teams]
    evaluations = [Evaluation(team, read=False) for team in evidence]
    read_repos(evaluations)
    return [work(repo, team, evaluation, across) for team, evaluation in zip(evidence, evaluations, strict=True)]


def shared_repo_groups(repo: CharterRepo, teams: Sequence[str]) -> list[list[str]]:
    """The teams in groups that share no repo with each other, each in the order given.

    Read from the charters as written; only which teams are judged together depends on it (a
    charter that cannot be read, or an older version in force that lists other repos, costs at
    most a second read of a repo, never a different judgement).
    """
    owner: dict[Path, str] = {}
    parent = {team: team for team in teams}
    place = {team: index for index, team in enumerate(teams)}

    def root(team: str) -> str:
        while parent[team] != team:
            parent[team] = parent[parent[team]]
            team = parent[team]
        return team

    for team in teams:
        for path in _listed_repo_paths(repo, team):
            other = owner.setdefault(path, team)
            first, second = sorted((root(team), root(other)), key=place.__getitem__)
            parent[second] = first
    groups: dict[str, list[str]] = {}
    for team in teams:
        groups.setdefault(root(team), []).append(team)
    return list(groups.values())


def _listed_repo_paths(repo: CharterRepo, team: str) -> list[Path]:
    charter = read_charter_file(repo, repo.team_dir(team) / "charter.yaml", team).charter
    paths = []
    for listed in charter.repos if charter else ():
        try:
            paths.append((repo.root / listed.path).resolve())
        except (OSError, ValueError):
            continue  # not a path at all: read_team says so
    return paths


_worker_repo: CharterRepo | None = None


def _start_worker(repo: CharterRepo) -> None:
    global _worker_repo
    _worker_repo = repo


def _judge_in_worker(teams: list[str], as_of: dt.date, today: dt.date, work: Work[Any]) -> list[Any]:
    assert _worker_repo is not None
    return judge_group(_worker_repo, teams, as_of, today, work)
