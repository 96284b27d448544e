"""Breathing in segments: exact boundaries across joins, no jumps, changes from a breath on."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.breath.pattern import BreathPattern, Phase
from coach.core.breath.schedule import Schedule, Segment
from tests.support.strategies import patterns

segments_st = st.lists(st.builds(Segment, patterns(), st.integers(1, 6)), min_size=1, max_size=5)


def exact_starts(segments: list[Segment]) -> list[Fraction]:
    """Every breath's start, from whole tenths: the truth the schedule must match."""
    starts = [Fraction(0)]
    for segment in segments:
        assert segment.breaths is not None
        for _ in range(segment.breaths):
            starts.append(starts[-1] + Fraction(segment.pattern.cycle_tenths, 10))
    return starts


@given(segments=segments_st)
def test_breath_starts_and_total_are_exact_across_joins(segments: list[Segment]) -> None:
    schedule = Schedule(segments)
    starts = exact_starts(segments)
    assert schedule.total == float(starts[-1])
    assert schedule.breaths == len(starts) - 1
    inhales = [
        b.time
        for b in schedule.boundaries_between(-1, float(starts[-1]))
        if b.phase is Phase.INHALE
    ]
    assert inhales == [float(s) for s in starts[:-1]]
    assert [schedule.breath_start(k) for k in range(len(starts))] == [float(s) for s in starts]


@given(segments=segments_st, data=st.data())
def test_the_lung_fraction_never_jumps_at_a_join(
    segments: list[Segment], data: st.DataObject
) -> None:
    schedule = Schedule(segments)
    starts = exact_starts(segments)
    join = float(data.draw(st.sampled_from(starts[1:-1] or starts[:1])))
    before, after = schedule.at(join - 1e-6), schedule.at(join)
    assert abs(before.lung - after.lung) < 1e-3
    assert after.lung == 0.0


@given(segments=segments_st, data=st.data())
def test_a_change_keeps_every_breath_before_it(
    segments: list[Segment], data: st.DataObject
) -> None:
    schedule = Schedule(segments)
    assert schedule.breaths is not None
    k = data.draw(st.integers(1, schedule.breaths))
    new = data.draw(segments_st)
    changed = schedule.continued(k, new)
    cut = schedule.breath_start(k)
    for t in [cut * x / 7 for x in range(7)]:
        a, b = schedule.at(t), changed.at(t)
        assert (a.phase, a.breath_index, a.lung, a.pattern) == (
            b.phase,
            b.breath_index,
            b.lung,
            b.pattern,
        )
    assert changed.breath_start(k) == cut
    assert changed.at(cut).pattern == new[0].pattern


def test_an_open_ended_last_segment_runs_until_stopped() -> None:
    calm, box = BreathPattern(4, 0, 6, 0), BreathPattern(4, 4, 4, 4)
    schedule = Schedule([Segment(calm, 2), Segment(box, None)])
    assert schedule.total is None and schedule.breaths is None
    state = schedule.at(20 + 16 * 100 + 5)
    assert state.pattern == box and state.breath_index == 102 and state.phase is Phase.HOLD_IN
    assert schedule.next_boundary(20 + 16 * 100 + 5) == 20 + 16 * 100 + 8
    with pytest.raises(ValueError, match="only the last"):
        Schedule([Segment(calm, None), Segment(box, 2)])


def test_the_end_is_a_full_exhale() -> None:
    schedule = Schedule(
        [Segment(BreathPattern(4, 0, 6, 0), 1), Segment(BreathPattern(3, 0, 7, 0), 2)]
    )
    end = schedule.at(100.0)
    assert end.finished and end.lung == 0.0 and end.breaths_done == 3 and end.elapsed == 30.0
    assert schedule.next_boundary(29.0) == 30.0 and schedule.next_boundary(30.0) is None
