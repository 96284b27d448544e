"""The mixer: every cue written at the sample it is due, on a stream it keeps locked to the
clock; silence, said once, wherever sound is impossible; QtMultimedia loaded only when the
stream opens.

Most tests hand the mixer a stand-in for QtMultimedia (a sink that records what is written
and consumes it as the test says) and a fake clock, so what is written where is exact.
Wherever QtMultimedia really loads, it loads in a child process, never in pytest's own:
with Qt 6.11 and PulseAudio 16, a process whose first look found no sound server finds
no output even after one starts, and a server going away under a live stream can abort
the process inside libpulse; either would spoil every later test.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from coach.core.clock import FakeClock
from coach.ui.sound import mixer as mixer_module
from coach.ui.sound.mixer import (
    AHEAD_S,
    CANNOT_PLAY,
    LOCK_TIMEOUT_S,
    NO_FILE,
    NO_LIBRARY,
    NO_OUTPUT,
    RATE,
    Mixer,
    read_wav,
)
from tests.support.pulse import PulseServer, Recorder, child_env, goertzel, onsets

SOUNDS = Path(mixer_module.__file__).resolve().parents[3] / "assets" / "sounds"


class FakeIO:
    def __init__(self, sink: FakeSink) -> None:
        self._sink = sink

    def write(self, data: bytes) -> int:
        room = self._sink.bytesFree()
        taken = data[:room]
        self._sink.data.extend(taken)
        return len(taken)


class FakeSink:
    """Takes what fits in its buffer; consumes only when the test says (`consume`)."""

    def __init__(self, *args: object) -> None:
        self.data = bytearray()
        self.size = 0
        self.consumed = 0  # samples
        self.failed = False
        self.stopped = False

    def setBufferSize(self, size: int) -> None:
        self.size = size

    def start(self) -> FakeIO:
        return FakeIO(self)

    def stop(self) -> None:
        self.stopped = True

    def bytesFree(self) -> int:
        return max(0, self.size - (len(self.data) - 2 * self.consumed))

    def processedUSecs(self) -> int:
        return self.consumed * 1_000_000 // RATE

    def error(self) -> Any:
        return SimpleNamespace(name="IOError" if self.failed else "NoError")

    def consume(self, seconds: float) -> None:
        self.consumed = min(len(self.data) // 2, self.consumed + round(seconds * RATE))

    def samples(self) -> np.ndarray:
        return np.frombuffer(bytes(self.data), dtype="<i2")


class FakeFormat:
    class SampleFormat:
        Int16 = 2

    def setSampleRate(self, rate: int) -> None: ...
    def setChannelCount(self, count: int) -> None: ...
    def setSampleFormat(self, kind: int) -> None: ...


def fake_multimedia(sink: FakeSink, null_output: bool = False) -> SimpleNamespace:
    device = SimpleNamespace(isNull=lambda: null_output)
    return SimpleNamespace(
        QMediaDevices=SimpleNamespace(defaultAudioOutput=lambda: device),
        QAudioFormat=FakeFormat,
        QAudioSink=lambda *args: sink,
    )


@pytest.fixture
def sink(monkeypatch: pytest.MonkeyPatch) -> FakeSink:
    sink = FakeSink()
    monkeypatch.setattr(mixer_module, "_load_multimedia", lambda: fake_multimedia(sink))
    return sink


def said(mixer: Mixer) -> list[str]:
    messages: list[str] = []
    mixer.unavailable.connect(messages.append)
    return messages


def locked(mixer: Mixer, clock: FakeClock, sink: FakeSink) -> None:
    """Open, prime, let the 'server' start consuming, and lock."""
    mixer.open()
    mixer.pump()  # primes the buffer with silence
    clock.advance(0.1)
    sink.consume(0.1)
    mixer.pump()
    assert mixer.is_ready()


def run(mixer: Mixer, clock: FakeClock, sink: FakeSink, seconds: float) -> None:
    for _ in range(round(seconds / 0.01)):
        clock.advance(0.01)
        sink.consume(0.01)
        mixer.pump()


def first_sound(samples: np.ndarray, after: int = 0) -> int:
    """The first sample that is not silence (the stand-in sink's silence is exact)."""
    loud = np.nonzero(samples[after:])[0]
    return after + int(loud[0]) if len(loud) else -1


# -- every cue on its sample ------------------------------------------------------------------
def test_a_cue_is_written_at_the_sample_of_its_moment(qtbot: QtBot, sink: FakeSink) -> None:
    clock = FakeClock()
    mixer = Mixer(clock)
    locked(mixer, clock, sink)
    origin = clock.now() + (len(sink.data) // 2 - sink.consumed) / RATE - len(sink.data) // 2 / RATE
    due = [clock.now() + 0.5, clock.now() + 1.25]
    mixer.set_cue_source(lambda t0, t1: [("inhale", t) for t in due if t0 < t <= t1])
    run(mixer, clock, sink, 2.0)
    samples = sink.samples().astype(np.float32) / 32767
    inhale = read_wav(SOUNDS / "inhale.wav") * mixer.volume()
    # Where each was asked for, to the sample (the stream's time is the clock's), and
    # nothing before: the stream is silent up to the first.
    starts = [round((t - origin) * RATE) for t in due]
    assert not np.any(samples[: starts[0]])
    for start in starts:
        assert np.allclose(samples[start : start + len(inhale)], inhale, atol=2 / 32767)


def test_the_stream_is_written_ahead_of_the_clock_and_no_further(
    qtbot: QtBot, sink: FakeSink
) -> None:
    clock = FakeClock()
    mixer = Mixer(clock)
    locked(mixer, clock, sink)
    run(mixer, clock, sink, 1.0)
    ahead = (len(sink.data) // 2 - sink.consumed) / RATE
    assert AHEAD_S - 0.011 <= ahead <= AHEAD_S + 0.011


def test_muted_or_silenced_by_the_voice_nothing_is_heard(qtbot: QtBot, sink: FakeSink) -> None:
    clock = FakeClock()
    mixer = Mixer(clock)
    locked(mixer, clock, sink)
    start = clock.now()
    mixer.set_cue_source(
        lambda t0, t1: [
            (n, start + at) for n, at in (("exhale", 0.5), ("step", 1.0)) if t0 < start + at <= t1
        ]
    )
    mixer.hold_phase_cues(start + 0.8)  # the voice speaks till then: the exhale gives way
    run(mixer, clock, sink, 1.6)
    samples = sink.samples()
    begin = first_sound(samples)
    assert goertzel(samples[begin : begin + 2880].tolist(), 659.26) > goertzel(
        samples[begin : begin + 2880].tolist(), 440.0
    )  # the step's note, not the exhale's
    mixer.set_muted(True)
    before = len(sink.data)
    mixer.set_cue_source(lambda t0, t1: [("step", t1)])
    run(mixer, clock, sink, 0.5)
    assert not np.any(np.frombuffer(bytes(sink.data[before:]), dtype="<i2"))


def test_a_key_press_cue_is_heard_at_the_first_sample_not_yet_written(
    qtbot: QtBot, sink: FakeSink
) -> None:
    clock = FakeClock()
    mixer = Mixer(clock)
    locked(mixer, clock, sink)
    run(mixer, clock, sink, 0.3)
    written = len(sink.data) // 2
    mixer.play_now("side")
    run(mixer, clock, sink, 1.2)
    side = read_wav(SOUNDS / "side.wav") * mixer.volume()
    samples = sink.samples().astype(np.float32) / 32767
    assert not np.any(samples[:written])
    assert np.allclose(samples[written : written + len(side)], side, atol=2 / 32767)
    assert mixer.busy_until() == pytest.approx(mixer.heard[-1][1] + 1.0, abs=0.01)


def test_a_stream_that_falls_behind_is_locked_again(qtbot: QtBot, sink: FakeSink) -> None:
    clock = FakeClock()
    mixer = Mixer(clock)
    locked(mixer, clock, sink)
    run(mixer, clock, sink, 0.5)
    # The pump was held up for 0.4 s and the buffer ran dry: the server played silence
    # meanwhile, so what comes next is heard 0.4 s later than the lock says.
    clock.advance(0.4)
    sink.consume(0.4)  # all that was queued, then nothing
    run(mixer, clock, sink, 1.0)
    assert len(mixer.relocks) == 1
    assert mixer.relocks[0][1] == pytest.approx(0.25, abs=0.03)  # after the ahead part


def test_the_breath_bed_swells_with_the_lungs(qtbot: QtBot, sink: FakeSink) -> None:
    clock = FakeClock()
    mixer = Mixer(clock)
    locked(mixer, clock, sink)
    start = clock.now()
    first = len(sink.data) // 2  # written from here on with the bed
    mixer.set_lung_source(lambda t: 0.0 if t < start + 1.0 else 1.0, 1.0)
    run(mixer, clock, sink, 2.2)
    samples = sink.samples().astype(np.float64)
    empty = np.sqrt(np.mean(samples[first : first + int(0.6 * RATE)] ** 2))
    full = np.sqrt(np.mean(samples[-int(0.5 * RATE) :] ** 2))
    assert full / empty == pytest.approx(1.0 / 0.15, rel=0.25)  # BED_HIGH / BED_LOW


# -- silence, said once ------------------------------------------------------------------------
def test_without_the_audio_library_it_says_so_once(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> None:
        raise ImportError("libpulse.so.0: cannot open shared object file")

    monkeypatch.setattr(mixer_module, "_load_multimedia", missing)
    mixer = Mixer(FakeClock())
    messages = said(mixer)
    mixer.open()
    mixer.open()
    mixer.play_now("step")
    assert messages == [NO_LIBRARY] and mixer.is_silenced()


def test_without_an_output_it_says_so_once(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    sink = FakeSink()
    monkeypatch.setattr(
        mixer_module, "_load_multimedia", lambda: fake_multimedia(sink, null_output=True)
    )
    mixer = Mixer(FakeClock())
    messages = said(mixer)
    mixer.open()
    mixer.open()
    assert messages == [NO_OUTPUT]


def test_a_missing_sound_file_is_said_once(qtbot: QtBot, sink: FakeSink, tmp_path: Path) -> None:
    mixer = Mixer(FakeClock(), sounds_dir=tmp_path)
    messages = said(mixer)
    mixer.open()
    mixer.open()
    assert messages == [NO_FILE]


def test_a_file_of_the_wrong_kind_is_said_too(qtbot: QtBot, sink: FakeSink, tmp_path: Path) -> None:
    for path in SOUNDS.glob("*.wav"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "hold.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk")
    mixer = Mixer(FakeClock(), sounds_dir=tmp_path)
    messages = said(mixer)
    mixer.open()
    assert messages == [NO_FILE]


def test_a_stream_that_never_starts_is_given_up_in_words(qtbot: QtBot, sink: FakeSink) -> None:
    clock = FakeClock()
    mixer = Mixer(clock)
    messages = said(mixer)
    mixer.open()
    for _ in range(round(LOCK_TIMEOUT_S / 0.5) + 2):
        clock.advance(0.5)
        mixer.pump()
    assert messages == [CANNOT_PLAY] and sink.stopped


def test_an_error_from_the_stream_or_qt_is_never_raised(qtbot: QtBot, sink: FakeSink) -> None:
    clock = FakeClock()
    mixer = Mixer(clock)
    messages = said(mixer)
    locked(mixer, clock, sink)
    sink.bytesFree = lambda: 1 // 0  # type: ignore[method-assign]
    mixer.pump()
    mixer.pump()
    assert messages == [CANNOT_PLAY]


def test_importing_and_making_a_mixer_loads_no_multimedia() -> None:
    probe = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QCoreApplication
        from coach.core.clock import MonotonicClock
        from coach.ui.sound.mixer import Mixer
        from coach.ui.sound.session_audio import SessionAudio
        from coach.ui.sound.voice import Voice
        app = QCoreApplication([])
        clock = MonotonicClock()
        SessionAudio(clock, Mixer(clock), Voice(clock))
        print(sorted(m for m in sys.modules if "Multimedia" in m or "TextToSpeech" in m))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == "[]"


def test_without_a_sound_server_it_says_so_once(tmp_path: Path) -> None:
    child = textwrap.dedent(
        """
        from PySide6.QtCore import QCoreApplication, QTimer
        from coach.core.clock import MonotonicClock
        from coach.ui.sound.mixer import Mixer
        app = QCoreApplication([])
        mixer = Mixer(MonotonicClock())
        mixer.unavailable.connect(lambda m: print("unavailable:", m, flush=True))
        mixer.open(); mixer.open()
        QTimer.singleShot(500, app.quit)
        app.exec()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", child],
        capture_output=True,
        text=True,
        timeout=120,
        env=child_env(
            PULSE_SERVER=f"unix:{tmp_path / 'absent' / 'native'}",
            PULSE_RUNTIME_PATH=str(tmp_path / "absent"),
        ),
    )
    assert result.returncode == 0, result.stderr
    prefix = "unavailable: "
    lines = [
        line.removeprefix(prefix) for line in result.stdout.splitlines() if line.startswith(prefix)
    ]
    # NO_LIBRARY where libpulse itself is missing: the same silence, for another reason.
    assert lines in ([NO_OUTPUT], [NO_LIBRARY], [CANNOT_PLAY]), result.stdout + result.stderr


# -- a real sound server -----------------------------------------------------------------------
def test_a_cue_reaches_a_real_sound_server_at_its_level(pulse_server: PulseServer) -> None:
    """The step cue played by the real mixer through libpulse into the null sink, recorded
    back: one sound, the step's notes, at the file's level times the volume."""
    child = textwrap.dedent(
        """
        from PySide6.QtCore import QCoreApplication, QTimer
        from coach.core.clock import MonotonicClock
        from coach.ui.sound.mixer import Mixer
        app = QCoreApplication([])
        clock = MonotonicClock()
        mixer = Mixer(clock)
        mixer.set_volume(0.5)
        mixer.unavailable.connect(lambda m: (print("unavailable:", m, flush=True), app.quit()))
        def ready():
            at = clock.now() + 0.5
            mixer.set_cue_source(lambda t0, t1: [("step", at)] if t0 < at <= t1 else [])
            QTimer.singleShot(2500, app.quit)
        mixer.ready.connect(ready)
        mixer.open()
        app.exec()
        """
    )
    with Recorder(pulse_server) as recorder:
        result = subprocess.run(
            [sys.executable, "-c", child],
            capture_output=True,
            text=True,
            timeout=120,
            env=child_env(),
        )
    assert result.returncode == 0, result.stderr
    assert "unavailable" not in result.stdout, result.stdout
    recorded = recorder.samples()
    assert len(onsets(recorded)) == 1
    step = read_wav(SOUNDS / "step.wav")
    peak = max(abs(s) for s in recorded)
    assert peak / (np.max(np.abs(step)) * 32767 * 0.5) == pytest.approx(1.0, abs=0.05)
    start = onsets(recorded)[0]
    window = recorded[start : start + 2880]
    assert goertzel(window, 659.26) > 10 * goertzel(window, 880.0)  # E5 first, then A5
