"""Suite-wide set-up: offscreen Qt, private data/config folders, no leftover timers."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Before anything imports Qt: tests never need (or touch) a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No chime from the window in tests: QtMultimedia would print its start-up warnings (and
# play on a developer's speakers). tests/ui/test_chime.py plays it through a real server.
os.environ["COACH_SOUND"] = "off"
# The offscreen platform warns about fonts without a fontconfig path; keep it quiet and
# deterministic by pinning the scale.
os.environ.pop("QT_SCALE_FACTOR", None)


class NetworkUsed(AssertionError):
    pass


SOCKETS_OPENED: list[str] = []


def _no_sockets(event: str, args: tuple[Any, ...]) -> None:
    """The coach opens no network connection of any kind: any socket fails the suite.

    An audit hook sees every socket Python creates, whoever creates it, and cannot be
    switched off by the code under test.
    """
    if event in ("socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo"):
        SOCKETS_OPENED.append(f"{event}{args!r}")
        raise NetworkUsed(f"a socket was used ({event}); the coach must stay offline")


sys.addaudithook(_no_sockets)


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
    from tests.timer_watch import TimerWatch

    with TimerWatch() as watch:
        yield
        leftovers = watch.active()
    if leftovers:
        pytest.fail(f"test left {len(leftovers)} QTimer(s) running: {leftovers}", pytrace=False)
