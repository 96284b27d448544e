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

from coach.core.breath.pacer import PacerState, Timeline
from coach.core.breath.schedule import Schedule
from coach.core.clock import WallClock, iso_utc
from coach.core.session.routine import PromptShown, RatingSkipped, ReadingChanged, StepChanged
from coach.core.session.runner import (
    Finished,
    PaceChanged,
    PhaseChanged,
    RunState,
    SampleFacts,
    StateChanged,
    StopRequested,
)
from coach.core.store.errors import StoreError
from coach.core.store.records import PatternRecord, Sample, SessionEvent, SessionRecord
from coach.core.store.store import Store

FLUSH_EVERY_S = 0.5


@dataclass
class SessionLog:
    """Everything recorded for one session, kept in memory for its whole length."""

    record: SessionRecord
    samples: list[Sample] = field(default_factory=list)
    events: list[SessionEvent] = field(default_factory=list)


def new_session_record(
    wall: WallClock,
    timeline: Timeline | Schedule,
    source: str,
    lead_in: float,
    kind: str = "breathing",
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
        sample_at: Callable[[float], SampleFacts] | None = None,
        on_error: Callable[[StoreError], None] = lambda error: None,
        flush_every: float = FLUSH_EVERY_S,
    ) -> None:
        self.store = store
        self.log = SessionLog(record)
        self._sample_at = sample_at
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
        self._ratings_pending = False
        self.flush()

    @property
    def session_id(self) -> str:
        return self.log.record.id

    # -- input ----------------------------------------------------------------------------
    def on_events(self, events: Iterable[object]) -> None:
        for event in events:
            if isinstance(event, ReadingChanged):
                self._add_reading(event)
                continue
            row = _event_row(event, self._seq)
            if row is not None:
                self._seq += 1
                self._pending_events.append(row)
                self.log.events.append(row)

    def _add_reading(self, event: ReadingChanged) -> None:
        """A slider change is a sample of its own, at its exact time (after the whole
        seconds before it, so the samples stay in time order)."""
        while self._sample_at is not None and self._next_sample_second < event.observed:
            second = float(self._next_sample_second)
            self.add_sample(_sample(second, self._sample_at(second)))
            self._next_sample_second += 1
        facts = (
            self._sample_at(event.observed)
            if self._sample_at is not None
            else SampleFacts(phase=None)
        )
        self.add_sample(_sample(_r(event.observed), facts))

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
                if self._sample_at is not None:
                    self.add_sample(_sample(second, self._sample_at(second)))
                else:
                    self.add_sample(Sample(t=second))
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
            and not self._ratings_pending
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
        if self._ratings_pending:
            r = self.log.record
            try:
                written = self._write(
                    lambda s: s.set_ratings_and_notes(
                        self.session_id, r.rating_before, r.rating_after
                    )
                )
            except KeyError:
                written = True  # deleted from the history meanwhile: nothing left to rate
            if not written:
                return False
            self._ratings_pending = False
        self.error = None
        return True

    def rate(self, before: int | None = None, after: int | None = None) -> bool:
        """Tightness ratings (0-10), before and/or after; kept in memory until stored."""
        changes = {
            key: value
            for key, value in (("rating_before", before), ("rating_after", after))
            if value is not None
        }
        if not changes:
            return self.saved
        self.log.record = msgspec.structs.replace(self.log.record, **changes)
        self._ratings_pending = True
        return self.flush()

    @property
    def active_seconds(self) -> float:
        """Active time recorded so far (pauses excluded)."""
        return self._active

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


def _sample(t: float, facts: SampleFacts) -> Sample:
    return Sample(
        t=t,
        phase=facts.phase,  # type: ignore[arg-type]
        intensity=facts.intensity,
        step=facts.step,
        side=facts.side,  # type: ignore[arg-type]
    )


def _event_row(event: object, seq: int) -> SessionEvent | None:
    if isinstance(event, StepChanged):
        return SessionEvent(
            seq=seq,
            kind="step" if event.how == "auto" else f"step_{event.how}",
            observed=_r(event.observed),
            scheduled=_r(event.scheduled),
            breath=None,
            detail=f"{event.index}:{event.item.detail}",
        )
    if isinstance(event, PromptShown):
        if event.kind.endswith("_over"):
            return None  # the samples already say the reading came down
        return SessionEvent(
            seq=seq, kind=event.kind, observed=_r(event.observed), detail=str(event.level)
        )
    if isinstance(event, RatingSkipped):
        return SessionEvent(
            seq=seq, kind="rating_skipped", observed=_r(event.observed), detail=event.moment
        )
    if isinstance(event, PaceChanged):
        return SessionEvent(
            seq=seq,
            kind="pace",
            observed=_r(event.observed),
            scheduled=_r(event.scheduled),
            breath=event.breath,
            detail=event.pattern.label,
        )
    if isinstance(event, StopRequested):
        return SessionEvent(
            seq=seq, kind="safety_stop", observed=_r(event.observed), detail=event.reason.label
        )
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
        detail = event.reason
        if event.old is RunState.PAUSED and event.new is not RunState.STOPPED:
            kind = "resume"  # a stop while paused is a stop, with its reason
            if event.paused_for is not None:  # the pause's length: active time skips it
                detail = f"{event.paused_for:.1f}"
        if kind is None:
            return None
        return SessionEvent(seq=seq, kind=kind, observed=_r(event.observed), detail=detail)
    return None  # BreathCompleted is implied by the next inhale's phase event


def _r(seconds: float) -> float:
    """Millisecond precision, as stored; keeps memory and store identical."""
    return math.floor(seconds * 1000 + 0.5) / 1000
