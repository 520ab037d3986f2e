"""The example plugin's own test: its check over a real charter, read as govkit reads one."""

from __future__ import annotations

import sys
from pathlib import Path

from govkit.plugin import evidence_for

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govkit_example_checks import max_exemptions

CHARTER = """govkit: 1
team: example-team
name: Example
status: active
policy: firewalled-pilot@1
purpose: Try the plugin.
capability: {{name: Reorder, criticality: important}}
timebox: {{start: 2026-09-01, end: 2026-12-18}}
leads: {{business: ana@example.com, technology: raj@example.com}}
members:
  - {{name: Ana, email: ana@example.com, side: business, allocation: 100}}
  - {{name: Raj, email: raj@example.com, side: technology, allocation: 100}}
exemptions:
{items}"""


def run(count: int, limit: int) -> list:
    items = "".join(f"  - process: Process {i}\n    replaced_by: Lighter control {i}\n" for i in range(count))
    evidence = evidence_for(CHARTER.format(items=items))
    return list(max_exemptions.check(evidence, {"max": limit}))


def test_two_exemptions_are_within_three():
    assert run(2, 3) == []


def test_four_exemptions_are_too_many_and_point_at_the_section():
    [problem] = run(4, 3)
    assert "4 exemptions" in problem.message and "at most 3" in problem.message
    assert problem.location.line == 13  # the `exemptions:` key
