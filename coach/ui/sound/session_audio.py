"""The session heard: its cues written ahead into the mixer, its words to the voice.

The window hands this the runner of each session and every batch of events; it asks the
core which cues are due (`sounds_between`) for the stretch of the clock the mixer is
about to write, and what to say (`speech_for`). It keeps the two apart: while the voice
speaks, the phase cues are held back, and the voice waits for a cue already sounding.

Nothing here depends on the window being seen: the mixer's pump and the session's ticks go
on while it is minimised, covered or on another workspace.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject

from coach.core.breath.pattern import PHASES
from coach.core.clock import Clock
from coach.core.session.routine import StepChanged
from coach.core.session.runner import RunState, SessionRunner
from coach.core.session.sounds import ALL_SOUNDS, Sound, sounds_between
from coach.core.session.speech import Utterance, speech_for
from coach.ui.sound.mixer import Mixer
from coach.ui.sound.voice import Voice

#: After the voice stops, the phase cues wait this much longer (a breath between).
AFTER_SPEECH_S = 0.15


@dataclass(frozen=True)
class AudioChoice:
    """What the person chose to hear (from the settings)."""

    sounds: bool = True
    cues: frozenset[Sound] = field(default_factory=lambda: ALL_SOUNDS)
    volume: float = 0.8
    breath_bed: float = 0.0
    voice: bool = False
    phase_words: bool = False


class SessionAudio(QObject):
    def __init__(
        self, clock: Clock, mixer: Mixer | None, voice: Voice | None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.mixer = mixer
        self.voice = voice
        self._runner: SessionRunner | None = None
        self._asked = -math.inf  # pacer time the cues were asked up to
        self.choice = AudioChoice()
        if mixer is not None:
            mixer.set_cue_source(self._cues)
        if voice is not None:
            voice.speaking_changed.connect(self._on_speaking)

    # -- choices -------------------------------------------------------------------------
    def set_choice(self, choice: AudioChoice) -> None:
        self.choice = choice
        if self.mixer is not None:
            self.mixer.set_muted(not choice.sounds)
            self.mixer.set_volume(choice.volume)
            self._sync_bed()
        if self.voice is not None and not self.voice_on():
            self.voice.stop()

    def voice_on(self) -> bool:
        return self.choice.voice and self.choice.sounds and self.voice is not None

    def _enabled(self) -> frozenset[Sound]:
        cues = self.choice.cues
        if self.voice_on() and self.choice.phase_words:
            # The words say the phase; a tone as well would run over them.
            cues = cues - {Sound.INHALE, Sound.HOLD, Sound.EXHALE}
        return cues

    # -- the session ---------------------------------------------------------------------
    def follow(self, runner: SessionRunner | None) -> None:
        """The session to be heard (None: none; silence)."""
        self._runner = runner
        self._asked = -math.inf
        if self.voice is not None:
            self.voice.stop()
        if self.mixer is not None:
            if runner is not None:
                self.mixer.open()
            self.mixer.set_cue_source(self._cues)
            self._sync_bed()

    def _sync_bed(self) -> None:
        if self.mixer is None:
            return
        level = self.choice.breath_bed if self._runner is not None else 0.0
        self.mixer.set_lung_source(self._lung, level)

    def _cues(self, t0: float, t1: float) -> Sequence[tuple[str, float]]:
        """The cues due on the clock in (t0, t1] (asked by the mixer as it writes)."""
        runner = self._runner
        if runner is None or runner.state not in (RunState.LEAD_IN, RunState.RUNNING):
            return ()
        p1 = runner.pacer_time(t1)
        p0 = max(self._asked, runner.pacer_time(t0))
        if p1 <= p0:
            return ()
        self._asked = p1
        found = sounds_between(runner, p0, p1, self._enabled(), voice_reads_steps=self.voice_on())
        return [(cue.sound.value, t1 - (p1 - cue.at)) for cue in found]

    def _lung(self, t: float) -> float | None:
        runner = self._runner
        if runner is None or runner.state is not RunState.RUNNING:
            return None
        pacer = runner.pacer_time(t)
        if pacer < 0:
            return None
        return runner.timeline.at(pacer).lung

    def on_events(self, events: Sequence[object]) -> None:
        """A batch of the session's events: a step chosen by hand is heard at once, and the
        voice is given what to say."""
        runner = self._runner
        for event in events:
            by_hand = isinstance(event, StepChanged) and event.how not in ("auto", "cooldown")
            if by_hand and self.mixer is not None and not self.voice_on():
                assert isinstance(event, StepChanged)
                sound = Sound.SIDE if event.item.kind == "switch" else Sound.STEP
                if sound in self.choice.cues:
                    self.mixer.play_now(sound.value)
        if not self.voice_on() or self.voice is None:
            return
        lengths = None
        if self.choice.phase_words and runner is not None:
            pattern = runner.timeline.at(max(0.0, runner.pacer_time())).pattern
            lengths = {phase: pattern.duration(phase) for phase in PHASES}
        for utterance in speech_for(events, lengths):
            self.voice.say(utterance)

    def say(self, utterance: Utterance) -> None:
        """Something the window wants read (the cautions before a technique)."""
        if self.voice_on() and self.voice is not None:
            self.voice.say(utterance)

    def _on_speaking(self, speaking: bool) -> None:
        if self.mixer is None:
            return
        if speaking:
            self.mixer.hold_phase_cues(math.inf)
        else:
            self.mixer.hold_phase_cues(self._clock.now() + AFTER_SPEECH_S)
