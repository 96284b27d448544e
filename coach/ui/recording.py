"""Connects a window's sessions to the store: one `SessionRecorder` per session.

Signals:
    store_failed(str): a write failed, in plain words; the session goes on in memory.
    store_recovered(): writes work again and everything held in memory is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from coach.core.clock import WallClock
from coach.core.session import (
    Event,
    Finished,
    RunnerSnapshot,
    RunState,
    SessionRunner,
    StateChanged,
)

if TYPE_CHECKING:  # the store machinery (sqlite3, msgspec) loads after the first paint
    from coach.core.recorder import SessionLog, SessionRecorder
    from coach.core.store import Store, StoreError

#: How often a running session is written to the store (and the window wakes to do it).
FLUSH_INTERVAL_MS = 500


class Recording(QObject):
    store_failed = Signal(str)
    store_recovered = Signal()

    def __init__(self, store: Store | None, wall: WallClock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._wall = wall
        self._recorder: SessionRecorder | None = None
        self._failing = False
        self._unavailable = ""  # why there is no store at all, when the app has none

    @property
    def recorder(self) -> SessionRecorder | None:
        return self._recorder

    @property
    def log(self) -> SessionLog | None:
        """The current (or last) session as recorded in memory."""
        return None if self._recorder is None else self._recorder.log

    @property
    def unsaved(self) -> bool:
        """True when the store is missing part of the current (or last) session."""
        if self._recorder is None:
            return False
        if self.store is None:
            return bool(self._unavailable)
        return self._recorder.error is not None

    def mark_unavailable(self, reason: str) -> None:
        """The app runs without a store: sessions live in memory and can be exported."""
        self._unavailable = reason

    def begin(self, runner: SessionRunner, source: str) -> None:
        from coach.core.recorder import SessionRecorder, new_session_record
        from coach.core.store import StoreError

        record = new_session_record(self._wall, runner.timeline, source, runner.lead_in)
        self._recorder = SessionRecorder(
            self.store,
            record,
            runner.timeline,
            on_error=self._on_error,
            flush_every=FLUSH_INTERVAL_MS / 1000,
        )
        if self.store is None and self._unavailable:
            self._on_error(StoreError(self._unavailable))
        self._check_recovered()

    def on_tick(self, now: float, events: list[Event], snapshot: RunnerSnapshot) -> None:
        recorder = self._recorder
        if recorder is None:
            return
        recorder.on_events(events)
        recorder.on_progress(now, snapshot.pacer, snapshot.state)
        for event in events:
            if isinstance(event, Finished):
                recorder.finish("completed")
            elif isinstance(event, StateChanged) and event.new is RunState.STOPPED:
                recorder.finish("stopped", event.reason)
            elif isinstance(event, StateChanged) and event.new is RunState.PAUSED:
                recorder.flush(now)  # a pause may be the last thing before a long break
        self._check_recovered()

    def retry(self) -> bool:
        """Try to write what is held in memory again (after the person fixed the cause)."""
        if self._recorder is None:
            return True
        ok = self._recorder.flush()
        self._check_recovered()
        return ok

    def _on_error(self, error: StoreError) -> None:
        self._failing = True
        self.store_failed.emit(str(error))

    def _check_recovered(self) -> None:
        if self._failing and self._recorder is not None and self._recorder.error is None:
            self._failing = False
            self.store_recovered.emit()
