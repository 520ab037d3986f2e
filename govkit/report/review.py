"""How `govkit review` is shown: text for a terminal, markdown for a leadership pack, JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from govkit.dates import days_text
from govkit.markdown import markdown_sentence, markdown_text
from govkit.review import MetricReview, Review
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
    # What users wrote (names, criteria, reasons, commit subjects) shows as typed in Markdown.
    text: Callable[[str], str] = markdown_text if markdown else str
    sentence: Callable[[str], str] = markdown_sentence if markdown else str
    out = [
        f"{'# ' if markdown else ''}Review of {text(review.name)} ({review.team}) as of {review.as_of}",
        "",
        f"{review.health.upper()}: {text(review.reason)}.",
        f"Charter `{review.status}`; time box {review.timebox[0]} to {review.timebox[1]}"
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
        out.append(f"{item}{metric.id} ({metric.kind}): {_reading(metric)} {trend}".rstrip())
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
        f"{item}{kind}: " + ("not started" if percent is None else f"{percent}%")
        for kind, percent in review.adherence.items()
    ]
    out += ["", f"{head}Escalations"]
    out += [
        f"{item}{e.ref}: opened {e.opened}, "
        + (f"resolved {e.resolved} after {days_text(e.days)}" if e.resolved else f"open for {days_text(e.days)}")
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
        f"{item}{w['rule']}: {text(str(w['reason']))} (expires {w['expires']}; {counted(w['findings_waived'], 'finding')} waived)"
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
        f"{item}{a['date']} {text(a['subject'])} (approved by {text(a['approved_by'])})" for a in review.amendments
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
    out.write("\n".join(lines(review, markdown=output_format == "markdown")) + "\n")
