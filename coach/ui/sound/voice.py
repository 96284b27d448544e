"""The coach's voice: steps, cautions, side changes and prompts read aloud.

Optional, off until chosen. It speaks through the system's speech engine with
`QTextToSpeech` (on Linux the `speechd` engine, which needs speech-dispatcher and a voice
such as espeak-ng). What is said and in which order comes from the core
(`coach.core.session.speech`); this class only says it, one utterance at a time.

It never runs over a cue: before it starts, it waits for any cue already written into the
audio stream to end (`wait_for`), and while it speaks, the phase cues are held back (the
window connects `speaking_changed` to the mixer).

When no engine is ready (none installed, speech-dispatcher missing, an engine in error),
`why_not()` says why in plain words, the option stays off, and the sounds carry on.

Signals:
    speaking_changed(bool): speech started (True) or ended (False).
    unavailable(str): the voice cannot speak here; a sentence for the person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, QObject, QTimer, Signal

from coach.core.clock import Clock
from coach.core.session.speech import SpeechQueue, Utterance

#: The engine asked for first where several exist; Qt picks when None.
ENGINE_TIMEOUT_MS = 6000
NO_MODULE = "The voice is off: this computer lacks Qt's speech module. The sounds carry on."
NO_ENGINE = (
    "The voice is off: no speech engine is ready on this computer (on Linux, install "
    "speech-dispatcher and espeak-ng). The sounds carry on."
)
ENGINE_ERROR = "The voice is off: the speech engine reported an error ({}). The sounds carry on."


def _load_speech() -> Any:
    """Import QtTextToSpeech (a function, so a test can make it fail)."""
    from PySide6 import QtTextToSpeech

    return QtTextToSpeech


class Voice(QObject):
    speaking_changed = Signal(bool)
    unavailable = Signal(str)

    def __init__(
        self,
        clock: Clock,
        wait_for: Callable[[], float] = lambda: 0.0,
        engine: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`wait_for()`: the clock time until which the audio stream has a cue sounding."""
        super().__init__(parent)
        self._clock = clock
        self._wait_for = wait_for
        self._engine_name = engine
        self._tts: Any = None
        self._module: Any = None
        self._why_not = ""
        self._queue = SpeechQueue()
        self._speaking = False
        self._pending = False  # said() asked of the engine, not yet begun
        self._rate = 0.0
        self._volume = 0.8
        self._voice_name = ""
        self.said: list[tuple[str, float]] = []
        """Every utterance handed to the engine, with the clock time (tests, benchmarks)."""
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._next)

    # -- the engine ----------------------------------------------------------------------
    def open(self) -> bool:
        """Start the engine (once). False, with `why_not()`, when it cannot speak."""
        if self._tts is not None:
            return True
        if self._why_not:
            return False
        try:
            self._module = _load_speech()
            speech = self._module.QTextToSpeech
            engines = speech.availableEngines()
        except (ImportError, OSError):
            return self._fail(NO_MODULE)
        if not engines or engines == ["mock"]:
            return self._fail(NO_ENGINE)
        name = self._engine_name or ("speechd" if "speechd" in engines else engines[0])
        try:
            tts = speech(name, self)
        except Exception:
            return self._fail(NO_ENGINE)
        if tts.state() == speech.State.Error:
            return self._fail(ENGINE_ERROR.format(tts.errorString() or "no detail"))
        self._tts = tts
        tts.stateChanged.connect(self._on_state)
        tts.errorOccurred.connect(self._on_error)
        self._apply_settings()
        return True

    def _fail(self, why: str) -> bool:
        self._why_not = why
        self.unavailable.emit(why)
        return False

    def why_not(self) -> str:
        return self._why_not

    def available(self) -> bool:
        return self._tts is not None

    def voices(self) -> list[str]:
        """The engine's voices for the person's language (all, if none match)."""
        if self._tts is None:
            return []
        every = list(self._tts.availableVoices())
        language = QLocale.system().language()
        matching = [v for v in every if v.locale().language() == language]
        if not matching:
            matching = [v for v in every if v.locale().language() == QLocale.Language.English]
        return [v.name() for v in (matching or every)]

    def set_voice(self, name: str) -> None:
        self._voice_name = name
        self._apply_settings()

    def set_rate(self, rate: float) -> None:
        """-1 (slow) .. 0 (the engine's normal) .. 1 (fast)."""
        self._rate = max(-1.0, min(1.0, rate))
        self._apply_settings()

    def set_volume(self, volume: float) -> None:
        self._volume = max(0.0, min(1.0, volume))
        self._apply_settings()

    def _apply_settings(self) -> None:
        tts = self._tts
        if tts is None:
            return
        tts.setRate(self._rate)
        tts.setVolume(self._volume)
        if self._voice_name:
            for voice in tts.availableVoices():
                if voice.name() == self._voice_name:
                    tts.setVoice(voice)
                    break

    # -- speaking ------------------------------------------------------------------------
    def say(self, utterance: Utterance) -> None:
        if self._tts is None:
            return
        self._queue.add(utterance, speaking=self._speaking or self._pending)
        if not self._speaking and not self._pending and not self._later.isActive():
            self._next()

    def stop(self) -> None:
        """Silence now: what is being said stops, nothing waiting is said."""
        self._queue.clear()
        self._later.stop()
        self._pending = False
        if self._tts is not None:
            self._tts.stop()

    def is_speaking(self) -> bool:
        return self._speaking or self._pending

    def _next(self) -> None:
        if self._tts is None or self._speaking or self._pending:
            return
        wait = self._wait_for() - self._clock.now()
        if wait > 0.005:  # a cue is still sounding: start once it is over
            self._later.start(int(wait * 1000) + 1)
            return
        utterance = self._queue.next()
        if utterance is None:
            return
        self._pending = True
        self.speaking_changed.emit(True)
        self.said.append((utterance.text, self._clock.now()))
        self._tts.say(utterance.text)

    def _on_state(self, state: object) -> None:
        speech = self._module.QTextToSpeech
        if state == speech.State.Speaking:
            self._pending = False
            self._speaking = True
        elif state in (speech.State.Ready, speech.State.Error):
            was = self._speaking or self._pending
            self._speaking = self._pending = False
            if was:
                self.speaking_changed.emit(False)
            self._next()

    def _on_error(self, *args: object) -> None:
        if self._tts is not None and self._tts.state() == self._module.QTextToSpeech.State.Error:
            self.stop()
            message = ENGINE_ERROR.format(self._tts.errorString() or "no detail")
            self._tts = None
            self._fail(message)
