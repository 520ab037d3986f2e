"""The registry of check types: a plain dict from id to module, built by explicit imports."""

from __future__ import annotations

from govkit.checks import (
    adoption_metric,
    cadence_within_policy,
    cross_functional,
    dedicated_members,
    paired_leads,
    required_sections,
    single_capability,
    team_size,
    timebox,
    waivers,
)
from govkit.checks.base import Check

REGISTRY: dict[str, Check] = {
    module.ID: module  # type: ignore[misc]
    for module in (
        team_size,
        cross_functional,
        paired_leads,
        single_capability,
        dedicated_members,
        timebox,
        adoption_metric,
        cadence_within_policy,
        required_sections,
        waivers,
    )
}
