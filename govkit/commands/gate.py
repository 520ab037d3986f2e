"""`govkit gate BASE..HEAD`: a change's commits, judged in the team repo before they merge.

Run in a team repo (its pull request's CI), it reads the team's charter from the charter repo
(a folder, or a URL it clones with full history), takes only the commits of the change, and
shows each to the rules that judge commits on git evidence alone (built in: `guarded-paths` and
`roster-authors`), through the very watchers `govkit check` uses, with the charter in force on
each commit's day and the window `check` judges. So the gate says before the merge what
`check` will say after it. Findings are placed on the team repo's own files, so code scanning
shows each on the changed file.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from govkit.checks.base import GIT, Problem, RepoRef
from govkit.checks.waivers import waived_rules
from govkit.errors import GovkitError
from govkit.evidence.charter import Repo
from govkit.evidence.read import read_team
from govkit.evidence.team import TeamEvidence
from govkit.git.log import in_window, stream_range
from govkit.git.run import RepoProblem, clone, origin_url, probe, top_of
from govkit.model import Finding, Location, Result
from govkit.policy import Rule, rule_help
from govkit.repo import CharterRepo, find_root

# A change as CI names it: two revisions joined by `..`; nothing git could read as an option.
_RANGE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./@^~{}-]*\.\.[A-Za-z0-9_][A-Za-z0-9_./@^~{}-]*")
_URL = re.compile(r"(?:https|ssh|file)://\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+")
_ADDRESS = re.compile(r"(?:[a-z]+://)?(?:[^@/]+@)?([^/:]+)[:/](.+?)(?:\.git)?/?")


def run_gate(
    charter: str, team: str, revisions: str, here: Path, as_of: dt.date, today: dt.date, repo_name: str | None = None
) -> Result:
    if not _RANGE.fullmatch(revisions):
        raise GovkitError(f"`{revisions}` is not a change: give BASE..HEAD, such as main..my-branch or two shas.")
    top = top_of(here)
    if top is None:
        raise GovkitError(f"{here} is not in a git repo: run `govkit gate` in the team repo the change is in.")
    with _charter_repo(charter) as root:
        repo = CharterRepo(root)
        repo.chosen([team])
        evidence = read_team(repo, team, as_of, today)
        if not evidence.judgeable:
            first = next(iter(evidence.findings), None)
            detail = f": {first.location}: {first.message}" if first else ""
            raise GovkitError(f"The charter of {team} cannot be judged{detail} Fix it first (`govkit lint`).")
        entry = _this_repo(repo, evidence, top, repo_name)
        result = Result(command="gate", as_of=as_of.isoformat())
        result.rule_help = rule_help([evidence.policy]) if evidence.policy else {}
        if GIT in evidence.offered:
            result.findings = _judged(evidence, RepoRef(entry.index, entry.name, top), revisions)
    return result


def _judged(evidence: TeamEvidence, repo: RepoRef, revisions: str) -> list[Finding]:
    """The change's commits in the window `check` judges, shown to every rule judging commits alone."""
    assert evidence.policy is not None
    rules = [rule for rule in evidence.policy.rules if {GIT} == rule.check.EVIDENCE and hasattr(rule.check, "watch")]
    watchers = [(rule, rule.check.watch(evidence, rule.params)) for rule in rules]  # type: ignore[union-attr]
    since, until = (day.isoformat() for day in evidence.window())
    judged = in_window(since, until, evidence.today.isoformat())
    first_file: dict[str, str] = {}
    found: list[tuple[Rule, Problem]] = []
    try:
        probe(repo.path)
        for commit in stream_range(repo.path, revisions):
            if not judged(commit):
                continue  # outside the time box: `check` does not judge it either
            if commit.files:
                first_file[commit.sha] = commit.files[0]
            for rule, watcher in watchers:
                found += [(rule, problem) for problem in watcher.see(repo, commit)]
    except RepoProblem as unreadable:
        raise GovkitError(f"Cannot read the change {revisions}: {unreadable}.") from None
    for rule, watcher in watchers:
        found += [(rule, item) for item in watcher.done(evidence) if isinstance(item, Problem)]
    waived = waived_rules(evidence)
    findings = []
    for rule, problem in found:
        # On the change's own file: the guarded path it touched, else the first file of its commit.
        place = problem.paths[0] if problem.paths else first_file.get(problem.commit or "")
        findings.append(
            Finding(
                rule=rule.id,
                severity=problem.severity or rule.severity,
                message=problem.message,
                location=Location(place) if place else None,
                team=evidence.team,
                commit=problem.commit,
                waived=rule.id in waived,
                day=(problem.day or evidence.judged_day).isoformat(),
                until=problem.until.isoformat() if problem.until else None,
            )
        )
    return findings


def _this_repo(repo: CharterRepo, evidence: TeamEvidence, top: Path, name: str | None) -> Repo:
    """Which of the team's repos the change is in: named, or found by its path or its `url`."""
    listed = evidence.charter.repos
    names = ", ".join(entry.name for entry in listed) or "none"
    if name is not None:
        chosen = next((entry for entry in listed if entry.name == name), None)
        if chosen is None:
            raise GovkitError(f"The charter of {evidence.team} lists no repo `{name}` (it lists: {names}).")
        return chosen
    here = [entry for entry in listed if (repo.root / entry.path).resolve() == top]
    if not here:
        origin = _address(origin_url(top) or "")
        here = [entry for entry in listed if origin and entry.url and _address(entry.url) == origin]
    if not here and len(listed) == 1:
        here = list(listed)
    if len(here) != 1:
        raise GovkitError(
            f"Cannot tell which repo of {evidence.team} this is ({top}): give --repo NAME, one of: {names}; "
            "or give the repo its `url` in the charter."
        )
    return here[0]


def _address(url: str) -> str | None:
    """Host and path of a repo's address, alike for its https and ssh forms: `github.com/acme/x`."""
    found = _ADDRESS.fullmatch(url.strip())
    return f"{found[1]}/{found[2]}".lower() if found else None


@contextmanager
def _charter_repo(charter: str) -> Iterator[Path]:
    """The charter repo's folder: the one given, or a full clone of the URL given, removed afterwards."""
    if Path(charter).is_dir():
        yield find_root(Path(charter))
        return
    if not _URL.fullmatch(charter):
        raise GovkitError(f"--charter {charter} is neither a folder nor a repo's address (https://, ssh://, git@).")
    with tempfile.TemporaryDirectory(prefix="govkit-charters-") as folder:
        target = Path(folder) / "charters"
        clone(charter, target)
        yield target.resolve()
