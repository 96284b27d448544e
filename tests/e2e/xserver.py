"""Real processes for the end-to-end tests: a private Xvfb server and the coach itself.

Nothing here imports Qt: the app under test is always a separate process, and the test
process only watches it from outside (its exit status, its stderr, its X window).
"""

from __future__ import annotations

import ctypes
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tests.support.stderr_lines import complaints

WINDOW_TITLE = "Breath Coach"

# Variables that would tie the child to the developer's desktop session (a real
# compositor, session manager, portal or theme); CI has none of them anyway.
_DESKTOP_VARS = (
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XAUTHORITY",
    "SESSION_MANAGER",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_DESKTOP",
    "DESKTOP_SESSION",
    "QT_QPA_PLATFORMTHEME",
    "QT_STYLE_OVERRIDE",
    "QT_SCALE_FACTOR",
    "QT_LOGGING_RULES",
    "QT_MESSAGE_PATTERN",
)


def _die_with_parent() -> None:
    """In the child before exec: get SIGKILL when the test process dies.

    A leaked Xvfb keeps whatever it inherited open; if pytest itself is killed (a CI
    timeout), nothing else would ever stop it.
    """
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def stop_process(proc: subprocess.Popen[bytes], grace_s: float = 5.0) -> None:
    """SIGTERM, then SIGKILL after `grace_s`; always reaped. Safe on a finished process."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.wait()


class Xvfb:
    """A private virtual X server on a display number the server picks itself.

    `-displayfd` makes Xvfb choose a free display and write its number to a pipe once it
    accepts connections, so there is neither a guessed number nor a sleep.
    """

    def __init__(self, log_path: Path, size: str = "1280x800x24") -> None:
        self.log_path = log_path
        self.size = size
        self.display = ""
        self._proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 15.0) -> str:
        read_fd, write_fd = os.pipe()
        try:
            with open(self.log_path, "wb") as log:
                # The log file, not a pipe: nobody reads Xvfb's chatter while it runs.
                # -noreset: by default the server resets whenever its last client leaves,
                # and each short-lived xdotool call is such a client; a reset that lands
                # while the app connects kills it ("could not connect to display").
                self._proc = subprocess.Popen(
                    [
                        "Xvfb",
                        "-displayfd",
                        str(write_fd),
                        "-screen",
                        "0",
                        self.size,
                        "-nolisten",
                        "tcp",
                        "-noreset",
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                    pass_fds=(write_fd,),
                    preexec_fn=_die_with_parent,
                )
            os.close(write_fd)
            write_fd = -1
            number = self._read_display(read_fd, timeout_s)
        except BaseException:
            self.stop()
            raise
        finally:
            if write_fd >= 0:
                os.close(write_fd)
            os.close(read_fd)
        self.display = f":{number}"
        return self.display

    def _read_display(self, read_fd: int, timeout_s: float) -> int:
        data = b""
        deadline = time.monotonic() + timeout_s
        while not data.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(
                    f"Xvfb did not report a display in {timeout_s:g} s{self._log_tail()}"
                )
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 64)
            if not chunk:  # the pipe closed: Xvfb exited without a display
                assert self._proc is not None
                status = self._proc.wait(5)
                raise RuntimeError(f"Xvfb exited with status {status}{self._log_tail()}")
            data += chunk
        return int(data)

    def _log_tail(self) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "; its log ends with:\n" + text[-2000:]

    def stop(self) -> None:
        if self._proc is not None:
            stop_process(self._proc)
            self._proc = None


def xdotool(display: str, *args: str, timeout_s: float = 10.0) -> subprocess.CompletedProcess[str]:
    """Run xdotool against `display`; a hang becomes an exception, not a stuck test."""
    env = dict(os.environ, DISPLAY=display)
    env.pop("XAUTHORITY", None)
    return subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=timeout_s, check=False
    )


def app_env(tmp_path: Path, platform: str, display: str | None = None) -> dict[str, str]:
    """The environment for a coach process: this test's private HOME/XDG dirs (set by the
    suite's conftest) without any tie to a real desktop session."""
    env = dict(os.environ)
    for name in _DESKTOP_VARS:
        env.pop(name, None)
    env["QT_QPA_PLATFORM"] = platform
    if display is not None:
        env["DISPLAY"] = display
    # Deterministic and quiet: Qt warns on stderr when the locale is not UTF-8.
    env["LC_ALL"] = "C.UTF-8"
    # A bus address that leads nowhere: libdbus would otherwise try to autolaunch a
    # session bus daemon for the X display, or the app would talk to the developer's own.
    env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={tmp_path / 'no-session-bus'}"
    # Python's development mode: a crash in C++ leaves a Python stack, and warnings that
    # are silent by default (ResourceWarning, DeprecationWarning) reach the stderr we check.
    env["PYTHONDEVMODE"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    return env


class AppProcess:
    """`python -m coach ...` as a real child process, its output going to files."""

    def __init__(self, args: Sequence[str], env: dict[str, str], log_dir: Path) -> None:
        self.stdout_path = log_dir / "coach.stdout"
        self.stderr_path = log_dir / "coach.stderr"
        self.args = [sys.executable, "-m", "coach", *args]
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.proc = subprocess.Popen(
                self.args,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                preexec_fn=_die_with_parent,
            )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")

    def describe(self) -> str:
        return (
            f"`{' '.join(self.args[1:])}` (status {self.proc.poll()}); stderr:\n"
            f"{self.stderr() or '(empty)'}"
        )

    def wait_until(
        self, condition: Callable[[], bool], timeout_s: float, what: str, poll_s: float = 0.05
    ) -> None:
        """Poll `condition` until true; fail early, with stderr, if the app dies first."""
        deadline = time.monotonic() + timeout_s
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"the app exited while waiting for {what}: " + self.describe())
            if condition():
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} within {timeout_s:g} s: " + self.describe())
            time.sleep(poll_s)

    def stay_alive(self, seconds: float) -> None:
        """Let the app run for `seconds`, failing as soon as it exits on its own."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("the app exited on its own: " + self.describe())
            time.sleep(0.1)

    def wait_exit(self, timeout_s: float) -> int:
        try:
            return self.proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(
                f"the app did not exit within {timeout_s:g} s: " + self.describe()
            ) from None

    def stop(self) -> None:
        stop_process(self.proc)


def catches_sigterm(pid: int) -> bool:
    """True once the process has its own SIGTERM handler (Linux /proc only).

    Python leaves SIGTERM at its default, so a caught SIGTERM means the app's signal bridge
    is installed: from then on SIGTERM must mean a clean exit.
    """
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("SigCgt:"):
                    return bool(int(line.split()[1], 16) & (1 << (signal.SIGTERM - 1)))
    except OSError:
        pass
    return False


def check_quiet(app: AppProcess) -> None:
    """Assert that the app wrote nothing to stderr that points at the coach (a traceback,
    a Python warning, a Qt warning about its widgets); Qt's notes on the machine pass."""
    lines = complaints(app.stderr())
    assert not lines, "the app wrote to stderr:\n" + "\n".join(lines)
