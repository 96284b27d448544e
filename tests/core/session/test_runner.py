"""The session runner on a fake clock: states, pause, events with scheduled/observed times."""

import pytest

from coach.core.breath.pacer import Timeline
from coach.core.breath.pattern import BreathPattern, Phase
from coach.core.clock import FakeClock
from coach.core.session.runner import (
    BreathCompleted,
    Finished,
    PhaseChanged,
    RunState,
    SessionRunner,
    StateChanged,
)


def make(lead_in: float = 0.0, breaths: int | None = 3) -> tuple[SessionRunner, FakeClock]:
    clock = FakeClock()
    return SessionRunner(Timeline(BreathPattern(4, 0, 6, 0), breaths), clock, lead_in), clock


def kinds(events: list[object]) -> list[str]:
    return [type(e).__name__ for e in events]


def test_idle_to_lead_in_to_running() -> None:
    runner, clock = make(lead_in=3)
    assert runner.state is RunState.IDLE
    assert runner.tick() == []
    events = runner.start()
    assert runner.state is RunState.LEAD_IN
    assert events == [StateChanged(RunState.IDLE, RunState.LEAD_IN, -3.0)]
    clock.advance(2.9)
    assert runner.tick() == []
    assert runner.snapshot().lead_in_left == pytest.approx(0.1)
    clock.advance(0.15)
    events = runner.tick()
    assert runner.state is RunState.RUNNING
    assert kinds(events) == ["StateChanged", "PhaseChanged"]
    first = events[1]
    assert isinstance(first, PhaseChanged)
    assert (first.phase, first.breath, first.scheduled) == (Phase.INHALE, 0, 0.0)
    assert first.observed == pytest.approx(0.05)


def test_events_carry_scheduled_and_observed_time() -> None:
    runner, clock = make()
    runner.start()
    clock.advance(4.25)  # 0.25 s after the exhale was due
    (event,) = runner.tick()
    assert event == PhaseChanged(Phase.EXHALE, 0, 4.0, 4.25)
    clock.advance(5.8)  # 10.05: the second breath began 0.05 s ago
    events = runner.tick()
    assert events == [
        BreathCompleted(0, 10.0, pytest.approx(10.05)),
        PhaseChanged(Phase.INHALE, 1, 10.0, pytest.approx(10.05)),
    ]


def test_one_late_tick_reports_every_boundary_it_missed_in_order() -> None:
    runner, clock = make(breaths=None)
    runner.start()
    clock.advance(35.0)
    events = runner.tick()
    changes = [e for e in events if isinstance(e, PhaseChanged)]
    assert [(e.breath, e.phase, e.scheduled) for e in changes] == [
        (0, Phase.EXHALE, 4.0),
        (1, Phase.INHALE, 10.0),
        (1, Phase.EXHALE, 14.0),
        (2, Phase.INHALE, 20.0),
        (2, Phase.EXHALE, 24.0),
        (3, Phase.INHALE, 30.0),
        (3, Phase.EXHALE, 34.0),
    ]
    assert all(e.observed == 35.0 for e in changes)
    assert [e.breath for e in events if isinstance(e, BreathCompleted)] == [0, 1, 2]


def test_pause_stops_active_time() -> None:
    runner, clock = make()
    runner.start()
    clock.advance(3.0)
    events = runner.pause()
    assert runner.state is RunState.PAUSED
    assert kinds(events) == ["StateChanged"]
    clock.advance(500.0)
    assert runner.tick() == []
    assert runner.pacer_time() == pytest.approx(3.0)
    assert runner.snapshot().pacer.phase is Phase.INHALE
    (resumed,) = runner.resume()
    assert runner.state is RunState.RUNNING
    assert isinstance(resumed, StateChanged) and resumed.paused_for == pytest.approx(500.0)
    clock.advance(1.0)
    (event,) = runner.tick()
    assert event == PhaseChanged(Phase.EXHALE, 0, 4.0, pytest.approx(4.0))


def test_pause_during_lead_in_resumes_into_lead_in() -> None:
    runner, clock = make(lead_in=5)
    runner.start()
    clock.advance(2)
    runner.pause()
    clock.advance(60)
    runner.resume()
    assert runner.state is RunState.LEAD_IN
    assert runner.snapshot().lead_in_left == pytest.approx(3.0)


def test_toggle_is_space() -> None:
    runner, clock = make(lead_in=10)
    runner.toggle()
    assert runner.state is RunState.LEAD_IN
    clock.advance(1)
    events = runner.toggle()  # skips the lead-in: the first breath starts now
    assert runner.state is RunState.RUNNING
    assert PhaseChanged(Phase.INHALE, 0, 0.0, 0.0) in events
    clock.advance(0.5)  # a moment later than the settle-in's grace
    runner.toggle()
    assert runner.state is RunState.PAUSED
    runner.toggle()
    assert runner.state is RunState.RUNNING


def test_finishes_on_schedule_at_the_end_of_the_last_exhale() -> None:
    runner, clock = make(breaths=2)
    runner.start()
    clock.advance(20.3)
    events = runner.tick()
    assert events[-3:] == [
        BreathCompleted(1, 20.0, pytest.approx(20.3)),
        Finished(20.0, pytest.approx(20.3)),
        StateChanged(RunState.RUNNING, RunState.FINISHED, pytest.approx(20.3)),
    ]
    assert runner.state is RunState.FINISHED
    snap = runner.snapshot()
    assert snap.pacer.finished and snap.pacer.breaths_done == 2
    assert runner.tick() == [] and runner.toggle() == [] and runner.stop() == []
    clock.advance(100)
    assert runner.snapshot().pacer.elapsed == 20.0


def test_stop_records_the_reason_and_freezes_time() -> None:
    runner, clock = make()
    runner.start()
    clock.advance(12.0)
    events = runner.stop("just stopping")
    assert events[-1] == StateChanged(RunState.RUNNING, RunState.STOPPED, 12.0, "just stopping")
    assert runner.state is RunState.STOPPED
    clock.advance(50)
    assert runner.snapshot().pacer.elapsed == pytest.approx(12.0)
    assert runner.next_due() is None


def test_stop_while_paused_and_stop_when_idle() -> None:
    runner, clock = make()
    assert runner.stop() == []
    runner.start()
    clock.advance(1)
    runner.pause()
    events = runner.stop("window closed")
    assert kinds(events) == ["StateChanged"] and runner.state is RunState.STOPPED


def test_next_due_points_at_the_next_boundary() -> None:
    runner, clock = make(lead_in=2, breaths=1)
    assert runner.next_due() is None
    runner.start()
    clock.advance(0.5)
    assert runner.next_due() == pytest.approx(1.5)
    clock.advance(1.5)
    runner.tick()
    clock.advance(3.0)
    assert runner.next_due() == pytest.approx(1.0)  # the exhale at 4 s
    clock.advance(1.0)
    runner.tick()
    clock.advance(5.0)
    assert runner.next_due() == pytest.approx(1.0)  # the end at 10 s


def test_state_comes_from_the_clock_not_from_ticks() -> None:
    """Many ticks or one: the same moment gives the same state."""
    busy, busy_clock = make(breaths=None)
    idle, idle_clock = make(breaths=None)
    busy.start()
    idle.start()
    for _ in range(1000):
        busy_clock.advance(0.0123)
        busy.tick()
    idle_clock.advance(12.3)
    idle.tick()
    a, b = busy.snapshot().pacer, idle.snapshot().pacer
    assert (a.phase, a.breath_index) == (b.phase, b.breath_index) == (Phase.INHALE, 1)
    assert a.elapsed == pytest.approx(b.elapsed, abs=1e-9)
    assert a.lung == pytest.approx(b.lung, abs=1e-9)


def test_lead_in_is_bounded() -> None:
    with pytest.raises(ValueError, match="lead-in: 61 s is out of range; allowed 0-60 s"):
        SessionRunner(Timeline(BreathPattern()), FakeClock(), 61)


def test_fake_clock_never_goes_back() -> None:
    clock = FakeClock(5)
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.set(4)
