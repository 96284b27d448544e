"""The session under way, kept moving: its runner, the frames, and the recording.

The runner is a pure function of the clock (`coach.core.session`); something has to ask it
for its state now and then. Two timers do: the ticker wakes at every phase boundary, and,
while the window can be seen, as often as the picture needs; a plain timer keeps the
session recorded at least twice a second. So a session minimised, covered or on another
workspace keeps its moments exactly (the voice and the title follow them) and only stops
painting. Every change goes through `apply()`, which turns the runner's events into
signals, keeps both timers right and hands the recording what happened.

Signals:
    phase_changed(PhaseChanged): a phase began (scheduled and observed times inside).
    breath_completed(BreathCompleted): a full breath ended.
    session_finished(Finished): the planned length was reached.
    session_stopped(StateChanged): the session was ended early.
    applied(list[Event], RunnerSnapshot, bool): after every step, with what happened, the
        state now, and whether a picture is wanted (False for the recording timer's steps).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from coach.core.clock import Clock
from coach.core.session.runner import (
    BreathCompleted,
    Event,
    Finished,
    PhaseChanged,
    RunnerSnapshot,
    RunState,
    SessionRunner,
    StateChanged,
)
from coach.ui.window.recording import FLUSH_INTERVAL_MS, Recording
from coach.ui.window.ticker import Ticker

if TYPE_CHECKING:
    from coach.core.session.routine import GuidedEvent

ACTIVE = (RunState.LEAD_IN, RunState.RUNNING)


class SessionDriver(QObject):
    phase_changed = Signal(object)
    breath_completed = Signal(object)
    session_finished = Signal(object)
    session_stopped = Signal(object)
    applied = Signal(object, object, bool)

    def __init__(
        self,
        clock: Clock,
        runner: SessionRunner,
        recording: Recording,
        next_frame: Callable[[RunnerSnapshot], float],
        frames_wanted: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        """`next_frame(snapshot)`: seconds until the picture changes visibly;
        `frames_wanted()`: whether the window can be seen at all."""
        super().__init__(parent)
        self._clock = clock
        self.runner = runner
        self.recording = recording
        self._next_frame = next_frame
        self._frames_wanted = frames_wanted
        self.snapshot = runner.snapshot(clock.now())
        self.ticker = Ticker(clock, self._next_due, self)
        self.ticker.ticked.connect(self.tick)
        self._record_timer = QTimer(self)
        self._record_timer.setInterval(FLUSH_INTERVAL_MS)
        self._record_timer.timeout.connect(self._record_tick)

    def active(self) -> bool:
        """Settling in, running or paused."""
        return self.runner.state in (RunState.LEAD_IN, RunState.RUNNING, RunState.PAUSED)

    def tick(self, now: float) -> None:
        self.apply(self.runner.tick(now), now, render=self._frames_wanted())

    def _record_tick(self) -> None:
        """Moves the session on for the store; paints nothing (the ticker does that, and
        only while the window can be seen)."""
        now = self._clock.now()
        self.apply(self.runner.tick(now), now, render=False)

    def apply(
        self, events: Sequence[Event | GuidedEvent], now: float | None = None, render: bool = True
    ) -> None:
        now = self._clock.now() if now is None else now
        events = list(events)
        for event in events:
            if isinstance(event, PhaseChanged):
                self.phase_changed.emit(event)
            elif isinstance(event, BreathCompleted):
                self.breath_completed.emit(event)
            elif isinstance(event, Finished):
                self.session_finished.emit(event)
            elif isinstance(event, StateChanged) and event.new is RunState.STOPPED:
                self.session_stopped.emit(event)
        self.sync_timers()
        self.snapshot = self.runner.snapshot(now)
        self.recording.on_tick(now, events, self.snapshot)
        self.applied.emit(events, self.snapshot, render)

    def refresh_snapshot(self, now: float | None = None) -> RunnerSnapshot:
        """The state now, without moving the session on (a new runner, a new look)."""
        self.snapshot = self.runner.snapshot(self._clock.now() if now is None else now)
        return self.snapshot

    def sync_timers(self) -> None:
        """Ticks while the session moves (frames only while the window can be seen)."""
        active = self.runner.state in ACTIVE
        if active and not self.ticker.running:
            self.ticker.start()
        elif not active and self.ticker.running:
            self.ticker.stop()
        if active and not self._record_timer.isActive():
            self._record_timer.start()
        elif not active and self._record_timer.isActive():
            self._record_timer.stop()

    def stop_timers(self) -> None:
        self.ticker.stop()
        self._record_timer.stop()

    def _next_due(self) -> float | None:
        """When the ticker should wake next: a boundary, or a visible change while the
        window can be seen, whichever first."""
        boundary = self.runner.next_due()
        if not self._frames_wanted():
            return boundary
        frame = self._next_frame(self.snapshot)
        return frame if boundary is None else min(boundary, frame)
