"""One coach per data folder, and a crash that loses nothing but its last moment.

Real processes on the offscreen platform: a second launch hands over to the first and
exits 0; a coach killed with SIGKILL leaves a lock that does not block the next start,
and its session is found marked interrupted with what it had recorded.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coach.core.clock import SystemWallClock
from coach.core.store.opening import open_store
from coach.core.store.store import DB_NAME
from coach.ui.single_instance import LOCK_NAME, REQUEST_NAME
from tests.e2e.xserver import AppProcess, app_env, catches_sigterm, check_quiet

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals: Linux only"),
]

TIMEOUT_S = 60.0  # generous: only a failing test waits this long

Launch = Callable[..., AppProcess]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def launch(tmp_path: Path, data_dir: Path) -> Iterator[Launch]:
    started: list[AppProcess] = []

    def start(*args: str) -> AppProcess:
        log_dir = tmp_path / f"app{len(started)}"
        log_dir.mkdir()
        app = AppProcess(
            ["--data-dir", str(data_dir), *args], app_env(tmp_path, "offscreen"), log_dir
        )
        started.append(app)
        return app

    yield start
    for app in started:
        app.stop()


def _running(app: AppProcess, data_dir: Path) -> None:
    app.wait_until(
        lambda: catches_sigterm(app.pid) and (data_dir / DB_NAME).exists(),
        TIMEOUT_S,
        "the coach up with its store open",
    )


def test_a_second_launch_hands_over_and_exits(launch: Launch, data_dir: Path) -> None:
    first = launch("--start", "calm")
    _running(first, data_dir)
    second = launch()
    assert second.wait_exit(TIMEOUT_S) == 0, second.describe()
    assert "already running" in second.stderr()
    # The first one saw the request and took it away.
    first.wait_until(
        lambda: not (data_dir / REQUEST_NAME).exists(), TIMEOUT_S, "the raise request picked up"
    )
    assert first.proc.poll() is None
    first.proc.send_signal(signal.SIGTERM)
    assert first.wait_exit(TIMEOUT_S) == 0, first.describe()
    check_quiet(first)


def test_a_killed_coach_blocks_nothing_and_its_session_is_kept(
    launch: Launch, data_dir: Path
) -> None:
    crashed = launch("--start", "calm")
    _running(crashed, data_dir)
    crashed.stay_alive(7.5)  # past the 5 s lead-in, into the second breath's samples
    crashed.proc.send_signal(signal.SIGKILL)
    crashed.wait_exit(TIMEOUT_S)
    assert (data_dir / LOCK_NAME).exists()  # the dead process's lock is still there

    again = launch()
    _running(again, data_dir)
    again.stay_alive(1.0)
    assert again.proc.poll() is None, again.describe()
    again.proc.send_signal(signal.SIGTERM)
    assert again.wait_exit(TIMEOUT_S) == 0, again.describe()
    check_quiet(again)

    store = open_store(data_dir, SystemWallClock()).store
    try:
        (record,) = store.sessions()
        assert record.status == "interrupted"
        samples = store.samples(record.id)
        assert samples and samples[0].t == 0.0 and samples[-1].t >= 1.0
        assert record.active_seconds >= samples[-1].t
    finally:
        store.close()
