"""Rebuild the coach's cues for the breath and the routine, and its quiet breath bed.

    python assets/sounds/make_sounds.py [FOLDER]

Writes inhale.wav, hold.wav, exhale.wav, step.wav, side.wav, end.wav and breath-bed.wav
next to this script (or into FOLDER): 48 kHz, 16-bit, mono. Standard library only, and
deterministic: the same script always writes the same bytes (the noise comes from a seeded
generator of our own; no dither, no timestamps), so a test can check the shipped files
against it. make_chime.py and its step-chime.wav are separate and left as they are.

Who hears these: someone lying on the floor with their eyes closed, breathing slowly, the
volume low. So every sound is soft, lives below 2 kHz (no partial reaches the harsh
2-4 kHz band), and all notes come from one scale, G major pentatonic (G A B D E), so any two
cues heard one after the other agree with each other and with the old step chime (G5).
Each cue starts on a note of its own (SIGNATURE_HZ: D4, E4, A4, E5, A5, G4), at least a
whole tone from every other cue's, and the end's chord avoids the others' first notes too,
so both an ear and a Goertzel filter over the first 60 ms can tell which cue it was.

The sounds:
- inhale: a warm tone gliding up a fifth, D4 to A4, in 0.5 s; a sine with a quiet second
  partial. Rising pitch is what "filling up" sounds like, and it swells a little (from 70 %
  to full) as the lungs fill. The glide follows a raised-cosine curve in log frequency, so
  it leaves and reaches its notes gently and the middle carries the movement.
- hold: E4, a step above where the inhale began, held flat for 0.3 s at a lower level: no
  glide, no swell, nothing that moves, because nothing should move during a hold. (Not the
  A4 the inhale reached: that note is the exhale's start, and the two must differ.)
- exhale: the inhale reversed, A4 down to D4, a little longer (0.6 s, as exhalations are)
  and fading from full to 60 % as the lungs empty.
- step: two small bell strokes rising a fourth, E5 then A5: "on to the next". Each stroke
  is a fundamental plus an octave partial that dies first, so it starts with a little
  shimmer and settles into a pure note. Higher than the breath tones: a different kind of
  news, heard over them.
- side: the same bell turned over: A5, down to E5, back to A5, a dip-and-return figure for
  rolling to the other side; it starts where the step ends, so the two can never be taken
  for each other (one rises once, the other falls first).
- end: a G major chord, G4 B4 D5 over a soft G3, struck at once and left to ring down over
  1.8 s, the upper notes fading sooner than the root and the low G last, as on a struck
  bar: the home chord of the scale, warm and consonant, the most final thing in the set.
  It sits in the middle register rather than low, so it is not the faintest cue at low
  volume (ears hear little below 200 Hz when the volume is low).
- breath-bed: 2 s of soft air-like noise, for the app to loop under the breath and scale
  with the lung fraction. White noise (xorshift32, fixed seed) is made pink (Paul Kellet's
  three-pole filter), high-passed at 120 Hz (no rumble) and low-passed at 1.1 kHz twice
  (a soft, covered hiss). It is stationary, and the loop's seam is hidden in its opening
  0.25 s: there, the noise that would have followed the file's last sample fades out
  (equal power) as the file's own noise fades in, so when the loop wraps, sample 0 is
  simply the next sample of the same noise: no click, no change of level or colour.

Every cue (all but the bed) begins at sample 0 with a 6 ms raised-cosine attack from
exactly zero, so a recording finds its onset sharply and no click is heard; each bell stroke
inside a cue has the same attack. Each ends with a raised-cosine release to exactly zero.
Peaks are normalised: step, side and end at -12 dBFS (as the chime), inhale and exhale at
-15, hold at -18; the bed at -24 dBFS, a backdrop and nothing more.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

RATE = 48_000  # Hz
FULL_SCALE = 32767
ATTACK = 0.006  # seconds: raised-cosine rise of every cue and every bell stroke

# G major pentatonic, equal temperament (A4 = 440 Hz).
G3, D4, E4, G4, A4, B4, D5, E5, A5 = (
    196.00,
    293.66,
    329.63,
    392.00,
    440.00,
    493.88,
    587.33,
    659.26,
    880.00,
)

# The breath tones: (sine + BREATH_PARTIAL_LEVEL x its octave) under a smooth envelope.
BREATH_PARTIAL_LEVEL = 0.12  # about -18 dB: a touch of warmth, not a second voice
INHALE_FROM, INHALE_TO = D4, A4  # a rising fifth
INHALE_DURATION = 0.5
INHALE_LEVEL_FROM, INHALE_LEVEL_TO = 0.7, 1.0  # swells as the lungs fill
INHALE_RELEASE = 0.12
INHALE_PEAK_DBFS = -15.0
HOLD_HZ = E4  # a step above where the inhale began: at rest, and not the exhale's A4
HOLD_DURATION = 0.3
HOLD_RELEASE = 0.08
HOLD_PEAK_DBFS = -18.0
EXHALE_FROM, EXHALE_TO = A4, D4  # the same fifth, falling
EXHALE_DURATION = 0.6
EXHALE_LEVEL_FROM, EXHALE_LEVEL_TO = 1.0, 0.6  # fades as the lungs empty
EXHALE_RELEASE = 0.15
EXHALE_PEAK_DBFS = -15.0

# The bells: each stroke is (onset s, fundamental Hz, level, decay time constant s).
BELL_PARTIAL_RATIO = 2.0  # an octave: the shimmer is always in tune
BELL_PARTIAL_LEVEL = 0.2  # about -14 dB under its fundamental
BELL_PARTIAL_DECAY = 0.06  # seconds: the partial dies first
Stroke = tuple[float, float, float, float]
STEP_STROKES: tuple[Stroke, ...] = ((0.0, E5, 1.0, 0.22), (0.3, A5, 0.85, 0.24))
STEP_DURATION = 0.9
STEP_RELEASE = 0.12
STEP_PEAK_DBFS = -12.0
SIDE_STROKES: tuple[Stroke, ...] = (
    (0.0, A5, 1.0, 0.16),
    (0.24, E5, 0.9, 0.16),
    (0.48, A5, 0.9, 0.2),
)
SIDE_DURATION = 1.0
SIDE_RELEASE = 0.15
SIDE_PEAK_DBFS = -12.0
END_STROKES: tuple[Stroke, ...] = (
    (0.0, G4, 1.0, 0.7),  # the root leads
    (0.0, B4, 0.55, 0.55),
    (0.0, D5, 0.45, 0.45),
    (0.0, G3, 0.4, 0.9),  # an octave below: the warmth, and the last to fade
)
END_DURATION = 1.8
END_RELEASE = 0.35
END_PEAK_DBFS = -12.0

# The breath bed.
BED_DURATION = 2.0
BED_CROSSFADE = 0.25  # seconds at the start in which what follows the end fades out
BED_WARMUP = 0.25  # seconds of filter start-up thrown away
BED_SEED = 0x2545F491
BED_HIGHPASS_HZ = 120.0
BED_LOWPASS_HZ = 1100.0
BED_PEAK_DBFS = -24.0

# The dominant frequency in each cue's first 60 ms (its first note), for recognising it.
SIGNATURE_HZ: dict[str, float] = {
    "inhale": INHALE_FROM,
    "hold": HOLD_HZ,
    "exhale": EXHALE_FROM,
    "step": STEP_STROKES[0][1],
    "side": SIDE_STROKES[0][1],
    "end": END_STROKES[0][1],
}

FOLDER = Path(__file__).resolve().parent


def _rise(x: float) -> float:
    """Raised cosine from 0 (x <= 0) to 1 (x >= 1); exactly 0.0 and 1.0 at the ends."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    return 0.5 - 0.5 * math.cos(math.pi * x)


def _frames(duration: float) -> int:
    return round(RATE * duration)


def _edges(count: int, release: float, attack: float = ATTACK) -> list[float]:
    """The cue's outer envelope: an attack from exactly 0 at sample 0 (none if `attack` is 0),
    and a release that reaches exactly 0 on the last sample (cos(pi) is exactly -1)."""
    release_n = release * RATE
    last = count - 1
    if attack <= 0.0:
        return [_rise((last - n) / release_n) for n in range(count)]
    attack_n = attack * RATE
    return [_rise(n / attack_n) * _rise((last - n) / release_n) for n in range(count)]


def _normalised(raw: Sequence[float], peak_dbfs: float) -> list[int]:
    scale = 10 ** (peak_dbfs / 20) * FULL_SCALE / max(abs(x) for x in raw)
    return [round(x * scale) for x in raw]


def _breath_tone(
    start_hz: float,
    end_hz: float,
    duration: float,
    level_from: float,
    level_to: float,
    release: float,
) -> list[float]:
    """A tone whose pitch and level move together along one raised-cosine curve."""
    count = _frames(duration)
    ratio = end_hz / start_hz
    raw: list[float] = []
    phase = 0.0  # accumulated, so the glide never jumps in phase
    for n, gain in enumerate(_edges(count, release)):
        progress = _rise(n / count)
        level = level_from + (level_to - level_from) * progress
        raw.append(gain * level * (math.sin(phase) + BREATH_PARTIAL_LEVEL * math.sin(2 * phase)))
        phase += 2 * math.pi * start_hz * ratio**progress / RATE
    return raw


def _bells(strokes: Sequence[Stroke], duration: float, release: float) -> list[float]:
    """Struck notes, each with its own attack, exponential ring and faster octave partial."""
    count = _frames(duration)
    raw = [0.0] * count
    for onset, hz, level, decay in strokes:
        first = _frames(onset)
        for n in range(first, count):
            t = (n - first) / RATE
            fundamental = math.sin(2 * math.pi * hz * t) * math.exp(-t / decay)
            partial = math.sin(2 * math.pi * hz * BELL_PARTIAL_RATIO * t) * math.exp(
                -t / BELL_PARTIAL_DECAY
            )
            strike = _rise(t / ATTACK)
            raw[n] += level * strike * (fundamental + BELL_PARTIAL_LEVEL * partial)
    # Only the release here: the first stroke's own attack is the cue's attack.
    return [x * gain for x, gain in zip(raw, _edges(count, release, attack=0.0), strict=True)]


def _white(seed: int, count: int) -> list[float]:
    """Uniform noise in [-1, 1) from xorshift32: the same numbers on every machine."""
    state = seed & 0xFFFFFFFF or 1
    out: list[float] = []
    for _ in range(count):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        out.append(state / 2_147_483_648.0 - 1.0)
    return out


def _pink(white: Sequence[float]) -> list[float]:
    """Paul Kellet's economy pink filter: about -3 dB per octave, within ~0.5 dB."""
    b0 = b1 = b2 = 0.0
    out: list[float] = []
    for w in white:
        b0 = 0.99765 * b0 + w * 0.0990460
        b1 = 0.96300 * b1 + w * 0.2965164
        b2 = 0.57000 * b2 + w * 1.0526913
        out.append(b0 + b1 + b2 + w * 0.1848)
    return out


def _biquad(signal: Sequence[float], hz: float, highpass: bool) -> list[float]:
    """A Butterworth (Q = 1/sqrt 2) low- or high-pass section, as in the RBJ cookbook."""
    w0 = 2 * math.pi * hz / RATE
    alpha = math.sin(w0) / math.sqrt(2)
    cos_w0 = math.cos(w0)
    if highpass:
        b0 = b2 = (1 + cos_w0) / 2
        b1 = -(1 + cos_w0)
    else:
        b0 = b2 = (1 - cos_w0) / 2
        b1 = 1 - cos_w0
    a0, a1, a2 = 1 + alpha, -2 * cos_w0, 1 - alpha
    x1 = x2 = y1 = y2 = 0.0
    out: list[float] = []
    for x in signal:
        y = (b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0
        x1, x2, y1, y2 = x, x1, y, y1
        out.append(y)
    return out


def _breath_bed() -> list[float]:
    """Filtered noise of BED_DURATION whose last sample runs smoothly into its first."""
    length = _frames(BED_DURATION)
    fade = _frames(BED_CROSSFADE)
    warmup = _frames(BED_WARMUP)
    noise = _pink(_white(BED_SEED, warmup + length + fade))
    noise = _biquad(noise, BED_HIGHPASS_HZ, highpass=True)
    noise = _biquad(noise, BED_LOWPASS_HZ, highpass=False)
    noise = _biquad(noise, BED_LOWPASS_HZ, highpass=False)
    stream = noise[warmup:]  # length + fade samples of settled noise
    # The loop plays stream[0:length] and then starts again. Its opening `fade` samples fade
    # from the stream's continuation (stream[length + n], which is what would have followed
    # the last sample) into its own beginning: so sample 0 of the file is stream[length],
    # the true successor of the last sample, stream[length - 1]. Sine/cosine gains keep the
    # power steady while two unrelated stretches of noise are mixed.
    bed = stream[:length]
    for n in range(fade):
        angle = 0.5 * math.pi * n / fade
        bed[n] = stream[n] * math.sin(angle) + stream[length + n] * math.cos(angle)
    return bed


RENDERERS: dict[str, tuple[Callable[[], list[float]], float]] = {
    "inhale": (
        lambda: _breath_tone(
            INHALE_FROM,
            INHALE_TO,
            INHALE_DURATION,
            INHALE_LEVEL_FROM,
            INHALE_LEVEL_TO,
            INHALE_RELEASE,
        ),
        INHALE_PEAK_DBFS,
    ),
    "hold": (
        lambda: _breath_tone(HOLD_HZ, HOLD_HZ, HOLD_DURATION, 1.0, 1.0, HOLD_RELEASE),
        HOLD_PEAK_DBFS,
    ),
    "exhale": (
        lambda: _breath_tone(
            EXHALE_FROM,
            EXHALE_TO,
            EXHALE_DURATION,
            EXHALE_LEVEL_FROM,
            EXHALE_LEVEL_TO,
            EXHALE_RELEASE,
        ),
        EXHALE_PEAK_DBFS,
    ),
    "step": (lambda: _bells(STEP_STROKES, STEP_DURATION, STEP_RELEASE), STEP_PEAK_DBFS),
    "side": (lambda: _bells(SIDE_STROKES, SIDE_DURATION, SIDE_RELEASE), SIDE_PEAK_DBFS),
    "end": (lambda: _bells(END_STROKES, END_DURATION, END_RELEASE), END_PEAK_DBFS),
    "breath-bed": (_breath_bed, BED_PEAK_DBFS),
}
NAMES: tuple[str, ...] = tuple(RENDERERS)
PEAK_DBFS: dict[str, float] = {name: peak for name, (_, peak) in RENDERERS.items()}


def render(name: str) -> list[int]:
    """The 16-bit samples of one sound, peak-normalised to its level."""
    make, peak_dbfs = RENDERERS[name]
    return _normalised(make(), peak_dbfs)


def write(name: str, folder: Path) -> Path:
    """Write `name`.wav into `folder` and return its path."""
    samples = render(name)
    path = folder / f"{name}.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Write every sound into the folder given (default: next to this script)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1:
        print("usage: make_sounds.py [FOLDER]", file=sys.stderr)
        return 2
    folder = Path(args[0]) if args else FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        print(f"wrote {write(name, folder)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
