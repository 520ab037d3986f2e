"""`govkit policy test`: prove each rule of a policy on examples, like `conftest verify`.

Examples live beside the policies, in `tests/<rule-id>/pass/` and `tests/<rule-id>/fail/`
(see govkit.commands.policy_examples for their forms). A policy that extends another is read
with its base, and each of the rules it ends up with is proved; a rule switched off is not.

A pass example must raise no finding of its rule; a fail example must raise findings of that
rule (and of each rule it lists in `also_raises`). What other rules say about an example is
ignored, so adding a rule to a policy never breaks the examples of the others.
Either must be a valid charter (and activity log), or it would prove nothing at all.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from govkit.commands.policy_examples import Example, build, examples_of, settings_of
from govkit.errors import GovkitError
from govkit.evidence.files import read_activity_file, read_charter_file
from govkit.load import load_file
from govkit.model import ExamplesRun, Finding, Location, Result, Severity
from govkit.policy import Policy, Rule, rule_help
from govkit.policy_catalog import folder_catalog
from govkit.repo import CharterRepo
from govkit.wording import closest_name


def run_policy_tests(folder: Path, shown_as: str) -> Result:
    """Every policy file in `folder` against the examples in `folder/tests/`."""
    if not folder.is_dir():
        raise GovkitError(f"{folder} is not a folder of policies; give the folder that holds your policy files.")
    result = Result(command="policy test", as_of=None)
    paths = sorted(p for p in folder.glob("*.yaml") if p.is_file())
    # A charter repo's policies/ may extend a policy as committed at a revision (NAME@MAJOR@REV).
    root = folder.resolve().parent if folder.name == "policies" else None
    catalog = folder_catalog(paths, lambda path: load_file(path, f"{shown_as}/{path.name}"), root)
    policies: list[Policy] = []
    every_policy_read = True
    for path in paths:
        policy, problems = catalog.read(f"{shown_as}/{path.name}")
        result.findings.extend(problems)
        if policy is None:
            every_policy_read = False
        else:
            policies.append(policy)
            result.findings.extend(_test_policy(policy, folder / "tests", shown_as))
    if not policies and not result.findings:
        raise GovkitError(f"No policy files (*.yaml) in {folder}.")
    if every_policy_read:  # a broken policy's rules are unknown: its examples' folders cannot be judged
        result.findings.extend(_folders_of_no_rule(folder / "tests", policies, shown_as))
    result.rule_help = rule_help(policies)
    result.examples_run = _examples_run(policies, folder / "tests", shown_as)
    return result


def _examples_run(policies: list[Policy], tests: Path, shown_as: str) -> ExamplesRun:
    per_rule = [len(examples_of(policy, rule, tests, shown_as)) for policy in policies for rule in policy.rules]
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


def _test_policy(policy: Policy, tests: Path, shown_as: str) -> list[Finding]:
    findings: list[Finding] = []
    for rule in policy.rules:
        examples = examples_of(policy, rule, tests, shown_as)
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
            unsound = _unsound(example, policy)
            if unsound:
                findings.extend(unsound)
                continue
            problem = _verdict(policy, rule, example)
            if problem:
                findings.append(
                    Finding(rule=rule.id, severity=Severity.ERROR, message=problem, location=Location(example.shown))
                )
    return findings


def _unsound(example: Example, policy: Policy) -> list[Finding]:
    """What lint would say about the example's charters and activity logs, each at its place in the example."""
    found = []
    kinds = policy.event_types
    for _, source, shown in example.team_files():
        if not source.is_dir():
            charter = read_charter_file(CharterRepo(source.parent.resolve()), source, event_types=kinds)
            found += _about_example(example, "charter", _shown(charter.findings, shown))
            continue
        if not (source / "charter.yaml").is_file():
            continue  # a missing charter.yaml has its own message in `_verdict`
        folder = CharterRepo(source.resolve())
        charter = read_charter_file(folder, source / "charter.yaml", event_types=kinds)
        found += _about_example(example, "charter", _shown(charter.findings, f"{shown}/charter.yaml"))
        if (source / "activity.yaml").is_file():
            log = read_activity_file(folder, source / "activity.yaml", charter.charter, event_types=kinds)
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


def _verdict(policy: Policy, rule: Rule, example: Example) -> str | None:
    """Why the example does not behave as expected; None when it does."""
    try:
        return _run_example(policy, rule, example)
    except (GovkitError, KeyError, TypeError, ValueError, AttributeError, OSError) as exc:
        # example.yaml, commits.yaml and history.yaml have no schema; a wrong one is the example's fault.
        detail = f"{type(exc).__name__}: {exc}" if not isinstance(exc, GovkitError) else str(exc)
        return (
            f"The example {example.path.name} could not be set up ({detail}); "
            "check its example.yaml, commits.yaml and history.yaml against the README."
        )


def _run_example(policy: Policy, rule: Rule, example: Example) -> str | None:
    from govkit.commands.check import team_results

    settings = settings_of(example)
    with tempfile.TemporaryDirectory(prefix="govkit-policy-test-") as scratch:
        root = Path(scratch) / "charters"
        as_of = build(example, policy, root)
        repo = CharterRepo.judged_by(root, {policy.pin: policy})
        found = [f for result in team_results(repo, repo.team_ids(), as_of, as_of) for f in result.findings]
    # A rule the policy makes `info` still counts; other rules' notes (an uncommitted change) do not.
    floor = min(Severity.WARNING, rule.severity)
    live = [f for f in found if not f.waived and f.severity >= Severity.WARNING]
    mine = [f for f in found if f.rule == example.rule and not f.waived and f.severity >= floor]
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
