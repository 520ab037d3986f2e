"""The trend picture's geometry: dates across, values up, the target as a line."""

from __future__ import annotations

import datetime as dt

from govkit.render.trend import HEIGHT, PAD, WIDTH, trend

DAY = dt.date(2026, 9, 1)


def test_readings_run_from_the_left_edge_to_the_right_by_date():
    shape = trend([(DAY, 10), (DAY + dt.timedelta(days=3), 20), (DAY + dt.timedelta(days=12), 40)], target=80)
    xs = [float(point.split(",")[0]) for point in shape.points.split()]
    assert xs[0] == PAD and xs[-1] == WIDTH - PAD
    assert xs[1] == round(PAD + (WIDTH - 2 * PAD) * 3 / 12, 1)


def test_the_target_sets_the_top_so_the_gap_to_it_shows():
    shape = trend([(DAY, 0), (DAY + dt.timedelta(days=7), 50)], target=100)
    assert shape.target_y == PAD
    assert shape.last_y == HEIGHT / 2
    assert shape.text == "▁▅"


def test_one_reading_is_no_trend_and_readings_on_one_day_are_spread_evenly():
    assert trend([(DAY, 5)], target=None) is None
    shape = trend([(DAY, 1), (DAY, 2)], target=None)
    assert shape is not None and shape.target_y is None and shape.last_x == WIDTH - PAD
