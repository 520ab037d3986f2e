"""The registry of check types: a plain dict from id to module, built by explicit imports,
plus the check types plugins register through the `govkit.checks` entry-point group."""

from __future__ import annotations

import functools

from govkit.checks import (
    activity_count,
    adoption_metric,
    adoption_pace,
    amendment_signoff,
    cadence_within_policy,
    concurrent_pilots,
    cross_functional,
    dedicated_members,
    escalation_response,
    event_cadence,
    guarded_paths,
    metric_readings,
    one_pilot_per_person,
    paired_leads,
    release_cadence,
    require,
    required_sections,
    roster_authors,
    single_capability,
    team_size,
    timebox,
    waivers,
)
from govkit.checks.base import AnyCheck

BUILTIN: dict[str, AnyCheck] = {
    module.ID: module
    for module in (
        team_size,
        cross_functional,
        paired_leads,
        single_capability,
        dedicated_members,
        timebox,
        adoption_metric,
        adoption_pace,
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
        require,
        activity_count,
        one_pilot_per_person,
        concurrent_pilots,
    )
}


def check_type(check_id: str) -> AnyCheck | None:
    """The check type with this id: a built-in one without looking further, else an installed plugin's.

    Plugins are looked for only when a policy names a check type govkit does not have, so a run
    of the built-in rules never reads the metadata of every installed package."""
    return BUILTIN.get(check_id) or registry().get(check_id)


@functools.cache
def registry() -> dict[str, AnyCheck]:
    """Built-in check types, then those of installed plugins."""
    from govkit.checks.plugins import discover

    plugins, _ = discover(set(BUILTIN))
    return {**BUILTIN, **plugins}


@functools.cache
def broken_plugins() -> dict[str, str]:
    """Entry-point name → why that plugin cannot be used."""
    from govkit.checks.plugins import discover

    return discover(set(BUILTIN))[1]
