"""How `govkit review` is shown: text for a terminal, markdown for a leadership pack, JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from govkit.dates import days_text
from govkit.markdown import markdown_code, markdown_sentence, markdown_text
from govkit.review import MetricReview, Review
from govkit.visible import inert
from govkit.wording import counted

_BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    if not values:
        return ""
    low, high = min(values), max(values)
    scale = (high - low) or 1
    return "".join(_BARS[round((value - low) / scale * (len(_BARS) - 1))] for value in values)


def lines(review: Review, *, markdown: bool) -> list[str]:
    head = "## " if markdown else ""
    item = "- " if markdown else "  "
    # What users wrote (names, ids, criteria, reasons, commit subjects) shows as typed in Markdown;
    # in text, `write` shows the control characters of every line escaped.
    text: Callable[[str], str] = markdown_text if markdown else str
    sentence: Callable[[str], str] = (lambda line: markdown_sentence(line, in_table=False)) if markdown else str
    code: Callable[[str], str] = markdown_code if markdown else (lambda value: f"`{value}`")
    start, end = (text(str(day)) for day in review.timebox)
    out = [
        f"{'# ' if markdown else ''}Review of {text(review.name)} ({text(review.team)}) as of {text(review.as_of)}",
        "",
        f"{review.health.upper()}: {text(review.reason)}.",
        f"Charter {code(review.status)}; time box {start} to {end}"
        + (f", {review.elapsed_percent}% gone." if review.elapsed_percent is not None else "."),
        f"Findings now: {counted(review.findings.get('error', 0), 'error')}, "
        f"{counted(review.findings.get('warning', 0), 'warning')}.",
        "",
        f"{head}Exit criteria",
        *[f"{item}{text(criterion)}" for criterion in review.exit_criteria],
        "",
        f"{head}Metrics",
    ]
    for metric in review.metrics:
        trend = sparkline([value for _, value in metric.readings])
        out.append(f"{item}{text(metric.id)} ({text(metric.kind)}): {_reading(metric)} {trend}".rstrip())
    if review.pace is not None:
        pace = review.pace
        projected = "" if pace["projected"] is None else f"; the trend reaches about {pace['projected']:.0f} by the end"
        verdict = "behind pace" if pace["behind"] else "on pace"
        out.append(
            f"{item}adoption {verdict}: {pace['target_percent']}% of the target with {pace['time_percent']}% "
            f"of the time box gone{projected}"
        )
    out += ["", f"{head}Cadence adherence (share of days within the agreed cadence)"]
    out += [
        f"{item}{text(kind)}: " + ("not started" if percent is None else f"{percent}%")
        for kind, percent in review.adherence.items()
    ]
    out += ["", f"{head}Escalations"]
    out += [
        f"{item}{text(e.ref)}: opened {text(e.opened)}, "
        + (f"resolved {text(e.resolved)} after {days_text(e.days)}" if e.resolved else f"open for {days_text(e.days)}")
        + ("" if e.within else " (later than agreed)")
        for e in review.escalations
    ] or [f"{item}none"]
    out += [
        "",
        f"{head}Guardrails",
        f"{item}{counted(review.commits, 'commit')} in the time box; {review.guarded_changes} touched guarded paths, "
        f"{review.unreviewed_changes} without the required review.",
        "",
        f"{head}Waivers used",
    ]
    out += [
        f"{item}{text(str(w['rule']))}: {text(str(w['reason']))} (expires {text(str(w['expires']))}; "
        f"{counted(w['findings_waived'], 'finding')} waived)"
        for w in review.waivers
    ] or [f"{item}none"]
    out += ["", f"{head}Breaches (open and past)"]
    out += [
        f"{item}{b.severity} {b.rule}: {text(b.message)} "
        + (f"(since {b.day})" if b.until is None else f"({b.day} to {b.until})")
        for b in review.breaches
    ] or [f"{item}none"]
    out += ["", f"{head}Changes to the agreement"]
    out += [
        f"{item}{text(a['date'])} {text(a['subject'])} (approved by {text(a['approved_by'])})"
        for a in review.amendments
    ] or [f"{item}none since the first version"]
    if review.changes:
        out += ["", f"{head}What changed since the time box began"]
        out += [f"{item}{sentence(change)}" for change in review.changes]
    return out


def _reading(metric: MetricReview) -> str:
    """The latest reading against the target, with the share reached when there is one to give."""
    if metric.latest is None:
        return "no reading yet" if metric.target is None else f"no reading yet (target {metric.target:g})"
    if metric.target is None:
        return f"{metric.latest:g}"
    progress = "" if metric.progress is None else f" ({metric.progress}%)"
    return f"{metric.latest:g} of target {metric.target:g}{progress}"


def write(review: Review, output_format: str, out: TextIO) -> None:
    if output_format == "json":
        json.dump(review.as_dict(), out, indent=2)
        out.write("\n")
        return
    if output_format == "markdown":
        out.write("\n".join(lines(review, markdown=True)) + "\n")
    else:
        out.write("\n".join(inert(line) for line in lines(review, markdown=False)) + "\n")
