"""Output of `govkit diff` and `govkit policy diff`: text, json and markdown of one Comparison."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TextIO

from govkit.compare.change import Comparison, by_section, title
from govkit.markdown import markdown_code, markdown_sentence, markdown_text
from govkit.visible import inert, quoted

FORMATS = ("text", "json", "markdown")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _summary(comparison: Comparison) -> str:
    total = len(comparison.changes)
    parts = ", ".join(f"{n} {kind}" for kind, n in comparison.counts().items() if n)
    return f"{total} change{'s' if total != 1 else ''}" + (f" ({parts})" if parts else "")


def write_text(comparison: Comparison, out: TextIO) -> None:
    """A heading line, then each section and one line per change, kinds in a column.

    What the charters say is shown with its control characters escaped, one line per change."""
    heading = inert(f"{comparison.before} → {comparison.after}")
    if not comparison.changes:
        out.write(f"{heading}\nNo differences.\n")
    else:
        out.write(f"{heading}: {_summary(comparison)}\n")
        for section, changes in by_section(comparison.changes):
            out.write(f"\n{inert(title(section))}\n")
            for change in changes:
                out.write(f"  {change.kind:<9}  {quoted(_one_line(change.text))}\n")
    for hint in comparison.hints:
        out.write(f"\nHint: {quoted(_one_line(hint))}\n")


def as_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "govkit": 1,
        "command": comparison.command,
        "from": comparison.before,
        "to": comparison.after,
        "changes": [change.as_dict() for change in comparison.changes],
        "summary": comparison.counts(),
        "hints": list(comparison.hints),
    }


def write_json(comparison: Comparison, out: TextIO) -> None:
    text = json.dumps(as_dict(comparison), indent=2, ensure_ascii=False)
    # A lone surrogate (a YAML `"\\ud800"`) cannot be written as UTF-8: JSON's own escape can carry it.
    out.write(_LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def write_markdown(comparison: Comparison, out: TextIO) -> None:
    """Grouped lists under one heading: reads well in a pull-request comment or a leadership pack."""
    before, after = markdown_code(comparison.before), markdown_code(comparison.after)
    out.write(f"### govkit {markdown_text(comparison.command)}: {before} → {after}\n\n")
    if not comparison.changes:
        out.write("No differences.\n")
    else:
        out.write(f"**{_summary(comparison)}**\n")
        for section, changes in by_section(comparison.changes):
            out.write(f"\n#### {markdown_text(title(section))}\n\n")
            for change in changes:
                out.write(f"- **{change.kind}** {markdown_sentence(change.text, in_table=False)}\n")
    for hint in comparison.hints:
        out.write(f"\n> **Hint:** {markdown_sentence(hint, in_table=False)}\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def writer(name: str) -> Callable[[Comparison, TextIO], None]:
    return {"text": write_text, "json": write_json, "markdown": write_markdown}[name]
