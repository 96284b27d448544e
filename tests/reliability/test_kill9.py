"""Crash safety with a real process: SIGKILL a recording session at random moments.

What must hold after every kill (DESIGN.md, Data): the file passes `quick_check` as the
kill left it; reopening marks the session interrupted; every stored sample is one the app
had recorded, in order, with nothing invented; and at most the last second is lost.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.core.clock import SystemWallClock
from coach.core.store.opening import open_store
from tests.reliability.kill9 import KILL_RANGE_S, Trial, run_trial

TRIALS = 10
MAX_LOST_S = 1.0


@pytest.mark.slow
def test_a_killed_session_loses_at_most_a_second(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    # One data folder for all trials, as on a real machine: each reopening also has to
    # leave the earlier interrupted sessions as they were.
    data_dir = tmp_path / "data"
    trials: list[Trial] = []
    for n in range(TRIALS):
        trial = run_trial(data_dir, rng.uniform(*KILL_RANGE_S))
        where = f"trial {n} (seed {seed}): {trial.describe()}"
        assert trial.problems() == [], where
        assert trial.lost_s <= MAX_LOST_S, where
        trials.append(trial)

    store = open_store(data_dir, SystemWallClock()).store
    try:
        assert store.session_ids() == [t.session_id for t in trials]
        for trial in trials:
            assert store.session(trial.session_id).status == "interrupted"
            stored = [round(s.t * 1000) for s in store.samples(trial.session_id)]
            assert stored == trial.stored_ms, trial.describe()
    finally:
        store.close()
    largest = max(trial.lost_s for trial in trials)
    record_property("kill9_lost_s_max", largest)
    print(f"largest loss over {TRIALS} kills: {largest:.3f} s (seed {seed})")


def trial(logged: list[int], stored: list[int], status: str = "interrupted") -> Trial:
    return Trial(1.0, "id", logged, stored, status, ["ok"], True)


def test_the_judge_catches_what_breaks_the_promise() -> None:
    """The trial's own checks, on made-up outcomes (no process needed)."""
    assert trial([0, 50, 100], [0, 50]).problems() == []
    assert trial([0, 50, 100], [0, 50]).lost_s == 0.05
    assert "not a prefix" in trial([0, 50, 100], [0, 75]).problems()[0]  # invented
    assert "not a prefix" in trial([0, 50, 100], [0, 100]).problems()[0]  # a hole
    assert "not a prefix" in trial([0, 50], [0, 50, 100]).problems()[0]  # never logged
    assert "out of order" in trial([0, 100, 50], [0]).problems()[0]
    assert "not 'interrupted'" in trial([0, 50], [0], "in_progress").problems()[0]
    assert trial([0, 1500], []).problems() == ["nothing was stored"]
    damaged = Trial(1.0, "id", [0], [0], "interrupted", ["*** in database main ***"], True)
    assert "quick_check on the killed file" in damaged.problems()[0]
