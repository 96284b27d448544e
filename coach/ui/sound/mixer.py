"""The coach's one audio stream: every cue written into it ahead of time, on the sample.

A cue started with a play() call when its moment is noticed is always late by however long
the audio path takes, and the first one later still (QtMultimedia loads, the sound server
opens a stream). So the coach keeps one stream open and writes into it a little ahead of
the clock: each cue is mixed in at the sample that will be heard at its moment. Once the
stream runs, the time from a sample written to the sample heard is fixed, so every cue,
the first included, lands the same distance from its moment, and that distance is small.

How the clock and the stream are tied: the stream is opened early (the sound server takes
about two seconds to start consuming a new stream), filled with silence until it
consumes, and then locked: sample `n` is heard at `origin + n / RATE` on the coach's
clock. From then on each pump (every 10 ms) writes up to `AHEAD_S` past the clock. The
lock is checked against what the stream has consumed; if the two drift apart (a sound card
whose crystal runs fast, a pump held up long enough to empty the buffer) it is taken again.

Sound is a nicety, never a requirement: wherever it cannot play (no libpulse, no sound
server, no output, a missing or unreadable file, a stream in error) the mixer says so once
in plain words (`unavailable`) and the coach carries on silently. Nothing here raises.

Signals:
    unavailable(str): sound cannot be played here; a sentence to show the person.
    ready(): the stream is locked to the clock; cues from now on are on time.
"""

from __future__ import annotations

import contextlib
import math
import statistics
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from coach.core.assets import asset
from coach.core.clock import Clock

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Samples = NDArray[np.float32]
else:
    Samples = Any

RATE = 48_000
SOUND_NAMES = ("inhale", "hold", "exhale", "step", "side", "end")
BED = "breath-bed"
PUMP_MS = 10
AHEAD_S = 0.15
"""How far past the clock the stream is written: the most a pump may be late by before a
gap is heard, and the longest a change (mute, pause) takes to be heard."""
BUFFER_S = 0.3
LOCK_TIMEOUT_S = 8.0
"""A stream that has consumed nothing after this long is taken as one that never will."""
DRIFT_S = 0.015
"""A lock further off than this (the median of the last checks) is taken again."""
CHECKS = 50
#: How loud the breath bed is at empty and full lungs (times its file's own level).
BED_LOW, BED_HIGH = 0.15, 1.0
BED_STEP = RATE // 100

NO_LIBRARY = (
    "Sound is off: this computer lacks the audio library the coach needs (on Linux, "
    "libpulse). The coach carries on silently."
)
NO_OUTPUT = "Sound is off: no audio output was found. The coach carries on silently."
NO_FILE = "Sound is off: a sound file is missing or unreadable. The coach carries on silently."
CANNOT_PLAY = (
    "Sound is off: the audio output stopped working or never started. The coach carries on "
    "silently."
)

#: Gives the cues due in a window of the clock: (name, clock time) for (t0, t1].
CueSource = Callable[[float, float], Sequence[tuple[str, float]]]
#: The lung fraction (0-1) at a clock time, or None while no breath is paced.
LungSource = Callable[[float], float | None]


def _load_multimedia() -> Any:
    """Import QtMultimedia; ImportError or OSError when its system libraries are missing.
    A module-level function so a test can make it fail as a machine without libpulse does."""
    from PySide6 import QtMultimedia

    return QtMultimedia


def read_wav(path: Path) -> Samples:
    """A 16-bit mono WAV at RATE as float samples in -1..1; ValueError when it is not."""
    import numpy as np

    with wave.open(str(path), "rb") as source:
        if (source.getnchannels(), source.getsampwidth(), source.getframerate()) != (1, 2, RATE):
            raise ValueError(f"{path.name}: expected 16-bit mono at {RATE} Hz")
        frames = source.readframes(source.getnframes())
    return np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0


@dataclass
class _Cue:
    name: str
    start: int
    """The stream sample it begins at."""


class Mixer(QObject):
    unavailable = Signal(str)
    ready = Signal()

    def __init__(
        self, clock: Clock, sounds_dir: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._dir = sounds_dir
        self._sounds: dict[str, Samples] = {}
        self._bed: Samples | None = None
        self._sink: Any = None
        self._io: Any = None
        self._silenced = False
        self._volume = 0.8
        self._muted = False
        self._quiet_until = -math.inf  # phase cues held back (the voice is speaking)
        self._cue_source: CueSource | None = None
        self._lung_source: LungSource | None = None
        self._bed_level = 0.0
        self._written = 0  # samples handed to the stream
        self._origin: float | None = None  # clock time of sample 0, once locked
        self._asked_until: float | None = None  # the cue source was asked up to here
        self._opened_at = 0.0
        self._playing: list[_Cue] = []
        self._last_end: int | None = None  # the stream sample the latest cue ends at
        self._checks: list[float] = []
        self.relocks: list[tuple[float, float]] = []
        """(clock time, seconds moved) of every lock taken again."""
        self.trace: list[tuple[float, float]] = []
        self.heard: list[tuple[str, float]] = []
        """Every cue written, with the clock time it is heard (for tests and benchmarks)."""
        self._pump = QTimer(self)
        self._pump.setTimerType(Qt.TimerType.PreciseTimer)
        self._pump.setInterval(PUMP_MS)
        self._pump.timeout.connect(self.pump)

    # -- what the window sets ------------------------------------------------------------
    def set_cue_source(self, source: CueSource | None) -> None:
        """Where the cues come from (None: no session, silence)."""
        self._cue_source = source
        self._asked_until = None

    def set_lung_source(self, source: LungSource | None, level: float) -> None:
        """The breath bed follows `source` at `level` (0 or None: no bed)."""
        self._lung_source = source if level > 0 else None
        self._bed_level = max(0.0, min(1.0, level))

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))

    def volume(self) -> float:
        return self._volume

    def set_muted(self, muted: bool) -> None:
        self._muted = muted

    def is_muted(self) -> bool:
        return self._muted

    def hold_phase_cues(self, until: float) -> None:
        """No phase cue starts before clock time `until` (the voice speaks till then)."""
        self._quiet_until = until

    def play_now(self, name: str) -> None:
        """A cue at the earliest sample not yet written (a key the person pressed)."""
        if self._origin is not None and name in self._sounds:
            self._start(name, self._written)

    def busy_until(self) -> float:
        """The clock time the last cue written so far ends (the voice waits for it)."""
        if self._origin is None or self._last_end is None:
            return -math.inf
        return self._clock_of(self._last_end)

    def is_ready(self) -> bool:
        return self._origin is not None

    def is_silenced(self) -> bool:
        return self._silenced

    # -- the stream ------------------------------------------------------------------------
    def open(self) -> None:
        """Load the sounds and open the stream (idempotent; quietly nothing once silenced)."""
        if self._sink is not None or self._silenced:
            return
        try:
            self._load()
        except (OSError, ValueError, EOFError, wave.Error):
            self._give_up(NO_FILE)
            return
        try:
            multimedia = _load_multimedia()
        except (ImportError, OSError):
            self._give_up(NO_LIBRARY)
            return
        try:
            device = multimedia.QMediaDevices.defaultAudioOutput()
            if device.isNull():
                self._give_up(NO_OUTPUT)
                return
            audio_format = multimedia.QAudioFormat()
            audio_format.setSampleRate(RATE)
            audio_format.setChannelCount(1)
            audio_format.setSampleFormat(multimedia.QAudioFormat.SampleFormat.Int16)
            self._sink = multimedia.QAudioSink(device, audio_format, self)
            self._sink.setBufferSize(int(RATE * BUFFER_S) * 2)
            self._io = self._sink.start()
        except Exception:
            self._give_up(CANNOT_PLAY)
            return
        if self._io is None:
            self._give_up(CANNOT_PLAY)
            return
        self._opened_at = self._clock.now()
        self._pump.start()

    def close(self) -> None:
        self._pump.stop()
        if self._sink is not None:
            self._sink.stop()
        self._sink = self._io = None
        self._origin = None

    def _load(self) -> None:
        folder = self._dir
        for name in SOUND_NAMES:
            path = folder / f"{name}.wav" if folder else asset("sounds", f"{name}.wav")
            self._sounds[name] = read_wav(path)
        bed = folder / f"{BED}.wav" if folder else asset("sounds", f"{BED}.wav")
        self._bed = read_wav(bed)

    def pump(self) -> None:
        """Write what is due now (the timer does this every 10 ms; tests call it)."""
        try:
            self._pump_once()
        except Exception:
            self._give_up(CANNOT_PLAY)

    def _pump_once(self) -> None:
        sink, now = self._sink, self._clock.now()
        if sink is None:
            return
        if getattr(sink.error(), "name", "NoError") != "NoError":
            self._give_up(CANNOT_PLAY)
            return
        free = sink.bytesFree() // 2
        consumed = sink.processedUSecs() * RATE // 1_000_000
        if self._origin is None:
            if consumed == 0:  # not started yet: keep it primed with silence
                if now - self._opened_at > LOCK_TIMEOUT_S:
                    self._give_up(CANNOT_PLAY)
                elif free > 0:
                    self._written += self._io.write(bytes(2 * free)) // 2
                return
            self._lock(now, consumed)
            self.ready.emit()
        else:
            self._check(now, consumed)
        assert self._origin is not None
        wanted = int((now + AHEAD_S - self._origin) * RATE) - self._written
        count = min(wanted, free)
        if count <= 0:
            return
        self._schedule_cues(self._written + count)
        block = self._render(self._written, count)
        self._written += self._io.write(block) // 2

    def _lock(self, now: float, consumed: int) -> None:
        """Sample `written` is heard once everything queued before it has been."""
        queued = self._written - consumed
        self._origin = now + queued / RATE - self._written / RATE
        self._checks = []

    def _check(self, now: float, consumed: int) -> None:
        assert self._origin is not None
        queued = self._written - consumed
        self._checks.append(now + queued / RATE - self._written / RATE)
        if len(self._checks) < CHECKS:
            return
        estimate = statistics.median(self._checks)
        self._checks = []
        self.trace.append((now, estimate - self._origin))
        if abs(estimate - self._origin) > DRIFT_S:
            # Ahead of the stream now: skip (or wait) so later cues land on time again.
            self.relocks.append((now, estimate - self._origin))
            self._origin = estimate

    def _clock_of(self, sample: int) -> float:
        assert self._origin is not None
        return self._origin + sample / RATE

    def _schedule_cues(self, end: int) -> None:
        source = self._cue_source
        if source is None:
            return
        until = self._clock_of(end)
        since = (
            self._asked_until if self._asked_until is not None else self._clock_of(self._written)
        )
        self._asked_until = until
        if until <= since:
            return
        for name, at in source(since, until):
            if name not in self._sounds:
                continue
            if name in ("inhale", "hold", "exhale") and at < self._quiet_until:
                continue
            assert self._origin is not None
            self._start(name, max(self._written, round((at - self._origin) * RATE)))

    def _start(self, name: str, sample: int) -> None:
        self._playing.append(_Cue(name, sample))
        end = sample + len(self._sounds[name])
        self._last_end = end if self._last_end is None else max(self._last_end, end)
        self.heard.append((name, self._clock_of(sample)))

    def _render(self, first: int, count: int) -> bytes:
        import numpy as np

        block = np.zeros(count, dtype=np.float32)
        gain = 0.0 if self._muted else self._volume
        still: list[_Cue] = []
        for cue in self._playing:
            sound = self._sounds[cue.name]
            a, b = max(cue.start, first), min(cue.start + len(sound), first + count)
            if a < b:
                block[a - first : b - first] += sound[a - cue.start : b - cue.start]
            if cue.start + len(sound) > first + count:
                still.append(cue)
        self._playing = still
        if self._lung_source is not None and self._bed is not None:
            self._add_bed(block, first, count)
        block *= gain * 32767.0
        return np.clip(block, -32768, 32767).astype("<i2").tobytes()

    def _add_bed(self, block: Samples, first: int, count: int) -> None:
        """The quiet breath sound, louder as the lungs fill (a level per 10 ms)."""
        import numpy as np

        assert self._bed is not None and self._lung_source is not None
        bed = self._bed
        index = (np.arange(first, first + count) % len(bed)).astype(np.int64)
        # A level every 10 ms, joined by straight lines: no steps to hear.
        points = np.arange(0, count + BED_STEP, BED_STEP)
        values = np.empty(len(points), dtype=np.float32)
        for k, offset in enumerate(points):
            fraction = self._lung_source(self._clock_of(first + int(offset)))
            values[k] = 0.0 if fraction is None else BED_LOW + (BED_HIGH - BED_LOW) * fraction
        levels = np.interp(np.arange(count), points, values).astype(np.float32)
        levels *= self._bed_level
        block += bed[index] * levels

    def _give_up(self, message: str) -> None:
        if self._silenced:
            return
        self._silenced = True
        self._pump.stop()
        if self._sink is not None:
            with contextlib.suppress(Exception):  # already broken: silence is wanted
                self._sink.stop()
        self._sink = self._io = None
        self._origin = None
        self.unavailable.emit(message)
