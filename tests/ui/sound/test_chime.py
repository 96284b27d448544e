"""The step chime: a soft, valid WAV; QtMultimedia loaded only when a chime plays; silence,
said once, wherever sound is impossible; and real playback into a private PulseAudio
server's null sink, recorded from the sink's monitor and checked to be our chime.

Wherever QtMultimedia really loads, it loads in a child process, never in pytest's own.
Two things Qt 6.11.3 does with PulseAudio 16.1 (both reproduced while writing these tests)
make that necessary: a process whose first look found no sound server finds no output
even after one starts, so one early test without a server would leave every later test
soundless; and when the server goes away while no sound effect exists, the next sound
effect played aborts the whole process inside libpulse ("Assertion 'c' failed at
pulse/context.c ... pa_context_get_state()"), which would take the rest of the suite with
it after a fixture had stopped its server.
"""

from __future__ import annotations

import enum
import importlib.util
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import textwrap
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from coach.core.assets import asset
from coach.ui.sound import chime as chime_module
from coach.ui.sound.chime import CANNOT_PLAY, NO_FILE, NO_LIBRARY, NO_OUTPUT, VOLUME, Chime
from tests.e2e.xserver import stop_process

WAV = asset("sounds", "step-chime.wav")
SINK = "coach_test"
# Generous: the child quits as soon as it has its answer, but on a loaded machine loading
# QtMultimedia and FFmpeg and hearing back from the server can take many seconds.
CHILD_TIMEOUT_S = 90.0
CHILD_WAIT_MS = 75_000  # inside the child, for the chime to end or fail

# One chime played by the real Chime class in a fresh process. Prints what happened;
# after an `unavailable` it cues twice more, to show that nothing is said (or tried) again.
CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from coach.ui.sound.chime import Chime

    app = QCoreApplication([])
    chime = Chime(Path(sys.argv[2]) if len(sys.argv) > 2 else None)
    done = QEventLoop()
    said = []

    def unavailable(message):
        said.append(message)
        print("unavailable:", message, flush=True)
        done.quit()

    def playing_changed(playing):
        print("playing:", playing, flush=True)
        if not playing:
            done.quit()

    chime.unavailable.connect(unavailable)
    chime.playing_changed.connect(playing_changed)
    chime.play()
    status = 0
    if not said:  # no answer yet: wait for the chime to end, or to fail
        QTimer.singleShot(int(sys.argv[1]), lambda: done.exit(3))
        status = done.exec()
    if said:
        chime.play()
        chime.play()
        app.processEvents()
    sys.exit(status)
    """
)


def _child_env(**changes: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **changes)
    # Qt's default audio backend on Linux is PulseAudio (PipeWire serves it too); a
    # developer's QT_AUDIO_BACKEND=pipewire would bypass the server chosen here.
    env.pop("QT_AUDIO_BACKEND", None)
    return env


def _unavailable_lines(stdout: str) -> list[str]:
    prefix = "unavailable: "
    return [line.removeprefix(prefix) for line in stdout.splitlines() if line.startswith(prefix)]


def _load_generator() -> ModuleType:
    path = WAV.with_name("make_chime.py")
    spec = importlib.util.spec_from_file_location("make_chime", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read_wav(path: Path) -> list[int]:
    with wave.open(str(path), "rb") as source:
        return _s16(source.readframes(source.getnframes()))


def _s16(data: bytes) -> list[int]:
    count = len(data) // 2
    return list(struct.unpack(f"<{count}h", data[: 2 * count]))


# -- the sound file -------------------------------------------------------------------------
def test_the_chime_is_a_soft_clean_mono_wav() -> None:
    with wave.open(str(WAV), "rb") as source:
        params = source.getparams()
    samples = _read_wav(WAV)
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, 44_100)
    assert params.comptype == "NONE"
    assert 0.4 <= params.nframes / params.framerate <= 1.2
    peak_dbfs = 20 * math.log10(max(abs(s) for s in samples) / 32768)
    assert -14.0 < peak_dbfs < -6.0, f"peak at {peak_dbfs:.1f} dBFS"
    # Starting and ending at (near) zero: no click as the sound opens or is cut off.
    assert abs(samples[0]) <= 16 and abs(samples[-1]) <= 16
    # The attack is a ramp, not a step: the first millisecond stays far below the peak.
    assert max(abs(s) for s in samples[:44]) < 0.1 * max(abs(s) for s in samples)


def test_the_chime_is_rebuilt_byte_for_byte_by_its_script(tmp_path: Path) -> None:
    rebuilt = tmp_path / "chime.wav"
    _load_generator().write(rebuilt)
    assert rebuilt.read_bytes() == WAV.read_bytes()


# -- start-up cost --------------------------------------------------------------------------
def test_importing_and_making_a_chime_loads_no_multimedia() -> None:
    probe = (
        "import sys\n"
        "from coach.ui.sound.chime import Chime\n"
        "chime = Chime()\n"
        "chime.set_enabled(False)\n"
        "chime.play()\n"  # muted: must not load it either
        "print([m for m in sys.modules if 'QtMultimedia' in m])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env=_child_env(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# -- no sound possible: said once, never raised ---------------------------------------------
@pytest.mark.parametrize(
    "error",
    [
        ImportError("libpulse.so.0: cannot open shared object file: No such file or directory"),
        OSError("libpulse-mainloop-glib.so.0: cannot open shared object file"),
    ],
    ids=["ImportError", "OSError"],
)
def test_without_the_audio_library_it_says_so_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    attempts: list[int] = []

    def missing_library() -> ModuleType:
        attempts.append(1)
        raise error

    monkeypatch.setattr(chime_module, "_load_multimedia", missing_library)
    chime = Chime()
    said: list[str] = []
    chime.unavailable.connect(said.append)
    for _ in range(4):
        chime.play()
    assert said == [NO_LIBRARY]
    assert len(attempts) == 1  # silent afterwards: not even another try
    assert not chime.is_playing()


def test_a_muted_chime_touches_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[int] = []

    def missing_library() -> ModuleType:
        attempts.append(1)
        raise ImportError("no libpulse")

    monkeypatch.setattr(chime_module, "_load_multimedia", missing_library)
    chime = Chime()
    said: list[str] = []
    chime.unavailable.connect(said.append)
    chime.set_enabled(False)
    chime.play()
    assert (attempts, said, chime.is_enabled()) == ([], [], False)
    chime.set_enabled(True)
    chime.play()
    assert (len(attempts), said) == (1, [NO_LIBRARY])


def test_a_missing_sound_file_is_said_once(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_asset(*parts: str) -> Path:
        raise FileNotFoundError("asset not found: " + "/".join(parts))

    monkeypatch.setattr(chime_module, "asset", no_asset)
    chime = Chime()
    said: list[str] = []
    chime.unavailable.connect(said.append)
    chime.play()
    chime.play()
    assert said == [NO_FILE]


class _SilentlyFailingEffect(QObject):
    """A QSoundEffect whose decoder fails without a word: its status turns to Error but
    statusChanged is never emitted (what Qt 6.11 did once under load)."""

    class Status(enum.Enum):
        Loading = 1
        Error = 3

    statusChanged = Signal()
    playingChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status = self.Status.Loading

    def setVolume(self, volume: float) -> None:
        pass

    def setSource(self, url: object) -> None:
        pass

    def play(self) -> None:
        self._status = self.Status.Error  # and no statusChanged

    def status(self) -> Status:
        return self._status

    def isPlaying(self) -> bool:
        return False

    def stop(self) -> None:
        pass


def test_a_failure_reported_only_in_the_status_is_said_too(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = SimpleNamespace(isNull=lambda: False)
    fake = SimpleNamespace(
        QMediaDevices=SimpleNamespace(defaultAudioOutput=lambda: output),
        QSoundEffect=_SilentlyFailingEffect,
    )
    monkeypatch.setattr(chime_module, "_load_multimedia", lambda: fake)
    chime = Chime()
    said: list[str] = []
    chime.unavailable.connect(said.append)
    chime.play()
    assert said == []
    qtbot.waitUntil(lambda: said == [CANNOT_PLAY], timeout=chime_module.STATUS_CHECK_MS * 4)
    chime.play()  # silent from now on, and said only once
    assert said == [CANNOT_PLAY]


def test_an_unexpected_error_from_qt_is_not_raised(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_devices() -> object:
        raise RuntimeError("Internal C++ object already deleted.")

    fake = SimpleNamespace(QMediaDevices=SimpleNamespace(defaultAudioOutput=broken_devices))
    monkeypatch.setattr(chime_module, "_load_multimedia", lambda: fake)
    chime = Chime()
    said: list[str] = []
    chime.unavailable.connect(said.append)
    chime.play()
    chime.play()
    assert said == [CANNOT_PLAY]


def test_without_a_sound_server_it_says_so_once(tmp_path: Path) -> None:
    """The real QtMultimedia with no server to reach: no output device, one notice."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(CHILD_WAIT_MS)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        # An explicit server also stops libpulse from autospawning one for a normal user.
        env=_child_env(
            PULSE_SERVER=f"unix:{tmp_path / 'absent' / 'native'}",
            PULSE_RUNTIME_PATH=str(tmp_path / "absent"),
        ),
    )
    assert result.returncode == 0, result.stderr
    # NO_LIBRARY where libpulse itself is missing: the same silence, for another reason.
    lines = _unavailable_lines(result.stdout)
    assert lines in ([NO_OUTPUT], [NO_LIBRARY]), result.stdout + result.stderr
    assert "playing: True" not in result.stdout


# -- a real sound server --------------------------------------------------------------------
def _cannot_run(message: str) -> None:
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
    _cannot_run(f"pulseaudio did not start (exit status {proc.poll()}):\n{tail}")


@pytest.fixture
def pulse_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[PulseServer]:
    """A private PulseAudio server with one null sink, `coach_test`, for this test alone.

    No default script (-n): it touches no sound card and no desktop session; clients reach
    it only through its own socket, anonymously. Stopped and removed afterwards.
    """
    missing = [tool for tool in ("pulseaudio", "pactl", "parec") if shutil.which(tool) is None]
    if missing:
        _cannot_run(
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


def _goertzel(samples: list[int], frequency: float, rate: int) -> float:
    """Power of one frequency in `samples` (a single DFT bin, without numpy)."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    previous = before = 0.0
    for sample in samples:
        previous, before = sample + coefficient * previous - before, previous
    return previous**2 + before**2 - coefficient * previous * before


def _sounding(samples: list[int], threshold: int = 50) -> tuple[int, int] | None:
    """First and last index above `threshold` (about -56 dBFS); the null sink's silence is 0."""
    loud = [i for i, s in enumerate(samples) if abs(s) > threshold]
    return (loud[0], loud[-1]) if loud else None


def test_the_chime_reaches_a_real_sound_server(qtbot: QtBot, pulse_server: PulseServer) -> None:
    """Played by the real Chime through libpulse into the null sink, and recorded back.

    Proof that sound arrived: while the child plays, the server lists a stream from that
    very process on `coach_test`; and the sink's monitor, recorded by `parec`, holds a
    sound with the chime's pitch at the chime's level times the Chime's volume.
    """
    generator = _load_generator()
    rate = generator.RATE
    file_samples = _read_wav(WAV)
    capture = pulse_server.runtime / "monitor.raw"
    recorder_log = pulse_server.runtime / "parec.log"
    with capture.open("wb") as out, recorder_log.open("wb") as log:
        recorder = subprocess.Popen(
            [
                "parec",
                f"--device={SINK}.monitor",
                "--format=s16le",
                f"--rate={rate}",
                "--channels=1",
                "--latency-msec=20",  # write small pieces often: the file follows the sink
            ],
            stdout=out,
            stderr=log,
            env=pulse_server.env,
        )
    child: subprocess.Popen[str] | None = None
    stream = ""
    try:
        # Recording before the chime starts, so its very beginning is captured too.
        qtbot.waitUntil(lambda: pulse_server.pactl("list", "short", "source-outputs") != "")
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(CHILD_WAIT_MS)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_child_env(),  # PULSE_SERVER: set by the fixture
        )
        pid = child.pid

        def stream_seen() -> None:
            nonlocal stream
            stream = stream or pulse_server.stream_of(pid)
            assert stream or child.poll() is not None

        qtbot.waitUntil(stream_seen, timeout=int(CHILD_TIMEOUT_S * 1000))
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=int(CHILD_TIMEOUT_S * 1000))

        def chime_recorded() -> None:
            # The whole chime, then a little silence: nothing of it is still in transit.
            samples = _s16(capture.read_bytes())
            span = _sounding(samples)
            assert span is not None and len(samples) - span[1] > 0.2 * rate

        if stream:  # else nothing will come: go on to the assertions that say why
            qtbot.waitUntil(chime_recorded, timeout=10_000)
    finally:
        if child is not None:
            stop_process(child)
        stop_process(recorder)
    assert child is not None
    stdout, stderr = child.communicate()
    assert child.returncode == 0, f"child exit status {child.returncode}:\n{stdout}{stderr}"
    assert _unavailable_lines(stdout) == [], stdout + stderr
    assert "playing: True" in stdout and "playing: False" in stdout, stdout + stderr

    assert stream, f"no stream from the child (pid {pid}) was seen:\n{stderr}"
    assert f"Sink: {pulse_server.sink_index(SINK)}" in stream, stream

    recorded = _s16(capture.read_bytes())
    span = _sounding(recorded)
    assert span is not None, "the null sink's monitor stayed silent"
    expected_peak = max(abs(s) for s in file_samples) * VOLUME
    peak = max(abs(s) for s in recorded)
    assert abs(peak / expected_peak - 1) < 0.15, f"peak {peak}, expected ~{expected_peak:.0f}"
    # One chime, not a fragment and not a repeat (the file sounds for ~0.75 s above that
    # threshold after the volume is applied).
    assert 0.4 < (span[1] - span[0]) / rate < 1.0, f"sounded {(span[1] - span[0]) / rate:.2f} s"
    # Its pitch: in the loudest 0.1 s, the fundamental outweighs the notes around it.
    start = recorded.index(peak) if peak in recorded else recorded.index(-peak)
    window = recorded[start : start + rate // 10]
    fundamental = generator.FUNDAMENTAL
    candidates = [fundamental * ratio for ratio in (0.5, 0.75, 0.89, 1.0, 1.12, 1.5, 2.0)]
    powers = {f: _goertzel(window, f, rate) for f in candidates}
    assert max(powers, key=lambda f: powers[f]) == fundamental, powers


def test_an_unplayable_file_is_said_once(pulse_server: PulseServer, tmp_path: Path) -> None:
    """A file the decoder rejects: the effect's Error status becomes one plain notice."""
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(CHILD_WAIT_MS), str(broken)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT_S,
        env=_child_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert _unavailable_lines(result.stdout) == [CANNOT_PLAY], result.stdout + result.stderr
    assert "playing: True" not in result.stdout
