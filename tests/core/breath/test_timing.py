"""Timing: lengths, the glide (property tests), live pace changes, cautions, typed values."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from coach.core.breath.pattern import BreathPattern, Phase
from coach.core.breath.timing import (
    Length,
    Ramp,
    TimingChoice,
    TimingError,
    build_schedule,
    cautions,
    faster,
    length_summary,
    parse_number,
    pattern_from_texts,
    ramp_patterns,
    scaled,
)
from coach.core.clock import FakeClock
from coach.core.session.runner import PaceChanged, PhaseChanged, RunState, SessionRunner

EVENING = BreathPattern(4.5, 1, 7.5, 0)


def test_the_evening_example_from_the_issue() -> None:
    choice = TimingChoice(EVENING, Length("breaths", 40), 20, Ramp(8, 5.5, 2, "minutes"))
    schedule = build_schedule(choice)
    assert schedule.breaths == 40
    first, last = schedule.pattern_of_breath(0), schedule.pattern_of_breath(39)
    assert first.breaths_per_minute == pytest.approx(8, abs=0.1)
    assert last.breaths_per_minute == pytest.approx(5.5, abs=0.05)
    assert last.ratio == pytest.approx(EVENING.ratio, rel=0.03)
    assert length_summary(choice, datetime(2026, 11, 25, 14, 0, tzinfo=UTC)).startswith(
        "40 breaths, about "
    )


def test_lengths_in_minutes_and_breaths_and_open_ended() -> None:
    calm = BreathPattern(4, 0, 6, 0)
    assert build_schedule(TimingChoice(calm, Length("minutes", 6))).breaths == 36
    assert build_schedule(TimingChoice(calm, Length("breaths", 36))).total == 360.0
    assert build_schedule(TimingChoice(calm, Length("open"))).total is None
    when = datetime(2026, 11, 25, 14, 26, 0, tzinfo=UTC)
    text = length_summary(TimingChoice(calm, Length("minutes", 6), lead_in=0), when)
    assert text == f"36 breaths, about 6:00, ends about {when.astimezone():%H}:32"
    assert length_summary(TimingChoice(calm, Length("open"))) == (
        "until you stop, at 6.0 breaths/min"
    )


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Length("minutes", 0.2), "length: 0.2 min is out of range; allowed 0.5-240 min"),
        (lambda: Length("breaths", 2.5), "length: 2.5 breaths is out of range"),
        (lambda: Ramp(40, 6, 2), "glide start: 40 breaths/min is out of range; allowed 1-30"),
        (lambda: Ramp(10, 6, 0), "glide: 0 min is out of range; allowed 0.5-60 min"),
        (
            lambda: TimingChoice(EVENING, Length("open"), lead_in=61),
            "lead-in: 61 s is out of range; allowed 0-60 s",
        ),
    ],
)
def test_bad_values_say_what_is_allowed(make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TimingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make()


def test_a_glide_longer_than_the_session_is_refused() -> None:
    with pytest.raises(TimingError, match="more than the 10 of the session"):
        build_schedule(TimingChoice(EVENING, Length("breaths", 10), 0, Ramp(8, 5.5, 20, "breaths")))


paces = st.floats(3, 14).map(lambda x: round(x * 2) / 2)


@given(start=paces, end=paces, over=st.integers(1, 40), pattern_i=st.integers(0, 3))
def test_the_glide_moves_one_way_and_never_passes_the_target(
    start: float, end: float, over: int, pattern_i: int
) -> None:
    pattern = [
        EVENING,
        BreathPattern(4, 0, 6, 0),
        BreathPattern(5.5, 0, 5.5, 0),
        BreathPattern(3, 1, 6, 1),
    ][pattern_i]
    try:
        breaths = ramp_patterns(pattern, Ramp(start, end, over, "breaths"))
    except TimingError:
        assume(False)
        return
    # Breaths are whole tenths of a second, so the property is exact on cycle lengths.
    cycles = [p.cycle_tenths for p in breaths]
    assert len(cycles) == over
    fast, slow = round(600 / max(start, end)), round(600 / min(start, end))
    assert all(fast <= c <= slow for c in cycles)
    assert cycles[0] == round(600 / start)
    steps = [b - a for a, b in itertools.pairwise(cycles)]
    if end < start:  # slowing down: every breath at least as long as the one before
        assert all(step >= 0 for step in steps)
    else:
        assert all(step <= 0 for step in steps)


@given(start=paces, over=st.integers(1, 20), data=st.data())
def test_the_lung_fraction_is_continuous_through_a_glide(
    start: float, over: int, data: st.DataObject
) -> None:
    try:
        choice = TimingChoice(
            BreathPattern(4, 0, 6, 0),
            Length("breaths", over + 5),
            0,
            Ramp(start, 6, over, "breaths"),
        )
        schedule = build_schedule(choice)
    except TimingError:
        assume(False)
        return
    k = data.draw(st.integers(1, over + 4))
    join = schedule.breath_start(k)
    before, after = schedule.at(join - 1e-7), schedule.at(join)
    assert abs(before.lung - after.lung) < 1e-3 and after.lung == 0.0
    # A pure function of time: asking twice, or out of order, gives the same state.
    t = data.draw(st.floats(0, schedule.total or 1))
    assert schedule.at(t) == build_schedule(choice).at(t)


def test_scaling_keeps_the_ratio_and_refuses_impossible_paces() -> None:
    slow = scaled(BreathPattern(4, 0, 6, 0), 3)
    assert slow.label == "8-0-12-0"
    with pytest.raises(TimingError, match="can't be paced at 25 breaths/min"):
        scaled(BreathPattern(4, 4, 4, 4), 25)


def test_faster_and_slower_move_by_half_a_breath_a_minute() -> None:
    calm = BreathPattern(4, 0, 6, 0)
    assert faster(calm, 0.5).breaths_per_minute == pytest.approx(6.5, abs=0.05)
    assert faster(calm, -0.5).breaths_per_minute == pytest.approx(5.5, abs=0.05)


def test_a_live_change_starts_with_the_next_breath_and_is_an_event() -> None:
    clock = FakeClock()
    calm = BreathPattern(4, 0, 6, 0)
    runner = SessionRunner(build_schedule(TimingChoice(calm, Length("breaths", 10), 0)), clock)
    runner.start()
    clock.advance(13.0)  # in the second breath (10-20 s)
    lung = runner.snapshot().pacer.lung
    events = runner.change_pace(faster(calm, 0.5))
    change = [e for e in events if isinstance(e, PaceChanged)]
    assert change == [PaceChanged(faster(calm, 0.5), 2, 20.0, 13.0)]
    assert runner.snapshot().pacer.lung == lung  # nothing moves now
    assert runner.timeline.breaths == 10  # as many breaths as before
    clock.advance(7.0)
    seen = runner.tick()
    inhale = [e for e in seen if isinstance(e, PhaseChanged) and e.phase is Phase.INHALE]
    assert inhale[0].scheduled == 20.0
    assert runner.snapshot().pacer.pattern == faster(calm, 0.5)


def test_a_change_in_the_lead_in_applies_from_the_first_breath() -> None:
    clock = FakeClock()
    runner = SessionRunner(build_schedule(TimingChoice(EVENING, Length("open"), 10)), clock, 10)
    runner.start()
    (change,) = runner.change_pace(BreathPattern(4, 0, 6, 0))
    assert isinstance(change, PaceChanged) and change.breath == 0 and change.scheduled == 0.0
    assert runner.timeline.total is None
    assert runner.state is RunState.LEAD_IN


def test_cautions_for_long_holds_and_very_slow_breathing_only() -> None:
    assert cautions(TimingChoice(BreathPattern(4, 0, 6, 0), Length("open"))) == []
    (hold,) = cautions(TimingChoice(BreathPattern(3, 12, 4, 0), Length("open")))
    assert hold.startswith("Take care with a hold of 12 s. ") and "dizziness" in hold
    (slow,) = cautions(TimingChoice(BreathPattern(8, 0, 14, 0), Length("open")))
    assert "2.7 breaths a minute" in slow
    glide = TimingChoice(BreathPattern(4, 0, 6, 0), Length("open"), 0, Ramp(6, 2.5, 2))
    assert "2.5 breaths a minute" in cautions(glide)[0]


@given(st.text(max_size=12))
def test_no_typed_text_breaks_the_fields(text: str) -> None:
    pattern, problems = pattern_from_texts((text, "0", text, "0"))
    assert (pattern is None) == bool(problems)
    parse_number(text)


def test_typed_values_accept_commas_and_units_and_explain_the_rest() -> None:
    pattern, problems = pattern_from_texts(("4,5", " 1 ", "7.5 s", "0"))
    assert problems == {} and pattern == EVENING
    _, problems = pattern_from_texts(("", "0", "4.55", "x"))
    assert problems == {
        "inhale": "inhale: '' is not a number; allowed 1-20 s in steps of 0.1 s",
        "exhale": "exhale: 4.55 s is finer than 0.1 s; allowed 1-30 s in steps of 0.1 s",
        "hold_out": "hold after exhale: 'x' is not a number; allowed 0-30 s in steps of 0.1 s",
    }


def test_a_new_shape_during_a_glide_carries_the_glide_on_never_past_its_target() -> None:
    clock = FakeClock()
    choice = TimingChoice(EVENING, Length("breaths", 40), 0, Ramp(8, 5.5, 20, "breaths"))
    runner = SessionRunner(build_schedule(choice), clock)
    runner.start()
    clock.advance(3.0)
    edited = TimingChoice(BreathPattern(4.5, 1, 7.5, 0.5), choice.length, 0, choice.ramp)
    (change,) = [
        e
        for e in runner.change_pace(edited.pattern, rest=build_schedule(edited))
        if isinstance(e, PaceChanged)
    ]
    paces = [runner.timeline.pattern_of_breath(k).breaths_per_minute for k in range(1, 40)]
    assert change.breath == 1 and paces[0] == pytest.approx(7.9, abs=0.15)
    assert all(5.5 - 0.06 <= p <= 8.1 for p in paces)
    assert runner.timeline.pattern_of_breath(39).hold_out > 0  # the new shape
    assert runner.timeline.breaths == 40


def test_a_schedule_tail_is_the_breaths_from_one_on() -> None:
    from coach.core.breath.schedule import Schedule, Segment

    a, b = BreathPattern(4, 0, 6, 0), BreathPattern(5, 0, 5, 0)
    schedule = Schedule([Segment(a, 3), Segment(b, 4)])
    assert schedule.tail(2, 3) == [Segment(a, 1), Segment(b, 2)]
    assert schedule.tail(5, None) == [Segment(b, 2)]
    assert schedule.tail(6, 3) == [Segment(b, 1), Segment(b, 2)]  # the last pattern runs on
    assert Schedule([Segment(a, 2), Segment(b, None)]).tail(4, None) == [Segment(b, None)]
