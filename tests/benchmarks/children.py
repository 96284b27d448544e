"""Running one child process and collecting what it printed and what it cost."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


class ChildFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class ChildResult:
    started: float
    """`time.monotonic()` just before the process was spawned."""
    returncode: int
    stdout: str
    stderr: str
    max_rss_kib: int
    """Peak resident set size of the child (Linux reports ru_maxrss in KiB)."""
    cpu_s: float

    def line_starting(self, prefix: str) -> str:
        for line in self.stdout.splitlines():
            if line.startswith(prefix):
                return line
        raise ChildFailed(f"the child printed no line starting {prefix!r}\n{self.describe()}")

    def describe(self) -> str:
        tail = "\n".join(self.stderr.strip().splitlines()[-20:])
        return f"exit status {self.returncode}; stdout: {self.stdout.strip()[-400:]!r}\n{tail}"


def run_child(
    argv: Sequence[str], env: Mapping[str, str], cwd: Path, timeout: float
) -> ChildResult:
    """Run to completion; fail on a non-zero exit or when `timeout` seconds pass.

    Output goes to files, not pipes: nothing to drain while the child runs, so the parent
    can sit in one blocking wait4() and read the child's own peak RSS from its rusage.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(list(argv), env=dict(env), cwd=cwd, stdout=out, stderr=err)
        # A watchdog instead of polling: the parent stays asleep while the child starts up.
        fired = threading.Event()

        def kill() -> None:
            fired.set()
            proc.kill()

        watchdog = threading.Timer(timeout, kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        result = ChildResult(
            started=started,
            returncode=proc.returncode,
            stdout=out.read().decode(errors="replace"),
            stderr=err.read().decode(errors="replace"),
            max_rss_kib=usage.ru_maxrss,
            cpu_s=usage.ru_utime + usage.ru_stime,
        )
    if fired.is_set():
        raise ChildFailed(f"{argv!r} ran past {timeout:g} s and was killed\n{result.describe()}")
    if result.returncode != 0:
        raise ChildFailed(f"{argv!r} failed\n{result.describe()}")
    return result
