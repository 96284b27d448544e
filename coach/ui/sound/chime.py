"""A soft chime for when a guided routine moves on to its next step by itself.

The person may have their eyes half closed and their hands busy, so a short sound tells
them what the screen cannot. Sound is a nicety, never a requirement: wherever it cannot
play (no libpulse, no sound server, no output device, an unplayable file) the coach says so
once, in plain words, and carries on silently. `play()` never raises.

QtMultimedia is imported on the first `play()`, not here: loading it (and FFmpeg with it)
costs start-up time, and on Linux the import itself fails without libpulse.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from coach.core.assets import asset

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

# Linear gain. The WAV already peaks at -12 dBFS; 0.6 keeps the cue below the loudness of
# most desktop notification sounds, so it informs without startling.
VOLUME = 0.6

# A second look at the effect's status after the first play: a decoding error is sometimes
# reported only in the status, without a statusChanged (seen with Qt 6.11 under load).
STATUS_CHECK_MS = 1500

NO_LIBRARY = (
    "Sound is off: this computer lacks the audio library the coach needs (on Linux, "
    "libpulse). The coach carries on silently."
)
NO_OUTPUT = "Sound is off: no audio output was found. The coach carries on silently."
NO_FILE = "Sound is off: the chime's sound file is missing. The coach carries on silently."
CANNOT_PLAY = (
    "Sound is off: the chime could not be played on this computer's audio output. "
    "The coach carries on silently."
)


class ChimePlayer(Protocol):
    """What the window needs of a chime (a test can hand it a fake that counts)."""

    def play(self) -> None: ...

    def set_enabled(self, enabled: bool) -> None: ...


def _load_multimedia() -> ModuleType:
    """Import QtMultimedia; ImportError or OSError when its system libraries are missing.

    A module-level function so a test can make it fail the way a machine without libpulse
    does, without uninstalling anything.
    """
    from PySide6 import QtMultimedia

    return QtMultimedia


class Chime(QObject):
    """Plays the step chime on the default audio output, or stays quietly silent.

    Make one for the life of the window and keep it. It holds its one QSoundEffect from
    the first `play()` on, and that matters: with Qt 6.11 and libpulse, a QSoundEffect
    created after the sound server restarted while none existed aborts the process (a
    libpulse assertion), while one that still exists carries on.

    Signals:
        unavailable(str): sound cannot be played here; a sentence to show the person.
            Emitted at most once per Chime; after it, `play()` does nothing.
        playing_changed(bool): the chime started (True) or finished (False) sounding.
    """

    unavailable = Signal(str)
    playing_changed = Signal(bool)

    def __init__(self, sound: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sound = sound
        self._enabled = True
        self._silenced = False  # unavailable has been said: never try (or say it) again
        self._effect: QSoundEffect | None = None
        self._status_checked = False

    def set_enabled(self, enabled: bool) -> None:
        """Mute (False) or unmute (True); muting also stops a chime already sounding."""
        self._enabled = enabled
        if not enabled and self._effect is not None:
            self._effect.stop()

    def is_enabled(self) -> bool:
        return self._enabled

    def is_playing(self) -> bool:
        return self._effect is not None and self._effect.isPlaying()

    def play(self) -> None:
        """Start the chime (restarting it if it is still sounding). Returns at once."""
        if not self._enabled or self._silenced:
            return
        try:
            effect = self._effect if self._effect is not None else self._make_effect()
            if effect is not None and effect.status() == effect.Status.Error:
                self._give_up(CANNOT_PLAY)
            elif effect is not None:
                effect.play()
                if not self._status_checked:
                    self._status_checked = True
                    QTimer.singleShot(STATUS_CHECK_MS, self, self._on_status_changed)
        except Exception:
            # A chime is never worth an interrupted session: whatever Qt or the system
            # throws here ends in silence and one notice, not a traceback.
            self._give_up(CANNOT_PLAY)

    def _make_effect(self) -> QSoundEffect | None:
        try:
            path = self._sound or asset("sounds", "step-chime.wav")
        except FileNotFoundError:
            self._give_up(NO_FILE)
            return None
        try:
            multimedia = _load_multimedia()
        except (ImportError, OSError):
            self._give_up(NO_LIBRARY)
            return None
        # Null when no sound server answers or it has no sink. Asked once: when Qt's first
        # look finds no server, it finds no output later either, so asking again won't help.
        if multimedia.QMediaDevices.defaultAudioOutput().isNull():
            self._give_up(NO_OUTPUT)
            return None
        effect: QSoundEffect = multimedia.QSoundEffect(self)
        effect.statusChanged.connect(self._on_status_changed)
        effect.playingChanged.connect(self._on_playing_changed)
        effect.setVolume(VOLUME)
        # The WAV is decoded in the background; a play() before it is ready is kept and
        # honoured once loading finishes.
        effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effect = effect
        return effect

    def _on_status_changed(self) -> None:
        effect = self._effect
        if effect is not None and effect.status() == effect.Status.Error:
            self._give_up(CANNOT_PLAY)

    def _on_playing_changed(self) -> None:
        if self._effect is not None:
            self.playing_changed.emit(self._effect.isPlaying())

    def _give_up(self, message: str) -> None:
        if self._silenced:
            return
        self._silenced = True
        if self._effect is not None:
            self._effect.stop()
        self.unavailable.emit(message)
