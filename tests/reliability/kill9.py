"""One kill -9 trial: run `recording_child.py`, SIGKILL it mid-session, inspect the store.

Shared by the reliability test (which judges) and the store benchmark (which reports the
largest loss). A trial never judges by itself: it returns what it saw.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from coach.core.clock import SystemWallClock
from coach.core.store.opening import open_store
from coach.core.store.store import DB_NAME

CHILD = Path(__file__).resolve().with_name("recording_child.py")
READY_TIMEOUT_S = 30.0
KILL_RANGE_S = (0.7, 3.0)


@dataclass(frozen=True)
class Trial:
    delay_s: float
    """How long after `ready` the child was killed."""
    session_id: str
    logged_ms: list[int]
    """Offsets the child had in memory when it died, in the order it logged them."""
    stored_ms: list[int]
    """Offsets in the store after reopening, in stored order."""
    status: str
    quick_check_before: list[str]
    """`PRAGMA quick_check` on the killed file, before the app reopened it."""
    quick_check_after: bool
    notices: list[str] = field(default_factory=list)
    stderr: str = ""

    @property
    def lost_s(self) -> float:
        """Seconds of recording the kill cost: last logged offset - last stored offset."""
        if not self.logged_ms:
            return 0.0
        last_stored = self.stored_ms[-1] if self.stored_ms else 0
        return (self.logged_ms[-1] - last_stored) / 1000

    def problems(self) -> list[str]:
        """Everything that breaks the crash-safety promise, in words (empty: all good)."""
        found: list[str] = []
        if self.quick_check_before != ["ok"]:
            found.append(f"quick_check on the killed file: {self.quick_check_before[:3]}")
        if not self.quick_check_after:
            found.append("quick_check failed after reopening")
        if any("moved aside" in notice for notice in self.notices):
            found.append(f"the store was moved aside: {self.notices}")
        if self.status != "interrupted":
            found.append(f"status is {self.status!r}, not 'interrupted'")
        if any(b <= a for a, b in zip(self.logged_ms, self.logged_ms[1:], strict=False)):
            found.append("the child logged offsets out of order")
        if self.stored_ms != self.logged_ms[: len(self.stored_ms)]:
            extra = sorted(set(self.stored_ms) - set(self.logged_ms))[:5]
            found.append(
                f"stored samples are not a prefix of the logged ones (never logged: {extra})"
            )
        if not self.stored_ms:
            found.append("nothing was stored")
        return found

    def describe(self) -> str:
        return (
            f"killed {self.delay_s:.3f} s after ready; logged {len(self.logged_ms)} "
            f"(last {self.logged_ms[-1:]} ms), stored {len(self.stored_ms)} "
            f"(last {self.stored_ms[-1:]} ms), lost {self.lost_s:.3f} s, status {self.status}"
        )


def run_trial(
    data_dir: Path,
    delay_s: float,
    python: str = sys.executable,
    env: Mapping[str, str] | None = None,
) -> Trial:
    """Start a recording child on `data_dir`, SIGKILL it `delay_s` after `ready`, reopen."""
    argv = [python, "-P", str(CHILD), str(data_dir)]  # -P: tests/ is not on the child's path
    lines: list[str] = []
    ready = threading.Event()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=err,
            env=None if env is None else dict(env),
            text=True,
            bufsize=1,
        )
        assert proc.stdout is not None
        stdout = proc.stdout

        def read() -> None:
            # Reading on a thread keeps the pipe drained, so the child never blocks on it.
            for line in stdout:
                lines.append(line)
                if line == "ready\n":
                    ready.set()
            ready.set()  # EOF: the child ended (or failed) before it was ready

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            if not ready.wait(READY_TIMEOUT_S) or proc.poll() is not None:
                raise RuntimeError(f"the child never got ready\n{_tail(err)}")
            ready_at = time.monotonic()
            time.sleep(max(0.0, ready_at + delay_s - time.monotonic()))
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            reader.join(10)
            stdout.close()
        stderr = _tail(err)
    if proc.returncode != -signal.SIGKILL:
        raise RuntimeError(f"the child ended with {proc.returncode} before the kill\n{stderr}")

    session_id = ""
    logged: list[int] = []
    for line in lines:
        if not line.endswith("\n"):
            continue  # cut off mid-line by the kill: never fully said
        word, _, rest = line.strip().partition(" ")
        if word == "session":
            session_id = rest
        elif word == "logged":
            logged.append(round(float(rest) * 1000))

    path = data_dir / DB_NAME
    before = _quick_check(path)
    # Reopening is what the app does next: it checks the file and marks leftovers interrupted.
    result = open_store(data_dir, SystemWallClock())
    store = result.store
    try:
        status = store.session(session_id).status
        stored = [round(s.t * 1000) for s in store.samples(session_id)]
        after = store.quick_check()
    finally:
        store.close()
    return Trial(delay_s, session_id, logged, stored, status, before, after, result.notices, stderr)


def _quick_check(path: Path) -> list[str]:
    # Read-only: the killed file (and its -wal) is inspected exactly as the kill left it.
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    finally:
        conn.close()


def _tail(handle: IO[bytes]) -> str:
    handle.seek(0)
    text = handle.read().decode(errors="replace")
    return "\n".join(text.strip().splitlines()[-20:])
