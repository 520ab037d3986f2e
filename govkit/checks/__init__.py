"""The registry of check types: a plain dict from id to module, built by explicit imports."""

from __future__ import annotations

from govkit.checks import (
    adoption_metric,
    amendment_signoff,
    cadence_within_policy,
    cross_functional,
    dedicated_members,
    escalation_response,
    event_cadence,
    guarded_paths,
    metric_readings,
    paired_leads,
    release_cadence,
    required_sections,
    roster_authors,
    single_capability,
    team_size,
    timebox,
    waivers,
)
from govkit.checks.base import AnyCheck

REGISTRY: dict[str, AnyCheck] = {
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
        event_cadence,
        metric_readings,
        escalation_response,
        release_cadence,
        guarded_paths,
        roster_authors,
        amendment_signoff,
    )
}
