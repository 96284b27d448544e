"""The wheel anywhere over the main window sets the pressure feel while a routine runs.

Installed on the application only while a guided session is under way, so at every other
time the wheel scrolls whatever is under the pointer, as usual.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget


class WheelFilter(QObject):
    """Owned by the main window; hands wheel turns over it to `take`, which says whether
    it used them (a turn it did not use scrolls as usual)."""

    def __init__(self, window: QWidget, take: Callable[[int], bool]) -> None:
        super().__init__(window)
        self._window = window
        self._take = take
        self._watching = False

    def watch(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        self._watching = on
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The wheel over any child of the window counts, whichever is under the pointer.
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and watched.window() is self._window
            and isinstance(event, QWheelEvent)
        ):
            delta = event.angleDelta().y()
            if event.inverted():  # "natural" scrolling: fingers up still means stronger
                delta = -delta
            if self._take(delta):
                return True
        return super().eventFilter(watched, event)
