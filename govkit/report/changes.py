"""Output of `govkit diff` and `govkit policy diff`: text, json and markdown of one Comparison."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from govkit.compare.change import Comparison, by_section, title
from govkit.markdown import markdown_sentence, markdown_text

FORMATS = ("text", "json", "markdown")


def _summary(comparison: Comparison) -> str:
    total = len(comparison.changes)
    parts = ", ".join(f"{n} {kind}" for kind, n in comparison.counts().items() if n)
    return f"{total} change{'s' if total != 1 else ''}" + (f" ({parts})" if parts else "")


def write_text(comparison: Comparison, out: TextIO) -> None:
    """A heading line, then each section and one line per change, kinds in a column."""
    heading = f"{comparison.before} → {comparison.after}"
    if not comparison.changes:
        out.write(f"{heading}\nNo differences.\n")
    else:
        out.write(f"{heading}: {_summary(comparison)}\n")
        for section, changes in by_section(comparison.changes):
            out.write(f"\n{title(section)}\n")
            for change in changes:
                out.write(f"  {change.kind:<9}  {_one_line(change.text)}\n")
    for hint in comparison.hints:
        out.write(f"\nHint: {hint}\n")


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
    json.dump(as_dict(comparison), out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_markdown(comparison: Comparison, out: TextIO) -> None:
    """Grouped lists under one heading: reads well in a pull-request comment or a leadership pack."""
    out.write(f"### govkit {comparison.command}: {_code(comparison.before)} → {_code(comparison.after)}\n\n")
    if not comparison.changes:
        out.write("No differences.\n")
    else:
        out.write(f"**{_summary(comparison)}**\n")
        for section, changes in by_section(comparison.changes):
            out.write(f"\n#### {markdown_text(title(section))}\n\n")
            for change in changes:
                out.write(f"- **{change.kind}** {markdown_sentence(change.text)}\n")
    for hint in comparison.hints:
        out.write(f"\n> **Hint:** {markdown_sentence(hint)}\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _code(text: str) -> str:
    return f"`{text.replace('`', '')}`"


def writer(name: str) -> Callable[[Comparison, TextIO], None]:
    return {"text": write_text, "json": write_json, "markdown": write_markdown}[name]
