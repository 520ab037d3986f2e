"""A metric's readings as a small trend: SVG polyline points for HTML, block characters for Markdown.

The geometry is computed here so templates stay declarative: they place the numbers,
never calculate them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govkit.wording import number_text

WIDTH = 120
HEIGHT = 32
PAD = 3
BLOCKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class Trend:
    width: int
    height: int
    points: str  # "x,y x,y …" for an SVG polyline
    last_x: float
    last_y: float
    target_y: float | None  # where the target line goes, when the metric has a target
    text: str  # the same shape as block characters
    label: str  # what the trend says, for screen readers and the tooltip


def trend(readings: list[tuple[dt.date, float]], target: float | None, unit: str = "") -> Trend | None:
    """The trend of at least two dated readings, scaled from zero (or below) to the target or peak."""
    if len(readings) < 2:
        return None
    values = [value for _, value in readings]
    low = min(0.0, *values)
    high = max(*values, target if target is not None else low)
    if high == low:
        high = low + 1
    first_day = readings[0][0]
    offsets = [(day - first_day).days for day, _ in readings]
    if offsets[-1] == 0:  # all on one day: space them evenly
        offsets = list(range(len(readings)))
    span = offsets[-1]

    def x(offset: int) -> float:
        return round(PAD + (WIDTH - 2 * PAD) * offset / span, 1)

    def y(value: float) -> float:
        return round(PAD + (HEIGHT - 2 * PAD) * (1 - (value - low) / (high - low)), 1)

    coords = [(x(offset), y(value)) for offset, value in zip(offsets, values, strict=True)]
    blocks = "".join(BLOCKS[round((value - low) / (high - low) * (len(BLOCKS) - 1))] for value in values)
    suffix = f" {unit}" if unit else ""
    label = (
        f"{len(values)} readings from {readings[0][0].isoformat()} to {readings[-1][0].isoformat()}, "
        f"{number_text(values[0])} to {number_text(values[-1])}{suffix}"
    )
    if target is not None:
        label += f"; target {number_text(target)}{suffix}"
    return Trend(
        width=WIDTH,
        height=HEIGHT,
        points=" ".join(f"{cx},{cy}" for cx, cy in coords),
        last_x=coords[-1][0],
        last_y=coords[-1][1],
        target_y=y(target) if target is not None else None,
        text=blocks,
        label=label,
    )
