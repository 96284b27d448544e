"""Rebuild step-chime.wav, the soft cue played when a guided routine moves on by itself.

    python assets/sounds/make_chime.py [OUT.wav]

Standard library only, and deterministic: the same script always writes the same bytes, so
the shipped WAV can be checked against it (no randomness, no dither, no timestamps).

The sound is a small bell heard by someone with their eyes half closed, so it is kept soft:
- a fundamental at G5 (784 Hz), bright enough to notice over breathing, well below the
  harsh 2-4 kHz band; plus one quiet partial an octave up that dies away sooner, so the
  tone starts with a little shimmer and settles into a pure note, as a struck bell does;
- an 8 ms raised-cosine attack: quick enough to sound struck, slow enough not to click;
- a smooth exponential decay, then a short cosine fade so the last sample is exactly zero
  (no click at the end either);
- peak normalised to -12 dBFS, leaving headroom and staying below the loudness of most
  system sounds; 44.1 kHz, 16-bit, mono (what every sound server plays without fuss).
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 44_100  # Hz
DURATION = 0.8  # seconds
FUNDAMENTAL = 784.0  # Hz (G5)
PARTIAL_RATIO = 2.0  # an octave: consonant, so the shimmer never sounds out of tune
PARTIAL_LEVEL = 0.22  # about -13 dB under the fundamental
ATTACK = 0.008  # seconds
DECAY = 0.17  # seconds, time constant of the fundamental's exponential decay
PARTIAL_DECAY = 0.08  # seconds: the upper partial fades first
RELEASE = 0.06  # seconds of cosine fade at the very end
PEAK_DBFS = -12.0

OUT = Path(__file__).with_name("step-chime.wav")


def envelope(t: float) -> float:
    """Gain shared by both partials at time t: raised-cosine attack, then the end fade."""
    gain = 1.0
    if t < ATTACK:
        gain *= 0.5 - 0.5 * math.cos(math.pi * t / ATTACK)
    fade_start = DURATION - RELEASE
    if t > fade_start:
        gain *= 0.5 + 0.5 * math.cos(math.pi * min(1.0, (t - fade_start) / RELEASE))
    return gain


def samples() -> list[float]:
    """The chime as floats with the peak at exactly PEAK_DBFS."""
    count = round(RATE * DURATION)
    raw: list[float] = []
    for n in range(count):
        t = n / RATE
        fundamental = math.sin(2 * math.pi * FUNDAMENTAL * t) * math.exp(-t / DECAY)
        partial = math.sin(2 * math.pi * FUNDAMENTAL * PARTIAL_RATIO * t) * math.exp(
            -t / PARTIAL_DECAY
        )
        raw.append(envelope(t) * (fundamental + PARTIAL_LEVEL * partial))
    # The end fade reaches exactly zero only at t = DURATION, one sample past the last one.
    raw[-1] = 0.0
    peak = max(abs(x) for x in raw)
    scale = 10 ** (PEAK_DBFS / 20) / peak
    return [x * scale for x in raw]


def write(path: Path) -> None:
    frames = b"".join(struct.pack("<h", round(x * 32767)) for x in samples())
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    write(target)
    print(f"wrote {target}")
