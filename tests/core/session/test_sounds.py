"""Which cue is due when: a cue per phase start, a step's and a side change's cue standing
for the in-breath they begin with, the end, cues switched off, and the voice's moments."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.breath.pacer import Timeline
from coach.core.breath.pattern import BreathPattern
from coach.core.clock import FakeClock
from coach.core.content.plan import Plan, build_plan
from coach.core.session.routine import RoutineRunner
from coach.core.session.runner import SessionRunner
from coach.core.session.sounds import ALL_SOUNDS, Sound, SoundCue, sounds_between
from tests.support.content import sample_library

IN, H, E, STEP, SIDE, END = (
    Sound.INHALE,
    Sound.HOLD,
    Sound.EXHALE,
    Sound.STEP,
    Sound.SIDE,
    Sound.END,
)


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    library = sample_library(tmp_path)
    return build_plan(library.routine("mini"), library)


def cues(found: list[SoundCue]) -> list[tuple[Sound, float]]:
    return [(c.sound, c.at) for c in found]


def test_four_seven_eight_has_a_cue_at_every_phase_start_and_one_at_the_end() -> None:
    runner = SessionRunner(Timeline(BreathPattern(4, 7, 8, 0), 2), FakeClock(), 5.0)
    # From the settle-in (negative pacer time) on: the first in-breath at 0 is included.
    assert cues(sounds_between(runner, -5.0, 100.0)) == [
        (IN, 0.0),
        (H, 4.0),
        (E, 11.0),
        (IN, 19.0),
        (H, 23.0),
        (E, 30.0),
        (END, 38.0),
    ]


def test_windows_join_without_a_gap_or_a_repeat() -> None:
    runner = SessionRunner(Timeline(BreathPattern(4, 4, 4, 4), 3), FakeClock())
    whole = sounds_between(runner, -1.0, 60.0)
    pieces: list[SoundCue] = []
    t = -1.0
    while t < 60.0:  # the mixer asks in pieces as it writes ahead: (t0, t1] each time
        pieces += sounds_between(runner, t, t + 0.12)
        t += 0.12
    assert pieces == whole
    assert cues(whole).count((H, 4.0)) == 1 and (H, 12.0) in cues(whole)  # both holds


def test_an_open_ended_session_has_no_end_cue() -> None:
    runner = SessionRunner(Timeline(BreathPattern(4, 0, 6, 0)), FakeClock())
    assert END not in {c.sound for c in sounds_between(runner, -1.0, 600.0)}


def test_a_step_and_a_side_change_stand_for_their_in_breath(plan: Plan) -> None:
    runner = RoutineRunner(plan, FakeClock())
    found = cues(sounds_between(runner, -1.0, 1000.0))
    starts = [0.0]
    for item in plan.items:
        starts.append(starts[-1] + item.duration)
    # Each item begins with its own cue, not also an in-breath's.
    for item, at in zip(plan.items, starts, strict=False):
        expected = SIDE if item.kind == "switch" else STEP
        assert (expected, at) in found, (item.kind, at)
        assert (IN, at) not in found
    assert found[-1] == (END, starts[-1])
    # Between item starts, the breath as usual: an out-breath 4 s into each 10 s breath.
    assert (E, 4.0) in found and (IN, 10.0) in found and (E, 14.0) in found
    assert len(found) == len(set(found))


def test_switched_off_cues_are_left_out_and_a_step_gives_way_to_its_in_breath(
    plan: Plan,
) -> None:
    runner = RoutineRunner(plan, FakeClock())
    no_steps = cues(sounds_between(runner, -1.0, 1000.0, ALL_SOUNDS - {STEP}))
    assert (IN, 0.0) in no_steps and STEP not in {s for s, _ in no_steps}
    assert SIDE in {s for s, _ in no_steps}
    breath_only = sounds_between(runner, -1.0, 1000.0, frozenset({IN, E}))
    assert {c.sound for c in breath_only} == {IN, E}
    assert sounds_between(runner, -1.0, 1000.0, frozenset()) == []


def test_with_the_voice_reading_steps_their_starts_are_left_silent(plan: Plan) -> None:
    runner = RoutineRunner(plan, FakeClock())
    found = cues(sounds_between(runner, -1.0, 1000.0, voice_reads_steps=True))
    sounds = {s for s, _ in found}
    assert STEP not in sounds and SIDE not in sounds
    assert not any(at in (0.0, 20.0, 30.0) for _, at in found)  # item starts: silent
    assert (E, 4.0) in found and (IN, 10.0) in found and END in sounds


def test_after_next_the_cues_follow_the_new_placement(plan: Plan) -> None:
    clock = FakeClock()
    runner = RoutineRunner(plan, clock)
    runner.start()
    clock.advance(2.0)
    runner.tick()
    runner.next_step()  # item 1 shows now (pacer 2.0); its breaths start with the next
    # The moment of Next itself is the person's (the UI sounds it as it happens); from
    # there on, the breath under way ends, and item 1's breath and item 2 follow.
    found = cues(sounds_between(runner, 2.0, 40.0))
    item_2_at = 10.0 + plan.items[1].duration
    assert found[:3] == [(E, 4.0), (IN, 10.0), (E, 14.0)]
    assert (STEP, item_2_at) in found and (IN, item_2_at) not in found
