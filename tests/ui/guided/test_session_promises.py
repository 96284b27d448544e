"""What a guided session promises the person on the floor, through the real window and
guided flow on a fake clock: the word before each technique (once, the session held), the
technique's page on I, Esc pausing at once for the stop question, the cool-down after a
safety stop, the slider only where a reading means something, the figure in the step's
position, and a start button that always names the key it answers to."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from coach.core.clock import FakeClock
from coach.core.content.plan import PlanItem, build_plan, position_of
from coach.core.content.safety import stop_reason
from coach.core.session.routine import RoutineRunner
from coach.core.session.runner import RunState
from coach.core.store.store import Store
from coach.ui.pacer.figure import BreathFigure
from coach.ui.staging import stage
from coach.ui.window.main_window import MainWindow
from tests.support.window import MakeWindow

#: The routines with more than one technique, as assets/content/routines/ names them.
GUIDED_ROUTINES = ("desk-break", "full-release")


@pytest.fixture
def window(store: Store, make_window: MakeWindow, tmp_path: Path) -> MainWindow:
    made = make_window(store=store, data_dir=tmp_path / "data", content=True)
    made.guide.record_safety_answer(False)  # none apply: every technique runs
    return made


def key(qtbot: QtBot, window: MainWindow, k: Qt.Key) -> None:
    qtbot.keyClick(window.focusWidget() or window, k)


def run_for(window: MainWindow, clock: FakeClock, seconds: float, dt: float = 0.25) -> None:
    for _ in range(round(seconds / dt)):
        clock.advance(dt)
        window.refresh()


def start(qtbot: QtBot, window: MainWindow, routine_id: str = "desk-break") -> RoutineRunner:
    """Choose the routine and press Space; the tightness before is skipped with Esc."""
    assert window.choose_routine(routine_id)
    key(qtbot, window, Qt.Key.Key_Space)
    if window.guide.rating_open():
        key(qtbot, window, Qt.Key.Key_Escape)
    runner = window.runner
    assert isinstance(runner, RoutineRunner) and runner.state is RunState.LEAD_IN
    return runner


def ticks(window: MainWindow, clock: FakeClock, runner: RoutineRunner, dt: float) -> Iterator[None]:
    """Move the session on by `dt` at a time until it is over (at most an hour)."""
    for _ in range(round(3600 / dt)):
        if runner.state in (RunState.FINISHED, RunState.STOPPED):
            return
        clock.advance(dt)
        window.refresh()
        yield
    raise AssertionError("the session never ended")


def to_guidance(window: MainWindow, clock: FakeClock, runner: RoutineRunner) -> None:
    """On to the word before the first technique."""
    for _ in ticks(window, clock, runner, 0.5):
        if window.guide.guidance_open():
            return
    raise AssertionError("no guidance before the first technique")


def to_running_step(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, routine_id: str = "desk-break"
) -> RoutineRunner:
    """A technique's step under way (its guidance begun with Space), a little into it."""
    runner = start(qtbot, window, routine_id)
    to_guidance(window, clock, runner)
    key(qtbot, window, Qt.Key.Key_Space)
    assert runner.state is RunState.RUNNING and window.side_page() == "step"
    run_for(window, clock, 2.3)  # mid-breath: the belly is moving
    return runner


def item_now(runner: RoutineRunner) -> PlanItem:
    return runner.step_state(runner.pacer_time()).item


def state(runner: RoutineRunner) -> RunState:
    """The runner's state, read afresh (for mypy too: a key press has just changed it)."""
    return runner.state


def frozen(window: MainWindow, clock: FakeClock, runner: RoutineRunner) -> None:
    """Time passes and nothing of the session moves: its time, its step, the figure."""
    pacer_t, session_t = runner.pacer_time(), runner.session_time()
    index, lung = runner.current_index, window.pacer.figure.lung
    run_for(window, clock, 5.0)
    assert runner.state is RunState.PAUSED
    assert runner.pacer_time() == pytest.approx(pacer_t)
    assert runner.session_time() == pytest.approx(session_t)
    assert runner.current_index == index
    assert window.pacer.figure.lung == pytest.approx(lung)


def stop_sign_heads(window: MainWindow, technique_id: str) -> list[str]:
    """The technique file's stop signs, by the words before any ':' ("Sharp pain")."""
    library = window.guide.library
    assert library is not None
    signs = library.technique(technique_id).stop_signs
    assert signs, technique_id
    return [sign.split(":", 1)[0].strip().rstrip(".").lower() for sign in signs]


# -- 1. the word before a technique ---------------------------------------------------------
def test_guidance_holds_the_session_before_each_techniques_first_step_once(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    runner = start(qtbot, window)
    techniques = {i.technique_id for i in runner.items if i.kind == "step"}
    assert techniques == {"ball-release", "lunge-pressure"}
    guided: list[str] = []
    later_steps_seen = 0
    for _ in ticks(window, clock, runner, 0.5):
        item = item_now(runner)
        if not window.guide.guidance_open():
            assert runner.held_for != "guidance"
            if item.kind == "step" and item.technique_id in guided:
                later_steps_seen += item.step_index != 0 or item.side == "left"
            continue
        # The card comes before the first step of a technique not yet guided, and only then.
        assert item.kind == "step" and item.step_index == 0, item
        assert item.technique_id is not None and item.technique_id not in guided
        guided.append(item.technique_id)
        assert window.side_page() == "guidance"
        assert runner.held_for == "guidance" and runner.state is RunState.PAUSED
        card = window.guide.guidance_card
        words = (card.stop.text() + " " + card.accessibleDescription()).lower()
        for head in stop_sign_heads(window, item.technique_id):
            assert head in card.stop.text().lower(), (head, card.stop.text())
            assert head in words
        frozen(window, clock, runner)
        assert window.guide.guidance_open()  # still there after the wait
        key(qtbot, window, Qt.Key.Key_Space)
        assert not window.guide.guidance_open()
        assert state(runner) is RunState.RUNNING and runner.held_for == ""
        assert window.side_page() == "step"
    assert guided == ["ball-release", "lunge-pressure"]
    # Second and later steps, and each technique's left side, came and showed no card.
    assert later_steps_seen > 20
    assert runner.state is RunState.FINISHED


def test_guidance_is_shown_again_in_a_new_session(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    runner = start(qtbot, window)
    to_guidance(window, clock, runner)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_Escape)
    window.guide.stop_bar.buttons["just_stopping"].click()
    assert runner.state is RunState.STOPPED
    if window.guide.rating_open():
        key(qtbot, window, Qt.Key.Key_Escape)
    second = start(qtbot, window)
    assert second is not runner
    to_guidance(window, clock, second)
    assert item_now(second).technique_id == "ball-release"
    assert second.held_for == "guidance"
    window.stop_session()


# -- 2. the technique's page ----------------------------------------------------------------
def test_i_opens_the_techniques_page_during_a_step_and_esc_continues_from_the_same_moment(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    runner = to_running_step(qtbot, window, clock)
    technique = item_now(runner).technique_id
    paused_at = runner.pacer_time()
    key(qtbot, window, Qt.Key.Key_I)
    assert window.side_page() == "info" and window.guide.info_open()
    assert runner.held_for == "info" and runner.state is RunState.PAUSED
    assert runner.pacer_time() == pytest.approx(paused_at)
    assert technique == "ball-release"
    account = window.guide.info.accessibleDescription()
    assert "Ball release" in account and "lunge" not in account.lower()  # the one under way
    for head in stop_sign_heads(window, technique):
        assert head in account.lower(), head
    frozen(window, clock, runner)
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.side_page() == "step" and not window.guide.info_open()
    assert not window.guide.stop_bar_open()  # Esc went back, it did not ask why
    assert state(runner) is RunState.RUNNING and runner.held_for == ""
    assert runner.pacer_time() == pytest.approx(paused_at)
    run_for(window, clock, 1.0)
    assert runner.pacer_time() == pytest.approx(paused_at + 1.0)


def test_i_from_the_guidance_card_goes_back_to_it_still_held(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    runner = start(qtbot, window)
    to_guidance(window, clock, runner)
    held_at = runner.pacer_time()
    key(qtbot, window, Qt.Key.Key_I)
    assert window.side_page() == "info" and runner.held_for == "info"
    frozen(window, clock, runner)
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.side_page() == "guidance" and runner.held_for == "guidance"
    assert window.guide.guidance_open()
    frozen(window, clock, runner)
    assert runner.pacer_time() == pytest.approx(held_at)
    window.start_button.click()  # "Begin  (Space)"
    assert runner.state is RunState.RUNNING and window.side_page() == "step"
    assert runner.pacer_time() == pytest.approx(held_at)


def test_space_begins_the_technique_after_a_look_at_its_page(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    runner = start(qtbot, window)
    to_guidance(window, clock, runner)
    key(qtbot, window, Qt.Key.Key_I)
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.start_button.text() == "Begin  (Space)"
    key(qtbot, window, Qt.Key.Key_Space)
    assert runner.state is RunState.RUNNING and window.side_page() == "step"


def open_info_from_the_start_screen(qtbot: QtBot, window: MainWindow) -> None:
    assert window.choose_routine("desk-break")
    assert window.side_page() == "picker"
    key(qtbot, window, Qt.Key.Key_I)
    assert window.side_page() == "info" and window.guide.info_open()
    assert window.runner.state is RunState.IDLE


def test_i_on_the_start_screen_opens_the_routines_techniques_and_back_returns(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_info_from_the_start_screen(qtbot, window)
    shown = window.guide.info.accessibleDescription()
    assert "Ball release" in shown and "Low lunge with pressure" in shown  # the routine's
    for head in stop_sign_heads(window, "ball-release") + stop_sign_heads(window, "lunge-pressure"):
        assert head in shown.lower(), head
    # The page and the pacer say how to leave it.
    assert window.guide.info.back.text() == "Back  (Esc)"
    assert window.pacer.detail.text() == "Esc goes back."
    window.guide.info.back.click()
    assert window.side_page() == "picker" and not window.guide.info_open()
    assert window.runner.state is RunState.IDLE


def test_esc_leaves_the_techniques_page_opened_from_the_start_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_info_from_the_start_screen(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.side_page() == "picker" and not window.guide.info_open()
    assert window.runner.state is RunState.IDLE


# -- 3. Esc pauses at once and asks why ------------------------------------------------------
@pytest.mark.parametrize("resume_with", ["keep going", "esc"])
def test_esc_pauses_at_once_and_keep_going_resumes_exactly_where_it_paused(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, resume_with: str
) -> None:
    runner = to_running_step(qtbot, window, clock)
    paused_at, lung = runner.pacer_time(), window.pacer.figure.lung
    key(qtbot, window, Qt.Key.Key_Escape)
    assert runner.state is RunState.PAUSED and runner.held_for == "question"
    assert window.guide.stop_bar_open()
    assert runner.pacer_time() == pytest.approx(paused_at)
    assert window.pacer.figure.lung == pytest.approx(lung)
    frozen(window, clock, runner)
    assert window.guide.stop_bar_open()
    if resume_with == "keep going":
        window.guide.stop_bar.keep_going.click()
    else:
        key(qtbot, window, Qt.Key.Key_Escape)
    assert not window.guide.stop_bar_open()
    assert state(runner) is RunState.RUNNING and runner.held_for == ""
    assert runner.pacer_time() == pytest.approx(paused_at)
    run_for(window, clock, 0.5)
    assert runner.pacer_time() == pytest.approx(paused_at + 0.5)
    assert window.pacer.figure.lung != pytest.approx(lung)  # moving again


def test_space_does_nothing_while_the_stop_question_is_open(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    runner = to_running_step(qtbot, window, clock)
    key(qtbot, window, Qt.Key.Key_Escape)
    paused_at = runner.pacer_time()
    key(qtbot, window, Qt.Key.Key_Space)
    assert runner.state is RunState.PAUSED and runner.held_for == "question"
    assert window.guide.stop_bar_open()
    assert runner.pacer_time() == pytest.approx(paused_at)
    window.guide.stop_bar.keep_going.click()
    assert state(runner) is RunState.RUNNING
    assert runner.pacer_time() == pytest.approx(paused_at)


# -- 4. the cool-down -----------------------------------------------------------------------
def test_the_cool_down_takes_no_stepping_no_reading_and_esc_ends_it_with_the_safety_reason(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, store: Store
) -> None:
    runner = to_running_step(qtbot, window, clock)
    slider = window.guide.slider
    nav = window.nav_buttons
    # Before: a step, where the navigation and the slider are there and take a reading.
    assert all(button.isVisible() for button in nav.values())
    key(qtbot, window, Qt.Key.Key_3)
    assert slider.isVisible() and slider.value() == 3 and runner.reading == 3
    run_for(window, clock, 1.0)
    key(qtbot, window, Qt.Key.Key_Escape)
    window.guide.stop_bar.buttons["pulse"].click()
    assert runner.state is RunState.RUNNING and runner.safety_stop is not None
    assert item_now(runner).kind == "cooldown"
    run_for(window, clock, 2.0)
    for name, button in nav.items():
        assert not button.isVisible(), name
    assert not slider.isVisible()
    index = runner.current_index
    for k in (Qt.Key.Key_5, Qt.Key.Key_Up, Qt.Key.Key_Right, Qt.Key.Key_S):
        key(qtbot, window, k)
        run_for(window, clock, 0.5)
    assert runner.reading is None and slider.value() is None
    assert runner.current_index == index and item_now(runner).kind == "cooldown"
    key(qtbot, window, Qt.Key.Key_Escape)  # ends the cool-down; no question again
    assert runner.state is RunState.STOPPED
    assert not window.guide.stop_bar_open()
    (session_id,) = store.session_ids()
    stored = store.session(session_id)
    assert stored.status == "stopped"
    assert stored.end_reason == stop_reason("pulse").label == "Felt a pulse"
    readings = {s.intensity for s in store.samples(session_id) if s.intensity is not None}
    assert readings == {3}  # the 5 and the Up in the cool-down recorded nothing


# -- 5. the slider only where a reading means something -------------------------------------
def test_the_slider_is_hidden_during_side_changes_and_breathing_blocks(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    runner = start(qtbot, window)
    slider = window.guide.slider
    seen: dict[str, int] = {"breathing": 0, "switch": 0, "step": 0}
    for _ in ticks(window, clock, runner, 0.5):
        if window.guide.guidance_open():
            key(qtbot, window, Qt.Key.Key_Space)
        if runner.state is not RunState.RUNNING:
            continue
        item = item_now(runner)
        if item.kind == "step":
            key(qtbot, window, Qt.Key.Key_4)  # a reading on every step (the slider had one)
        assert slider.isVisible() == (item.kind == "step"), (item.kind, item.label)
        seen[item.kind] += 1
    assert all(count > 0 for count in seen.values()), seen


# -- 6. the figure takes the step's position ------------------------------------------------
@pytest.mark.parametrize("routine_id", GUIDED_ROUTINES)
def test_the_figures_pose_is_the_steps_position_and_mirrored_for_the_left_side(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, routine_id: str
) -> None:
    library = window.guide.library
    assert library is not None
    plan = build_plan(library.routine(routine_id), library)
    runner = start(qtbot, window, routine_id)
    assert runner.items == list(plan.items)
    figure = window.pacer.figure
    seen: set[int] = set()
    poses: set[str] = set()
    mirror_checked = False
    for _ in ticks(window, clock, runner, 1.0):
        if window.guide.guidance_open():
            key(qtbot, window, Qt.Key.Key_Space)
        if runner.state is RunState.FINISHED:
            break
        item = item_now(runner)
        seen.add(runner.current_index)
        assert figure.pose() == position_of(item), item.label
        poses.add(figure.pose())
        if item.side == "left":
            assert item.mirrored, item.label
        if item.side == "right":
            assert not item.mirrored, item.label
        assert figure.mirrored() == item.mirrored, item.label
        if item.side == "left" and not mirror_checked:
            mirror_checked = True
            assert_exact_mirror(figure)
    assert seen == set(range(len(plan.items)))  # every item was on screen
    assert mirror_checked and len(poses) >= 3, poses


def assert_exact_mirror(figure: BreathFigure) -> None:
    """The figure of a left-side item is its right-side picture mirrored, pixel for pixel
    (give or take antialiasing's last bits), not shifted, not left as it was."""
    left = pixels(figure.grab().toImage())
    figure.set_mirrored(False)
    right = pixels(figure.grab().toImage())
    figure.set_mirrored(True)
    assert (np.abs(left - right).max(axis=2) > 32).sum() > 100  # not symmetric: it proves
    assert int(np.abs(left - right[:, ::-1]).max()) <= 4


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine()
    )
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).astype(int)


# -- 7. the start button names its key -------------------------------------------------------
KEYS = {"Space": Qt.Key.Key_Space, "Esc": Qt.Key.Key_Escape}


def outcome(window: MainWindow) -> tuple[object, ...]:
    runner = window.runner
    return (
        window.side_page(),
        runner.state,
        runner.held_for,
        round(runner.pacer_time(), 6),
        window.guide.stop_bar_open(),
        window.guide.guidance_open(),
        window.guide.info_open(),
        window.guide.rating_open(),
    )


def staged(make_window: MakeWindow, tmp_path: Path, name: str, state: str) -> MainWindow:
    """A window of its own (its own clock and folder) in `state` (a staged one, or "idle":
    the start screen with the desk break chosen; "paused": a step paused with Space;
    "guidance-after-info": the word before a technique, I pressed and Esc)."""
    clock = FakeClock()
    made = make_window(data_dir=tmp_path / name, content=True, window_clock=clock)
    if state == "idle":
        made.choose_routine("desk-break")
        made.guide.record_safety_answer(False)
    elif state == "guidance-after-info":
        stage(made, clock, "guidance")
        made.actions_.info.trigger()  # I
        made.stop_action.trigger()  # Esc: back to the word before the technique
        assert made.side_page() == "guidance" and made.runner.held_for == "guidance"
    elif state == "paused":
        stage(made, clock, "step")
        made.toggle_session()
        assert made.runner.state is RunState.PAUSED and not made.runner.held_for
    else:
        stage(made, clock, state)
    made.refresh()
    return made


LABELLED_STATES = (
    "idle",
    "settle-in",
    "guidance",
    "step",
    "paused",
    "info",
    "ease-off",
    "stop-offer",
    "stop",
    "side-change",
    "cool-down",
    "finished",
    "guidance-after-info",
)


@pytest.mark.parametrize("state", LABELLED_STATES)
def test_the_start_button_names_the_key_that_does_what_it_does(
    qtbot: QtBot, make_window: MakeWindow, tmp_path: Path, state: str
) -> None:
    # The same state twice: the button clicked in one, its key pressed in the other (made
    # last, so it is the active window the key goes to).
    clicked = staged(make_window, tmp_path, "clicked", state)
    pressed = staged(make_window, tmp_path, "pressed", state)
    label = pressed.start_button.text()
    assert label == clicked.start_button.text()
    named = re.fullmatch(r"(.+?)\s+\((\w+)\)", label)
    assert named is not None, f"{state}: {label!r} names no key"
    assert named.group(2) in KEYS, label
    assert pressed.start_button.isEnabled() and pressed.start_button.isVisible()
    before = outcome(pressed)
    assert outcome(clicked) == before
    clicked.start_button.click()
    key(qtbot, pressed, KEYS[named.group(2)])
    assert outcome(pressed) != before, f"{state}: {label!r} did nothing"
    assert outcome(pressed) == outcome(clicked), f"{state}: {label!r}"
    for made in (clicked, pressed):
        made.stop_session()


EXPECTED_LABELS = {
    "guidance": "Begin  (Space)",
    "stop": "Keep going  (Esc)",
    "info": "Back  (Esc)",
    "step": "Pause  (Space)",
    "settle-in": "Begin now  (Space)",
    "paused": "Resume  (Space)",
}


@pytest.mark.parametrize(("state", "label"), EXPECTED_LABELS.items())
def test_the_start_button_says_what_it_does_in_words(
    make_window: MakeWindow, tmp_path: Path, state: str, label: str
) -> None:
    made = staged(make_window, tmp_path, "window", state)
    assert made.start_button.text() == label
    made.stop_session()


def test_a_rating_card_leaves_the_start_button_without_a_key(
    make_window: MakeWindow, tmp_path: Path
) -> None:
    made = staged(make_window, tmp_path, "window", "rating")
    assert made.guide.rating_open()
    assert "(" not in made.start_button.text() and not made.start_button.isEnabled()
