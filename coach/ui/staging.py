"""Bring the main window into each state of a guided session, on a fake clock.

For looking at the screens (`coach screenshot`) and for the layout test, which walks every
state at every window size. Each state is reached the way a person reaches it: the routine
chosen and started, the settle-in, the word before a technique answered with Begin, a
reading given, Esc pressed, a reason chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.core.clock import FakeClock
    from coach.core.session.routine import RoutineRunner
    from coach.ui.window.main_window import MainWindow

#: Every state of a guided session, in the order a session meets them.
GUIDED_STATES = (
    "settle-in",
    "guidance",
    "step",
    "info",
    "ease-off",
    "stop-offer",
    "stop",
    "side-change",
    "cool-down",
    "rating",
    "safety",
    "finished",
)
DEFAULT_ROUTINE = "desk-break"
LEAD_IN_S = 5.0


def stage(
    window: MainWindow, clock: FakeClock, state: str, routine_id: str = DEFAULT_ROUTINE
) -> None:
    """Drive `window` (its content attached) into `state` of `routine_id`."""
    from coach.core.content.plan import build_plan
    from coach.core.session.routine import RoutineRunner

    if state not in GUIDED_STATES:
        raise ValueError(f"unknown state {state!r}; choose one of: {', '.join(GUIDED_STATES)}")
    guide = window.guide
    library = guide.library
    if library is None or routine_id not in library.routines:
        raise ValueError(f"unknown routine {routine_id!r}")
    window.choose_routine(routine_id)
    if state == "safety":
        guide.ask_safety_again()  # the checklist itself, before any answer
        window.refresh()
        return
    guide.record_safety_answer(False)  # none apply: every technique runs
    plan = build_plan(library.routine(routine_id), library)
    window.begin_guided(RoutineRunner(plan, clock, LEAD_IN_S), None)
    runner = window.runner
    assert isinstance(runner, RoutineRunner)
    if state == "settle-in":
        _advance(window, clock, LEAD_IN_S * 0.4)
        return
    _advance(window, clock, LEAD_IN_S)
    first_step = next(i for i, item in enumerate(plan.items) if item.kind == "step")
    if state == "guidance":
        _to_item(window, clock, runner, first_step, begin=False)
        return
    if state in ("side-change",):
        switch = next(i for i, item in enumerate(plan.items) if item.kind == "switch")
        _to_item(window, clock, runner, switch, fraction=0.4)
        return
    # A step of the first technique with a target, 40% through, a reading in its band.
    target_step = next(
        (i for i, item in enumerate(plan.items) if item.kind == "step" and item.target),
        first_step,
    )
    _to_item(window, clock, runner, target_step, fraction=0.4)
    item = plan.items[target_step]
    if item.target is not None:
        guide.set_reading(item.target[0] + (item.target[1] - item.target[0]) // 2)
    window.refresh()
    if state == "info":
        guide.show_info()
    elif state == "ease-off":
        guide.set_reading(8)
        _advance(window, clock, 3.0)
    elif state == "stop-offer":
        guide.set_reading(9)
    elif state == "stop":
        window.request_stop()
    elif state == "cool-down":
        window.request_stop()
        guide.stop_with("pulse")
        _advance(window, clock, 12.0)
    elif state == "rating":
        window.request_stop()
        guide.stop_with("just_stopping")
        if not guide.rating_open():
            guide.show_rating("after")  # a routine that does not ask: the card itself
    elif state == "finished":
        while runner.state.value not in ("finished", "stopped"):
            _advance(window, clock, 10.0)
            if guide.guidance_open():
                guide.begin_technique()
        if guide.rating_open():
            guide.rating.skipped.emit()
    window.refresh()


def _advance(window: MainWindow, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    left = seconds
    while left > 1e-9:
        dt = min(step, left)
        clock.advance(dt)
        window.refresh()
        left -= dt


def _to_item(
    window: MainWindow,
    clock: FakeClock,
    runner: RoutineRunner,
    index: int,
    fraction: float = 0.0,
    begin: bool = True,
) -> None:
    """Move on, item by item, to `fraction` of item `index`; the word before each technique
    is answered with Begin on the way (and at the last one too, unless `begin` is False)."""
    guide = window.guide
    while runner.current_index < index and runner.state.value == "running":
        _advance(window, clock, 1.0)
        if guide.guidance_open() and (begin or runner.current_index < index):
            guide.begin_technique()
    if guide.guidance_open() and begin:
        guide.begin_technique()
    if guide.guidance_open():
        return
    item = runner.items[index]
    _advance(window, clock, item.duration * fraction)
