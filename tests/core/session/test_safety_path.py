"""The safety path, exactly: the sequences people met, each as the runner must handle it.

A stop is asked for (the session pauses at once and asks why), a safety reason cools down
and stays the session's end reason whatever happens after it, the stop offer is never
replaced by a milder prompt, the cool-down takes no reading and no stepping, and a Space
meant for the settle-in is not a Pause.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coach.core.clock import FakeClock, FakeWallClock
from coach.core.content.plan import Plan, build_plan
from coach.core.content.safety import stop_reason
from coach.core.session.routine import PromptShown, RoutineRunner
from coach.core.session.runner import (
    COOL_DOWN_ENDED,
    SPACE_GRACE_S,
    Event,
    RunState,
    StateChanged,
)
from coach.core.store.opening import OpenResult
from coach.core.store.recorder import SessionRecorder, new_session_record
from tests.support.content import sample_library

TINGLING = stop_reason("tingling")
PULSE = stop_reason("pulse")
JUST_STOPPING = stop_reason("just_stopping")


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    library = sample_library(tmp_path)
    return build_plan(library.routine("mini"), library)


def run(runner: RoutineRunner, clock: FakeClock, seconds: float, dt: float = 0.25) -> list[Event]:
    seen: list[Event] = []
    for _ in range(round(seconds / dt)):
        clock.advance(dt)
        seen += runner.tick()
    return seen


def prompts(events: list[object]) -> list[tuple[str, int]]:
    return [(e.kind, e.level) for e in events if isinstance(e, PromptShown)]


def started(plan: Plan, lead_in: float = 0.0) -> tuple[RoutineRunner, FakeClock]:
    clock = FakeClock()
    runner = RoutineRunner(plan, clock, lead_in)
    runner.start()
    return runner, clock


# -- a safety stop is never overwritten -------------------------------------------------------
def test_just_stopping_in_the_cool_down_keeps_the_tingling_as_the_end_reason(
    plan: Plan, stores: Callable[..., OpenResult], tmp_path: Path
) -> None:
    """Stop for "Tingling or numbness", then Esc in the cool-down and "Just stopping"."""
    wall = FakeWallClock()
    store = stores(tmp_path / "data", wall).store
    runner, clock = started(plan)
    recorder = SessionRecorder(
        store, new_session_record(wall, runner.timeline, "mini", 0.0, "routine"), runner.sample_at
    )
    run(runner, clock, 35)
    events: list[Event] = list(runner.stop_for(TINGLING))
    assert runner.safety_stop is TINGLING and runner.state is RunState.RUNNING  # cooling down
    events += run(runner, clock, 10)
    assert not runner.needs_reason()  # in the cool-down a stop asks nothing
    events += runner.stop_for(JUST_STOPPING)  # as if the question had been asked anyway
    recorder.on_events(events)
    stop = next(e for e in events if isinstance(e, StateChanged) and e.new is RunState.STOPPED)
    assert stop.reason == "Just stopping"  # the later stop is an event of its own ...
    recorder.finish("stopped", runner.end_reason(stop.reason))
    stored = store.session(recorder.session_id)
    assert (stored.status, stored.end_reason) == ("stopped", "Tingling or numbness")  # ... only
    kinds = [(e.kind, e.detail) for e in store.events(recorder.session_id)]
    assert ("safety_stop", "Tingling or numbness") in kinds and ("stop", "Just stopping") in kinds


def test_a_stop_in_the_cool_down_ends_it_without_asking(plan: Plan) -> None:
    runner, clock = started(plan)
    run(runner, clock, 35)
    runner.stop_for(PULSE)
    run(runner, clock, 5)
    events = runner.end_cool_down()
    assert runner.state is RunState.STOPPED
    assert [e.reason for e in events if isinstance(e, StateChanged)] == [COOL_DOWN_ENDED]
    assert runner.end_reason(COOL_DOWN_ENDED) == "Felt a pulse"


def test_a_second_safety_reason_ends_the_cool_down_and_the_first_stays(plan: Plan) -> None:
    runner, clock = started(plan)
    run(runner, clock, 35)
    runner.stop_for(TINGLING)
    run(runner, clock, 5)
    runner.stop_for(PULSE)
    assert runner.state is RunState.STOPPED
    assert runner.safety_stop is TINGLING and runner.end_reason("Felt a pulse") == TINGLING.label


def test_a_cool_down_that_runs_out_ends_with_the_safety_reason(plan: Plan) -> None:
    runner, clock = started(plan)
    run(runner, clock, 35)
    runner.stop_for(TINGLING)
    run(runner, clock, 120)
    assert runner.state is RunState.FINISHED
    assert runner.ending() == ("stopped", "Tingling or numbness")


# -- the stop offer stays ------------------------------------------------------------------
def test_the_stop_offer_is_not_replaced_while_the_reading_stays_at_nine(plan: Plan) -> None:
    runner, clock = started(plan)
    run(runner, clock, 31)
    assert prompts(runner.set_reading(9)) == [("stop_offer", 9)]
    assert prompts(run(runner, clock, 10)) == []  # 3 s and more at 9: still only the offer
    assert runner.next_due() is not None  # the breath still wakes the ticker; no prompt due


def test_falling_to_eight_ends_the_offer_and_the_ease_off_count_starts_then(plan: Plan) -> None:
    runner, clock = started(plan)
    run(runner, clock, 31)
    runner.set_reading(10)
    run(runner, clock, 5)
    assert prompts(runner.set_reading(8)) == [("stop_offer_over", 8)]
    assert prompts(run(runner, clock, 2.75)) == []
    assert prompts(run(runner, clock, 0.25)) == [("ease_off", 8)]
    assert prompts(runner.set_reading(5)) == [("ease_off_over", 5)]


# -- a stop request pauses at once ------------------------------------------------------------
def test_a_stop_request_pauses_at_once_and_keep_going_resumes_where_it_paused(
    plan: Plan,
) -> None:
    runner, clock = started(plan)
    run(runner, clock, 12.5)
    runner.hold_for_question()
    assert runner.state is RunState.PAUSED and runner.held
    frozen = runner.snapshot()
    clock.advance(40)  # the person takes their time
    assert runner.tick() == []
    assert runner.snapshot().pacer == frozen.pacer  # nothing moved
    runner.release_hold()
    assert runner.state is RunState.RUNNING and not runner.held
    assert runner.pacer_time() == pytest.approx(12.5)


def test_keep_going_leaves_a_session_paused_by_the_person_paused(plan: Plan) -> None:
    runner, clock = started(plan)
    run(runner, clock, 5)
    runner.pause()
    assert runner.hold_for_question() == []  # already paused: nothing to hold
    assert runner.release_hold() == []
    assert runner.state is RunState.PAUSED


def test_a_safety_reason_after_the_pause_cools_down_from_there(plan: Plan) -> None:
    runner, clock = started(plan)
    run(runner, clock, 33)
    runner.hold_for_question()
    clock.advance(20)
    runner.stop_for(TINGLING)
    assert runner.state is RunState.RUNNING  # the cool-down runs
    assert runner.pacer_time() == pytest.approx(33.0)  # from where it paused


# -- the cool-down: no stepping, no reading -------------------------------------------------------
def test_the_cool_down_takes_no_reading_and_no_stepping(plan: Plan) -> None:
    runner, clock = started(plan)
    run(runner, clock, 31)
    runner.set_reading(4)
    runner.stop_for(TINGLING)
    run(runner, clock, 2)
    assert not runner.can_navigate() and runner.next_step() == []
    assert not runner.takes_readings()
    assert runner.set_reading(6) == []
    assert runner.reading is None
    assert runner.sample_at(runner.pacer_time()).intensity is None


def test_side_changes_and_breathing_blocks_take_no_reading(plan: Plan) -> None:
    runner, clock = started(plan)
    run(runner, clock, 5)  # the breathing block
    assert not runner.takes_readings() and runner.set_reading(3) == []
    run(runner, clock, 30)  # the right side's step
    assert runner.takes_readings() and runner.set_reading(3)
    run(runner, clock, 20)  # the side change (50-60 s)
    assert runner.snapshot().step is not None and runner.snapshot().step.item.kind == "switch"
    assert not runner.takes_readings() and runner.reading is None
    assert runner.sample_at(runner.pacer_time()).intensity is None


# -- a Space meant for the settle-in ----------------------------------------------------------
def test_a_space_just_after_the_settle_in_ended_is_not_a_pause(plan: Plan) -> None:
    runner, clock = started(plan, lead_in=5.0)
    clock.advance(5.0 + SPACE_GRACE_S / 2)  # the settle-in ended a quarter second ago
    runner.toggle()
    assert runner.state is RunState.RUNNING
    clock.advance(SPACE_GRACE_S)
    runner.toggle()
    assert runner.state is RunState.PAUSED  # later, Space pauses as it says


# -- completed, with skips -------------------------------------------------------------------------
def test_a_routine_with_a_technique_skipped_says_so_in_its_ending(plan: Plan) -> None:
    runner, clock = started(plan)
    run(runner, clock, 25)  # the ball technique
    runner.skip_technique()
    run(runner, clock, 200)
    assert runner.state is RunState.FINISHED
    assert runner.ending() == ("completed", "1 technique skipped")
