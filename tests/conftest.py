"""Suite-wide set-up and guards (offscreen Qt, private data and config folders, no
network, no timers or SQLite connections left behind), and the fixtures every part of the
suite shares: the clocks and a real store."""

from __future__ import annotations

import os
import sqlite3
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings

from coach.core.clock import FakeClock, FakeWallClock
from tests.support.network import SOCKETS_OPENED, no_sockets

if TYPE_CHECKING:
    from coach.core.store.store import Store

# No test here is about speed (figures live in the benchmarks): on a loaded or slow machine
# an example may take longer than Hypothesis's default 200 ms deadline without being wrong.
settings.register_profile("coach", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("coach")

# Before anything imports Qt: tests never need (or touch) a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No chime from the window in tests: QtMultimedia would print its start-up warnings (and
# play on a developer's speakers). tests/ui/sound/ plays it through a real server.
os.environ["COACH_SOUND"] = "off"
# The offscreen platform warns about fonts without a fontconfig path; keep it quiet and
# deterministic by pinning the scale.
os.environ.pop("QT_SCALE_FACTOR", None)


sys.addaudithook(no_sockets)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if SOCKETS_OPENED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        sys.stderr.write("network guard: sockets were used: " + "; ".join(SOCKETS_OPENED) + "\n")


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the user's real data or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("COACH_DATA_DIR", str(home / "coach-data"))
    return home / "coach-data"


@pytest.fixture
def clock() -> FakeClock:
    """The session's clock (monotonic seconds), moved by hand."""
    return FakeClock()


@pytest.fixture
def wall() -> FakeWallClock:
    """The wall clock, at a fixed moment, moved by hand."""
    return FakeWallClock()


@pytest.fixture
def store(tmp_path: Path, wall: FakeWallClock) -> Iterator[Store]:
    """A real, empty store in this test's `data` folder, closed after the test."""
    from coach.core.store.opening import open_store

    opened = open_store(tmp_path / "data", wall)
    yield opened.store
    opened.store.close()


@pytest.fixture
def stores() -> Iterator[Callable[..., Any]]:
    """`open_store`, with every store it opened closed again after the test.

    For tests that open stores along the way (a helper, a loop): each one is closed even
    when an assertion fails half-way, so no connection outlives its test.
    """
    from coach.core.store.opening import OpenResult, open_store

    opened: list[OpenResult] = []

    def open_(*args: Any, **kwargs: Any) -> OpenResult:
        result = open_store(*args, **kwargs)
        opened.append(result)
        return result

    yield open_
    for result in opened:
        result.store.close()


@pytest.fixture(autouse=True)
def no_modal_dialogs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog would wait forever for a click no test gives: fail instead.

    A test that means to answer one patches that function itself.
    """
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a modal dialog opened in a test: {args[1:3]!r}")

    for owner, names in (
        (QMessageBox, ("warning", "question", "critical", "information", "about")),
        (QFileDialog, ("getSaveFileName", "getOpenFileName")),
        (QInputDialog, ("getItem", "getText")),
    ):
        for name in names:
            monkeypatch.setattr(owner, name, refuse)


@pytest.fixture(autouse=True)
def no_running_timers(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail any test that leaves a QTimer running once its widgets are gone.

    Every timer started during the test is remembered (weakly); after the test, and after
    pytest-qt has closed the widgets it was given, none of them may still be active.
    """
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        yield
        return
    from tests.support.timer_watch import TimerWatch

    with TimerWatch() as watch:
        yield
        leftovers = watch.active()
    if leftovers:
        pytest.fail(f"test left {len(leftovers)} QTimer(s) running: {leftovers}", pytrace=False)


def _is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.total_changes  # noqa: B018 (any use of a closed connection raises)
    except sqlite3.ProgrammingError:
        return False
    return True


@pytest.fixture(autouse=True)
def no_open_databases(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test that leaves an SQLite connection open.

    Python 3.13 warns (ResourceWarning) when one is garbage-collected unclosed, at whatever
    moment the collector runs, so a leak would fail some later test on 3.13 and no test
    at all on 3.11. Every connection opened during the test is remembered with where it was
    opened; after the test (and its fixtures) none may still be open. Connections of
    fixtures shared by several tests are opened before this one starts and are not counted.
    """
    opened: list[tuple[sqlite3.Connection, str]] = []
    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn = real_connect(*args, **kwargs)
        opened.append((conn, "".join(traceback.format_stack(limit=6)[:-1])))
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    yield
    leftovers = [where for conn, where in opened if _is_open(conn)]
    for conn, _where in opened:
        conn.close()
    if leftovers:
        pytest.fail(
            f"test left {len(leftovers)} SQLite connection(s) open, opened at:\n"
            + "\n".join(leftovers),
            pytrace=False,
        )
