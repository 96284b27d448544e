"""Which sound is due when: the breath and the routine told by ear.

A person breathing with their eyes closed, or face down on a ball, follows the session by
sound. Each phase start has its own cue (a rising tone for the in-breath, a still one for a
hold, a falling one for the out-breath), a routine's next step and a change of sides have
theirs, and so has the end. This module decides which cue belongs to which moment; playing
them is the UI's business (`coach.ui.sound`).

The cues are asked for ahead of time (`sounds_between`), from the session's own schedule,
not as events arrive: a sound written into the audio stream a little before it is due
starts on time, where one started when the moment is noticed would always be late by the
time the audio path takes.

Rules:
- One cue per moment. Where a step begins (always on an in-breath) the step's cue stands
  for the in-breath too; a side change's cue stands for both as well.
- With the voice reading the steps (`voice_reads_steps`), a step's start and a side change
  are the voice's: no tone there, so nothing runs over the first words.
- The end of the session has its own cue; it is not also an in-breath.
- Cues switched off (`enabled`) are left out; a step cue switched off lets the in-breath's
  cue be heard instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from coach.core.breath.pattern import Phase

if TYPE_CHECKING:
    from coach.core.session.runner import SessionRunner

#: Within this many seconds, two cues are the same moment (times are whole tenths).
SAME_MOMENT_S = 1e-6


class Sound(StrEnum):
    INHALE = "inhale"
    HOLD = "hold"
    EXHALE = "exhale"
    STEP = "step"
    SIDE = "side"
    END = "end"


ALL_SOUNDS = frozenset(Sound)

#: What each cue means, in words (settings, the shortcut sheet, a screen reader).
MEANING = {
    Sound.INHALE: "start of the in-breath (a rising tone)",
    Sound.HOLD: "start of a hold (a still tone)",
    Sound.EXHALE: "start of the out-breath (a falling tone)",
    Sound.STEP: "next step of a routine (two notes)",
    Sound.SIDE: "change sides (a turn of three notes)",
    Sound.END: "end of the session (a soft bell)",
}

_PHASE_SOUND = {
    Phase.INHALE: Sound.INHALE,
    Phase.HOLD_IN: Sound.HOLD,
    Phase.EXHALE: Sound.EXHALE,
    Phase.HOLD_OUT: Sound.HOLD,
}


@dataclass(frozen=True, slots=True)
class SoundCue:
    sound: Sound
    at: float
    """Pacer time (active seconds since the first breath) the cue is due."""


def sounds_between(
    runner: SessionRunner,
    t0: float,
    t1: float,
    enabled: frozenset[Sound] = ALL_SOUNDS,
    voice_reads_steps: bool = False,
) -> list[SoundCue]:
    """The cues due at pacer times in (t0, t1], in order, as the session stands now."""
    if t1 <= t0:
        return []
    moments: dict[float, Sound] = {}  # time -> the one cue of that moment
    voiced: set[float] = set()  # moments the voice takes
    for boundary in runner.timeline.boundaries_between(t0, t1):
        moments[round(boundary.time, 6)] = _PHASE_SOUND[boundary.phase]
    starting = getattr(runner, "items_starting_between", None)
    if starting is not None:
        for at, item in starting(t0, t1):
            key = round(at, 6)
            if voice_reads_steps:
                voiced.add(key)
                continue
            sound = Sound.SIDE if item.kind == "switch" else Sound.STEP
            if sound in enabled:
                moments[key] = sound
    total = runner.timeline.total
    if total is not None and t0 < total <= t1:
        moments[round(total, 6)] = Sound.END
    return [
        SoundCue(sound, at)
        for at, sound in sorted(moments.items())
        if sound in enabled and at not in voiced
    ]
