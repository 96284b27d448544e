"""The routine runner: walks a plan on one schedule of breaths.

One `Schedule` of breaths carries the whole plan, so the step panel and the pacer share one
clock, every step ends at the end of an out-breath, and the lung fraction never jumps.

Next, Back, Repeat and Skip change what comes after the current breath: the breath under
way finishes at its pattern, the chosen step is shown at once and its own breaths start
with the next breath. A safety stop replaces the rest of the plan with a one-minute
breathing cool-down.

The pressure feel is read only during a technique's steps: breathing blocks, side changes
and the cool-down take no reading, and a reading given before one of them does not carry
over into the step after it. A stop offer (9-10) is never replaced by the milder ease-off
prompt while the reading stays at 9 or more (`coach.core.content.intensity`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from coach.core.breath.schedule import Schedule, Segment
from coach.core.clock import Clock
from coach.core.content.intensity import IntensityWatch, Prompt, PromptOver, StopOffer
from coach.core.content.plan import Plan, PlanItem, cool_down_item
from coach.core.session.runner import (
    Event,
    RunnerSnapshot,
    RunState,
    SampleFacts,
    SessionRunner,
    StopRequested,
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
    """A prompt is due ("ease_off", "stop_offer"), or the reading fell below the level of
    the one shown, which may go ("ease_off_over", "stop_offer_over")."""

    kind: Literal["ease_off", "stop_offer", "ease_off_over", "stop_offer_over"]
    level: int
    observed: float


@dataclass(frozen=True, slots=True)
class RatingSkipped:
    """The tightness rating before (or after) the session was skipped, not missing."""

    moment: Literal["before", "after"]
    observed: float


GuidedEvent = StepChanged | ReadingChanged | PromptShown | StopRequested | RatingSkipped

NO_READING = -1  # in the readings list: from here on there is no reading (not a step)


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

    kind = "routine"

    def __init__(self, plan: Plan, clock: Clock, lead_in: float = 0.0) -> None:
        self.plan = plan
        self.items: list[PlanItem] = list(plan.items)
        super().__init__(self._schedule_from(0, []), clock, lead_in)
        self._placements = self._place(0, 0.0, 0.0)
        self._shown = 0  # placement on screen at the last tick
        self.watch = IntensityWatch()
        self._readings: list[tuple[float, int]] = []  # (pacer time, level), in order
        self.skipped_techniques = 0
        """Techniques left with Skip (the session is then completed with skips)."""
        self.rating_before_skipped = False
        """Set before the start: the tightness before was offered and skipped."""

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

    def items_starting_between(self, t0: float, t1: float) -> list[tuple[float, PlanItem]]:
        """The plan items due to begin at a pacer time in (t0, t1], as they are placed now
        (a Next, Back or stop places the rest anew), with the time each begins."""
        return [(p.shown, self.items[p.index]) for p in self._placements if t0 < p.shown <= t1]

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
                self._entered(p.index, p.shown)
            if self._state is RunState.RUNNING:
                for prompt in self.watch.update(t):
                    events.append(self._prompt_event(prompt))  # type: ignore[arg-type]
        return events

    def _begin_breathing(self, t: float) -> list[Event]:
        events = super()._begin_breathing(t)
        first = self._placements[self._placement_at(0.0)]
        if self.rating_before_skipped:
            events.append(RatingSkipped("before", 0.0))  # type: ignore[arg-type]
        events.append(StepChanged(first.index, self.items[first.index], 0.0, t))  # type: ignore[arg-type]
        self._entered(first.index, 0.0)
        return events

    def _entered(self, index: int, t: float) -> None:
        """An item began at pacer time `t`. Outside a technique's steps there is no reading:
        the slider's value ends here and the prompts' clocks with it."""
        if self.items[index].kind == "step":
            self.watch.reset(t)
            return
        self.watch.clear()
        if self._readings and self._readings[-1][1] != NO_READING:
            if self._readings[-1][0] >= t:
                self._readings[-1] = (self._readings[-1][0], NO_READING)
            else:
                self._readings.append((t, NO_READING))

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
        level = None if i < 0 else self._readings[i][1]
        return None if level == NO_READING else level

    @property
    def reading(self) -> int | None:
        level = self._readings[-1][1] if self._readings else None
        return None if level == NO_READING else level

    def takes_readings(self, now: float | None = None) -> bool:
        """The pressure feel means something now: a technique's step is on (or about to
        begin), and the session is not over. Not in breathing blocks, side changes or the
        cool-down."""
        if self._state not in (RunState.LEAD_IN, RunState.RUNNING, RunState.PAUSED):
            return False
        item = self.items[self.step_state(self.pacer_time(now)).index]
        return item.kind == "step"

    def set_reading(self, level: int, now: float | None = None) -> list[GuidedEvent]:
        """The person moved the slider. Recorded on every change, during a technique's
        steps only (see `takes_readings`)."""
        if not self.takes_readings(now):
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

    def _prompt_event(self, prompt: Prompt) -> PromptShown:
        if isinstance(prompt, StopOffer):
            return PromptShown("stop_offer", prompt.level, prompt.observed)
        if isinstance(prompt, PromptOver):
            kind: Literal["ease_off_over", "stop_offer_over"] = (
                "stop_offer_over" if prompt.kind == "stop_offer" else "ease_off_over"
            )
            return PromptShown(kind, prompt.level, prompt.observed)
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
        events = self.go_to(target, "skip", now)
        if events and current.kind == "step":
            self.skipped_techniques += 1
        return events

    def ending(self) -> tuple[str, str]:
        """A routine that reached its end: completed, or completed with some techniques
        skipped (said in the reason), unless a safety stop ended it."""
        status, reason = super().ending()
        if status == "completed" and self.skipped_techniques:
            noun = "technique" if self.skipped_techniques == 1 else "techniques"
            reason = f"{self.skipped_techniques} {noun} skipped"
        return status, reason

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
        if not new:
            self.watch.reset(t)
            return []
        self._entered(index, t)
        return [StepChanged(index, self.items[index], t, t, how)]  # type: ignore[list-item]

    def _cool_down(self, t: float) -> list[Event]:
        """The rest of the plan becomes the cool-down item, shown at once."""
        assert self.safety_stop is not None
        self.items.append(cool_down_item(self.safety_stop, self.plan.pattern))
        return self._replace_rest(len(self.items) - 1, "cooldown", t)
