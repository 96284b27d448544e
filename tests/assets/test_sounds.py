"""The breath and routine cues (assets/sounds/make_sounds.py): each shipped WAV is exactly
what its script renders, in the format and at the level promised, starts at once from
zero and ends on zero, moves its pitch the way its breath phase does, and can be told from
every other cue by its first 60 ms; the breath bed loops without a seam.

The frequency checks use Goertzel filters (one DFT bin each, no numpy), as a test of a
recording would.
"""

from __future__ import annotations

import importlib.util
import math
import struct
import wave
from collections.abc import Sequence
from itertools import combinations, pairwise
from pathlib import Path
from types import ModuleType

import pytest

from coach.core.assets import asset

SCRIPT = asset("sounds", "make_sounds.py")
FOLDER = SCRIPT.parent
RATE = 48_000
FULL_SCALE = 32767
CUES = ("inhale", "hold", "exhale", "step", "side", "end")
SOUNDS = (*CUES, "breath-bed")

# What was asked of each sound, written out here rather than read from the script, so that
# a change of the script's constants cannot move the goalposts with it.
PEAK_DBFS = {
    "inhale": -15.0,
    "hold": -18.0,
    "exhale": -15.0,
    "step": -12.0,
    "side": -12.0,
    "end": -12.0,
    "breath-bed": -24.0,
}
SECONDS = {  # inclusive ranges around "about N s"
    "inhale": (0.4, 0.6),
    "hold": (0.25, 0.35),
    "exhale": (0.5, 0.7),
    "step": (0.8, 1.0),
    "side": (0.9, 1.1),
    "end": (1.6, 2.0),
    "breath-bed": (1.9, 2.1),
}
ONSET_THRESHOLD = 50  # about -56 dBFS: what the app's timing test looks for
SIGNATURE_WINDOW = int(0.060 * RATE)
PITCH_WINDOW = int(0.100 * RATE)


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_sounds", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return _load_generator()


@pytest.fixture(scope="module")
def shipped() -> dict[str, list[int]]:
    return {name: _read_wav(FOLDER / f"{name}.wav") for name in SOUNDS}


def _read_wav(path: Path) -> list[int]:
    with wave.open(str(path), "rb") as source:
        data = source.readframes(source.getnframes())
    return list(struct.unpack(f"<{len(data) // 2}h", data))


def _peak(samples: Sequence[int]) -> int:
    return max(abs(s) for s in samples)


def _rms(samples: Sequence[float]) -> float:
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def _goertzel(samples: Sequence[float], frequency: float) -> float:
    """Power of one frequency in `samples` (a single DFT bin)."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / RATE)
    previous = before = 0.0
    for sample in samples:
        previous, before = sample + coefficient * previous - before, previous
    return previous**2 + before**2 - coefficient * previous * before


def _hann(samples: Sequence[int]) -> list[float]:
    """Tapered, so a strong note leaks little into the bins around it during a sweep."""
    count = len(samples)
    return [s * (0.5 - 0.5 * math.cos(2 * math.pi * i / count)) for i, s in enumerate(samples)]


def _dominant(samples: Sequence[int], low: float = 100.0, high: float = 1200.0) -> float:
    """The strongest frequency between `low` and `high`: a 10 Hz sweep, then 1 Hz around
    its best bin."""
    window = _hann(samples)
    coarse = max(range(int(low), int(high) + 1, 10), key=lambda f: _goertzel(window, f))
    return max(range(coarse - 10, coarse + 11), key=lambda f: _goertzel(window, f))


def _biquad_highpass(samples: Sequence[float], hz: float) -> list[float]:
    """A Butterworth high-pass section (RBJ cookbook), written here independently."""
    w0 = 2 * math.pi * hz / RATE
    alpha = math.sin(w0) / math.sqrt(2)
    cos_w0 = math.cos(w0)
    b0, b1, b2 = (1 + cos_w0) / 2, -(1 + cos_w0), (1 + cos_w0) / 2
    a0, a1, a2 = 1 + alpha, -2 * cos_w0, 1 - alpha
    x1 = x2 = y1 = y2 = 0.0
    out: list[float] = []
    for x in samples:
        y = (b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0
        x1, x2, y1, y2 = x, x1, y, y1
        out.append(y)
    return out


# -- the files are the script's ---------------------------------------------------------------
@pytest.fixture(scope="module")
def rebuilt(generator: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sounds")
    assert generator.main([str(folder)]) == 0
    return folder


@pytest.mark.parametrize("name", SOUNDS)
def test_each_sound_is_rebuilt_byte_for_byte_by_its_script(name: str, rebuilt: Path) -> None:
    assert (rebuilt / f"{name}.wav").read_bytes() == (FOLDER / f"{name}.wav").read_bytes()


def test_render_gives_the_samples_of_the_file(
    generator: ModuleType, shipped: dict[str, list[int]]
) -> None:
    assert set(generator.NAMES) == set(SOUNDS)
    for name in SOUNDS:
        assert generator.render(name) == shipped[name], name


# -- format, length and level ---------------------------------------------------------------
@pytest.mark.parametrize("name", SOUNDS)
def test_each_sound_is_48khz_16bit_mono_of_its_length(name: str) -> None:
    with wave.open(str(FOLDER / f"{name}.wav"), "rb") as source:
        params = source.getparams()
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, RATE)
    assert params.comptype == "NONE"
    low, high = SECONDS[name]
    assert low <= params.nframes / RATE <= high, f"{params.nframes / RATE:.3f} s"


@pytest.mark.parametrize("name", SOUNDS)
def test_each_sound_peaks_at_its_level(name: str, shipped: dict[str, list[int]]) -> None:
    peak_dbfs = 20 * math.log10(_peak(shipped[name]) / FULL_SCALE)
    assert abs(peak_dbfs - PEAK_DBFS[name]) <= 0.2, f"peak at {peak_dbfs:.2f} dBFS"


@pytest.mark.parametrize("name", SOUNDS)
def test_nothing_harsh_above_2khz(name: str, shipped: dict[str, list[int]]) -> None:
    """Energy left after a steep (6th-order) high-pass at 2 kHz, relative to the whole."""
    samples = [float(s) for s in shipped[name]]
    high = samples
    for _ in range(3):
        high = _biquad_highpass(high, 2000.0)
    ratio_db = 10 * math.log10(sum(h * h for h in high) / sum(s * s for s in samples))
    assert ratio_db < -30.0, f"{ratio_db:.1f} dB above 2 kHz"


# -- onsets and ends ------------------------------------------------------------------------
@pytest.mark.parametrize("name", CUES)
def test_each_cue_starts_at_sample_0_rising_from_zero(
    name: str, shipped: dict[str, list[int]]
) -> None:
    samples = shipped[name]
    peak = _peak(samples)
    assert samples[0] == 0
    # No leading silence: the onset a recording would find lies within the first 1 ms ...
    onset = next(i for i, s in enumerate(samples) if abs(s) > ONSET_THRESHOLD)
    assert onset < RATE // 1000, f"onset at sample {onset}"
    # ... yet it is a ramp, not a step (no click) ...
    assert _peak(samples[: RATE // 1000]) < 0.15 * peak
    # ... and a steep one: played 12 or 24 dB quieter, the same threshold still finds the
    # onset within 3 ms (a slow swell would drift by tens of ms with the volume) ...
    for threshold in (4 * ONSET_THRESHOLD, 16 * ONSET_THRESHOLD):
        onset = next(i for i, s in enumerate(samples) if abs(s) > threshold)
        assert onset < 3 * RATE // 1000, f"onset at sample {onset} above {threshold}"
    # ... that has risen to its level within 8 ms. (A chord's crests depend on how its
    # notes' phases meet, so this asks for less than the full peak.)
    assert _peak(samples[: 8 * RATE // 1000]) > 0.3 * peak


@pytest.mark.parametrize("name", CUES)
def test_each_cue_fades_out_to_exactly_zero(name: str, shipped: dict[str, list[int]]) -> None:
    samples = shipped[name]
    assert samples[-1] == 0
    # A release, not a cut: the last 5 ms are already near silence.
    assert _peak(samples[-5 * RATE // 1000 :]) < 0.03 * _peak(samples)


# -- pitch ----------------------------------------------------------------------------------
def test_inhale_rises_exhale_falls_and_hold_stays(shipped: dict[str, list[int]]) -> None:
    moves = {}
    for name in ("inhale", "hold", "exhale"):
        samples = shipped[name]
        first = _dominant(samples[:PITCH_WINDOW])
        last = _dominant(samples[-PITCH_WINDOW:])
        moves[name] = last / first
    assert moves["inhale"] > 1.25, moves  # about a fifth (1.5) up
    assert moves["exhale"] < 1 / 1.25, moves  # and down
    assert abs(moves["hold"] - 1) < 0.01, moves


def test_the_signatures_are_the_cues_and_far_apart(generator: ModuleType) -> None:
    signatures: dict[str, float] = generator.SIGNATURE_HZ
    assert set(signatures) == set(CUES)
    for (a, fa), (b, fb) in combinations(signatures.items(), 2):
        # At least a whole tone apart, and more than two bins of a 60 ms window (1/60 ms
        # = 16.7 Hz each). Octaves are allowed: all the notes come from one five-note
        # scale, and a cue's own note outweighs another's octave partial.
        assert max(fa, fb) / min(fa, fb) >= 2 ** (2 / 12) - 0.001, (a, b)
        assert abs(fa - fb) > 2 / (SIGNATURE_WINDOW / RATE), (a, b)
    assert all(100 < f < 2000 for f in signatures.values())


@pytest.mark.parametrize("name", CUES)
def test_each_cue_starts_on_its_signature_frequency(
    name: str, generator: ModuleType, shipped: dict[str, list[int]]
) -> None:
    start = shipped[name][:SIGNATURE_WINDOW]
    signature = generator.SIGNATURE_HZ[name]
    assert abs(_dominant(start) - signature) <= 10, "not the dominant frequency at the start"
    # Recognised among all cues by the Goertzel powers at their signatures, with room.
    powers = {other: _goertzel(start, hz) for other, hz in generator.SIGNATURE_HZ.items()}
    heard = max(powers, key=lambda other: powers[other])
    assert heard == name, powers
    runner_up = max(power for other, power in powers.items() if other != name)
    assert 10 * math.log10(powers[name] / runner_up) > 12, powers


# -- the breath bed -------------------------------------------------------------------------
def test_the_breath_bed_loops_without_a_seam(shipped: dict[str, list[int]]) -> None:
    bed = shipped["breath-bed"]
    steps = [abs(b - a) for a, b in pairwise(bed)]
    seam = abs(bed[0] - bed[-1])
    # Going from the last sample to the first is an ordinary step of the same noise.
    assert seam <= sorted(steps)[int(0.99 * len(steps))], f"seam step {seam}"
    assert seam < 0.05 * _peak(bed)
    # The same level and colour at both ends (colour: how fast it moves for its size).
    head, tail = bed[:PITCH_WINDOW], bed[-PITCH_WINDOW:]
    assert abs(20 * math.log10(_rms(head) / _rms(tail))) < 1.5

    def brightness(samples: Sequence[int]) -> float:
        return _rms([b - a for a, b in pairwise(samples)]) / _rms(samples)

    assert abs(brightness(head) / brightness(tail) - 1) < 0.15
    # Steady all through, across the seam and the cross-fade alike: no swell, no dip.
    looped = bed + bed
    whole = _rms(bed)
    for start in range(0, len(bed), PITCH_WINDOW // 2):
        level = 20 * math.log10(_rms(looped[start : start + PITCH_WINDOW]) / whole)
        assert abs(level) < 2.0, f"{level:.1f} dB at {start / RATE:.2f} s"
