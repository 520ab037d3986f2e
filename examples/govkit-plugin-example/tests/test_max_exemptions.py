"""The example plugin's own test: its check over real charter documents."""

from __future__ import annotations

import sys
from pathlib import Path

from govkit.checks.base import TeamContext
from govkit.load import load_bytes

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govkit_example_checks import max_exemptions

CHARTER = """govkit: 1
exemptions:
{items}"""


def run(count: int, limit: int) -> list:
    items = "".join(f"  - process: Process {i}\n    replaced_by: Lighter control {i}\n" for i in range(count))
    doc = load_bytes(CHARTER.format(items=items).encode(), Path("charter.yaml"), "charter.yaml")
    return list(max_exemptions.check(TeamContext(team="t", charter_doc=doc), {"max": limit}))


def test_two_exemptions_are_within_three():
    assert run(2, 3) == []


def test_four_exemptions_are_too_many_and_point_at_the_section():
    [problem] = run(4, 3)
    assert "4 exemptions" in problem.message and "at most 3" in problem.message
    assert problem.location.line == 2
