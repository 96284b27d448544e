"""Every cue heard on time: real sessions played through a real sound server, recorded from
its null sink, each cue found in the recording and checked against its moment.

The sessions run in a child process (tests/support/audio_child.py) on the real clock,
with the coach's real audio path: the core says which cue is due when, `SessionAudio`
hands them to the `Mixer`, the mixer writes them into the stream. What is expected is
worked out from the session's timeline and plan alone.

The recording and the child's clock share no zero, so the cues are compared by how they
sit relative to one another: the recording is aligned to the schedule by the median
offset of all cues, and then every cue, the first one included, must be within 30 ms of
its moment, with no drift from the first half of the run to the second.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coach.core.assets import assets_dir
from tests.support.pulse import RATE, PulseServer, Recorder, child_env, goertzel, onsets

TOLERANCE_S = 0.030
DRIFT_S = 0.010
CHILD_TIMEOUT_S = 180


def _signatures() -> dict[str, float]:
    import importlib.util

    path = assets_dir() / "sounds" / "make_sounds.py"
    spec = importlib.util.spec_from_file_location("make_sounds", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.SIGNATURE_HZ)


def run_session(server: PulseServer, kind: str, *extra: str) -> tuple[dict[str, Any], list[int]]:
    with Recorder(server) as recorder:
        child = subprocess.run(
            [sys.executable, "-m", "tests.support.audio_child", kind, *extra],
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
            env=child_env(),
            cwd=Path(__file__).resolve().parents[3],
        )
    assert child.returncode == 0, child.stderr
    result: dict[str, Any] = json.loads(child.stdout.strip().splitlines()[-1])
    assert result["unavailable"] == [], result["unavailable"]
    return result, recorder.samples()


def which(samples: list[int], start: int, signatures: dict[str, float]) -> str:
    """The cue whose starting note is strongest in the first 60 ms after `start`."""
    window = samples[start : start + int(0.06 * RATE)]
    powers = {name: goertzel(window, hz) for name, hz in signatures.items()}
    return max(powers, key=lambda name: powers[name])


def check_timing(
    result: dict[str, Any], samples: list[int], signatures: dict[str, float]
) -> list[float]:
    expected: list[tuple[str, float]] = [(n, t) for n, t in result["expected"]]
    found = onsets(samples)
    assert len(found) == len(expected), (
        f"{len(found)} sounds recorded, {len(expected)} cues expected: "
        f"{[round(i / RATE, 3) for i in found]} vs {[(n, round(t, 3)) for n, t in expected]}"
    )
    heard = [which(samples, i, signatures) for i in found]
    assert heard == [name for name, _ in expected]
    offsets = [i / RATE - t for i, (_, t) in zip(found, expected, strict=True)]
    zero = statistics.median(offsets)
    errors = [o - zero for o in offsets]
    late = [(name, round(e * 1000, 1)) for (name, _), e in zip(expected, errors, strict=True)]
    assert all(abs(e) <= TOLERANCE_S for e in errors), late
    half = len(errors) // 2
    drift = statistics.mean(errors[half:]) - statistics.mean(errors[:half])
    assert abs(drift) <= DRIFT_S, f"drift {drift * 1000:.1f} ms: {late}"
    return errors


@pytest.mark.parametrize("kind", ["478", "routine"])
def test_every_cue_is_heard_within_30_ms_of_its_moment(
    pulse_server: PulseServer, kind: str
) -> None:
    signatures = _signatures()
    result, samples = run_session(pulse_server, kind)
    errors = check_timing(result, samples, signatures)
    assert abs(errors[0]) <= TOLERANCE_S  # the first cue as punctual as the rest
