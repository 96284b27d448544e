"""What the pacer says: the words for each moment of a session, and time formatting.

Kept out of the widgets so the window, screenshots and (later) spoken cues agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from coach.core.breath.pattern import Phase
from coach.core.clock import clock_text
from coach.core.session.runner import RunnerSnapshot, RunState


@dataclass(frozen=True, slots=True)
class Cue:
    title: str
    detail: str
    countdown: int | None
    """Whole seconds left in the phase (or lead-in), rounded up; None when not counting."""


PHASE_CUES: dict[Phase, tuple[str, str]] = {
    Phase.INHALE: (
        "In through the nose",
        "Let the belly rise; the chest stays still",
    ),
    Phase.HOLD_IN: ("Hold", "Stay soft and full, no strain"),
    Phase.EXHALE: ("Slowly out", "Let the belly sink back down"),
    Phase.HOLD_OUT: ("Hold", "Rest, empty and easy, before the next breath"),
}


def count_up(seconds: float) -> int:
    return max(1, math.ceil(seconds - 1e-9))


def cue_for(snapshot: RunnerSnapshot) -> Cue:
    pacer = snapshot.pacer
    state = snapshot.state
    if state is RunState.IDLE:
        return Cue("Ready when you are", "Press Space to begin. Esc stops at any time.", None)
    if state is RunState.LEAD_IN:
        # A routine's first step says how to lie or sit: the pacer does not say otherwise.
        detail = (
            "Get into place for the first step. Space begins now."
            if snapshot.step is not None
            else "One hand on the belly, one on the chest. Space skips ahead."
        )
        return Cue("Get comfortable", detail, count_up(snapshot.lead_in_left))
    if state is RunState.PAUSED and snapshot.held == "question":
        return Cue("Paused", "Choose why you are stopping, or Esc to keep going.", None)
    if state is RunState.PAUSED and snapshot.held == "guidance":
        return Cue("Paused", "Read this first, then Space to begin.", None)
    if state is RunState.PAUSED and snapshot.held == "info":
        return Cue("Paused", "Esc carries on where you were.", None)
    if state is RunState.PAUSED:
        return Cue("Paused", "Press Space to carry on, Esc to stop.", None)
    if state in (RunState.FINISHED, RunState.STOPPED):
        title = "Well done" if state is RunState.FINISHED else "Session ended"
        if snapshot.step is not None:
            # A routine: the rating, if it asks, comes first; the start screen follows.
            return Cue(title, f"{clock_text(pacer.elapsed)} of practice. Rest a moment.", None)
        return Cue(title, _summary(pacer.breaths_done, pacer.elapsed), None)
    title, detail = PHASE_CUES[pacer.phase]
    if snapshot.cooling_down:
        detail = "Cooling down: easy breaths, then the session ends. Esc ends it now."
    return Cue(title, detail, count_up(pacer.phase_left))


def _summary(breaths: int, seconds: float) -> str:
    noun = "breath" if breaths == 1 else "breaths"
    return f"{breaths} full {noun} in {clock_text(seconds)}. Press Space for another round."


def progress_text(snapshot: RunnerSnapshot) -> str:
    """'Breath 3 of 30 · 4:40 left' (or 'Breath 3 · 2:10 so far' when open-ended); for a
    routine 'Part 3 of 9 · 4:40 left' (its steps count, not its breaths). One time left,
    the settle-in included, in every view."""
    pacer = snapshot.pacer
    total = snapshot.total_breaths
    step = snapshot.step
    if snapshot.state in (RunState.FINISHED, RunState.STOPPED):
        if step is not None:
            return f"{clock_text(pacer.elapsed)} of practice"
        noun = "breath" if pacer.breaths_done == 1 else "breaths"
        return f"{pacer.breaths_done} {noun} done"
    if step is not None:
        left = clock_text((pacer.left or 0.0) + snapshot.lead_in_left)
        if snapshot.state is RunState.IDLE:
            noun = "part" if step.count == 1 else "parts"
            return f"{step.count} {noun} · {left}"
        return f"Part {step.index + 1} of {step.count} · {left} left"
    current = pacer.breath_index + 1 if total is None else min(pacer.breath_index + 1, total)
    breath = f"Breath {current}" + ("" if total is None else f" of {total}")
    # While the pace glides (or was changed), say what it is now.
    pace = f" · {pacer.pattern.breaths_per_minute:.1f}/min" if snapshot.pace_varies else ""
    if pacer.left is None:
        return f"{breath} · {clock_text(pacer.elapsed)} so far{pace}"
    return f"{breath} · {clock_text(pacer.left + snapshot.lead_in_left)} left{pace}"


#: The one word for each phase in the window title (read at a glance in a taskbar).
PHASE_WORD = {
    Phase.INHALE: "In",
    Phase.HOLD_IN: "Hold",
    Phase.EXHALE: "Out",
    Phase.HOLD_OUT: "Hold",
}


def title_words(snapshot: RunnerSnapshot) -> str:
    """What the window title and taskbar say of a session under way: 'In · 4:12 left',
    'Paused · 4:12 left', 'Settling in · 0:05'; '' when none is under way."""
    pacer = snapshot.pacer
    if snapshot.state is RunState.LEAD_IN:
        return f"Settling in · {clock_text(snapshot.lead_in_left)}"
    if snapshot.state not in (RunState.RUNNING, RunState.PAUSED):
        return ""
    word = "Paused" if snapshot.state is RunState.PAUSED else PHASE_WORD[pacer.phase]
    if pacer.left is None:
        return f"{word} · {clock_text(pacer.elapsed)}"
    return f"{word} · {clock_text(pacer.left)} left"
