"""The pacer timeline: exact boundaries, continuous lung fraction, whole-breath endings."""

import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.breath.pacer import Timeline, breaths_for_minutes, ease
from coach.core.breath.pattern import PHASES, BreathPattern, Phase
from tests.support.strategies import patterns

EIGHT_HOURS = 8 * 3600


def exact_boundary(pattern: BreathPattern, breath: int, phase: Phase) -> Fraction:
    tenths = pattern.tenths
    offset = sum(tenths[: PHASES.index(phase)])
    return Fraction(breath * sum(tenths) + offset, 10)


@given(pattern=patterns(), data=st.data())
def test_boundaries_fall_exactly_on_schedule_for_eight_hours(
    pattern: BreathPattern, data: st.DataObject
) -> None:
    timeline = Timeline(pattern)
    last_breath = EIGHT_HOURS * 10 // pattern.cycle_tenths
    breath = data.draw(st.integers(0, last_breath))
    phase = data.draw(st.sampled_from([p for p in PHASES if pattern.duration(p) > 0]))
    scheduled = timeline.boundary_time(breath, phase)
    assert abs(Fraction(scheduled) - exact_boundary(pattern, breath, phase)) < Fraction(1, 10**9)
    # The state flips exactly at the boundary: the new phase at it, the old one just before.
    at = timeline.at(scheduled)
    assert (at.phase, at.breath_index) == (phase, breath)
    assert at.phase_elapsed == 0.0
    if scheduled > 0:
        before = timeline.at(math.nextafter(scheduled, 0.0))
        assert (before.phase, before.breath_index) != (phase, breath)
        assert before.phase_left == pytest.approx(0.0, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(pattern=patterns())
def test_every_boundary_of_eight_hours_is_reported_once_on_time(pattern: BreathPattern) -> None:
    timeline = Timeline(pattern)
    # Irregular, late ticks, as a busy machine would deliver them.
    boundaries = []
    t = 0.0
    step = 0.7313
    while t < EIGHT_HOURS:
        nxt = t + step
        boundaries.extend(timeline.boundaries_between(t, nxt))
        t = nxt
        step = 37.17 if step < 1 else 0.0171
    phases_per_breath = sum(1 for p in PHASES if pattern.duration(p) > 0)
    assert len(boundaries) >= (EIGHT_HOURS * 10 // pattern.cycle_tenths) * phases_per_breath
    for b in boundaries:
        assert abs(b.time - float(exact_boundary(pattern, b.breath, b.phase))) <= 1e-9
    times = [b.time for b in boundaries]
    assert times == sorted(times) and len(set(times)) == len(times)


@given(pattern=patterns(), t=st.floats(0, EIGHT_HOURS), dt=st.floats(1e-6, 0.05))
def test_lung_fraction_is_continuous(pattern: BreathPattern, t: float, dt: float) -> None:
    timeline = Timeline(pattern)
    a, b = timeline.at(t).lung, timeline.at(t + dt).lung
    assert 0.0 <= a <= 1.0
    # The cosine ease is at most pi/2 per phase length steep.
    steepest = math.pi / 2 / min(pattern.inhale, pattern.exhale)
    assert abs(b - a) <= steepest * dt + 1e-9


@given(pattern=patterns(), data=st.data())
def test_lung_is_continuous_across_every_boundary(
    pattern: BreathPattern, data: st.DataObject
) -> None:
    timeline = Timeline(pattern)
    breath = data.draw(st.integers(0, 3000))
    for phase in PHASES:
        if pattern.duration(phase) == 0:
            continue
        t = timeline.boundary_time(breath, phase)
        if t == 0:
            continue
        left = timeline.at(math.nextafter(t, 0.0)).lung
        right = timeline.at(t).lung
        assert abs(left - right) < 1e-6


@given(pattern=patterns(), minutes=st.floats(0.1, 480))
def test_a_session_ends_at_the_end_of_an_exhale(pattern: BreathPattern, minutes: float) -> None:
    breaths = breaths_for_minutes(pattern, minutes)
    timeline = Timeline(pattern, breaths)
    total = timeline.total
    assert total is not None
    assert total == breaths * pattern.cycle_tenths / 10
    last_moving = Phase.HOLD_OUT if pattern.hold_out > 0 else Phase.EXHALE
    just_before = timeline.at(math.nextafter(total, 0.0))
    assert just_before.phase is last_moving
    assert just_before.breath_index == breaths - 1
    end = timeline.at(total)
    assert end.finished and end.lung == 0.0 and end.left == 0.0
    assert end.breaths_done == breaths
    assert timeline.at(total + 1000).finished
    # No boundary is ever reported at or past the end.
    assert all(
        b.time < total for b in timeline.boundaries_between(total - pattern.cycle, total + 50)
    )


def test_state_inside_a_breath() -> None:
    timeline = Timeline(BreathPattern(4, 2, 6, 1), breaths=3)
    state = timeline.at(15.0)  # breath 1 (13 s cycle), 2 s into the inhale
    assert state.phase is Phase.INHALE
    assert state.breath_index == 1 and state.breaths_done == 1
    assert state.phase_elapsed == pytest.approx(2.0)
    assert state.phase_left == pytest.approx(2.0)
    assert state.lung == pytest.approx(0.5)
    assert state.elapsed == 15.0 and state.left == pytest.approx(24.0)
    assert timeline.at(13 + 4.5).phase is Phase.HOLD_IN and timeline.at(17.5).lung == 1.0
    assert timeline.at(13 + 12.5).phase is Phase.HOLD_OUT and timeline.at(25.5).lung == 0.0
    assert timeline.at(-5).elapsed == 0.0


def test_open_ended_timeline_has_no_end() -> None:
    timeline = Timeline(BreathPattern(4, 0, 6, 0))
    assert timeline.total is None
    state = timeline.at(100_000.0)
    assert not state.finished and state.left is None and state.breath_index == 10_000


def test_ease_is_smooth_and_bounded() -> None:
    assert ease(-1) == 0.0 and ease(0) == 0.0 and ease(1) == 1.0 and ease(2) == 1.0
    assert ease(0.5) == pytest.approx(0.5)


@pytest.mark.parametrize("bad", [0, -1, True])
def test_timeline_rejects_a_length_that_is_not_a_breath(bad: int) -> None:
    with pytest.raises(ValueError, match="breaths"):
        Timeline(BreathPattern(), bad)


@pytest.mark.parametrize("bad", [0.0, -2.0, math.nan, math.inf])
def test_length_in_minutes_must_be_positive(bad: float) -> None:
    with pytest.raises(ValueError, match="length"):
        breaths_for_minutes(BreathPattern(), bad)


def test_length_in_minutes_rounds_to_whole_breaths() -> None:
    assert breaths_for_minutes(BreathPattern(4, 0, 6, 0), 5) == 30
    assert breaths_for_minutes(BreathPattern(4, 7, 8, 0), 5) == 16  # 19 s breaths
    assert breaths_for_minutes(BreathPattern(4, 7, 8, 0), 0.01) == 1
