"""The lint benchmark: govkit against check-jsonschema on the same charters, as ratios.

What it measures, all as real subprocesses started the way a user or CI would start them:

- lint: `govkit lint --root REPO --format json --fail-on never` over a generated charter repo
  of N varied, fixture-sized charters (default 1,000), against
  `check-jsonschema --schemafile govkit/schemas/charter.json FILE...` on the same files, with
  its formats on as a user would run it. govkit does more (located findings, consistency,
  the policy's rules); check-jsonschema only validates the schema. Best of --repeat runs.
- start-up: `govkit --version` against `check-jsonschema --version`, median of 10 runs each.
- the parsing floor: reading every charter and `yaml.load(..., Loader=yaml.CSafeLoader)` in
  this process, best of --repeat; govkit's lint time over it shows what is left above parsing.

Before timing, a sanity run makes sure both tools really validate: each must accept the
generated charters and reject two broken ones (a structural error and a date that only the
`date` format catches). Exits 1 when a target is missed, 2 when the benchmark cannot run or
the sanity run fails. With --update-readme (as `make bench` runs it) the figures replace the
block between the `bench` markers in README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from common import PROJECT, WORK, Row, best_of, fail, markdown_table, text_table, timed, tool, update_readme

SCHEMA = PROJECT / "govkit" / "schemas" / "charter.json"
STARTUP_RUNS = 10
LINT_TARGET, LINT_AIM, STARTUP_TARGET = 0.5, 0.25, 0.5
FILE_RULES = ("file", "yaml", "schema")  # govkit's rules for what check-jsonschema also checks

FIRST = ["ana", "raj", "tom", "mia", "lena", "omar", "yuki", "paul", "sara", "ivan", "noor", "femi", "diego"]
LAST = ["silva", "patel", "becker", "jensen", "novak", "haddad", "tanaka", "kim", "costa", "okafor", "ruiz", "lund"]
WORDS = ["reorder", "invoice", "onboarding", "claims", "pricing", "returns", "loyalty", "search", "billing"]
SUFFIXES = ["pilot", "squad", "lab", "team", "cell"]
ROLES = {
    "business": ["Product lead", "Domain expert", "Customer advocate", "Operations analyst"],
    "technology": ["Tech lead", "Developer", "Designer", "Data engineer", "Tester"],
}


def charter_text(index: int, rng: random.Random) -> str:
    """One realistic charter, shaped like the test suite's healthy one but varied per team.

    A few in a hundred break a policy rule (a 60% allocation, ten members), as in a real
    portfolio; all of them are valid against the schema.
    """
    team = f"{rng.choice(WORDS)}-{rng.choice(SUFFIXES)}-{index:04d}"
    size = 10 if index % 97 == 13 else rng.randint(3, 9)
    people = rng.sample([(f, last) for f in FIRST for last in LAST], size)
    sides = ["business", "technology"] + [rng.choice(("business", "technology")) for _ in range(size - 2)]
    members = []
    for position, ((first, last), side) in enumerate(zip(people, sides, strict=True)):
        allocation = 60 if index % 53 == 7 and position == size - 1 else rng.choice((80, 90, 100, 100))
        member = (
            f"  - name: {first.title()} {last.title()}\n    email: {first}.{last}@example.com\n"
            f"    side: {side}\n    role: {rng.choice(ROLES[side])}\n    allocation: {allocation}\n"
        )
        if rng.random() < 0.3:
            member += f"    aliases: [{first}.{last}@users.noreply.example.com]\n"
        members.append(member)
    business, technology = (f"{f}.{last}@example.com" for f, last in people[:2])
    start = dt.date(2026, 1, 5) + dt.timedelta(days=rng.randrange(0, 300))
    end = start + dt.timedelta(weeks=rng.randint(8, 26))
    word = team.split("-")[0]
    repos = "".join(
        f"  - name: {word}-{part}\n    path: ../{word}-{part}\n"
        + (
            "    guarded:\n      - area: security\n        owner: it-security@example.com\n"
            '        paths: ["auth/**", "infra/**"]\n'
            if rng.random() < 0.7
            else ""
        )
        for part in rng.sample(["service", "web", "data", "mobile"], rng.randint(1, 2))
    )
    metrics = "".join(
        f"  - id: {word}-{name}\n    kind: {kind}\n    description: {name.replace('-', ' ').capitalize()}\n"
        f"    target: {rng.randint(20, 2000)}\n    unit: {unit}\n    every: {rng.choice(('7d', '14d', '2w'))}\n"
        for name, kind, unit in [("weekly-users", "adoption", "users"), ("cycle-time", "delivery", "days")][
            : rng.randint(1, 2)
        ]
    )
    waiver = (
        f"waivers:\n  - rule: dedicated-members\n    reason: Covers the support rota until a new hire starts\n"
        f"    approved_by: [{business}, {technology}]\n    expires: {end.isoformat()}\n"
        if index % 53 == 7 and index % 2
        else ""
    )
    return (
        f"govkit: 1\nteam: {team}\nname: {word.title()} {rng.choice(SUFFIXES).title()} {index}\n"
        f"status: {rng.choice(('active', 'active', 'active', 'draft', 'closed'))}\npolicy: firewalled-pilot@1\n"
        f"purpose: Let customers handle {word} themselves, and learn to deliver together.\n"
        f"capability:\n  name: Self-service {word}\n  criticality: {rng.choice(('important', 'supporting'))}\n"
        f"  users: {rng.choice(('Repeat B2B buyers', 'Retail customers', 'Field agents'))} in the EU\n"
        f"timebox:\n  start: {start.isoformat()}\n  end: {end.isoformat()}\n"
        f"leads:\n  business: {business}\n  technology: {technology}\nmembers:\n{''.join(members)}"
        f"repos:\n{repos}cadences:\n  demo: {rng.choice(('7d', '14d', '21d'))}\n  customer-feedback: 14d\n"
        f"  retro: 14d\n  release: {rng.choice(('7d', '14d'))}\n  knowledge-share: 30d\nmetrics:\n{metrics}"
        "exemptions:\n  - process: Change Advisory Board\n"
        "    replaced_by: Tech lead approves each release; the CAB chair attends every demo\n"
        "decisions:\n  team: [backlog, user interface, release timing]\n"
        "  escalate: [budget, data retention, vendor contracts]\n"
        f"escalation:\n  contact: cio-office@example.com\n  respond_within: {rng.choice(('3d', '5d', '10d'))}\n"
        f"exit_criteria:\n  - Adoption target reached by {end.isoformat()}\n{waiver}"
    )


def build_repo(count: int) -> tuple[Path, list[Path], list[Path]]:
    """A fresh charter repo of `count` charters, and two broken charters outside it."""
    root = WORK / "charters"
    for own in (root, WORK / "broken"):  # only its own: the history benchmark caches repos beside them
        shutil.rmtree(own, ignore_errors=True)
    rng = random.Random(2026)  # the same repo on every run, so runs compare
    charters = []
    for index in range(1, count + 1):
        text = charter_text(index, rng)
        path = root / "teams" / text.split("\n", 2)[1].removeprefix("team: ") / "charter.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        charters.append(path)
    first = charters[0].read_text(encoding="utf-8")
    broken = {
        "structure": first.replace("status:", "stauts:"),
        # The pattern accepts this date; only the `date` format rejects it.
        "format": re.sub(r"^  end: .*$", '  end: "2026-02-30"', first, count=1, flags=re.MULTILINE),
    }
    broken_paths = []
    for name, text in broken.items():
        path = WORK / "broken" / name / "teams" / charters[0].parent.name / "charter.yaml"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
        broken_paths.append(path)
    return root, charters, broken_paths


def lint_command(root: Path) -> list[str]:
    return [tool("govkit"), "lint", "--root", str(root), "--format", "json", "--fail-on", "never"]


def schema_command(files: Sequence[Path]) -> list[str]:
    return [tool("check-jsonschema"), "--schemafile", str(SCHEMA), *map(str, files)]


def sanity(root: Path, charters: list[Path], broken: list[Path]) -> str:
    """Fail loudly unless both tools accept the repo and find the schema problem in each broken charter."""
    report = lint_report(root)
    if any(f["rule"] in FILE_RULES for f in report["findings"]) or len(report["teams"]) != len(charters):
        fail("govkit finds schema problems in the generated charters; fix the generator.")
    if timed(schema_command(charters[:5]))[1].returncode != 0:
        fail("check-jsonschema rejects the generated charters; the comparison would be unfair.")
    for path in broken:
        govkit_found = any(f["rule"] == "schema" for f in lint_report(path.parents[2])["findings"])
        schema_rc = timed(schema_command([path]))[1].returncode
        if not govkit_found or schema_rc == 0:
            fail(f"both tools must reject {path} (govkit: {govkit_found}, check-jsonschema: {schema_rc}).")
    return f"{report['summary']['error']} errors, {report['summary']['warning']} warnings from policy rules"


def lint_report(root: Path) -> dict[str, Any]:
    _, done = timed(lint_command(root))
    if done.returncode != 0:
        fail(f"govkit lint failed with exit {done.returncode}: {done.stderr.decode()[:500]}")
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def parse_floor(repeat: int, charters: list[Path]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for path in charters:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--charters", type=int, default=1000, help="charters in the generated repo (1000)")
    parser.add_argument("--repeat", type=int, default=3, help="lint runs per tool; the best counts (3)")
    parser.add_argument("--update-readme", action="store_true", help="write the figures into README.md")
    args = parser.parse_args(argv)
    root, charters, broken = build_repo(args.charters)
    print(f"bench: {args.charters:,} charters in {root.relative_to(PROJECT)}; sanity run ...", flush=True)
    print(f"bench: both tools accept them and reject the broken ones; govkit finds {sanity(root, charters, broken)}")

    lint_s = best_of(args.repeat, lint_command(root))
    schema_s = best_of(args.repeat, schema_command(charters))
    floor_s = parse_floor(args.repeat, charters)
    startup = {
        name: statistics.median(timed([tool(name), "--version"])[0] for _ in range(STARTUP_RUNS))
        for name in ("govkit", "check-jsonschema")
    }
    n = f"{args.charters:,}"
    rows = [
        Row(f"lint {n} charters", lint_s, "check-jsonschema", schema_s, LINT_TARGET, LINT_AIM),
        Row("start-up `--version`", startup["govkit"], "check-jsonschema", startup["check-jsonschema"], STARTUP_TARGET),
        Row("lint vs parsing floor", lint_s, "read + CSafeLoader, in-process", floor_s, None),
    ]
    note = (
        f"{dt.date.today().isoformat()}: {n} charters, {os.cpu_count()} cores, Python {platform.python_version()} "
        f"on {platform.system()}. Lint: best of {args.repeat} run{'s' if args.repeat != 1 else ''}; "
        f"start-up: median of {STARTUP_RUNS} runs; ratio = govkit / the other."
    )
    print(f"\n{note}\n\n{text_table(rows)}")
    if args.update_readme:
        update_readme("bench", f"{note}\n\n{markdown_table(rows)}")
        print("\nbench: figures written into README.md")
    return 1 if any(row.verdict == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
