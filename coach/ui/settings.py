"""The person's settings for this run: built once by the app, shared by every screen.

Read after the first paint (a small file, but start-up waits for nothing it can skip),
changed by the screens, and written at once, whole. Without a data folder (screenshots,
tests) the settings live in memory only.

Signals:
    save_failed(str): a change could not be written; a sentence to show the person.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from coach.core.settings import Settings


class SettingsKeeper(QObject):
    save_failed = Signal(str)

    def __init__(self, folder: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self._settings: Settings | None = None  # made on first use: msgspec loads late
        self.loaded = False
        """False until `load()`: what the screens read before then are the defaults."""

    @property
    def current(self) -> Settings:
        if self._settings is None:
            from coach.core.settings import Settings

            self._settings = Settings()
        return self._settings

    def load(self) -> list[str]:
        """Read the file; returns what to tell the person (a damaged file set aside)."""
        from coach.core.settings import Settings, load_settings

        notices: list[str] = []
        if self._folder is not None:
            self._settings, notices = load_settings(self._folder)
        else:
            self._settings = Settings()
        self.loaded = True
        return notices

    def update(self, **changes: Any) -> None:
        """Change some fields and save (a failure is said once, with `save_failed`)."""
        import msgspec

        self.replace(msgspec.structs.replace(self.current, **changes))

    def replace(self, settings: Settings) -> None:
        from coach.core.settings import save_settings

        self._settings = settings
        if self._folder is None:
            return
        try:
            save_settings(self._folder, settings)
        except OSError as error:
            self.save_failed.emit(
                f"A setting could not be saved ({error.strerror or error}); the coach will "
                "ask again next time."
            )
