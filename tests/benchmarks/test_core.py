"""The benchmark runner's own arithmetic and output format (no timing is asserted here)."""

from __future__ import annotations

import json
import math

from tests.benchmarks.core import Figure, count, json_figures, median, percentile, table


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 99) == 4.96
    assert percentile([7.0], 99) == 7.0
    assert math.isnan(percentile([], 99))


def test_median_of_even_count_is_the_mean_of_the_middle_pair() -> None:
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5


def test_status_compares_against_an_upper_bound() -> None:
    assert Figure("a", 1.3, "x", target=1.3).status == "ok"
    assert Figure("a", 1.31, "x", target=1.3).status == "over"
    assert Figure("a", math.nan, "x", target=1.3).status == "over"
    assert count("runs", 7).status == ""


def test_json_keeps_named_figures_only_and_has_no_nan() -> None:
    figures = [
        Figure("ratio", 1.23456, "x", target=1.3),
        Figure("late", math.nan, "ms", target=17.0),
        Figure("detail", 2.0, "s", in_json=False),
        count("events", 23),
    ]
    line = json.dumps(json_figures(figures))
    assert json.loads(line) == {"ratio": 1.2346, "late": None, "events": 23}


def test_table_has_a_row_per_figure_with_value_unit_target_and_status() -> None:
    text = table([Figure("startup_ratio", 1.69, "x", target=1.3), count("runs", 7, "per side")])
    lines = text.splitlines()
    assert len(lines) == 4
    assert lines[2].split() == ["startup_ratio", "1.69", "x", "<=", "1.30", "over"]
    assert lines[3].split() == ["runs", "7", "per", "side"]
