"""The desk break in the window, end to end on a fake clock: checklist, ratings, steps, the
slider from keys and wheel, the ease-off prompt, the stop question and the cool-down."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.core.clock import FakeClock, FakeWallClock
from coach.core.session.routine import RoutineRunner
from coach.core.session.runner import RunState
from coach.core.settings import load_settings
from coach.core.store.store import Store
from coach.ui.window.main_window import MainWindow
from tests.support.window import MakeWindow


@pytest.fixture
def window(make_window: MakeWindow, store: Store, tmp_path: Path) -> MainWindow:
    return make_window(store=store, data_dir=tmp_path / "data", content=True)


def run_for(window: MainWindow, clock: FakeClock, seconds: float, dt: float = 0.25) -> None:
    for _ in range(round(seconds / dt)):
        clock.advance(dt)
        window.refresh()


def key(qtbot: QtBot, window: MainWindow, k: Qt.Key) -> None:
    qtbot.keyClick(window.focusWidget() or window, k)


def start_desk_break(qtbot: QtBot, window: MainWindow) -> None:
    assert window.choose_routine("desk-break")
    key(qtbot, window, Qt.Key.Key_Space)


def test_first_run_says_plainly_it_is_not_medical_advice(
    window: MainWindow, tmp_path: Path
) -> None:
    assert "not medical advice" in window.notices.message.text()
    settings, _ = load_settings(tmp_path / "data")
    assert settings.wellness_noted


def test_desk_break_end_to_end(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, store: Store, tmp_path: Path
) -> None:
    start_desk_break(qtbot, window)
    # The checklist comes first: no session yet, and Space does nothing while it is up.
    assert window.side.currentWidget() is window.guide.checklist
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.runner.state is RunState.IDLE
    window.guide.checklist.answered.emit(False)  # "None of these apply"
    settings, _ = load_settings(tmp_path / "data")
    assert settings.safety_applies is False and settings.safety_answered_at
    # Then the tightness before: 6, Enter.
    assert window.side.currentWidget() is window.guide.rating
    key(qtbot, window, Qt.Key.Key_6)
    key(qtbot, window, Qt.Key.Key_Return)
    runner = window.runner
    assert isinstance(runner, RoutineRunner) and runner.state is RunState.LEAD_IN
    assert window.side.currentWidget() is window.guide.step_panel
    assert window.guide.step_panel.next_line.text().startswith("First:")
    run_for(window, clock, 2.0 + 50.5)  # lead-in, then the seated breaths (5 x 10 s)
    assert runner.snapshot().step.item.technique_id == "ball-release"
    # Before the technique: its cautions and stop signs, the session held until Space.
    assert window.side_page() == "guidance" and runner.held_for == "guidance"
    card = window.guide.guidance_card
    assert "off the spine" in card.accessibleDescription()
    assert "Stop at once for: sharp pain" in card.stop.text()
    held_at = runner.pacer_time()
    run_for(window, clock, 5.0)
    assert runner.pacer_time() == pytest.approx(held_at)  # nothing moves meanwhile
    key(qtbot, window, Qt.Key.Key_Space)
    assert runner.state is RunState.RUNNING and window.side_page() == "step"
    # The slider from the keyboard and from the wheel anywhere over the window.
    key(qtbot, window, Qt.Key.Key_3)
    assert window.guide.slider.value() == 3
    run_for(window, clock, 0.5)
    key(qtbot, window, Qt.Key.Key_Up)
    assert window.guide.slider.value() == 4
    run_for(window, clock, 0.5)
    label = window.guide.step_panel.instruction
    at = QPointF(label.mapTo(window, label.rect().center()))
    wheel = QWheelEvent(
        at,
        window.mapToGlobal(at),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    # Through the window, as the system delivers it: to the label under the pointer first.
    QApplication.sendEvent(window.windowHandle(), wheel)
    assert window.guide.slider.value() == 5
    run_for(window, clock, 0.5)
    # 7 for three seconds brings the ease-off prompt, without any dialog.
    key(qtbot, window, Qt.Key.Key_7)
    run_for(window, clock, 2.5)
    assert not window.guide.ease_bar.isVisible()
    run_for(window, clock, 0.5)
    assert window.guide.ease_bar.isVisible() and not window.guide.ease_bar.is_stop_offer()
    key(qtbot, window, Qt.Key.Key_4)
    # Next with the arrow key; Back returns.
    index = runner.current_index
    key(qtbot, window, Qt.Key.Key_Right)
    assert runner.current_index == index + 1
    key(qtbot, window, Qt.Key.Key_Left)
    assert runner.current_index == index
    # Stop asks why; "Felt a pulse" moves into a one-minute cool-down.
    window.stop_button.click()
    assert window.guide.stop_bar_open()
    window.guide.stop_bar.reason_chosen.emit("pulse")
    assert runner.state is RunState.RUNNING
    assert runner.snapshot().step.item.kind == "cooldown"
    assert "blood vessel" in window.guide.step_panel.instruction.text()
    run_for(window, clock, 75)
    assert runner.state is RunState.FINISHED
    # After: the tightness rating, then back to the start screen.
    assert window.side.currentWidget() is window.guide.rating
    key(qtbot, window, Qt.Key.Key_2)
    key(qtbot, window, Qt.Key.Key_Return)
    assert window.side.currentWidget() is window.picker
    (session_id,) = store.session_ids()
    stored = store.session(session_id)
    assert (stored.kind, stored.source, stored.status) == ("routine", "desk-break", "stopped")
    assert stored.end_reason == "Felt a pulse"
    assert (stored.rating_before, stored.rating_after) == (6, 2)
    kinds = [e.kind for e in store.events(session_id)]
    for kind in ("step", "step_next", "step_back", "ease_off", "safety_stop", "step_cooldown"):
        assert kind in kinds, kind
    samples = store.samples(session_id)
    readings = [s.intensity for s in samples if s.intensity is not None]
    assert {3, 4, 5, 7} <= set(readings)
    sided = {s.side for s in samples if s.side is not None}
    assert sided == {"right"}


def test_just_stopping_ends_at_once(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.guide.record_safety_answer(False)
    start_desk_break(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Escape)  # skip the rating before
    assert isinstance(window.runner, RoutineRunner)
    key(qtbot, window, Qt.Key.Key_Escape)
    window.guide.stop_bar.reason_chosen.emit("just_stopping")
    assert window.runner.state is RunState.STOPPED


def test_a_yes_on_the_checklist_switches_belly_work_off(
    qtbot: QtBot, window: MainWindow, wall: FakeWallClock
) -> None:
    start_desk_break(qtbot, window)
    window.guide.checklist.answered.emit(True)
    # The desk break still runs, without the ball; the picker says so.
    key(qtbot, window, Qt.Key.Key_Escape)  # skip the rating
    runner = window.runner
    assert isinstance(runner, RoutineRunner)
    assert "ball-release" not in {i.technique_id for i in runner.plan.items}
    window.stop_session()
    summaries = {s.id: s for s in window.guide.summaries()}
    assert not summaries["only-ball-release"].enabled
    assert summaries["desk-break"].note.startswith("Without ball release")
    # A routine that is only belly work explains itself instead of starting.
    window.guide.start("only-ball-release")
    assert window.guide.checklist.is_gated()
    # Ninety days on, the questions come again.
    wall.advance(timedelta(days=89))
    assert window.guide.safety_state() == "gated"
    wall.advance(timedelta(days=1))
    assert window.guide.safety_state() == "unknown"


def test_safety_questions_from_the_menu_come_back_to_the_start_screen(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.guide.ask_safety_again()
    assert window.side.currentWidget() is window.guide.checklist
    window.guide.checklist.answered.emit(False)
    assert window.side.currentWidget() is window.picker
    key(qtbot, window, Qt.Key.Key_Space)  # free breathing starts: nothing is stuck
    assert window.runner.state is RunState.LEAD_IN
    window.guide.ask_safety_again()  # not during a session
    assert window.side.currentWidget() is window.picker
    assert "once this session is over" in window.notices.message.text()
    window.stop_session()


def test_arrows_in_the_stop_question_stay_in_it(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.guide.record_safety_answer(False)
    start_desk_break(qtbot, window)
    key(qtbot, window, Qt.Key.Key_Escape)  # skip the rating before
    key(qtbot, window, Qt.Key.Key_Space)  # skip the lead-in
    runner = window.runner
    assert isinstance(runner, RoutineRunner)
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.guide.stop_bar_open()
    key(qtbot, window, Qt.Key.Key_Right)
    key(qtbot, window, Qt.Key.Key_Left)
    assert runner.current_index == 0
    key(qtbot, window, Qt.Key.Key_Escape)
    assert not window.guide.stop_bar_open() and runner.state is RunState.RUNNING
    window.stop_session()
