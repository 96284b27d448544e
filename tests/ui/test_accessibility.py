"""A screen reader can follow every screen: nothing a person uses or reads is nameless.

Each screen is brought up the way a person gets there (the start screen, free breathing
running, the timing panel, each state of a guided session through `coach.ui.staging`, the
review window's three pages on a demo history), then Qt's accessibility tree is walked
as a screen reader walks it (tests/support/a11y.py says what is asked of each element).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coach.core.assets import assets_dir
from coach.core.breath.pattern import Phase
from coach.core.clock import FakeClock, FakeWallClock
from coach.core.content.library import load_library
from coach.core.store.opening import open_store
from coach.core.store.store import DB_NAME, Store
from coach.ui.review.review_window import ReviewWindow, pick_example_session
from coach.ui.staging import GUIDED_STATES, stage
from coach.ui.window.main_window import MainWindow
from tests.support.a11y import painted_by_us, unnamed, walk
from tests.support.window import MakeWindow

NOW = datetime(2026, 11, 3, 18, 0, tzinfo=UTC)


def settle() -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):  # layouts and shown pages settle over a few turns of the loop
        app.sendPostedEvents()
        app.processEvents()


def assert_all_named(root: QWidget) -> None:
    found = unnamed(root)
    assert not found, "a screen reader finds these nameless:\n" + "\n".join(found)


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    made = make_window(lead_in=5.0, content=True)
    made.resize(1024, 640)
    made.notices.clear()
    return made


# -- the session window ---------------------------------------------------------------------
def test_the_start_screen_names_everything(window: MainWindow) -> None:
    settle()
    assert window.side.current_name() == "picker"
    assert_all_named(window)


def test_free_breathing_running_names_everything(window: MainWindow, clock: FakeClock) -> None:
    window.toggle_session()
    clock.advance(7.0)  # past the settle-in: breathing
    window.refresh()
    settle()
    assert window.runner.state.value == "running"
    assert_all_named(window)
    window.stop_session()


def test_the_timing_panel_names_everything(window: MainWindow) -> None:
    window.timing.open_panel()
    settle()
    assert window.timing.panel_open()
    assert_all_named(window)
    panel = window.timing.panel
    panel.presets.open_naming("new")  # the name row, and a problem under a field
    panel.phase_fields[Phase.INHALE].setText("99")
    settle()
    assert panel.presets.name_field.isVisible()
    assert_all_named(window)


def test_a_notice_names_everything(window: MainWindow) -> None:
    window.notices.show_notice("The store is read-only.", "Details", lambda: None)
    window.notices.show_notice("Sound is off: no audio device.")
    settle()
    assert window.notices.isVisible()
    assert_all_named(window)
    assert window.notices.more.accessibleName() == "Show 1 more notice"
    assert "no audio device" in window.notices.accessibleDescription()


@pytest.mark.parametrize("state", GUIDED_STATES)
def test_each_guided_state_names_everything(
    window: MainWindow, clock: FakeClock, state: str
) -> None:
    stage(window, clock, state)
    settle()
    assert_all_named(window)


def test_the_walk_finds_a_nameless_control(window: MainWindow) -> None:
    """The check itself can fail: a button of symbols only, and a painted widget with no
    words, are both reported."""
    settle()
    assert_all_named(window)
    button = QPushButton("✕", window.centralWidget())
    button.show()
    figure = window.pacer.figure
    name, description = figure.accessibleName(), figure.accessibleDescription()
    figure.setAccessibleName("")
    figure.setAccessibleDescription("")
    try:
        found = unnamed(window)
        assert any("PushButton" in line and "'✕'" in line for line in found), found
        assert any("BreathFigure" in line and line.startswith("no name") for line in found)
        assert any("BreathFigure" in line and line.startswith("no description") for line in found)
    finally:
        figure.setAccessibleName(name)
        figure.setAccessibleDescription(description)
        button.deleteLater()


def test_the_walk_reaches_the_painted_parts(window: MainWindow, clock: FakeClock) -> None:
    """The walk is not vacuous: the figure, the slider, the step's progress and drawing are
    reached, and the slider is a slider."""
    stage(window, clock, "step")
    settle()
    found = walk(window)
    painted = {line.path.rsplit(" > ", 1)[-1] for line in found if line.painted}
    assert {"BreathFigure", "IntensitySlider", "StepProgress", "Illustration"} <= painted
    slider = next(f for f in found if f.path.endswith("IntensitySlider"))
    assert slider.role == QAccessible.Role.Slider
    assert painted_by_us(window.guide.slider)


# -- the review window ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coach.core.demo import fill_demo

    folder = tmp_path_factory.mktemp("a11y-demo")
    wall = FakeWallClock(NOW)
    store = open_store(folder, wall).store
    assert fill_demo(store, wall, days=60, seed=1, tz=UTC) > 20
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return folder / DB_NAME


@pytest.fixture
def demo_store(tmp_path: Path, demo_file: Path) -> Iterator[Store]:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    shutil.copyfile(demo_file, folder / DB_NAME)
    (folder / DB_NAME).chmod(0o600)
    store = open_store(folder, FakeWallClock(NOW)).store
    yield store
    store.close()


@pytest.fixture
def review(qtbot: QtBot, demo_store: Store) -> Iterator[ReviewWindow]:
    library = load_library(assets_dir() / "content", None)
    win = ReviewWindow(demo_store, library, FakeWallClock(NOW), tz=UTC)
    win.resize(1024, 640)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Gone before its store closes: a window deleted later, in the next test, would
    # still answer that test's palette change by reading the closed store.
    win.close_pending()
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_history_list_names_everything(review: ReviewWindow) -> None:
    settle()
    assert review.current_page() == "history"
    assert_all_named(review)
    history = review.history
    history.delete_sessions([history.model.row_at(0).id])  # the undo bar comes up
    settle()
    assert history.undo_bar.isVisible()
    assert_all_named(review)


def test_a_session_page_names_everything(review: ReviewWindow, demo_store: Store) -> None:
    session_id = pick_example_session(demo_store, review.library)
    assert session_id is not None and review.open_session(session_id)
    settle()
    assert_all_named(review)
    review.session_view.timeline.show_table(True)  # the figures as a table
    settle()
    assert review.session_view.timeline.table.isVisible()
    assert_all_named(review)


def test_trends_name_everything(review: ReviewWindow) -> None:
    review.show_trends()
    settle()
    assert review.current_page() == "trends"
    assert_all_named(review)
    review.trends_view.show_tables(True)
    settle()
    assert review.trends_view.weeks_card.table.isVisible()
    assert_all_named(review)
