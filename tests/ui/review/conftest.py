"""The review screens' fixtures: a demo history, the library, the review window.

The demo history is generated once per test session (running the real runners takes a
few seconds) and copied into each test's own folder, so tests can delete and edit freely.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coach.core.assets import assets_dir
from coach.core.clock import FakeWallClock
from coach.core.content.library import Library, load_library
from coach.core.store.opening import open_store
from coach.core.store.store import DB_NAME, Store
from coach.ui.review.review_window import ReviewWindow

NOW = datetime(2026, 11, 3, 18, 0, tzinfo=UTC)
DEMO_DAYS = 60
DEMO_SEED = 1  # this seed's person stops twice for safety reasons: markers to look at


def make_wall() -> FakeWallClock:
    return FakeWallClock(NOW)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coach.core.demo import fill_demo

    folder = tmp_path_factory.mktemp("demo-store")
    wall = make_wall()
    store = open_store(folder, wall).store
    assert fill_demo(store, wall, days=DEMO_DAYS, seed=DEMO_SEED, tz=UTC) > 20
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return folder / DB_NAME


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(assets_dir() / "content", None)


@pytest.fixture
def wall() -> FakeWallClock:
    return make_wall()


@pytest.fixture
def demo_store(tmp_path: Path, demo_file: Path, wall: FakeWallClock) -> Iterator[Store]:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    shutil.copyfile(demo_file, folder / DB_NAME)
    (folder / DB_NAME).chmod(0o600)
    store = open_store(folder, wall).store
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path, wall: FakeWallClock) -> Iterator[Store]:
    store = open_store(tmp_path / "empty", wall).store
    yield store
    store.close()


@pytest.fixture
def show(qtbot: QtBot) -> Callable[..., None]:
    """Show a widget at a size (1024x640 unless told) and wait until it is on screen."""

    def show_(widget: QWidget, size: tuple[int, int] = (1024, 640)) -> None:
        qtbot.addWidget(widget)
        widget.resize(*size)
        widget.show()
        qtbot.waitExposed(widget)

    return show_


@pytest.fixture
def window(
    show: Callable[..., None], demo_store: Store, library: Library, wall: FakeWallClock
) -> ReviewWindow:
    win = ReviewWindow(demo_store, library, wall, tz=UTC)
    show(win)
    return win
