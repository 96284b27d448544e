"""The session runner: idle -> lead-in -> running <-> paused -> finished | stopped.

The runner owns no timer. A caller (the window's ticker, a test with a FakeClock) calls
`tick()` whenever it likes; the runner reads the injected clock and reports every phase
boundary it passed since the last tick, each stamped with the time it was *scheduled* and
the time it was *observed*, both in active seconds since the first breath. Pausing stops
active time, so a resumed session carries on exactly where it left off.

Stopping is a safety path, so its rules live here, where they can be tested exactly:
- A stop is asked for (`hold_for_question`): the session pauses at once, the pacer
  settles, and the person is asked why. "Keep going" (`release_hold`) resumes exactly
  where it paused; a reason (`stop_for`) ends it.
- A safety reason moves into a one-minute cool-down; the first safety reason given is the
  session's end reason whatever happens after it (`end_reason`). A later stop adds an
  event and never overwrites it, and a stop in the cool-down needs no reason
  (`needs_reason`).
- A Space pressed within half a second of the settle-in's end is not taken as Pause.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Literal

from coach.core.breath.pacer import PacerState, Timeline
from coach.core.breath.pattern import BreathPattern, Phase
from coach.core.breath.presets import preset_by_id
from coach.core.breath.schedule import Schedule, Segment
from coach.core.clock import Clock
from coach.core.content.safety import COOL_DOWN_BREATHS_S, StopReason


class RunState(StrEnum):
    IDLE = "idle"
    LEAD_IN = "lead_in"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class PhaseChanged:
    phase: Phase
    breath: int
    scheduled: float
    observed: float


@dataclass(frozen=True, slots=True)
class BreathCompleted:
    breath: int
    """0-based index of the breath that just ended."""
    scheduled: float
    observed: float


@dataclass(frozen=True, slots=True)
class Finished:
    scheduled: float
    observed: float


@dataclass(frozen=True, slots=True)
class StateChanged:
    """The run state moved (start, pause, resume, lead-in over, stop)."""

    old: RunState
    new: RunState
    observed: float
    reason: str = ""
    paused_for: float | None = None
    """On leaving a pause: how long it lasted, in seconds of the runner's clock."""


@dataclass(frozen=True, slots=True)
class StopRequested:
    """A stop with a safety reason: a one-minute breathing cool-down begins."""

    reason: StopReason
    observed: float


@dataclass(frozen=True, slots=True)
class PaceChanged:
    """A new pattern, from the start of breath `breath` (scheduled) on."""

    pattern: BreathPattern
    breath: int
    scheduled: float
    observed: float


Event = PhaseChanged | BreathCompleted | Finished | StateChanged | StopRequested | PaceChanged


@dataclass(frozen=True, slots=True)
class RunnerSnapshot:
    state: RunState
    lead_in: float
    lead_in_left: float
    pacer: PacerState
    total_breaths: int | None
    step: Any = None
    """A guided session's `StepState` (None for breathing only)."""
    pace_varies: bool = False
    """The pace changes during the session (a glide, a change made live)."""
    held: str = ""
    """What the session is held for ("question": why are you stopping; "guidance": the
    cautions before a technique; "info": the technique's page), or "" when not held."""
    cooling_down: bool = False
    """A safety stop's cool-down is under way."""


@dataclass(frozen=True, slots=True)
class SampleFacts:
    """What a sample at one instant holds (the recorder turns it into a stored Sample)."""

    phase: str | None
    intensity: int | None = None
    step: int | None = None
    side: str | None = None


MAX_LEAD_IN = 60.0
# A Space meant for the settle-in that lands just after it ended is not a Pause.
SPACE_GRACE_S = 0.5
COOL_DOWN_ENDED = "Ended the cool-down"


class SessionRunner:
    """Drives one breathing session on an injected clock. Not thread-safe; one owner."""

    kind: ClassVar[Literal["breathing", "routine"]] = "breathing"
    """What is run: free breathing here, a routine in `RoutineRunner`."""

    def __init__(self, timeline: Timeline | Schedule, clock: Clock, lead_in: float = 0.0) -> None:
        if not 0.0 <= lead_in <= MAX_LEAD_IN:
            raise ValueError(f"lead-in: {lead_in!r} s is out of range; allowed 0-60 s")
        if isinstance(timeline, Timeline):
            timeline = Schedule.single(timeline.pattern, timeline.breaths)
        self.timeline: Schedule = timeline
        self.clock = clock
        self._lead_in = float(lead_in)
        self._state = RunState.IDLE
        self._paused_from = RunState.RUNNING
        self._banked = 0.0  # session seconds (lead-in included) before the last resume
        self._resumed_at: float | None = None
        self._paused_at: float | None = None  # the clock's time when the pause began
        self._last_t = 0.0  # pacer time reached by the last tick
        self._lead_in_ran_out = False  # the first breath began when the settle-in ended
        self._held = False  # paused by a stop request, waiting for its reason
        self._held_for = ""
        self.safety_stop: StopReason | None = None

    # -- time -----------------------------------------------------------------------------
    @property
    def state(self) -> RunState:
        return self._state

    @property
    def lead_in(self) -> float:
        return self._lead_in

    def _now(self, now: float | None) -> float:
        return self.clock.now() if now is None else now

    def session_time(self, now: float | None = None) -> float:
        """Active seconds since start, lead-in included; frozen while paused."""
        if self._resumed_at is None:
            return self._banked
        return self._banked + max(0.0, self._now(now) - self._resumed_at)

    def pacer_time(self, now: float | None = None) -> float:
        """Active seconds since the first breath began (negative during the lead-in)."""
        return self.session_time(now) - self._lead_in

    # -- intents --------------------------------------------------------------------------
    def start(self, now: float | None = None) -> list[Event]:
        if self._state is not RunState.IDLE:
            return []
        now = self._now(now)
        self._resumed_at = now
        if self._lead_in > 0:
            return [self._move(RunState.LEAD_IN, -self._lead_in)]
        return self._begin_breathing(0.0)

    def pause(self, now: float | None = None) -> list[Event]:
        if self._state not in (RunState.LEAD_IN, RunState.RUNNING):
            return []
        now = self._now(now)
        events = self.tick(now)
        if self._state in (RunState.FINISHED, RunState.STOPPED):
            return events
        self._banked = self.session_time(now)
        self._resumed_at = None
        self._paused_at = now
        self._paused_from = self._state
        events.append(self._move(RunState.PAUSED, self.pacer_time(now)))
        return events

    def resume(self, now: float | None = None) -> list[Event]:
        if self._state is not RunState.PAUSED:
            return []
        self._resumed_at = now = self._now(now)
        paused_for = None if self._paused_at is None else max(0.0, now - self._paused_at)
        self._paused_at = None
        return [self._move(self._paused_from, self.pacer_time(now), paused_for=paused_for)]

    def toggle(self, now: float | None = None) -> list[Event]:
        """Space: start when idle, skip the lead-in, pause when running, resume when paused.

        A Space within `SPACE_GRACE_S` of the settle-in's end was meant for the settle-in
        ("begin now"): the first breath has just begun, so it is not taken as Pause.
        """
        if self._state is RunState.IDLE:
            return self.start(now)
        if self._state is RunState.LEAD_IN:
            events = self.tick(now)
            if self._state is RunState.LEAD_IN:
                return events + self.skip_lead_in(now)
            return events  # it ran out a moment ago: the Space changes nothing
        if self._state is RunState.RUNNING:
            if self._lead_in_ran_out and 0.0 <= self.pacer_time(now) < SPACE_GRACE_S:
                return self.tick(now)
            return self.pause(now)
        if self._state is RunState.PAUSED:
            return self.resume(now)
        return []

    def skip_lead_in(self, now: float | None = None) -> list[Event]:
        if self._state is not RunState.LEAD_IN:
            return []
        # Shorten the lead-in to what has passed, so the first breath starts right now.
        self._lead_in = self.session_time(now)
        return self.tick(now)

    # -- stopping -------------------------------------------------------------------------
    def needs_reason(self) -> bool:
        """Whether a stop asks why: not in the cool-down, where the reason is already
        known (a stop there simply ends it)."""
        return self.safety_stop is None

    def hold_for_question(self, now: float | None = None, why: str = "question") -> list[Event]:
        """Esc or Stop during a session: pause at once (nothing moves while the person is
        asked why). A session already paused stays paused, and is not resumed by
        `release_hold`. `why` says what holds it (see `RunnerSnapshot.held`); a hold
        already under way only changes its reason."""
        if self.held:
            self._held_for = why
            return []
        if self._state not in (RunState.LEAD_IN, RunState.RUNNING):
            return []
        events = self.pause(now)
        self._held = self.state is RunState.PAUSED  # (a pause may have found it over)
        self._held_for = why
        return events

    @property
    def held_for(self) -> str:
        """What holds the session ("" when nothing does)."""
        return self._held_for if self.held else ""

    @property
    def held(self) -> bool:
        """Paused by a stop request, waiting for its reason."""
        return self._held and self._state is RunState.PAUSED

    def release_hold(self, now: float | None = None) -> list[Event]:
        """ "Keep going": resume exactly where the stop request paused the session."""
        if not self.held:
            self._held = False
            return []
        self._held = False
        return self.resume(now)

    def stop_for(self, reason: StopReason, now: float | None = None) -> list[Event]:
        """The person said why they stop: a safety reason (the first one) cools down for a
        minute; any other reason, or a second safety reason, ends the session now. Either
        way the first safety reason given stays the session's end reason."""
        self._held = False
        if reason.safety and self.safety_stop is None:
            return self.stop_for_safety(reason, now)
        return self.stop(reason.label, now)

    def end_cool_down(self, now: float | None = None) -> list[Event]:
        """A stop during the cool-down: it ends now, without asking again."""
        if self.safety_stop is None:
            return []
        self._held = False
        return self.stop(COOL_DOWN_ENDED, now)

    def end_reason(self, stop_reason: str = "") -> str:
        """The reason a session is stored with: the first safety reason given, if any,
        else the reason of the stop that ended it."""
        return self.safety_stop.label if self.safety_stop is not None else stop_reason

    def stop(self, reason: str = "stopped", now: float | None = None) -> list[Event]:
        if self._state in (RunState.IDLE, RunState.FINISHED, RunState.STOPPED):
            return []
        now = self._now(now)
        events = self.tick(now) if self._state is not RunState.PAUSED else []
        if any(isinstance(event, Finished) for event in events):
            return events  # it ended on its own a moment before the stop arrived
        t = self.pacer_time(now)
        self._banked = self.session_time(now)
        self._resumed_at = None
        events.append(self._move(RunState.STOPPED, t, reason))
        return events

    # -- progress -------------------------------------------------------------------------
    def tick(self, now: float | None = None) -> list[Event]:
        """Everything that happened since the last tick, in scheduled order."""
        events: list[Event] = []
        if self._state is RunState.LEAD_IN:
            t = self.pacer_time(now)
            if t < 0:
                return events
            events.extend(self._begin_breathing(t))
        if self._state is not RunState.RUNNING:
            return events
        t = self.pacer_time(now)
        for boundary in self.timeline.boundaries_between(self._last_t, t):
            if boundary.phase is Phase.INHALE:
                events.append(BreathCompleted(boundary.breath - 1, boundary.time, t))
            events.append(PhaseChanged(boundary.phase, boundary.breath, boundary.time, t))
        total = self.timeline.total
        if total is not None and t >= total:
            assert self.timeline.breaths is not None
            events.append(BreathCompleted(self.timeline.breaths - 1, total, t))
            events.append(Finished(total, t))
            self._banked = self._lead_in + total
            self._resumed_at = None
            events.append(self._move(RunState.FINISHED, t))
        self._last_t = t
        return events

    def next_due(self, now: float | None = None) -> float | None:
        """Seconds until the next scheduled boundary (None when nothing is scheduled).

        Lets the caller wake up exactly on time instead of up to a frame late.
        """
        if self._state is RunState.LEAD_IN:
            return max(0.0, -self.pacer_time(now))
        if self._state is not RunState.RUNNING:
            return None
        t = self.pacer_time(now)
        due = self.timeline.next_boundary(t)
        return 0.0 if due is None else max(0.0, due - t)

    def sample_at(self, t: float) -> SampleFacts:
        """The facts of a 1 Hz sample taken at pacer time `t` (taken late, read exactly)."""
        return SampleFacts(phase=self.timeline.at(t).phase.value)

    def ending(self) -> tuple[str, str]:
        """How a session that reached its end is stored: (status, reason)."""
        if self.safety_stop is not None:
            return ("stopped", self.safety_stop.label)
        return ("completed", "")

    def stop_for_safety(self, reason: StopReason, now: float | None = None) -> list[Event]:
        """Stopping for a safety reason: the breath under way ends, then a minute of calm
        breathing, then the session ends stopped with the reason. In the lead-in nothing
        has begun, so it simply stops."""
        if self._state is RunState.LEAD_IN or (
            self._state is RunState.PAUSED and self._paused_from is RunState.LEAD_IN
        ):
            self.safety_stop = reason
            return self.stop(reason.label, now)
        if self._state not in (RunState.RUNNING, RunState.PAUSED) or self.safety_stop:
            return []
        events = self.tick(now)
        if self._state not in (RunState.RUNNING, RunState.PAUSED):
            return events
        t = max(0.0, self.pacer_time(now))
        self.safety_stop = reason
        events.append(StopRequested(reason, t))
        events += self._cool_down(t)
        if self._state is RunState.PAUSED:
            events += self.resume(now)
        return events

    def change_pace(
        self, pattern: BreathPattern, now: float | None = None, rest: Schedule | None = None
    ) -> list[Event]:
        """Breathe `pattern` from the next breath on (never mid-breath); the number of
        breaths left stays as it was. With `rest`, the breaths from the next one on are
        taken from that schedule instead (a glide carries on in a new shape). Returns the
        `PaceChanged` (nothing when idle or over)."""
        if self._state not in (RunState.LEAD_IN, RunState.RUNNING, RunState.PAUSED):
            return []
        if self.safety_stop is not None:
            return []  # the cool-down keeps its calm pace
        events = self.tick(now) if self._state is not RunState.PAUSED else []
        if self._state not in (RunState.LEAD_IN, RunState.RUNNING, RunState.PAUSED):
            return events
        t = self.pacer_time(now)
        if t < 0 or (self._state is RunState.PAUSED and self._paused_from is RunState.LEAD_IN):
            nxt = 0  # not breathing yet: the very first breath takes the new pace
        else:
            nxt = self.timeline.at(t).breath_index + 1
        total = self.timeline.breaths
        left = None if total is None else total - nxt
        if left is not None and left <= 0:
            return events  # the last breath is under way: nothing left to change
        tail = [Segment(pattern, left)] if rest is None else rest.tail(nxt, left)
        if not tail:
            return events
        self.timeline = self.timeline.continued(nxt, tail) if nxt else Schedule(tail)
        first = self.timeline.pattern_of_breath(nxt)
        events.append(PaceChanged(first, nxt, self.timeline.breath_start(nxt), max(t, 0.0)))
        return events

    def _cool_down(self, t: float) -> list[Event]:
        calm = preset_by_id("calm").pattern
        breaths = max(1, round(COOL_DOWN_BREATHS_S * 10 / calm.cycle_tenths))
        breath = self.timeline.at(t).breath_index
        self.timeline = self.timeline.continued(breath + 1, [Segment(calm, breaths)])
        return []

    def snapshot(self, now: float | None = None) -> RunnerSnapshot:
        t = self.pacer_time(now)
        return RunnerSnapshot(
            state=self._state,
            lead_in=self._lead_in,
            lead_in_left=max(0.0, -t) if self._state is not RunState.IDLE else self._lead_in,
            pacer=self.timeline.at(t),
            total_breaths=self.timeline.breaths,
            pace_varies=self.timeline.varied,
            held=self._held_for if self.held else "",
            cooling_down=self.safety_stop is not None and self._state is not RunState.STOPPED,
        )

    # -- internals ------------------------------------------------------------------------
    def _begin_breathing(self, t: float) -> list[Event]:
        # There was a settle-in (run out, or skipped with Space): a Space a moment after
        # its end was meant for it, not for the breathing that just began.
        self._lead_in_ran_out = self._lead_in > 0
        events: list[Event] = [self._move(RunState.RUNNING, t)]
        events.append(PhaseChanged(Phase.INHALE, 0, 0.0, t))
        self._last_t = 0.0
        return events

    def _move(
        self, new: RunState, observed: float, reason: str = "", paused_for: float | None = None
    ) -> StateChanged:
        old, self._state = self._state, new
        return StateChanged(old, new, observed, reason, paused_for)
