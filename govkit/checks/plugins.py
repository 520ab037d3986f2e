"""Third-party check types, registered through the `govkit.checks` entry-point group.

A plugin is an installed distribution whose entry point names an object (usually a module)
with the same attributes as a built-in check: ID, EVIDENCE, PARAMS and `check` (or `watch`
for git history), and SCOPE `portfolio` for a check over every team at once. Entry points are read only from installed distributions: a folder that
merely happens to be the current directory is never searched, so opening a charter repo
cannot run code from it.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from govkit.checks.base import ACTIVITY, CHARTER, GIT, HISTORY, PORTFOLIO, TEAM, AnyCheck

GROUP = "govkit.checks"
_EVIDENCE = {CHARTER, ACTIVITY, GIT, HISTORY}


def _search_path() -> list[str]:
    here = os.getcwd()
    return [entry for entry in sys.path if entry not in ("", ".") and os.path.abspath(entry) != here]


def discover(builtin: set[str]) -> tuple[dict[str, AnyCheck], dict[str, str]]:
    """Plugin check types by id, and why each broken plugin could not be used (by entry-point name)."""
    from importlib.metadata import distributions

    found: dict[str, AnyCheck] = {}
    broken: dict[str, str] = {}
    for dist in distributions(path=_search_path()):
        for entry in dist.entry_points:
            if entry.group != GROUP:
                continue
            origin = f"plugin `{entry.name}` from {dist.metadata['Name']}"
            try:
                loaded = entry.load()
            except Exception as exc:  # third-party code: report any failure, never crash on it
                broken[entry.name] = f"{origin} failed to load ({type(exc).__name__}: {exc})"
                continue
            problem = _shape_problem(loaded, entry.name, builtin)
            if problem:
                broken[entry.name] = f"{origin} {problem}"
            else:
                found[loaded.ID] = loaded
    return found, broken


def _shape_problem(check: Any, name: str, builtin: set[str]) -> str | None:
    missing = [attr for attr in ("ID", "EVIDENCE", "PARAMS") if not hasattr(check, attr)]
    if not (hasattr(check, "check") or hasattr(check, "watch")):
        missing.append("check")
    if missing:
        return f"lacks {', '.join(missing)}"
    if name != check.ID:
        return f"declares ID `{check.ID}` but is registered as `{name}`; make them equal"
    if check.ID in builtin:
        return f"would replace the built-in check type `{check.ID}`; choose another id"
    unknown = set(check.EVIDENCE) - _EVIDENCE
    if unknown:
        return f"declares unknown evidence {sorted(unknown)}; use {sorted(_EVIDENCE)}"
    scope = getattr(check, "SCOPE", TEAM)
    if scope not in (TEAM, PORTFOLIO):
        return f"declares SCOPE `{scope}`; use `{TEAM}` (the default) or `{PORTFOLIO}`"
    if scope == PORTFOLIO and not hasattr(check, "check"):
        return "has scope `portfolio` but no `check(portfolio, params)`"
    return None
