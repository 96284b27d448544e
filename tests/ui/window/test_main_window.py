"""The window on a fake clock: keys, controls, ticking only while a session runs."""

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.breath.pattern import Phase
from coach.core.clock import FakeClock
from coach.core.session.runner import PhaseChanged, RunState
from coach.ui.window.main_window import MainWindow
from tests.support.window import MakeWindow


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    return make_window(lead_in=3.0)


def test_opens_idle_with_calm_selected(window: MainWindow) -> None:
    assert window.runner.state is RunState.IDLE
    assert window.current_preset().id == "calm"
    assert window.pacer.cue.text() == "Ready when you are"
    assert not window.ticker.running
    assert not window.stop_button.isEnabled()
    assert window.length_hint.text().startswith("30 breaths, about 5:00, ends about ")


def test_space_starts_skips_lead_in_pauses_and_resumes(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.runner.state is RunState.LEAD_IN
    assert window.pacer.cue.text() == "Get comfortable"
    assert window.pacer.countdown.text() == "3"
    assert window.ticker.running
    assert not window.preset_box.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.runner.state is RunState.RUNNING
    assert window.pacer.cue.text() == "In through the nose"
    clock.advance(4.5)
    window.refresh()
    assert window.pacer.cue.text() == "Slowly out"
    assert window.pacer.countdown.text() == "6"
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.runner.state is RunState.PAUSED
    assert not window.ticker.running
    assert window.start_button.text().startswith("Resume")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.runner.state is RunState.RUNNING and window.ticker.running
    at = window.runner.pacer_time()
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # pauses at once, then asks why
    assert window.guide.stop_bar_open() and window.runner.state is RunState.PAUSED
    assert not window.ticker.running
    clock.advance(30.0)  # nothing moves while the question is up
    window.refresh()
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc again: keep going, from where it paused
    assert not window.guide.stop_bar_open() and window.runner.state is RunState.RUNNING
    assert window.runner.pacer_time() == pytest.approx(at)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)  # "Just stopping" has the focus
    assert window.runner.state is RunState.STOPPED
    assert not window.ticker.running
    assert window.pacer.cue.text() == "Session ended"


def test_space_works_while_the_pattern_picker_has_focus(qtbot: QtBot, window: MainWindow) -> None:
    window.preset_box.setFocus()
    qtbot.keyClick(window.preset_box, Qt.Key.Key_Space)
    assert window.runner.state is RunState.LEAD_IN
    window.stop_session()


def test_the_belly_follows_the_clock(window: MainWindow, clock: FakeClock) -> None:
    window.start_session()
    window.toggle_session()  # skip lead-in
    clock.advance(2.0)  # halfway through a 4 s inhale
    window.refresh()
    assert window.pacer.figure.lung == pytest.approx(0.5, abs=0.01)
    clock.advance(2.0)
    window.refresh()
    assert window.pacer.figure.lung == pytest.approx(1.0)
    clock.advance(6.0)
    window.refresh()
    assert window.pacer.figure.lung == pytest.approx(0.0)
    window.stop_session()


def test_ticks_deliver_phase_events_with_times(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    seen: list[PhaseChanged] = []
    window.phase_changed.connect(seen.append)
    window.start_session()
    window.toggle_session()
    clock.advance(4.01)
    # Let the real ticker deliver at least one tick: the state comes from the fake clock.
    qtbot.waitUntil(lambda: len(seen) >= 2, timeout=10_000)
    assert seen[0].phase is Phase.INHALE and seen[0].scheduled == 0.0
    assert seen[1].phase is Phase.EXHALE and seen[1].scheduled == 4.0
    assert seen[1].observed == pytest.approx(4.01)
    window.stop_session()


def test_finishing_stops_the_ticker_and_offers_another_round(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.length_box.setCurrentIndex(window.length_box.findData(3.0))
    with qtbot.waitSignal(window.session_finished, timeout=10_000):
        window.start_session()
        clock.advance(3.0 + 180.0)
    assert window.runner.state is RunState.FINISHED
    assert not window.ticker.running
    assert window.pacer.cue.text() == "Well done"
    assert window.start_button.text().startswith("Start again")
    window.toggle_session()
    assert window.runner.state is RunState.LEAD_IN
    window.stop_session()


def test_preset_and_length_pickers_shape_the_next_session(window: MainWindow) -> None:
    window.select_preset("box")
    assert window.runner.timeline.pattern.label == "4-4-4-4"
    assert window.length_hint.text().startswith("19 breaths, about 5:04")
    window.length_box.setCurrentIndex(window.length_box.count() - 1)  # until I stop
    assert window.runner.timeline.breaths is None
    assert window.length_hint.text() == "until you stop, at 3.8 breaths/min"
    with pytest.raises(KeyError):
        window.select_preset("nope")


def test_hiding_stops_frames_and_showing_resumes(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    window.start_session()
    assert window.ticker.running
    window.hide()
    assert not window.ticker.running
    clock.advance(30)
    window.show()
    qtbot.waitExposed(window)
    assert window.ticker.running
    window.refresh()
    assert window.runner.state is RunState.RUNNING
    window.stop_session()


def test_closing_mid_session_stops_it(qtbot: QtBot, window: MainWindow) -> None:
    stopped: list[object] = []
    window.session_stopped.connect(stopped.append)
    window.start_session()
    window.close()
    assert window.runner.state is RunState.STOPPED
    assert len(stopped) == 1 and getattr(stopped[0], "reason", "") == "window closed"
    assert not window.ticker.running


def test_quit_has_a_shortcut_on_every_platform(window: MainWindow) -> None:
    keys = [k.toString() for k in window.quit_action.shortcuts()]
    assert "Ctrl+Q" in keys


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_figure_colours_come_from_the_palette(
    qtbot: QtBot, make_window: MakeWindow, theme: str
) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from coach.ui.theme import make_palette

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.palette()
    app.setPalette(make_palette(theme))
    try:
        win = make_window()
        win.resize(800, 500)
        qtbot.waitExposed(win)
        image = win.pacer.figure.grab().toImage()
        window_colour = make_palette(theme).color(QPalette.ColorRole.Window)
        corner = image.pixelColor(2, 2)
        assert corner.name() == window_colour.name()
    finally:
        app.setPalette(previous)


def test_about_says_what_the_coach_is_and_lists_its_sources() -> None:
    from coach.ui.window.menus import about_text

    text = about_text(None)
    assert "to come" not in text
    assert "not medical advice" in text and "not a treatment" in text
    assert "doi:10.7326/0003-4819-155-1-201107050-00002" in text  # Cherkin et al. 2011
    assert "doi:10.1589/jpts.30.1323" in text  # Otsudo et al. 2018
