"""`govkit policy test`: prove each rule of a policy on examples, like `conftest verify`.

Examples live beside the policies, in `tests/<rule-id>/pass/` and `tests/<rule-id>/fail/`.
An example is either one charter file (`name.yaml`) or a folder holding `charter.yaml` and,
when the rule needs them, `activity.yaml`, `commits.yaml` (the history of the team's repo,
built with git), `history.yaml` (earlier versions of the charter, committed to the charter
repo with their trailers) and `example.yaml` (`as_of: YYYY-MM-DD`, default the time-box end;
`also_raises: [rule, ...]` for other rules the example must raise too).

A pass example must raise no finding of its rule; a fail example must raise findings of that
rule (and of each rule it lists in `also_raises`). What other rules say about an example is
ignored, so adding a rule to a policy never breaks the examples of the others.
Either must be a valid charter (and activity log), or it would prove nothing at all.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from govkit.errors import GovkitError
from govkit.evidence.files import read_activity_file, read_charter_file
from govkit.load import Document, load_file
from govkit.model import ExamplesRun, Finding, Location, Result, Severity
from govkit.policy import Policy, read_policy, rule_help
from govkit.repo import CharterRepo
from govkit.sample import SampleCommit, write_history
from govkit.wording import closest_name

EXAMPLE_TEAM = "example-team"


@dataclass(frozen=True, slots=True)
class Example:
    rule: str
    expect: str  # pass | fail
    path: Path


def run_policy_tests(folder: Path, shown_as: str) -> Result:
    """Every policy file in `folder` against the examples in `folder/tests/`."""
    if not folder.is_dir():
        raise GovkitError(f"{folder} is not a folder of policies; give the folder that holds your policy files.")
    result = Result(command="policy test", as_of=None)
    policies: list[Policy] = []
    every_policy_read = True
    for path in sorted(p for p in folder.glob("*.yaml") if p.is_file()):
        name = f"{shown_as}/{path.name}"
        loaded = load_file(path, name)
        if isinstance(loaded, Finding):
            result.findings.append(loaded)
            every_policy_read = False
            continue
        policy, problems = read_policy(loaded)
        result.findings.extend(problems)
        if policy is None:
            every_policy_read = False
        else:
            policies.append(policy)
            result.findings.extend(_test_policy(policy, path, folder / "tests", shown_as))
    if not policies and not result.findings:
        raise GovkitError(f"No policy files (*.yaml) in {folder}.")
    if every_policy_read:  # a broken policy's rules are unknown: its examples' folders cannot be judged
        result.findings.extend(_folders_of_no_rule(folder / "tests", policies, shown_as))
    result.rule_help = rule_help(policies)
    result.examples_run = _examples_run(policies, folder / "tests")
    return result


def _examples_run(policies: list[Policy], tests: Path) -> ExamplesRun:
    per_rule = [len(_examples(tests / rule.id, rule.id)) for policy in policies for rule in policy.rules]
    return ExamplesRun(examples=sum(per_rule), rules=sum(1 for count in per_rule if count))


def _folders_of_no_rule(tests: Path, policies: list[Policy], shown_as: str) -> list[Finding]:
    """A folder of examples named after no rule (a typo such as `team-sise`): its examples would never run."""
    if not tests.is_dir():
        return []
    known = sorted({rule.id for policy in policies for rule in policy.rules})
    owners = ", ".join(f"`{policy.name}`" for policy in policies)
    in_policies = f"policy {owners}" if len(policies) == 1 else f"policies {owners}"
    findings = []
    for folder in sorted(p for p in tests.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name in known:
            continue
        hint = closest_name(folder.name, known)
        advice = f"Did you mean `{hint}`?" if hint else f"Known rules: {', '.join(known)}."
        findings.append(
            Finding(
                rule=folder.name,
                severity=Severity.ERROR,
                message=f"There is no rule `{folder.name}` in {in_policies}, so these examples never run. {advice} "
                "Name the folder after the id of the rule its examples prove.",
                location=Location(f"{shown_as}/tests/{folder.name}"),
            )
        )
    return findings


def _test_policy(policy: Policy, policy_path: Path, tests: Path, shown_as: str) -> list[Finding]:
    findings: list[Finding] = []
    for rule in policy.rules:
        examples = _examples(tests / rule.id, rule.id)
        for expect in ("pass", "fail"):
            if not any(e.expect == expect for e in examples):
                findings.append(
                    Finding(
                        rule=rule.id,
                        severity=Severity.WARNING,
                        message=f"Rule `{rule.id}` has no {expect} example; add one under tests/{rule.id}/{expect}/.",
                        location=rule.location,
                    )
                )
        for example in examples:
            shown = f"{shown_as}/tests/{example.path.relative_to(tests).as_posix()}"
            unsound = _unsound(example, shown)
            if unsound:
                findings.extend(unsound)
                continue
            problem = _verdict(policy, policy_path, example)
            if problem:
                findings.append(
                    Finding(rule=rule.id, severity=Severity.ERROR, message=problem, location=Location(shown))
                )
    return findings


def _examples(folder: Path, rule: str) -> list[Example]:
    found = []
    for expect in ("pass", "fail"):
        place = folder / expect
        if place.is_dir():
            found += [Example(rule, expect, p) for p in sorted(place.iterdir()) if p.is_dir() or p.suffix == ".yaml"]
    return found


def _unsound(example: Example, shown: str) -> list[Finding]:
    """What lint would say about the example's charter and activity log, each at its place in the example."""
    if not example.path.is_dir():
        folder = CharterRepo(example.path.parent.resolve())
        return _about_example(example, "charter", _shown(read_charter_file(folder, example.path).findings, shown))
    folder = CharterRepo(example.path.resolve())
    if not (example.path / "charter.yaml").is_file():
        return []  # a missing charter.yaml has its own message in `_verdict`
    charter = read_charter_file(folder, example.path / "charter.yaml")
    found = _about_example(example, "charter", _shown(charter.findings, f"{shown}/charter.yaml"))
    if (example.path / "activity.yaml").is_file():
        log = read_activity_file(folder, example.path / "activity.yaml", charter.charter)
        found += _about_example(example, "activity log", _shown(log.findings, f"{shown}/activity.yaml"))
    return found


def _shown(findings: Iterable[Finding], name: str) -> list[Finding]:
    """Findings placed in an example's file, named as the user sees it."""
    return [
        replace(f, location=replace(f.location, file=name) if f.location else Location(name), team=None)
        for f in findings
    ]


def _about_example(example: Example, what: str, problems: list[Finding]) -> list[Finding]:
    intro = f"The {example.expect} example {example.path.name} is not a valid {what}, so it proves nothing"
    return [
        replace(problem, rule=example.rule, message=f"{intro} about `{example.rule}`: {problem.message}")
        for problem in problems
    ]


def _verdict(policy: Policy, policy_path: Path, example: Example) -> str | None:
    """Why the example does not behave as expected; None when it does."""
    try:
        return _run_example(policy, policy_path, example)
    except (GovkitError, KeyError, TypeError, ValueError, AttributeError, OSError) as exc:
        # example.yaml, commits.yaml and history.yaml have no schema; a wrong one is the example's fault.
        detail = f"{type(exc).__name__}: {exc}" if not isinstance(exc, GovkitError) else str(exc)
        return (
            f"The example {example.path.name} could not be set up ({detail}); "
            "check its example.yaml, commits.yaml and history.yaml against the README."
        )


def _run_example(policy: Policy, policy_path: Path, example: Example) -> str | None:
    from govkit.engine import evaluate
    from govkit.evidence.read import read_team

    with tempfile.TemporaryDirectory(prefix="govkit-policy-test-") as scratch:
        root = Path(scratch) / "charters"
        team_dir = root / "teams" / EXAMPLE_TEAM
        team_dir.mkdir(parents=True)
        source = example.path / "charter.yaml" if example.path.is_dir() else example.path
        if not source.is_file():
            return f"The example {example.path.name} has no charter.yaml."
        text = _pinned(source.read_text(encoding="utf-8"), policy)
        settings: dict[str, Any] = {}
        if example.path.is_dir():
            versions = _data(example.path / "history.yaml")
            if versions:
                _build_charter_history(root, example.path, policy, versions.get("versions", []))
            if (example.path / "activity.yaml").is_file():
                shutil.copy(example.path / "activity.yaml", team_dir / "activity.yaml")
            settings = _data(example.path / "example.yaml") or {}
            commits = _data(example.path / "commits.yaml")
            if commits:
                _build_team_repos(root, text, commits.get("commits", []))
        (team_dir / "charter.yaml").write_text(text, encoding="utf-8")
        (root / "policies").mkdir(exist_ok=True)
        shutil.copy(policy_path, root / "policies" / policy_path.name)
        as_of = _as_of(settings, text)
        found = evaluate(read_team(CharterRepo(root), EXAMPLE_TEAM, as_of, as_of)).findings
    live = [f for f in found if not f.waived and f.severity >= Severity.WARNING]
    mine = [f for f in live if f.rule == example.rule]
    name = example.path.name
    if example.expect == "pass":
        return f"The pass example {name} raised `{example.rule}`: {mine[0].message}" if mine else None
    if not mine:
        return f"The fail example {name} did not raise `{example.rule}`."
    # What other rules say about an example is not its business, unless it promises it.
    missing = sorted(set(settings.get("also_raises", [])) - {f.rule for f in live})
    if missing:
        return f"The fail example {name} promises {', '.join(f'`{r}`' for r in missing)} in `also_raises`, which it did not raise."
    return None


def _pinned(text: str, policy: Policy) -> str:
    """The example charter as a charter of the example team, pinning the policy under test."""
    text = re.sub(r"(?m)^team:.*$", f"team: {EXAMPLE_TEAM}", text)
    return re.sub(r"(?m)^policy:.*$", f"policy: {policy.pin}", text)


def _build_charter_history(root: Path, folder: Path, policy: Policy, versions: list[dict[str, Any]]) -> None:
    """Commit each earlier charter version to the scratch charter repo, with its trailers."""
    leads = "Example Lead <lead@example.com>"
    history = [
        SampleCommit(
            dt.date.fromisoformat(str(version["date"])),
            version.get("author", leads),
            version.get("message", "Amend the charter"),
            {
                f"teams/{EXAMPLE_TEAM}/charter.yaml": _pinned(
                    (folder / version["file"]).read_text(encoding="utf-8"), policy
                )
            },
            tuple(version.get("trailers", [])),
        )
        for version in versions
    ]
    write_history(root, history)


def _data(path: Path) -> dict[str, Any] | None:
    if not path.is_file():
        return None
    loaded = load_file(path, path.name)
    if not isinstance(loaded, Document):
        raise GovkitError(f"{path}: {loaded.message}")
    return loaded.data


def _as_of(settings: dict[str, Any], charter_text: str) -> dt.date:
    if "as_of" in settings:
        return dt.date.fromisoformat(str(settings["as_of"]))
    match = re.search(r"(?m)^\s+end:\s*'?\"?(\d{4}-\d{2}-\d{2})", charter_text)
    return dt.date.fromisoformat(match.group(1)) if match else dt.date.today()


def _build_team_repos(root: Path, charter_text: str, commits: list[dict[str, Any]]) -> None:
    """Every repo path the charter lists gets the example's history."""
    history = [
        SampleCommit(
            dt.date.fromisoformat(str(c["date"])),
            c["author"],
            c.get("message", "Change"),
            dict(c.get("files", {})),
            tuple(c.get("trailers", [])),
        )
        for c in commits
    ]
    for path in re.findall(r"(?m)^\s+path:\s*(\S+)", charter_text):
        write_history((root / path).resolve(), history)
