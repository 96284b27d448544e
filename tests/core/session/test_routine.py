"""A routine on a fake clock: the plan, its steps and sides, readings, prompts and stops."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.core.breath.pattern import Phase
from coach.core.clock import FakeClock, FakeWallClock
from coach.core.content.intensity import IntensityWatch, PromptOver, StopOffer
from coach.core.content.plan import PlanError, build_plan, summarize
from coach.core.content.safety import stop_reason
from coach.core.session.routine import (
    PromptShown,
    ReadingChanged,
    RoutineRunner,
    StepChanged,
    StopRequested,
)
from coach.core.session.runner import Finished, PhaseChanged, RunState
from coach.core.store.opening import OpenResult
from coach.core.store.recorder import SessionRecorder, new_session_record
from coach.core.store.store import Store
from tests.support.content import sample_library


@pytest.fixture
def plan(tmp_path: Path):  # type: ignore[no-untyped-def]
    library = sample_library(tmp_path)
    return build_plan(library.routine("mini"), library)


def test_the_plan_expands_sides_in_order_with_a_switch_pause(plan) -> None:  # type: ignore[no-untyped-def]
    rows = [
        (i.kind, i.technique_id, i.step_index, i.side, i.mirrored, i.breaths) for i in plan.items
    ]
    assert rows == [
        ("breathing", None, None, "none", False, 2),
        ("step", "ball", 0, "none", False, 1),
        ("step", "ball", 1, "right", False, 2),  # 20 s at 10 s a breath
        ("switch", "ball", None, "left", True, 1),  # the new side, as it will be done
        ("step", "ball", 0, "none", True, 1),
        ("step", "ball", 1, "left", True, 2),
        ("step", "lunge", 0, "right", False, 2),
        ("breathing", None, None, "none", False, 3),  # half a minute
    ]
    assert plan.total == 140.0
    assert plan.equipment == ("a tennis ball",)


def test_abdominal_techniques_are_left_out_and_named_when_gated(tmp_path: Path) -> None:
    library = sample_library(tmp_path)
    plan = build_plan(library.routine("mini"), library, allow_abdominal=False)
    assert {i.technique_id for i in plan.items} == {None, "lunge"}
    assert plan.left_out == ("Ball release",)
    summary = summarize(library.routine("mini"), library, "gated")
    assert summary.enabled and summary.note == "Without ball release (your safety answers)."
    assert summarize(library.routine("mini"), library, "unknown").needs_safety_check


def test_a_routine_of_only_abdominal_work_cannot_run_when_gated(tmp_path: Path) -> None:
    from coach.core.content.library import parse_content

    library = sample_library(tmp_path)
    only_ball = parse_content(
        b'kind="routine"\nschema=1\nid="b"\ntitle="B"\nsummary="s"\npattern="calm"\n'
        b'[[blocks]]\ntype="technique"\ntechnique="ball"\n',
        "b.toml",
        ".toml",
    )
    with pytest.raises(PlanError, match="needs the safety check"):
        build_plan(only_ball, library, allow_abdominal=False)  # type: ignore[arg-type]
    assert not summarize(only_ball, library, "gated").enabled  # type: ignore[arg-type]


def record(stores: Callable[..., OpenResult], tmp_path: Path, plan, lead_in: float = 0.0):  # type: ignore[no-untyped-def]
    wall = FakeWallClock()
    store = stores(tmp_path / "data", wall).store
    clock = FakeClock()
    runner = RoutineRunner(plan, clock, lead_in)
    recorder = SessionRecorder(
        store,
        new_session_record(wall, runner.timeline, "mini", lead_in, "routine"),
        runner.sample_at,
    )
    return store, runner, recorder, clock


def drive(
    runner: RoutineRunner,
    recorder: SessionRecorder,
    clock: FakeClock,
    seconds: float,
    step: float = 0.25,
) -> list[object]:
    seen: list[object] = []
    end = clock.now() + seconds
    while clock.now() < end - 1e-9:
        clock.advance(min(step, end - clock.now()))
        events = runner.tick()
        seen += events
        recorder.on_events(events)
        recorder.on_progress(clock.now(), runner.snapshot().pacer, runner.state)
        for event in events:
            if isinstance(event, Finished):
                recorder.finish(*runner.ending())
    return seen


def test_a_routine_runs_start_to_finish_and_records_steps_sides_and_samples(
    stores: Callable[..., OpenResult],
    tmp_path: Path,
    plan,  # type: ignore[no-untyped-def]
) -> None:
    store, runner, recorder, clock = record(stores, tmp_path, plan)
    recorder.on_events(runner.start())
    seen = drive(runner, recorder, clock, 35)
    recorder.on_events(runner.set_reading(4))
    seen += drive(runner, recorder, clock, 200)
    assert runner.state is RunState.FINISHED
    steps = [e for e in seen if isinstance(e, StepChanged)]
    assert [e.index for e in steps] == [1, 2, 3, 4, 5, 6, 7]
    assert [e.scheduled for e in steps] == [20.0, 30.0, 50.0, 60.0, 70.0, 90.0, 110.0]
    assert recorder.saved
    stored = store.session(recorder.session_id)
    assert stored.status == "completed" and stored.kind == "routine"
    assert stored.breaths_done == 14 and stored.active_seconds == 140.0
    samples = store.samples(recorder.session_id)
    by_t = {s.t: s for s in samples}
    assert len([s for s in samples if s.t == int(s.t)]) == 140  # one a second
    assert by_t[10.0].step == 0 and by_t[10.0].side is None and by_t[10.0].intensity is None
    assert by_t[35.0].step == 2 and by_t[35.0].side == "right" and by_t[35.0].intensity == 4
    # The left side after the side change: the right side's reading does not carry over.
    assert by_t[75.0].step == 5 and by_t[75.0].side == "left" and by_t[75.0].intensity is None
    assert by_t[92.0].phase == "inhale" and by_t[97.0].phase == "exhale"
    events = store.events(recorder.session_id)
    step_rows = [e for e in events if e.kind == "step"]
    assert [e.detail for e in step_rows][:4] == [
        "0:breathing",
        "1:ball/0/none",
        "2:ball/1/right",
        "3:switch",
    ]


def test_a_reading_is_a_sample_at_its_own_moment(
    stores: Callable[..., OpenResult], tmp_path: Path, plan
) -> None:  # type: ignore[no-untyped-def]
    store, runner, recorder, clock = record(stores, tmp_path, plan)
    recorder.on_events(runner.start())
    drive(runner, recorder, clock, 31.25)
    events = runner.set_reading(5)
    assert events == [ReadingChanged(5, 31.25)]
    recorder.on_events(events)
    recorder.flush()
    sample = next(s for s in store.samples(recorder.session_id) if s.t == 31.25)
    assert (sample.intensity, sample.step, sample.side, sample.phase) == (5, 2, "right", "inhale")


def test_ease_off_after_three_seconds_at_seven_and_never_at_six(
    stores: Callable[..., OpenResult], tmp_path: Path, plan
) -> None:  # type: ignore[no-untyped-def]
    _, runner, recorder, clock = record(stores, tmp_path, plan)
    runner.start()
    drive(runner, recorder, clock, 31)
    assert runner.set_reading(6) == [ReadingChanged(6, 31.0)]
    seen = drive(runner, recorder, clock, 10)
    assert not [e for e in seen if isinstance(e, PromptShown)]
    runner.set_reading(7)
    seen = drive(runner, recorder, clock, 2.75)
    assert not [e for e in seen if isinstance(e, PromptShown)]
    assert runner.next_due() == pytest.approx(0.25)  # the ticker wakes for the prompt
    seen = drive(runner, recorder, clock, 0.25)
    assert [e for e in seen if isinstance(e, PromptShown)] == [PromptShown("ease_off", 7, 44.0)]
    seen = drive(runner, recorder, clock, 5)
    assert not [e for e in seen if isinstance(e, PromptShown)]  # once per rise in a step
    # The side change begins at 50 s: no reading there, so no prompt either.
    seen = drive(runner, recorder, clock, 5)
    assert not [e for e in seen if isinstance(e, PromptShown)]
    assert runner.reading is None


def test_a_high_reading_carried_into_the_next_step_is_prompted_there(
    stores: Callable[..., OpenResult],
    tmp_path: Path,
    plan,  # type: ignore[no-untyped-def]
) -> None:
    _, runner, recorder, clock = record(stores, tmp_path, plan)
    runner.start()
    drive(runner, recorder, clock, 29)
    runner.set_reading(8)  # a second before the step ends; the next one is a step too
    seen = drive(runner, recorder, clock, 3.75)  # the step changed at 30 s: counted from there
    assert not [e for e in seen if isinstance(e, PromptShown)]
    seen = drive(runner, recorder, clock, 0.5)
    assert [e for e in seen if isinstance(e, PromptShown)] == [PromptShown("ease_off", 8, 33.0)]


def test_readings_and_whole_seconds_stay_in_time_order(
    stores: Callable[..., OpenResult], tmp_path: Path, plan
) -> None:  # type: ignore[no-untyped-def]
    _, runner, recorder, clock = record(stores, tmp_path, plan)
    recorder.on_events(runner.start())
    drive(runner, recorder, clock, 22)
    clock.advance(0.4)
    recorder.on_events(runner.tick())
    recorder.on_events(runner.set_reading(3))  # before the tick that takes the 1 Hz samples
    recorder.on_progress(clock.now(), runner.snapshot().pacer, runner.state)
    times = [s.t for s in recorder.log.samples]
    assert times == sorted(times) and times[-3:] == [21.0, 22.0, 22.4]


def test_nine_offers_to_stop_at_once() -> None:
    watch = IntensityWatch()
    assert watch.update(1.0, 9) == [StopOffer(9, 1.0)]
    assert watch.update(2.0, 10) == []
    assert watch.update(4.0) == []  # no milder ease-off prompt in place of the stop offer
    assert watch.update(30.0) == []
    assert watch.update(31.0, 3) == [PromptOver("stop_offer", 3, 31.0)]
    assert watch.update(32.0, 9) == [StopOffer(9, 32.0)]


def test_a_pause_stops_the_ease_off_clock(
    stores: Callable[..., OpenResult], tmp_path: Path, plan
) -> None:  # type: ignore[no-untyped-def]
    _, runner, recorder, clock = record(stores, tmp_path, plan)
    runner.start()
    drive(runner, recorder, clock, 31)
    runner.set_reading(8)
    drive(runner, recorder, clock, 2)
    runner.pause()
    clock.advance(60)
    assert not [e for e in runner.tick() if isinstance(e, PromptShown)]
    runner.resume()
    seen = drive(runner, recorder, clock, 1)
    assert [e for e in seen if isinstance(e, PromptShown)] == [PromptShown("ease_off", 8, 34.0)]


def test_next_back_repeat_and_skip_keep_the_breath_whole(
    stores: Callable[..., OpenResult], tmp_path: Path, plan
) -> None:  # type: ignore[no-untyped-def]
    _, runner, recorder, clock = record(stores, tmp_path, plan)
    runner.start()
    drive(runner, recorder, clock, 33)  # in step 2 (ball, right), breath 3 at 30 s
    lung_before = runner.snapshot().pacer.lung
    events = runner.next_step()
    assert [e for e in events if isinstance(e, StepChanged)] == [
        StepChanged(3, plan.items[3], 33.0, 33.0, "next")
    ]
    state = runner.snapshot()
    assert state.step.index == 3 and state.pacer.lung == lung_before  # no jump
    # The breath under way ends at 40 s; the switch item's one breath follows.
    assert runner.timeline.breath_start(4) == 40.0
    assert state.step.duration == pytest.approx(17.0)
    events = runner.previous_step()
    assert [e.index for e in events if isinstance(e, StepChanged)] == [2]
    drive(runner, recorder, clock, 10)  # 43 s
    events = runner.repeat_step()
    assert [e.how for e in events if isinstance(e, StepChanged)] == ["repeat"]
    assert runner.current_index == 2
    events = runner.skip_technique()
    assert [e.index for e in events if isinstance(e, StepChanged)] == [6]  # the lunge
    seen = drive(runner, recorder, clock, 200)
    assert runner.state is RunState.FINISHED
    assert [e.index for e in seen if isinstance(e, StepChanged)] == [7]
    # Every breath ended on a full exhale, and none started twice.
    inhales = [e.scheduled for e in seen if isinstance(e, PhaseChanged) and e.phase is Phase.INHALE]
    assert all(b > a for a, b in itertools.pairwise(inhales))


def test_next_on_the_last_item_ends_with_the_breath_under_way(
    stores: Callable[..., OpenResult], tmp_path: Path, plan
) -> None:  # type: ignore[no-untyped-def]
    _, runner, recorder, clock = record(stores, tmp_path, plan)
    runner.start()
    drive(runner, recorder, clock, 112)
    assert runner.current_index == 7
    runner.next_step()
    seen = drive(runner, recorder, clock, 20)
    finished = [e for e in seen if isinstance(e, Finished)]
    assert finished and finished[0].scheduled == 120.0
    assert runner.snapshot().pacer.lung == 0.0


def test_a_safety_stop_cools_down_for_a_minute_and_stores_the_reason(
    stores: Callable[..., OpenResult], tmp_path: Path, plan
) -> None:  # type: ignore[no-untyped-def]
    store, runner, recorder, clock = record(stores, tmp_path, plan)
    recorder.on_events(runner.start())
    drive(runner, recorder, clock, 34)
    events = runner.stop_for_safety(stop_reason("pulse"))
    recorder.on_events(events)
    assert [type(e) for e in events] == [StopRequested, StepChanged]
    step = runner.snapshot().step
    assert step.item.kind == "cooldown" and "blood vessel" in step.item.text
    assert not runner.can_navigate()
    seen = drive(runner, recorder, clock, 100)
    finished = [e for e in seen if isinstance(e, Finished)]
    assert finished[0].scheduled == 100.0  # the breath under way (to 40 s), then 60 s
    stored = store.session(recorder.session_id)
    assert (stored.status, stored.end_reason) == ("stopped", "Felt a pulse")
    kinds = [e.kind for e in store.events(recorder.session_id)]
    assert "safety_stop" in kinds and "step_cooldown" in kinds


def test_each_stop_reason_is_stored(
    stores: Callable[..., OpenResult], tmp_path: Path, plan
) -> None:  # type: ignore[no-untyped-def]
    from coach.core.content.safety import STOP_REASONS

    for n, reason in enumerate(STOP_REASONS):
        store, runner, recorder, clock = record(stores, tmp_path / str(n), plan)
        recorder.on_events(runner.start())
        drive(runner, recorder, clock, 25)
        if reason.safety:
            recorder.on_events(runner.stop_for_safety(reason))
            drive(runner, recorder, clock, 120)
        else:
            recorder.on_events(runner.stop(reason.label))
            recorder.finish("stopped", reason.label)
        assert store.session(recorder.session_id).end_reason == reason.label
        store.close()


def test_ratings_before_and_after_are_stored(
    stores: Callable[..., OpenResult], tmp_path: Path, plan
) -> None:  # type: ignore[no-untyped-def]
    import msgspec

    wall = FakeWallClock()
    store: Store = stores(tmp_path, wall).store
    runner = RoutineRunner(plan, FakeClock())
    record_ = msgspec.structs.replace(
        new_session_record(wall, runner.timeline, "mini", 0.0, "routine"), rating_before=6
    )
    recorder = SessionRecorder(store, record_, runner.sample_at)
    recorder.finish("completed")
    assert recorder.rate(after=3)
    stored = store.session(recorder.session_id)
    assert (stored.rating_before, stored.rating_after) == (6, 3)


def test_a_rating_for_a_session_deleted_meanwhile_is_let_go(
    stores: Callable[..., OpenResult], tmp_path: Path, plan
) -> None:  # type: ignore[no-untyped-def]
    """Deleted from the history while the after-rating card was up: nothing to rate,
    and the recorder does not keep trying."""
    wall = FakeWallClock()
    store: Store = stores(tmp_path, wall).store
    runner = RoutineRunner(plan, FakeClock())
    record_ = new_session_record(wall, runner.timeline, "mini", 0.0, "routine")
    recorder = SessionRecorder(store, record_, runner.sample_at)
    recorder.finish("completed")
    store.delete_sessions([recorder.session_id])
    assert recorder.rate(after=3)
    assert recorder.saved and not store.has_session(recorder.session_id)


def test_readings_are_ignored_before_the_start_and_after_the_end(plan) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    runner = RoutineRunner(plan, clock, 5.0)
    assert runner.set_reading(3) == []
    runner.start()
    assert runner.set_reading(3) == []  # the lead-in of a breathing block: nothing to feel
    clock.advance(5.0 + 21.0)  # into the first step
    runner.tick()
    assert runner.set_reading(3) == [ReadingChanged(3, 21.0)]
    assert runner.set_reading(3) == []  # no change, nothing recorded
    with pytest.raises(ValueError, match="off the 0-10 scale"):
        runner.set_reading(11)
    runner.stop("done")
    assert runner.set_reading(4) == []  # over


def test_free_breathing_also_cools_down_after_a_safety_stop() -> None:
    from coach.core.breath.pacer import Timeline
    from coach.core.breath.pattern import BreathPattern
    from coach.core.session.runner import SessionRunner, StopRequested

    clock = FakeClock()
    runner = SessionRunner(Timeline(BreathPattern(5.5, 0, 5.5, 0), 30), clock)
    runner.start()
    clock.advance(14.0)  # into the second breath (11-22 s)
    events = runner.stop_for_safety(stop_reason("dizzy"))
    assert [type(e) for e in events if isinstance(e, StopRequested)] == [StopRequested]
    assert runner.timeline.total == 22.0 + 60.0  # the breath under way, then 6 calm breaths
    assert runner.timeline.pattern_of_breath(2).label == "4-0-6-0"
    clock.advance(100)
    seen = runner.tick()
    assert any(isinstance(e, Finished) for e in seen)
    assert runner.ending() == ("stopped", "Dizzy or sick")
    assert runner.stop_for_safety(stop_reason("pulse")) == []


def test_a_safety_stop_while_paused_in_the_lead_in_simply_stops(plan) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    runner = RoutineRunner(plan, clock, 10.0)
    runner.start()
    clock.advance(3)
    runner.pause()
    events = runner.stop_for_safety(stop_reason("dizzy"))
    assert runner.state is RunState.STOPPED
    assert not [e for e in events if isinstance(e, StepChanged)]
    assert runner.ending() == ("stopped", "Dizzy or sick")
