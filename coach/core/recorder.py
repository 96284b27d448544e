"""Recording a running session into the store, at most half a second behind.

The recorder turns runner events into stored events, takes one sample per second of
breathing (with its breath phase; intensity comes with the technique panels), and writes
everything in one transaction every `flush_every` seconds. Nothing is dropped when the
store fails: the whole session stays in memory (`record()`), the failure is reported once,
and every later flush tries again, so a freed disk or a released lock catches up.

Offsets are seconds of active time since the first breath began; lead-in events come
before it and are negative.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import msgspec

from coach.core.clock import WallClock, iso_utc
from coach.core.pacer import PacerState, Timeline
from coach.core.records import (
    PatternRecord,
    PhaseName,
    Sample,
    SessionEvent,
    SessionRecord,
)
from coach.core.session import Event, Finished, PhaseChanged, RunState, StateChanged
from coach.core.store import Store, StoreError

FLUSH_EVERY_S = 0.5


@dataclass
class SessionLog:
    """Everything recorded for one session, kept in memory for its whole length."""

    record: SessionRecord
    samples: list[Sample] = field(default_factory=list)
    events: list[SessionEvent] = field(default_factory=list)


def new_session_record(
    wall: WallClock, timeline: Timeline, source: str, lead_in: float, kind: str = "breathing"
) -> SessionRecord:
    p = timeline.pattern
    return SessionRecord(
        id=str(uuid.uuid4()),
        started_at=iso_utc(wall.utc_now()),
        kind=kind,  # type: ignore[arg-type]
        source=source,
        pattern=PatternRecord(p.inhale, p.hold_in, p.exhale, p.hold_out),
        status="in_progress",
        planned_breaths=timeline.breaths,
        lead_in=lead_in,
    )


class SessionRecorder:
    def __init__(
        self,
        store: Store | None,
        record: SessionRecord,
        timeline: Timeline | None = None,
        on_error: Callable[[StoreError], None] = lambda error: None,
        flush_every: float = FLUSH_EVERY_S,
    ) -> None:
        self.store = store
        self.log = SessionLog(record)
        self._timeline = timeline
        self.error: StoreError | None = None
        self._on_error = on_error
        self._flush_every = flush_every
        self._pending_samples: list[Sample] = []
        self._pending_events: list[SessionEvent] = []
        self._last_flush: float | None = None
        self._next_sample_second = 0
        self._seq = 0
        self._active = 0.0
        self._breaths = 0
        self._row_written = False
        self._closing: tuple[str, str] | None = None  # an ending not yet in the store
        self.flush()

    @property
    def session_id(self) -> str:
        return self.log.record.id

    # -- input ----------------------------------------------------------------------------
    def on_events(self, events: Iterable[Event]) -> None:
        for event in events:
            row = _event_row(event, self._seq)
            if row is not None:
                self._seq += 1
                self._pending_events.append(row)
                self.log.events.append(row)

    def on_progress(self, now: float, pacer: PacerState, state: RunState) -> None:
        """Called on every tick: 1 Hz samples, progress counters, and a flush when due."""
        self.record_progress(pacer, state)
        self.flush_if_due(now)

    def record_progress(self, pacer: PacerState, state: RunState) -> None:
        """Progress counters and one sample per whole second of breathing (memory only)."""
        self._active = max(self._active, pacer.elapsed)
        self._breaths = pacer.breaths_done
        if state is RunState.RUNNING or (state is RunState.FINISHED and pacer.finished):
            # Each sample is taken from the timeline at its exact second, so a late or
            # missed tick leaves no hole.
            while self._next_sample_second <= pacer.elapsed and not (
                pacer.finished and self._next_sample_second >= pacer.elapsed
            ):
                second = float(self._next_sample_second)
                phase: PhaseName | None = None
                if self._timeline is not None:
                    phase = self._timeline.at(second).phase.value
                self.add_sample(Sample(t=second, phase=phase))
                self._next_sample_second += 1

    def add_sample(self, sample: Sample) -> None:
        self._pending_samples.append(sample)
        self.log.samples.append(sample)

    # -- output ---------------------------------------------------------------------------
    @property
    def saved(self) -> bool:
        """True when the store holds everything recorded so far, the ending included."""
        return (
            self.store is not None
            and self._row_written
            and not self._pending_samples
            and not self._pending_events
            and self._closing is None
        )

    def flush_if_due(self, now: float) -> None:
        if self._last_flush is None or now - self._last_flush >= self._flush_every:
            self.flush(now)

    def flush(self, now: float | None = None) -> bool:
        """Write whatever the store is missing: the row, readings, events, the ending.

        Each step is its own transaction and runs only when the one before it succeeded,
        so the store never holds an ending without the readings before it. Returns
        `saved`; the error is cleared only once nothing is left to write.
        """
        if now is not None:
            self._last_flush = now
        if self.store is None:
            return False
        if not self._row_written:
            if not self._write(lambda s: s.begin_session(self.log.record)):
                return False
            self._row_written = True
        if self._pending_samples or self._pending_events:
            samples, events = self._pending_samples, self._pending_events
            if not self._write(
                lambda s: s.append(self.session_id, samples, events, self._active, self._breaths)
            ):
                return False
            self._pending_samples, self._pending_events = [], []
        if self._closing is not None:
            status, reason = self._closing
            if not self._write(
                lambda s: s.end_session(
                    self.session_id, status, reason, self._active, self._breaths
                )
            ):
                return False
            self._closing = None
        self.error = None
        return True

    def finish(self, status: str, reason: str = "") -> bool:
        """End the session (completed, stopped) and write everything still pending."""
        self.log.record = msgspec.structs.replace(
            self.log.record,
            status=status,
            end_reason=reason,
            active_seconds=self._active,
            breaths_done=self._breaths,
        )
        self._closing = (status, reason)
        return self.flush()

    def _write(self, action: Callable[[Store], None]) -> bool:
        assert self.store is not None
        try:
            action(self.store)
        except StoreError as error:
            first = self.error is None or type(error) is not type(self.error)
            self.error = error
            if first:
                self._on_error(error)
            return False
        return True


def _event_row(event: Event, seq: int) -> SessionEvent | None:
    if isinstance(event, PhaseChanged):
        return SessionEvent(
            seq=seq,
            kind="phase",
            observed=_r(event.observed),
            scheduled=_r(event.scheduled),
            breath=event.breath,
            phase=event.phase.value,
        )
    if isinstance(event, Finished):
        return SessionEvent(
            seq=seq, kind="finish", observed=_r(event.observed), scheduled=_r(event.scheduled)
        )
    if isinstance(event, StateChanged):
        kind = {
            RunState.LEAD_IN: "lead_in",
            RunState.RUNNING: "breathing",
            RunState.PAUSED: "pause",
            RunState.STOPPED: "stop",
            RunState.FINISHED: None,  # already said by the Finished event
        }.get(event.new)
        if event.old is RunState.PAUSED:
            kind = "resume"
        if kind is None:
            return None
        return SessionEvent(seq=seq, kind=kind, observed=_r(event.observed), detail=event.reason)
    return None  # BreathCompleted is implied by the next inhale's phase event


def _r(seconds: float) -> float:
    """Millisecond precision, as stored; keeps memory and store identical."""
    return math.floor(seconds * 1000 + 0.5) / 1000
