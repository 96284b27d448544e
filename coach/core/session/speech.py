"""What the voice says, and when: the steps read aloud, the breath in words.

The voice is optional guidance for someone who cannot look: each step's instruction read at
its start, the cautions before a technique, the side changes, the ease-off prompt and the
stop offer, and (if chosen) the phase words. This module turns the session's events into
`Utterance`s; speaking them, in order and without running over the sounds, is the UI's
(`coach.ui.sound.voice`).

Rules:
- An instruction (a step, a side change, the cautions, a prompt) is never dropped; a newer
  one of the same kind replaces one not yet begun (skipping through steps reads only the
  step arrived at).
- Phase words are the lightest: said only when nothing else is being said or waiting,
  and only the words the phase has time for ("Breathe in" in a 4-second in-breath, "In"
  in a short one).
- The stop offer outranks everything: it is said next, before anything waiting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

from coach.core.breath.pattern import Phase
from coach.core.content.intensity import prompt_words
from coach.core.session.routine import PromptShown, StepChanged
from coach.core.session.runner import PhaseChanged

if TYPE_CHECKING:
    from coach.core.content.guidance import Guidance

#: A phase this long (seconds) or longer has time for two words; a shorter one for one.
TWO_WORDS_S = 2.5


class Priority(IntEnum):
    PHASE = 0
    INSTRUCTION = 1
    PROMPT = 2
    STOP_OFFER = 3


@dataclass(frozen=True, slots=True)
class Utterance:
    text: str
    priority: Priority
    kind: str
    """What it is about ("phase", "step", "side", "cautions", "ease_off", "stop_offer")."""


def phase_words(phase: Phase, length: float) -> str:
    """The words for a phase that lasts `length` seconds."""
    roomy = length >= TWO_WORDS_S
    if phase is Phase.INHALE:
        return "Breathe in" if roomy else "In"
    if phase is Phase.EXHALE:
        return "Breathe out" if roomy else "Out"
    return "Hold"


def speech_for(
    events: Sequence[object], phase_lengths: dict[Phase, float] | None = None
) -> list[Utterance]:
    """What to say for `events` (phase words only when `phase_lengths` is given: the
    length of each phase of the pattern under way)."""
    out: list[Utterance] = []
    stepped = False
    for event in events:
        if isinstance(event, StepChanged):
            stepped = True
            item = event.item
            if item.kind == "switch":
                out.append(Utterance(item.text, Priority.INSTRUCTION, "side"))
            else:
                out.append(Utterance(item.text, Priority.INSTRUCTION, "step"))
        elif isinstance(event, PromptShown) and event.kind in ("ease_off", "stop_offer"):
            title, body = prompt_words(event.kind, event.level)
            priority = Priority.STOP_OFFER if event.kind == "stop_offer" else Priority.PROMPT
            out.append(Utterance(f"{title} {body}", priority, event.kind))
    if phase_lengths is not None and not stepped:
        # At a step's start the instruction says enough; the phase words wait.
        for event in events:
            if isinstance(event, PhaseChanged):
                words = phase_words(event.phase, phase_lengths.get(event.phase, 0.0))
                out.append(Utterance(words, Priority.PHASE, "phase"))
    return out


def cautions_for(guidance: Guidance) -> Utterance:
    """The word before a technique, read aloud: its cautions, then its stop signs."""
    from coach.core.content.guidance import stop_line  # with the content: loaded late

    parts = [f"Before you start: {guidance.title}.", *guidance.cautions]
    line = stop_line(guidance)
    if line:
        parts.append(line.replace(" · ", ", "))
    parts.append("Press Space to begin.")
    return Utterance(" ".join(parts), Priority.INSTRUCTION, "cautions")


class SpeechQueue:
    """What waits to be said, one utterance at a time, by the rules above. Qt-free: the
    voice asks `next()` when it is free and says what it gets."""

    def __init__(self) -> None:
        self._waiting: list[Utterance] = []

    def add(self, utterance: Utterance, speaking: bool = False) -> None:
        """Queue `utterance`; `speaking`: the voice is saying something now."""
        if utterance.priority is Priority.PHASE:
            if not self._waiting and not speaking:  # only into silence, never late
                self._waiting.append(utterance)
            return
        # A newer one of the same kind replaces one not yet begun; phase words give way.
        self._waiting = [
            u
            for u in self._waiting
            if u.priority is not Priority.PHASE and u.kind != utterance.kind
        ]
        if utterance.priority is Priority.STOP_OFFER:
            self._waiting.insert(0, utterance)
        else:
            self._waiting.append(utterance)

    def next(self) -> Utterance | None:
        return self._waiting.pop(0) if self._waiting else None

    def clear(self) -> None:
        self._waiting = []

    def __len__(self) -> int:
        return len(self._waiting)
