"""Suite-wide set-up: offscreen Qt, private data/config folders, no leftover timers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need (or touch) a real display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The offscreen platform warns about fonts without a fontconfig path; keep it quiet and
# deterministic by pinning the scale.
os.environ.pop("QT_SCALE_FACTOR", None)


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
