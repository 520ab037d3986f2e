"""One `git log` per repo per run: a repo that several teams list is read once, for all of them.

Each commit of a repo is shown to every team that lists it and whose window it falls in. A team
always sees its own repos in the order its charter lists them, each repo whole before the next,
exactly as if it were read alone: what its rules conclude never depends on which other teams
share the run (a shard, a worker, a team named on the command line). Repos are therefore read in
an order that keeps every team's order; a team whose order cannot be kept (it lists a repo twice,
or orders two shared repos against another team's order) reads its repos on its own.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from govkit.evidence.team import RepoRef
from govkit.git.log import Commit, in_window, stream_commits
from govkit.git.run import RepoProblem, plainly_top, probe


class Reader(Protocol):
    """What wants a team's commits: its repos in order, its window, and what to do with each commit."""

    def reading(self) -> tuple[RepoRef, ...]: ...

    def window(
        self,
    ) -> tuple[str, str, str]: ...  # since, until (both included) and today: see `govkit.git.log.in_window`

    def see(self, repo: RepoRef, commit: Commit) -> None: ...

    def cannot_read(self, repo: RepoRef, problem: RepoProblem) -> None: ...


Subscriber = tuple[Reader, RepoRef, tuple[str, str, str]]


def read_repos(readers: Sequence[Reader]) -> None:
    """Read every repo the readers list, each once where their orders allow, and show them its commits."""
    shared, alone = _plan(readers)
    for path, subscribers in shared:
        _read(path, subscribers)
    for reader in alone:
        for repo in reader.reading():
            _read(repo.path, [(reader, repo, reader.window())])


def _plan(readers: Sequence[Reader]) -> tuple[list[tuple[Path, list[Subscriber]]], list[Reader]]:
    """The repos in an order that keeps each reader's, with who reads each; and the readers left to read alone."""
    first_seen: dict[Path, int] = {}
    after: dict[Path, set[Path]] = {}  # repo → repos some reader lists right after it
    subscribers: dict[Path, list[Subscriber]] = {}
    alone: list[Reader] = []
    for reader in readers:
        repos = reader.reading()
        paths = [repo.path for repo in repos]
        if not repos:
            continue
        if len(set(paths)) != len(paths):
            alone.append(reader)
            continue
        added = [(a, b) for a, b in itertools.pairwise(paths) if b not in after.get(a, ())]
        for a, b in added:
            after.setdefault(a, set()).add(b)
        if any(_reaches(after, b, a) for a, b in added):
            for a, b in added:
                after[a].discard(b)
            alone.append(reader)
            continue
        window = reader.window()
        for repo in repos:
            first_seen.setdefault(repo.path, len(first_seen))
            subscribers.setdefault(repo.path, []).append((reader, repo, window))
    return [(path, subscribers[path]) for path in _ordered(first_seen, after)], alone


def _reaches(after: dict[Path, set[Path]], start: Path, goal: Path) -> bool:
    stack, seen = [start], {start}
    while stack:
        here = stack.pop()
        if here == goal:
            return True
        for following in after.get(here, ()):
            if following not in seen:
                seen.add(following)
                stack.append(following)
    return False


def _ordered(first_seen: dict[Path, int], after: dict[Path, set[Path]]) -> list[Path]:
    """Every repo after those listed before it by some reader; otherwise in the order first listed."""
    waiting = dict.fromkeys(first_seen, 0)
    for followers in after.values():
        for path in followers:
            waiting[path] += 1
    ready = [(first_seen[path], path) for path, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        _, path = heapq.heappop(ready)
        order.append(path)
        for following in after.get(path, ()):
            waiting[following] -= 1
            if waiting[following] == 0:
                heapq.heappush(ready, (first_seen[following], following))
    return order


def _read(path: Path, subscribers: list[Subscriber]) -> None:
    """One `git log` over the union of the subscribers' windows; each sees the commits in its own."""
    since = min(window[0] for _, _, window in subscribers)
    until = max(window[1] for _, _, window in subscribers)
    today = max(window[2] for _, _, window in subscribers)
    try:
        # Most repos are plainly a repo's top, as their files show: no git process is needed to ask.
        vouched = plainly_top(path)
        if not vouched:
            probe(path)
        try:
            _show(path, subscribers, since, until, today)
        except RepoProblem:
            if vouched:  # git log failed where the files looked sound (no commit yet?): say why as `probe` says it
                probe(path)
            raise
    except RepoProblem as problem:
        for reader, repo, _ in subscribers:
            reader.cannot_read(repo, problem)


def _show(path: Path, subscribers: list[Subscriber], since: str, until: str, today: str) -> None:
    if len(subscribers) == 1:  # the common case: git's window is the reader's own
        reader, repo, _ = subscribers[0]
        for commit in stream_commits(path, since, until, today):
            reader.see(repo, commit)
        return
    windows = [(reader, repo, in_window(*window)) for reader, repo, window in subscribers]
    for commit in stream_commits(path, since, until, today):
        for reader, repo, holds in windows:
            if holds(commit):
                reader.see(repo, commit)
