"""The main window as tests build it: the app's parts, made the way the app makes them
(`coach.ui.app`), with fake clocks, settings in the test's own folder and no sound
(unless a test hands one an `audio=`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.clock import FakeClock, FakeWallClock
from coach.core.store.store import Store
from coach.ui.app import read_content
from coach.ui.settings import SettingsKeeper
from coach.ui.window.main_window import MainWindow
from tests.support.window import MakeWindow


@pytest.fixture
def make_window(qtbot: QtBot, clock: FakeClock, wall: FakeWallClock) -> Iterator[MakeWindow]:
    """Build a shown main window: `make_window(store=..., data_dir=..., lead_in=...,
    content=True)`, as the app builds it: the store, then (with `content`) the techniques,
    routines and settings (from `data_dir`) are handed over after the window is shown.

    Each window is closed the way the system closes it (no question asked; a session the
    store could not take goes to a file), then deleted.
    """
    made: list[MainWindow] = []

    def make(
        *,
        store: Store | None = None,
        data_dir: Path | None = None,
        lead_in: float = 2.0,
        content: bool = False,
        window_clock: FakeClock | None = None,
        **options: object,
    ) -> MainWindow:
        settings = SettingsKeeper(data_dir)
        window = MainWindow(
            window_clock or clock,
            wall,
            settings,
            lead_in=lead_in,
            data_dir=data_dir,
            **options,  # type: ignore[arg-type]
        )
        made.append(window)
        window.show()
        qtbot.waitExposed(window)
        # The keys a test presses are window shortcuts: they need the window active.
        with qtbot.waitActive(window):
            window.activateWindow()
        if store is not None:
            window.attach_store(store)
        if content:
            window.attach_content(read_content(data_dir), settings.load())
        return window

    yield make
    for window in made:
        window.quit_without_asking()
        window.deleteLater()
