"""The window's side of coaching by ear: the settings turned into what is heard, the keys
that change it (M mutes, V toggles the voice), and what is shown of it.

The `SessionAudio` (mixer and voice) is built at the composition root and handed in; this
keeps it following the session under way and in step with the settings, and says once,
in words, when sound or the voice cannot work here.

Signals:
    notice(str): something to tell the person (sound or voice unavailable, and why).
    changed(): what is heard changed (mute, voice): the window updates what it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from coach.core.session.runner import RunState, SessionRunner
from coach.core.session.sounds import ALL_SOUNDS, Sound
from coach.core.session.speech import cautions_for
from coach.ui.settings import SettingsKeeper
from coach.ui.sound.session_audio import AudioChoice, SessionAudio

if TYPE_CHECKING:
    from coach.core.content.guidance import Guidance
    from coach.core.settings import Settings


def _unit(value: float, low: float = 0.0, high: float = 1.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return high
    return min(high, max(low, number)) if number == number else high  # NaN: the top


def choice_from(settings: Settings) -> AudioChoice:
    """What the settings say is heard (values out of range clamped, unknown cues ignored)."""
    known = {sound.value: sound for sound in Sound}
    cues = (
        ALL_SOUNDS
        if settings.cues is None
        else frozenset(known[c] for c in settings.cues if c in known)
    )
    return AudioChoice(
        sounds=bool(settings.sound),
        cues=cues,
        volume=_unit(settings.volume),
        breath_bed=_unit(settings.breath_bed) if settings.breath_bed else 0.0,
        voice=bool(settings.voice),
        phase_words=bool(settings.phase_words),
    )


class AudioLink(QObject):
    notice = Signal(str)
    changed = Signal()

    def __init__(
        self, audio: SessionAudio | None, settings: SettingsKeeper, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.audio = audio
        self._settings = settings
        self._runner: SessionRunner | None = None
        if audio is not None and audio.mixer is not None:
            audio.mixer.unavailable.connect(self.notice)
        if audio is not None and audio.voice is not None:
            audio.voice.unavailable.connect(self._voice_unavailable)

    # -- settings --------------------------------------------------------------------------
    def apply_settings(self) -> None:
        """The settings as they are now (at start-up, and after any change)."""
        if self.audio is None:
            return
        current = self._settings.current
        choice = choice_from(current)
        voice = self.audio.voice
        if choice.voice and choice.sounds and voice is not None and voice.open():
            voice.set_rate(_unit(current.voice_rate, -1.0, 1.0))
            voice.set_volume(_unit(current.voice_volume))
            if current.voice_name:
                voice.set_voice(current.voice_name)
        self.audio.set_choice(choice)
        self.changed.emit()

    def prepare(self) -> None:
        """Open the audio stream early (it takes the sound server about two seconds), so
        that the first cue of the first session is on time."""
        if self.audio is not None and self.audio.mixer is not None and self.sounds_on():
            self.audio.mixer.open()

    def sounds_on(self) -> bool:
        return bool(self._settings.current.sound)

    def voice_on(self) -> bool:
        return self.audio is not None and self.audio.voice_on()

    def voice_why_not(self) -> str:
        if self.audio is None or self.audio.voice is None:
            return "The voice is off: this coach was started without sound."
        return self.audio.voice.why_not()

    def set_sounds(self, on: bool) -> None:
        """M: every sound, the voice included, on or off (remembered)."""
        self._settings.update(sound=on)
        if on:
            self.prepare()
        self.apply_settings()

    def set_voice(self, on: bool) -> None:
        """V: the voice on or off (remembered); it says why when it cannot speak here."""
        self._settings.update(voice=on)
        self.apply_settings()
        if on and not self.voice_on() and self.voice_why_not():
            self._settings.update(voice=False)
            self.apply_settings()

    def _voice_unavailable(self, why: str) -> None:
        self.notice.emit(why)
        if self._settings.current.voice:
            self._settings.update(voice=False)
            self.changed.emit()

    # -- the session -----------------------------------------------------------------------
    def on_events(self, runner: SessionRunner, events: Sequence[object]) -> None:
        """Every batch of the session's events (the window's one place for them)."""
        if self.audio is None:
            return
        active = runner.state in (RunState.LEAD_IN, RunState.RUNNING, RunState.PAUSED)
        if runner is not self._runner and active:
            self._runner = runner
            self.audio.follow(runner)
        self.audio.on_events(events)
        if not active and self._runner is runner:
            self._runner = None
            self.audio.follow(None)

    def say_cautions(self, guidance: Guidance) -> None:
        if self.audio is not None:
            self.audio.say(cautions_for(guidance))
