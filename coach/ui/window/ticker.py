"""The window's one timer. It asks for frames; it never tells the time.

One parented `QTimer` with `Qt.PreciseTimer`, single-shot and re-armed after every tick
for the moment its owner says something next changes: a scheduled phase boundary, a digit
of the countdown, or the belly moving by a visible step. So a cue changes within a
millisecond or two of its schedule, frames come at most at 60 Hz and only as often as the
picture really moves, and the state itself always comes from the clock.

Signals:
    ticked(float): emitted on every tick with the clock's reading.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from coach.core.clock import Clock

MIN_INTERVAL_MS = 1
MAX_INTERVAL_MS = 250  # keeps a running session responsive even when nothing moves


class Ticker(QObject):
    ticked = Signal(float)

    def __init__(
        self,
        clock: Clock,
        next_due: Callable[[], float | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._next_due = next_due
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        self._running = True
        self._timer.start(0)

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def _arm(self, due_in: float | None) -> None:
        """Wake when the next thing is due, `due_in` seconds from now."""
        if due_in is None:
            interval = MAX_INTERVAL_MS
        else:
            # Round up: waking a hair after a boundary sees it; waking before would not.
            interval = min(MAX_INTERVAL_MS, max(MIN_INTERVAL_MS, math.ceil(due_in * 1000)))
        self._timer.start(interval)

    def _on_timeout(self) -> None:
        if not self._running:
            return
        self.ticked.emit(self._clock.now())
        if self._running:  # a slot may have stopped us (pause, finish)
            self._arm(self._next_due())
