"""Guided routines: a plan of steps paced by the breath, and the runner that walks it.

A routine becomes a `Plan`: breathing blocks and technique steps, sides expanded in order
(right, a short switch pause, then left), each lasting a whole number of breaths. One
`Schedule` of breaths carries the whole plan, so the step panel and the pacer share one
clock, every step ends at the end of an out-breath, and the lung fraction never jumps.

Next, Back, Repeat and Skip change what comes after the current breath: the breath under
way finishes at its pattern, the chosen step is shown at once and its own breaths start
with the next breath. A safety stop replaces the rest of the plan with a one-minute
breathing cool-down.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from coach.core.breath import BreathPattern, preset_by_id
from coach.core.clock import Clock
from coach.core.intensity import EaseOffPrompt, IntensityWatch, StopOffer
from coach.core.safety import COOL_DOWN_BREATHS_S, StopReason
from coach.core.schedule import Schedule, Segment
from coach.core.session import (
    Event,
    RunnerSnapshot,
    RunState,
    SampleFacts,
    SessionRunner,
    StopRequested,
)

if TYPE_CHECKING:
    from coach.core.content import Library, Routine

ItemKind = Literal["breathing", "step", "switch", "cooldown"]
SideName = Literal["left", "right", "both", "none"]

BREATHING_TEXT = "Breathe low and slow: the belly rises on the in-breath, the chest stays still."
SWITCH_TEXT = "Come off gently and change sides. Take your time getting into place."


@dataclass(frozen=True, slots=True)
class PlanItem:
    kind: ItemKind
    title: str
    text: str
    pattern: BreathPattern
    breaths: int
    side: SideName = "none"
    block: int = 0
    technique_id: str | None = None
    step_index: int | None = None
    """0-based step of the technique (None for breathing, switch and cool-down items)."""
    step_count: int = 0
    target: tuple[int, int] | None = None
    coupling: str | None = None
    illustration: str | None = None
    mirrored: bool = False
    """Draw the illustration mirrored (a right-side drawing used for the left)."""

    @property
    def duration(self) -> float:
        return self.breaths * self.pattern.cycle_tenths / 10

    @property
    def label(self) -> str:
        """Short words for 'what comes next' and the review screens."""
        if self.kind == "step" and self.step_index is not None:
            side = "" if self.side in ("none", "both") else f" · {self.side}"
            return f"{self.title}: step {self.step_index + 1} of {self.step_count}{side}"
        return self.title

    @property
    def detail(self) -> str:
        """How a step is named in stored events: technique/step/side."""
        if self.kind == "step":
            return f"{self.technique_id}/{self.step_index}/{self.side}"
        return self.kind


@dataclass(frozen=True, slots=True)
class Plan:
    routine_id: str
    title: str
    pattern: BreathPattern
    items: tuple[PlanItem, ...]
    ask_tightness: bool = False
    equipment: tuple[str, ...] = ()
    left_out: tuple[str, ...] = ()
    """Titles of techniques left out (the safety checklist)."""

    @property
    def total(self) -> float:
        return sum(item.breaths * item.pattern.cycle_tenths for item in self.items) / 10

    @property
    def breaths(self) -> int:
        return sum(item.breaths for item in self.items)


def breaths_for(seconds: float, pattern: BreathPattern) -> int:
    """Whole breaths covering `seconds` (rounded up, at least one): steps end on an exhale."""
    return max(1, math.ceil(round(seconds * 10) / pattern.cycle_tenths))


def build_plan(routine: Routine, library: Library, allow_abdominal: bool = True) -> Plan:
    """Expand a routine into its items. Techniques behind the safety checklist are left out
    (and named) when `allow_abdominal` is False."""
    from coach.core.content import BreathingBlock

    pattern = preset_by_id(routine.pattern).pattern
    items: list[PlanItem] = []
    equipment: list[str] = []
    left_out: list[str] = []
    for b, block in enumerate(routine.blocks):
        if isinstance(block, BreathingBlock):
            bp = preset_by_id(block.pattern).pattern
            if block.breaths is not None:
                n = block.breaths
            else:
                assert block.minutes is not None
                n = max(1, round(block.minutes * 600 / bp.cycle_tenths))
            items.append(
                PlanItem(
                    "breathing",
                    "Breathing",
                    block.text or BREATHING_TEXT,
                    bp,
                    n,
                    block=b,
                    illustration=block.illustration or "breathing-supine",
                )
            )
            continue
        technique = library.technique(block.technique)
        if technique.abdominal and not allow_abdominal:
            if technique.title not in left_out:
                left_out.append(technique.title)
            continue
        for thing in technique.equipment:
            if thing not in equipment:
                equipment.append(thing)
        sided = any(step.side in ("left", "right") for step in technique.steps)
        passes = block.sides if sided else ("right",)
        for p, pass_side in enumerate(passes):
            if p > 0 and routine.switch_seconds > 0:
                items.append(
                    PlanItem(
                        "switch",
                        "Change sides",
                        SWITCH_TEXT,
                        pattern,
                        breaths_for(routine.switch_seconds, pattern),
                        side=pass_side,
                        block=b,
                        technique_id=technique.id,
                        illustration="rest-supine",
                    )
                )
            for s, step in enumerate(technique.steps):
                side: SideName = step.side
                mirrored = False
                if side in ("left", "right") and pass_side == "left":
                    side = "left" if step.side == "right" else "right"
                if side == "left" or (pass_side == "left" and step.side in ("both", "none")):
                    mirrored = True
                if step.breaths is not None:
                    n = step.breaths
                else:
                    assert step.seconds is not None
                    n = breaths_for(step.seconds, pattern)
                items.append(
                    PlanItem(
                        "step",
                        technique.title,
                        step.text,
                        pattern,
                        n,
                        side=side,
                        block=b,
                        technique_id=technique.id,
                        step_index=s,
                        step_count=len(technique.steps),
                        target=step.target,
                        coupling=step.coupling,
                        illustration=step.illustration,
                        mirrored=mirrored,
                    )
                )
    if not items or (left_out and not any(item.kind == "step" for item in items)):
        # Only the breathing around it would be left: that is not this routine any more.
        raise PlanError(
            f"nothing is left of '{routine.title}' without "
            + ", ".join(left_out)
            + ": it needs the safety check"
        )
    return Plan(
        routine.id,
        routine.title,
        pattern,
        tuple(items),
        routine.ask_tightness,
        tuple(equipment),
        tuple(left_out),
    )


class PlanError(ValueError):
    """A routine that cannot run as asked (everything in it is behind the safety check)."""


def cool_down_item(reason: StopReason | None, pattern: BreathPattern) -> PlanItem:
    calm = preset_by_id("calm").pattern
    advice = reason.advice if reason is not None else ""
    text = "Come off any pressure and lie back. Breathe easily with the pacer. " + advice
    return PlanItem(
        "cooldown",
        "Cool-down",
        text.strip(),
        calm,
        breaths_for(COOL_DOWN_BREATHS_S, calm),
        illustration="rest-supine",
    )


# -- running a plan -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StepChanged:
    """A plan item began: on its own (`how`="auto") or by Next, Back, Repeat, Skip, a stop."""

    index: int
    item: PlanItem
    scheduled: float
    observed: float
    how: str = "auto"


@dataclass(frozen=True, slots=True)
class ReadingChanged:
    level: int
    observed: float


@dataclass(frozen=True, slots=True)
class PromptShown:
    kind: Literal["ease_off", "stop_offer"]
    level: int
    observed: float


GuidedEvent = StepChanged | ReadingChanged | PromptShown | StopRequested


@dataclass(frozen=True, slots=True)
class StepState:
    index: int
    count: int
    item: PlanItem
    elapsed: float
    duration: float
    progress: float
    """0..1 through the item."""
    next_item: PlanItem | None
    upcoming: bool
    """True before the first breath (lead-in): the item is about to begin."""


@dataclass(frozen=True, slots=True)
class _Placement:
    index: int
    shown: float
    """When the item appeared (pacer time)."""
    end: float


class RoutineRunner(SessionRunner):
    """A `SessionRunner` whose schedule is a plan; adds steps, readings and prompts."""

    def __init__(self, plan: Plan, clock: Clock, lead_in: float = 0.0) -> None:
        self.plan = plan
        self.items: list[PlanItem] = list(plan.items)
        super().__init__(self._schedule_from(0, []), clock, lead_in)
        self._placements = self._place(0, 0.0, 0.0)
        self._shown = 0  # placement on screen at the last tick
        self.watch = IntensityWatch()
        self._readings: list[tuple[float, int]] = []  # (pacer time, level), in order

    # -- the plan on the clock ------------------------------------------------------------
    def _schedule_from(self, first_item: int, kept: Sequence[Segment]) -> Schedule:
        segments = list(kept) + [
            Segment(item.pattern, item.breaths) for item in self.items[first_item:]
        ]
        return Schedule(segments)

    def _place(self, first_item: int, shown: float, start: float) -> list[_Placement]:
        out: list[_Placement] = []
        at = start
        for i in range(first_item, len(self.items)):
            end = at + self.items[i].breaths * self.items[i].pattern.cycle_tenths / 10
            out.append(_Placement(i, shown if i == first_item else at, end))
            at = end
        return out

    def _placement_at(self, t: float) -> int:
        shown = [p.shown for p in self._placements]
        return max(0, bisect.bisect_right(shown, max(t, 0.0)) - 1)

    def step_state(self, t: float) -> StepState:
        p = self._placements[min(self._placement_at(t), len(self._placements) - 1)]
        item = self.items[p.index]
        duration = max(p.end - p.shown, 1e-9)
        elapsed = min(max(t - p.shown, 0.0), duration)
        nxt = self._placements.index(p) + 1
        return StepState(
            index=p.index,
            count=len(self.items),
            item=item,
            elapsed=elapsed,
            duration=duration,
            progress=elapsed / duration,
            next_item=self.items[self._placements[nxt].index]
            if nxt < len(self._placements)
            else None,
            upcoming=t < 0,
        )

    @property
    def current_index(self) -> int:
        return self._placements[self._placement_at(self.pacer_time())].index

    # -- overrides ------------------------------------------------------------------------
    def tick(self, now: float | None = None) -> list[Event]:
        events = super().tick(now)
        if self._state in (RunState.RUNNING, RunState.FINISHED):
            t = self._last_t
            current = self._placement_at(t)
            while self._shown < current and self._shown + 1 < len(self._placements):
                self._shown += 1
                p = self._placements[self._shown]
                events.append(StepChanged(p.index, self.items[p.index], p.shown, t))  # type: ignore[arg-type]
                self.watch.reset(p.shown)
            if self._state is RunState.RUNNING:
                for prompt in self.watch.update(t):
                    events.append(self._prompt_event(prompt))  # type: ignore[arg-type]
        return events

    def _begin_breathing(self, t: float) -> list[Event]:
        events = super()._begin_breathing(t)
        first = self._placements[self._placement_at(0.0)]
        events.append(StepChanged(first.index, self.items[first.index], 0.0, t))  # type: ignore[arg-type]
        return events

    def next_due(self, now: float | None = None) -> float | None:
        due = super().next_due(now)
        if self._state is RunState.RUNNING:
            prompt = self.watch.due_in(self.pacer_time(now))
            if prompt is not None:
                due = prompt if due is None else min(due, prompt)
        return due

    def snapshot(self, now: float | None = None) -> RunnerSnapshot:
        snap = super().snapshot(now)
        return replace(snap, step=self.step_state(self.pacer_time(now)))

    def sample_at(self, t: float) -> SampleFacts:
        facts = super().sample_at(t)
        p = self._placements[self._placement_at(t)]
        item = self.items[p.index]
        return replace(
            facts,
            intensity=self.reading_at(t),
            step=p.index,
            side=item.side if item.kind == "step" else None,
        )

    # -- readings -------------------------------------------------------------------------
    def reading_at(self, t: float) -> int | None:
        i = bisect.bisect_right(self._readings, (t, 99)) - 1
        return None if i < 0 else self._readings[i][1]

    @property
    def reading(self) -> int | None:
        return self._readings[-1][1] if self._readings else None

    def set_reading(self, level: int, now: float | None = None) -> list[GuidedEvent]:
        """The person moved the slider. Recorded on every change (not while idle/ended)."""
        if self._state not in (RunState.LEAD_IN, RunState.RUNNING, RunState.PAUSED):
            return []
        t = max(0.0, self.pacer_time(now))
        if self._readings and self._readings[-1][1] == level:
            return []
        if self._readings and self._readings[-1][0] >= t:
            t = self._readings[-1][0]  # same instant (paused): the later reading wins
            self._readings[-1] = (t, level)
        else:
            self._readings.append((t, level))
        events: list[GuidedEvent] = [ReadingChanged(level, t)]
        events += [self._prompt_event(p) for p in self.watch.update(t, level)]
        return events

    def _prompt_event(self, prompt: EaseOffPrompt | StopOffer) -> PromptShown:
        if isinstance(prompt, StopOffer):
            return PromptShown("stop_offer", prompt.level, prompt.observed)
        return PromptShown("ease_off", prompt.level, prompt.observed)

    # -- navigation -----------------------------------------------------------------------
    def can_navigate(self) -> bool:
        return self._state in (RunState.RUNNING, RunState.PAUSED) and self.safety_stop is None

    def next_step(self, now: float | None = None) -> list[Event]:
        return self.go_to(self.current_index + 1, "next", now)

    def previous_step(self, now: float | None = None) -> list[Event]:
        return self.go_to(max(0, self.current_index - 1), "back", now)

    def repeat_step(self, now: float | None = None) -> list[Event]:
        return self.go_to(self.current_index, "repeat", now)

    def skip_technique(self, now: float | None = None) -> list[Event]:
        """Leave this technique (both sides) for the next block."""
        current = self.items[self.current_index]
        target = self.current_index + 1
        while target < len(self.items) and self.items[target].block == current.block:
            target += 1
        return self.go_to(target, "skip", now)

    def go_to(self, index: int, how: str, now: float | None = None) -> list[Event]:
        """Show item `index` now; its breaths begin with the next breath. Past the last
        item, the session ends when the breath under way ends."""
        if not self.can_navigate():
            return []
        events = self.tick(now)
        if self._state not in (RunState.RUNNING, RunState.PAUSED):
            return events
        return events + self._replace_rest(index, how, max(0.0, self.pacer_time(now)))

    def _replace_rest(self, index: int, how: str, t: float) -> list[Event]:
        breath = self.timeline.at(t).breath_index
        next_breath_at = self.timeline.breath_start(breath + 1)
        kept = self.timeline.continued(breath + 1, []).segments
        self.timeline = (
            self._schedule_from(index, kept) if index < len(self.items) else Schedule(kept)
        )
        old = [p for p in self._placements if p.shown < t or (p.shown == t and p.index != index)]
        # The item on screen now ends with the breath under way.
        if old:
            last = old[-1]
            old[-1] = _Placement(last.index, last.shown, next_breath_at)
        new = self._place(index, t, next_breath_at) if index < len(self.items) else []
        self._placements = old + new if old or new else self._placements
        self._shown = len(old) if new else max(0, len(old) - 1)
        self.watch.reset(t)
        if not new:
            return []
        return [StepChanged(index, self.items[index], t, t, how)]  # type: ignore[list-item]

    def _cool_down(self, t: float) -> list[Event]:
        """The rest of the plan becomes the cool-down item, shown at once."""
        assert self.safety_stop is not None
        self.items.append(cool_down_item(self.safety_stop, self.plan.pattern))
        return self._replace_rest(len(self.items) - 1, "cooldown", t)


@dataclass(frozen=True, slots=True)
class RoutineSummary:
    """What the start screen shows for one routine."""

    id: str
    title: str
    summary: str
    group: str
    """'breathing', 'guided' or 'technique'."""
    minutes: float
    equipment: tuple[str, ...]
    enabled: bool
    note: str = ""
    """Why it is off, or what was left out (the safety check)."""
    needs_safety_check: bool = False
    """Has abdominal techniques and no answer on file yet: the checklist comes first."""


def summarize(
    routine: Routine, library: Library, safety: Literal["unknown", "ok", "gated"]
) -> RoutineSummary:
    """The routine as the start screen lists it, given the safety checklist's answer."""
    from coach.core.content import TechniqueBlock

    abdominal = [
        library.technique(b.technique).title
        for b in routine.blocks
        if isinstance(b, TechniqueBlock) and library.technique(b.technique).abdominal
    ]
    try:
        plan = build_plan(routine, library, allow_abdominal=safety != "gated")
    except PlanError:
        return RoutineSummary(
            routine.id,
            routine.title,
            routine.summary,
            routine.group,
            build_plan(routine, library).total / 60,
            (),
            enabled=False,
            note="Off: deep belly work is switched off by your safety answers.",
        )
    note = ""
    if plan.left_out:
        note = "Without " + ", ".join(plan.left_out).lower() + " (your safety answers)."
    return RoutineSummary(
        routine.id,
        routine.title,
        routine.summary,
        routine.group,
        plan.total / 60,
        plan.equipment,
        enabled=True,
        note=note,
        needs_safety_check=bool(abdominal) and safety == "unknown",
    )


def format_minutes(minutes: float) -> str:
    """'8 min', '20 min', 'under a minute': the length people read on the start screen."""
    if minutes < 1:
        return "under a minute"
    return f"{round(minutes)} min"
