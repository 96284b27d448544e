"""Connects a window's sessions to the store: one `SessionRecorder` per session.

A session the store could not take in full is never dropped: its recorder stays in a
list of unsaved ones, retried every few seconds, exportable from the window, and written
to a file of its own if the coach is told to quit before the store takes it.

Signals:
    store_failed(str): a write failed, in plain words; the session goes on in memory.
    store_recovered(): writes work again and everything held in memory is stored.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from coach.core.clock import WallClock
from coach.core.session.runner import (
    Finished,
    RunnerSnapshot,
    RunState,
    SessionRunner,
    StateChanged,
)

if TYPE_CHECKING:  # the store machinery (sqlite3, msgspec) loads after the first paint
    from coach.core.store.errors import StoreError
    from coach.core.store.recorder import SessionLog, SessionRecorder
    from coach.core.store.store import Store

#: How often a running session is written to the store (and the window wakes to do it).
FLUSH_INTERVAL_MS = 500
#: How often a session the store could not take is offered to it again.
RETRY_INTERVAL_MS = 5000


class Recording(QObject):
    store_failed = Signal(str)
    store_recovered = Signal()

    def __init__(self, store: Store | None, wall: WallClock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._wall = wall
        self._recorder: SessionRecorder | None = None
        self._runner: SessionRunner | None = None
        self._held: list[SessionRecorder] = []  # earlier sessions the store still lacks
        self._failing = False
        self._unavailable = ""  # why there is no store at all, when the app has none
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_INTERVAL_MS)
        self._retry.timeout.connect(self.retry)

    @property
    def recorder(self) -> SessionRecorder | None:
        return self._recorder

    @property
    def log(self) -> SessionLog | None:
        """The current (or last) session as recorded in memory."""
        return None if self._recorder is None else self._recorder.log

    def unsaved_logs(self) -> list[SessionLog]:
        """Every session, oldest first, that the store does not hold in full."""
        recorders = [*self._held, *([self._recorder] if self._recorder else [])]
        return [r.log for r in recorders if self._is_unsaved(r)]

    @property
    def unsaved(self) -> bool:
        return bool(self.unsaved_logs())

    def mark_unavailable(self, reason: str) -> None:
        """The app runs without a store: sessions live in memory and can be exported."""
        self._unavailable = reason

    def begin(
        self,
        runner: SessionRunner,
        source: str,
        kind: str = "breathing",
        rating_before: int | None = None,
    ) -> None:
        from coach.core.store.errors import StoreError
        from coach.core.store.recorder import SessionRecorder, new_session_record

        if self._recorder is not None and self._is_unsaved(self._recorder):
            self._held.append(self._recorder)
        self._runner = runner
        record = new_session_record(self._wall, runner.timeline, source, runner.lead_in, kind)
        if rating_before is not None:
            import msgspec

            record = msgspec.structs.replace(record, rating_before=rating_before)
        self._recorder = SessionRecorder(
            self.store,
            record,
            runner.sample_at,
            on_error=self._on_error,
            flush_every=FLUSH_INTERVAL_MS / 1000,
        )
        if self.store is None and self._unavailable:
            self._on_error(StoreError(self._unavailable))
        self._check_recovered()

    def on_tick(self, now: float, events: Sequence[object], snapshot: RunnerSnapshot) -> None:
        recorder = self._recorder
        if recorder is None or self._runner is None:
            return
        recorder.on_events(events)
        recorder.on_progress(now, snapshot.pacer, snapshot.state)
        for event in events:
            if isinstance(event, Finished):
                recorder.finish(*self._runner.ending())
            elif isinstance(event, StateChanged) and event.new is RunState.STOPPED:
                # The first safety reason stays the end reason; a later stop is an event.
                recorder.finish("stopped", self._runner.end_reason(event.reason))
            elif isinstance(event, StateChanged) and event.new is RunState.PAUSED:
                recorder.flush(now)  # a pause may be the last thing before a long break
        self._check_recovered()

    def rating_skipped(self, moment: str) -> None:
        """The tightness after the last session was offered and skipped: said so in its
        events, so the review can tell skipped from never asked."""
        from coach.core.session.routine import RatingSkipped

        if self._recorder is not None and moment in ("before", "after"):
            self._recorder.on_events([RatingSkipped(moment, self._recorder.active_seconds)])  # type: ignore[arg-type]
            self._recorder.flush()
            self._check_recovered()

    def rate(self, after: int) -> None:
        """The tightness after the last session (kept in memory if the store fails)."""
        if self._recorder is not None:
            self._recorder.rate(after=after)
            self._check_recovered()

    def retry(self) -> bool:
        """Offer everything held in memory to the store again. True when all of it is in."""
        for recorder in [*self._held, *([self._recorder] if self._recorder else [])]:
            if self.store is not None and not recorder.saved:
                recorder.flush()
        self._held = [r for r in self._held if self._is_unsaved(r)]
        self._check_recovered()
        return not self.unsaved

    def rescue(self, folder: Path) -> list[Path]:
        """Quitting with sessions the store lacks: write each to a file (folder, else home)."""
        from coach.core.store.exchange import export_log

        written: list[Path] = []
        for log in self.unsaved_logs():
            # The id keeps two sessions started in the same second from sharing a file.
            stamp = log.record.started_at[:19].replace(":", "")
            name = f"unsaved-session-{stamp}-{log.record.id[:8]}.json"
            for place in (folder, Path.home()):
                with contextlib.suppress(OSError):
                    written.append(export_log(log, place / name))
                    break
        return written

    def _is_unsaved(self, recorder: SessionRecorder) -> bool:
        """A write failed and the store has not taken everything since (pending readings
        of a healthy session between two flushes do not count)."""
        if self.store is None:
            return bool(self._unavailable)
        return recorder.error is not None

    def _on_error(self, error: StoreError) -> None:
        self._failing = True
        if not self._retry.isActive():
            self._retry.start()
        self.store_failed.emit(str(error))

    def _check_recovered(self) -> None:
        if self._failing and not self.unsaved:
            self._failing = False
            self._retry.stop()
            self.store_recovered.emit()

    def stop_retrying(self) -> None:
        self._retry.stop()
