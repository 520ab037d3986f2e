"""The portfolio benchmark: `govkit lint` of 300 teams whose policy holds rules across teams.

A check type of scope `portfolio` sees every charter at once, from the evidence `lint` reads for
each team anyway: one pass over all charters, not one per team (a plugin that re-read every
charter for each team took over 20 minutes on 300 teams). This times
`govkit lint --root REPO --format json --fail-on never` on a generated repo of N teams (default
300, the charters of bench/lint.py: people drawn from one pool, so many share pilots) pinning a
policy that extends firewalled-pilot@1 with `one-pilot-per-person` and `concurrent-pilots`,
against the same repo judged by firewalled-pilot@1 alone. Target: at most 3 seconds. With
--update-readme (as `make bench` runs it) the figures replace the `portfolio` block in README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from common import WORK, Row, best_of, fail, markdown_table, text_table, timed, update_readme
from lint import charter_text, lint_command

TARGET_SECONDS = 3.0
POLICY = """govkit: 1
name: portfolio-pilot
version: 1.0.0
extends: firewalled-pilot@1
rules:
  - id: one-pilot-per-person
    check: one-pilot-per-person
    severity: error
  - id: concurrent-pilots
    check: concurrent-pilots
    severity: warning
    params: {max: 2}
"""


def build_repos(count: int) -> tuple[Path, Path]:
    """The same `count` charters twice: pinning the portfolio policy, and the built-in one."""
    rng = random.Random(2026)
    texts = [charter_text(index, rng) for index in range(1, count + 1)]
    roots = (WORK / "portfolio", WORK / "portfolio-plain")
    for root, pin in zip(roots, ("portfolio-pilot@1", "firewalled-pilot@1"), strict=True):
        shutil.rmtree(root, ignore_errors=True)
        for text in texts:
            path = root / "teams" / text.split("\n", 2)[1].removeprefix("team: ") / "charter.yaml"
            path.parent.mkdir(parents=True)
            path.write_text(text.replace("policy: firewalled-pilot@1", f"policy: {pin}"), encoding="utf-8")
    (roots[0] / "policies").mkdir()
    (roots[0] / "policies" / "portfolio-pilot.yaml").write_text(POLICY, encoding="utf-8")
    return roots


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=300, help="teams in the generated repo (300)")
    parser.add_argument("--repeat", type=int, default=3, help="lint runs per repo; the best counts (3)")
    parser.add_argument("--update-readme", action="store_true", help="write the figures into README.md")
    args = parser.parse_args(argv)
    portfolio, plain = build_repos(args.teams)
    _, done = timed(lint_command(portfolio))
    report = json.loads(done.stdout or "{}")
    across = sum(1 for f in report.get("findings", []) if f["rule"] in ("one-pilot-per-person", "concurrent-pilots"))
    if len(report.get("teams", [])) != args.teams or not across:
        fail("govkit did not judge every team, or found no one in two pilots; fix the generator.")
    print(f"bench: {args.teams} teams; the rules across teams find {across} problems")
    with_rules = best_of(args.repeat, lint_command(portfolio))
    without = best_of(args.repeat, lint_command(plain))
    n = f"{args.teams:,}"
    rows = [
        Row(f"lint {n} teams, rules across teams", with_rules, "target", TARGET_SECONDS, 1.0),
        Row(f"lint {n} teams, rules across teams", with_rules, f"lint {n} teams without them", without, None),
    ]
    note = (
        f"{dt.date.today().isoformat()}: {n} teams, {os.cpu_count()} cores, Python {platform.python_version()} "
        f"on {platform.system()}. Best of {args.repeat} runs; ratio = govkit / the other."
    )
    print(f"\n{note}\n\n{text_table(rows)}")
    if args.update_readme:
        update_readme("portfolio", f"{note}\n\n{markdown_table(rows)}")
        print("\nbench: figures written into README.md")
    return 1 if any(row.verdict == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
