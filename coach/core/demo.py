"""Realistic made-up history for screenshots and trying the review screens (`--demo`).

Sessions are not drawn by hand: each one is run by the real runners (`RoutineRunner`,
`SessionRunner`) on a `FakeClock` and recorded by the real `SessionRecorder` in memory,
so samples, events and their timing are exactly what the app writes. A made-up person
moves the slider, eases off when prompted, pauses, skips, stops and rates; everything is
then added with one `import_all` transaction, which also takes the summaries.

The person: desk breaks on most weekdays, longer releases and breathing at weekends, a
few days missed; the left side a little tighter than the right at first, the two
converging over the weeks; tightness before a session easing over time.
"""

from __future__ import annotations

import bisect
import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

import msgspec

from coach.core.assets import assets_dir
from coach.core.breath.pacer import Timeline
from coach.core.breath.presets import preset_by_id
from coach.core.clock import FakeClock, FakeWallClock, WallClock, iso_utc
from coach.core.content.library import Library, load_library
from coach.core.content.plan import build_plan
from coach.core.content.safety import stop_reason
from coach.core.session.routine import GuidedEvent, RoutineRunner, StepChanged
from coach.core.session.runner import (
    Event,
    Finished,
    PhaseChanged,
    RunState,
    SampleFacts,
    SessionRunner,
    StateChanged,
)
from coach.core.store.history import local_midnight, to_local
from coach.core.store.recorder import SessionLog, SessionRecorder, new_session_record
from coach.core.store.store import Store

NOTES = (
    "Left hip tight after a long drive.",
    "Felt the release on the right side today.",
    "Did this straight after the run; hips warm already.",
    "Stiff by 3 pm after a day of calls.",
    "Used the softer ball, much better.",
    "Slept better after the evening breathing.",
    "Lower back eased by the end.",
    "Lunge felt deeper on the left than last week.",
    "100% better than yesterday.",
    "Busy day, only the short break.",
    "left_side still a bit sore in the lunge.",
)
BREATHING_NOTES = (
    "Slept better after this.",
    "Calmer before the meeting.",
    "Mind wandered a lot; came back to the belly.",
    "Évening wind-down, felt heavy and warm.",
)
STOP_NOTES = {
    "Sharp pain": "Sharp twinge near the hip bone; moved the ball further out next time.",
    "Tingling or numbness": "Tingling down the leg, eased off and it went within a minute.",
    "Just stopping": "Phone rang.",
}
BREATHING_PRESETS = ("calm", "coherent", "sleep")
STOP_KEYS = {
    "Sharp pain": "sharp_pain",
    "Tingling or numbness": "tingling",
    "Just stopping": "just_stopping",
}


@dataclass
class _Day:
    """What the person does on one day: (local start, what) pairs."""

    sessions: list[tuple[datetime, str]] = field(default_factory=list)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _plan_days(
    rng: random.Random, first: date, days: int, tz: tzinfo | None, now: datetime
) -> list[_Day]:
    out: list[_Day] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        plan = _Day()
        if rng.random() < 0.1:  # a day missed now and then
            out.append(plan)
            continue

        def at(hour: float, spread: float, what: str, day: date = day, plan: _Day = plan) -> None:
            minutes = round((hour + rng.uniform(-spread, spread)) * 60)
            start = local_midnight(day, tz) + timedelta(minutes=minutes)
            if start + timedelta(minutes=30) <= now:  # nothing in the future
                plan.sessions.append((start, what))

        if day.weekday() < 5:
            if rng.random() < 0.85:
                at(10.5, 1.0, "desk-break")
            if rng.random() < 0.3:
                at(15.0, 0.75, "desk-break")
            if rng.random() < 0.25:
                at(21.5, 0.5, "breathing")
        else:
            if rng.random() < 0.6:
                at(9.5, 1.0, "full-release")
            if rng.random() < 0.35:
                at(17.0, 1.5, "breathing-5" if rng.random() < 0.5 else "gentle-hips")
            if rng.random() < 0.3:
                at(21.5, 0.5, "breathing")
        out.append(plan)
    return out


@dataclass
class _Outcome:
    stop: str | None = None
    """A stop reason label to use part-way through (None: runs to the end)."""
    stop_at: float = 0.0
    """Fraction of the planned time at which it stops (or is cut short)."""
    interrupted: bool = False
    pause: float | None = None
    """Fraction of the planned time at which it pauses."""
    pace: str | None = None
    """A preset to change the pace to, part-way through (free breathing)."""


class _Person:
    """Moves the slider the way people do: into the step's band, drifting, now and then
    too far (and easing off when prompted), the left side a little higher early on."""

    def __init__(self, rng: random.Random, progress: float) -> None:
        self.rng = rng
        # Left reads about 1.2 points higher at first, about 0.2 by the end.
        self.left_bias = 1.2 - 1.0 * progress
        self.too_far = 0.01 + 0.025 * (1 - progress)  # a chance per move of going to 7+
        self.next_move = 0.0
        self.spike_until: float | None = None
        self.item = -1

    def level(self, target: tuple[int, int] | None, side: str) -> int:
        low, high = target if target is not None else (1, 2)
        value = self.rng.uniform(low, high + 0.4) + (self.left_bias if side == "left" else 0)
        return max(0, min(10, round(value)))

    def act(self, runner: RoutineRunner, now: float) -> list[GuidedEvent]:
        t = runner.pacer_time(now)
        if t < 0 or runner.state is not RunState.RUNNING:
            return []
        state = runner.step_state(t)
        item = state.item
        if state.index != self.item:
            self.item = state.index
            self.spike_until = None
            if item.kind != "step":
                self.next_move = math.inf  # nothing to press until the next step
                return runner.set_reading(0, now) if runner.reading else []  # off the pressure
            self.next_move = t + self.rng.uniform(1.5, 4.0)
            return []
        if t < self.next_move:
            return []
        if self.spike_until is not None:
            # Told to ease off (or it simply got too much): back into the band.
            self.spike_until = None
            self.next_move = t + self.rng.uniform(8, 15)
            return runner.set_reading(self.level(item.target, item.side), now)
        left = item.side == "left"
        if item.target is not None and self.rng.random() < self.too_far * (1 + left):
            self.spike_until = self.next_move = t + self.rng.uniform(4, 8)
            return runner.set_reading(self.rng.choices((7, 8, 9), (6, 3, 1))[0], now)
        self.next_move = t + self.rng.uniform(8, 15)
        return runner.set_reading(self.level(item.target, item.side), now)


class _Facts:
    """What each 1 Hz sample holds, read from the events the runner already gave.

    The same answers as `runner.sample_at` (a test checks it), an order of magnitude
    cheaper: a demo of two months takes about 45,000 samples.
    """

    def __init__(self, runner: SessionRunner) -> None:
        self.runner = runner
        self.phase_times: list[float] = []
        self.phases: list[str] = []
        self.step_times: list[float] = []
        self.steps: list[tuple[int, str | None]] = []

    def ingest(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, PhaseChanged):
                self.phase_times.append(event.scheduled)
                self.phases.append(event.phase.value)
            elif isinstance(event, StepChanged):
                side = event.item.side if event.item.kind == "step" else None
                self.step_times.append(event.scheduled)
                self.steps.append((event.index, side))

    def __call__(self, t: float) -> SampleFacts:
        i = bisect.bisect_right(self.phase_times, t) - 1
        if i < 0:
            return self.runner.sample_at(t)  # before the first breath
        facts = SampleFacts(phase=self.phases[i])
        if isinstance(self.runner, RoutineRunner):
            j = bisect.bisect_right(self.step_times, t) - 1
            step, side = self.steps[j] if j >= 0 else (None, None)
            facts = SampleFacts(self.phases[i], self.runner.reading_at(t), step, side)
        return facts


class _Session:
    """One session run on a fake clock and recorded in memory."""

    def __init__(
        self, runner: SessionRunner, start: datetime, source: str, kind: str, rng: random.Random
    ) -> None:
        assert isinstance(runner.clock, FakeClock)
        self.clock = runner.clock
        self.began = self.clock.now()
        self.runner = runner
        self.start = start
        self.facts = _Facts(runner)
        record = new_session_record(
            FakeWallClock(start.astimezone(UTC)), runner.timeline, source, runner.lead_in, kind
        )
        # A seeded id: the same seed gives the same store.
        record = msgspec.structs.replace(record, id=_uuid(rng))
        self.recorder = SessionRecorder(None, record, self.facts)

    def apply(self, events: list[Any]) -> None:
        """What the window's recording does with each batch of events."""
        recorder, runner = self.recorder, self.runner
        self.facts.ingest(events)
        recorder.on_events(events)
        recorder.record_progress(runner.timeline.at(runner.pacer_time()), runner.state)
        for event in events:
            if isinstance(event, Finished):
                recorder.finish(*runner.ending())
            elif isinstance(event, StateChanged) and event.new is RunState.STOPPED:
                recorder.finish("stopped", event.reason)

    @property
    def over(self) -> bool:
        return self.runner.state in (RunState.FINISHED, RunState.STOPPED)

    @property
    def ended_at(self) -> str:
        return iso_utc(self.start + timedelta(seconds=self.clock.now() - self.began))


def _run(session: _Session, outcome: _Outcome, rng: random.Random, person: _Person | None) -> None:
    """Run to the end (or the stop), waking like the window does: at the runner's next
    boundary or prompt, or when the person acts, a frame late."""
    runner, clock = session.runner, session.clock
    total = runner.timeline.total or 0.0
    session.apply(runner.start(clock.now()))
    stop_t = outcome.stop_at * total if outcome.stop or outcome.interrupted else None
    pause_t = None if outcome.pause is None else outcome.pause * total
    pace_t = None if outcome.pace is None else 0.4 * total
    navigate_t = rng.uniform(0.2, 0.9) * total if person and rng.random() < 0.1 else None
    while not session.over:
        now = clock.now()
        t = runner.pacer_time(now)
        due = runner.next_due(now)
        waits = [1.0 if due is None else due]
        waits += [x - t for x in (pause_t, stop_t, pace_t, navigate_t) if x is not None]
        if person is not None:
            waits.append(person.next_move - t)
        clock.advance(max(0.0, min(waits)) + rng.uniform(0.001, 0.016))
        now = clock.now()
        t = runner.pacer_time(now)
        events: list[Any] = runner.tick(now)
        if isinstance(runner, RoutineRunner):
            if person is not None:
                events += person.act(runner, now)
            if navigate_t is not None and t >= navigate_t:
                navigate_t = None
                events += runner.next_step(now)  # Next: this step is done for today
        if pace_t is not None and t >= pace_t and outcome.pace is not None:
            pace_t = None
            events += runner.change_pace(preset_by_id(outcome.pace).pattern, now)
        if pause_t is not None and t >= pause_t:
            pause_t = None
            session.apply(events + runner.pause(now))
            clock.advance(rng.uniform(20, 150))  # the doorbell
            events = runner.resume(clock.now())
        if stop_t is not None and t >= stop_t:
            stop_t = None
            if outcome.interrupted:
                session.apply(events)
                _cut_short(session)
                return
            reason = stop_reason(STOP_KEYS[outcome.stop or "Just stopping"])
            if reason.safety:
                events += runner.stop_for_safety(reason, now)
            else:
                events += runner.stop(reason.label, now)
        session.apply(events)


def _cut_short(session: _Session) -> None:
    """The coach closed mid-session: what start-up recovery leaves of it."""
    log = session.recorder.log
    active = max(0.0, session.runner.pacer_time())
    log.record = msgspec.structs.replace(
        log.record,
        status="interrupted",
        end_reason="the coach closed unexpectedly",
        active_seconds=round(active, 3),
        breaths_done=session.runner.timeline.at(active).breaths_done,
    )


def fill_demo(
    store: Store, wall: WallClock, days: int = 60, seed: int = 7, tz: tzinfo | None = None
) -> int:
    """Add `days` days of made-up sessions ending today (by `wall`); returns how many.

    Deterministic for a seed (and zone). Writes only to `store`, in one transaction.
    """
    rng = random.Random(seed)
    library = load_library(assets_dir() / "content", None)
    now = to_local(wall.utc_now(), tz)
    first = now.date() - timedelta(days=max(1, days) - 1)
    plans = _plan_days(rng, first, max(1, days), tz, now)
    todo = [
        (start, what, offset / max(1, len(plans) - 1))
        for offset, plan in enumerate(plans)
        for start, what in plan.sessions
    ]
    # How some sessions end is chosen up front, so every demo has them: one cut short
    # about two thirds of the way along, and a few guided ones stopped, each for a reason.
    outcomes = [_Outcome(stop_at=rng.uniform(0.3, 0.8)) for _ in todo]
    guided = [i for i, (_, what, _) in enumerate(todo) if what != "breathing"]
    if guided:
        outcomes[guided[round((len(guided) - 1) * 0.7)]].interrupted = True
    others = [i for i in guided if not outcomes[i].interrupted]
    for i, reason in zip(rng.sample(others, min(3, len(others))), STOP_KEYS, strict=False):
        outcomes[i].stop = reason
    logs: list[SessionLog] = []
    for (start, what, progress), outcome in zip(todo, outcomes, strict=True):
        logs.append(one_session(library, start, what, rng, progress, outcome).recorder.log)
    added, _ = store.import_all(((g.record, g.samples, g.events) for g in logs), [])
    return added


def one_session(
    library: Library,
    start: datetime,
    what: str,
    rng: random.Random,
    progress: float,
    outcome: _Outcome,
) -> _Session:
    if rng.random() < 0.12:
        outcome.pause = rng.uniform(0.2, 0.7)
    if what == "breathing" and rng.random() < 0.04:
        outcome.stop = "Just stopping"
    clock = FakeClock()
    if what == "breathing":
        preset = preset_by_id(rng.choice(BREATHING_PRESETS))
        minutes = rng.choice((5, 5, 8, 10))
        breaths = max(1, round(minutes * 600 / preset.pattern.cycle_tenths))
        if rng.random() < 0.25:
            outcome.pace = "7-11" if preset.id != "sleep" else "calm"  # slower, part-way
        runner = SessionRunner(Timeline(preset.pattern, breaths), clock, lead_in=5.0)
        session = _Session(runner, start, preset.id, "breathing", rng)
        _run(session, outcome, rng, None)
    else:
        plan = build_plan(library.routine(what), library)
        guided = RoutineRunner(plan, clock, lead_in=rng.choice((0.0, 5.0, 5.0)))
        session = _Session(guided, start, what, "routine", rng)
        if plan.ask_tightness:
            # Tightness before eases over the weeks; the change after varies, as it does.
            before = max(2, min(9, round(6.5 - 2.5 * progress + rng.gauss(0, 1))))
            session.recorder.rate(before=before)
        _run(session, outcome, rng, _Person(rng, progress))
        record = session.recorder.log.record
        if plan.ask_tightness and record.status != "interrupted":
            change = rng.choices((-1, 0, 1, 2, 3), weights=(5, 15, 30, 30, 20))[0]
            session.recorder.rate(after=max(0, min(10, (record.rating_before or 5) - change)))
    log = session.recorder.log
    notes = ""
    if log.record.status == "stopped" and log.record.end_reason in STOP_NOTES:
        notes = STOP_NOTES[log.record.end_reason]
    elif rng.random() < 0.2:
        notes = rng.choice(BREATHING_NOTES if what == "breathing" else NOTES)
    log.record = msgspec.structs.replace(log.record, notes=notes, ended_at=session.ended_at)
    return session
