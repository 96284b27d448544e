"""A private PulseAudio server with a null sink, and what its monitor recorded.

For the tests that play real sound: the server touches no sound card and no desktop
session, clients reach it only through its own socket, and it is stopped and removed after
each test. `Recorder` runs `parec` on the sink's monitor; `onsets()` finds where each sound
in a recording begins, and `goertzel()` how strong one frequency is.

Wherever QtMultimedia plays, it plays in a child process, never in pytest's own (see
tests/ui/sound/test_mixer.py for why).
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.xserver import stop_process

SINK = "coach_test"
RATE = 48_000


def child_env(**changes: str) -> dict[str, str]:
    """The environment of a child that plays sound (offscreen, Qt's PulseAudio backend)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **changes)
    # Qt's default audio backend on Linux is PulseAudio (PipeWire serves it too); a
    # developer's QT_AUDIO_BACKEND=pipewire would bypass the server chosen here.
    env.pop("QT_AUDIO_BACKEND", None)
    return env


def cannot_run(message: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        # CI installs PulseAudio (.ci/run); a skip there would hide a broken set-up.
        pytest.fail(f"{message}; CI must run the real playback tests", pytrace=False)
    pytest.skip(message)


@dataclass(frozen=True)
class PulseServer:
    runtime: Path
    env: dict[str, str]

    def pactl(self, *args: str) -> str:
        result = subprocess.run(
            ["pactl", *args], capture_output=True, text=True, timeout=30, env=self.env
        )
        return result.stdout if result.returncode == 0 else ""

    def sink_index(self, name: str) -> str:
        for line in self.pactl("list", "short", "sinks").splitlines():
            fields = line.split("\t")
            if len(fields) > 1 and fields[1] == name:
                return fields[0]
        raise AssertionError(f"no sink {name!r}: {self.pactl('list', 'short', 'sinks')!r}")

    def stream_of(self, pid: int) -> str:
        """The `pactl list sink-inputs` entry of a stream process `pid` is playing, or ''."""
        listing = self.pactl("list", "sink-inputs")
        for entry in re.split(r"^Sink Input #", listing, flags=re.MULTILINE)[1:]:
            if f'application.process.id = "{pid}"' in entry:
                return "Sink Input #" + entry
        return ""


def _ready(proc: subprocess.Popen[bytes], env: dict[str, str], log: Path) -> None:
    """Wait for the server to answer `pactl info` (it needs ~0.1 s here)."""
    deadline = time.monotonic() + 60.0
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        probe = subprocess.run(["pactl", "info"], capture_output=True, timeout=30, env=env)
        if probe.returncode == 0:
            return
        time.sleep(0.05)  # another process starting up: nothing in Qt to wait on
    tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
    cannot_run(f"pulseaudio did not start (exit status {proc.poll()}):\n{tail}")


@pytest.fixture
def pulse_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[PulseServer]:
    """A private PulseAudio server with one null sink, `coach_test`, for this test alone.

    No default script (-n): it touches no sound card and no desktop session; clients reach
    it only through its own socket, anonymously. Stopped and removed afterwards.
    """
    missing = [tool for tool in ("pulseaudio", "pactl", "parec") if shutil.which(tool) is None]
    if missing:
        cannot_run(
            f"{', '.join(missing)} not installed (Debian: apt-get install pulseaudio "
            "pulseaudio-utils)"
        )
    # Under /tmp, not pytest's tmp_path: a unix socket path may not exceed 107 bytes.
    runtime = Path(tempfile.mkdtemp(prefix="coach-pulse-"))
    socket = runtime / "native"
    env = dict(
        os.environ,
        HOME=str(runtime),  # its cookie and state files land here, not in a real home
        PULSE_RUNTIME_PATH=str(runtime),
        PULSE_SERVER=f"unix:{socket}",
    )
    log = runtime / "pulseaudio.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                "pulseaudio",
                "--daemonize=no",
                "--system=false",  # as root too: a private server, not the system one
                "--use-pid-file=false",  # never meets (or stops) a developer's own server
                "--disallow-exit",
                "--exit-idle-time=-1",
                "-n",
                f"--load=module-null-sink sink_name={SINK}",
                f"--load=module-native-protocol-unix auth-anonymous=1 socket={socket}",
                "--log-target=stderr",
            ],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=out,
            env=env,
        )
    try:
        _ready(proc, env, log)
        monkeypatch.setenv("PULSE_SERVER", env["PULSE_SERVER"])
        monkeypatch.setenv("PULSE_RUNTIME_PATH", env["PULSE_RUNTIME_PATH"])
        yield PulseServer(runtime, env)
    finally:
        stop_process(proc)
        shutil.rmtree(runtime, ignore_errors=True)


class Recorder:
    """`parec` on the sink's monitor into a raw file (16-bit mono at RATE), while in use."""

    def __init__(self, server: PulseServer, rate: int = RATE) -> None:
        self.path = server.runtime / "monitor.raw"
        self.rate = rate
        self._server = server
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Recorder:
        log = (self._server.runtime / "parec.log").open("wb")
        with self.path.open("wb") as out:
            self._proc = subprocess.Popen(
                [
                    "parec",
                    f"--device={SINK}.monitor",
                    "--format=s16le",
                    f"--rate={self.rate}",
                    "--channels=1",
                    "--latency-msec=20",  # small pieces, often: the file follows the sink
                ],
                stdout=out,
                stderr=log,
                env=self._server.env,
            )
        log.close()
        deadline = time.monotonic() + 30
        while not self._server.pactl("list", "short", "source-outputs"):
            if time.monotonic() > deadline:
                raise AssertionError("parec never started recording")
            time.sleep(0.02)  # another process starting up: nothing in Qt to wait on
        return self

    def __exit__(self, *exc: object) -> None:
        if self._proc is not None:
            stop_process(self._proc)

    def samples(self) -> list[int]:
        return s16(self.path.read_bytes())


def s16(data: bytes) -> list[int]:
    import struct

    count = len(data) // 2
    return list(struct.unpack(f"<{count}h", data[: 2 * count]))


def goertzel(samples: list[int], frequency: float, rate: int = RATE) -> float:
    """Power of one frequency in `samples` (a single DFT bin, without numpy)."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    previous = before = 0.0
    for sample in samples:
        previous, before = sample + coefficient * previous - before, previous
    return previous**2 + before**2 - coefficient * previous * before


def sounding(samples: list[int], threshold: int = 50) -> tuple[int, int] | None:
    """First and last index above `threshold` (about -56 dBFS); the null sink's silence is 0."""
    loud = [i for i, s in enumerate(samples) if abs(s) > threshold]
    return (loud[0], loud[-1]) if loud else None


def onsets(samples: list[int], threshold: int = 50, gap_s: float = 0.15) -> list[int]:
    """Where each sound begins: the first sample above `threshold` after at least `gap_s`
    of samples below it."""
    gap = int(gap_s * RATE)
    found: list[int] = []
    last_loud = -(10**12)
    for i, sample in enumerate(samples):
        if abs(sample) > threshold:
            if i - last_loud > gap:
                found.append(i)
            last_loud = i
    return found
