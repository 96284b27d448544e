"""A routine as a plan: its steps paced by whole breaths, and how the start screen lists it.

A routine becomes a `Plan`: breathing blocks and technique steps, sides expanded in order
(right, a short switch pause, then left), each lasting a whole number of breaths, so every
step ends at the end of an out-breath. `coach.core.session.routine` runs a plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from coach.core.breath.pattern import BreathPattern
from coach.core.breath.presets import preset_by_id
from coach.core.content.safety import COOL_DOWN_BREATHS_S, StopReason

if TYPE_CHECKING:
    from coach.core.content.library import Library, Routine

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


#: The body positions a step can be done in, as the pacer's figure can show them.
POSITIONS = ("supine", "prone", "seated", "lunge", "standing", "pigeon")
# Words in a drawing's id that name the position it shows (the ids are ours to choose).
_POSITION_WORDS = (
    ("prone", "prone"),
    ("seated", "seated"),
    ("lunge", "lunge"),
    ("pigeon", "pigeon"),
    ("upright", "standing"),
    ("standing", "standing"),
)


def position_of(item: PlanItem) -> str:
    """The body position an item is done in (one of `POSITIONS`), from its drawing, so the
    pacer's figure and the step's drawing never show two different bodies."""
    picture = item.illustration or ""
    for word, position in _POSITION_WORDS:
        if word in picture.split("-"):
            return position
    return "supine"


def breaths_for(seconds: float, pattern: BreathPattern) -> int:
    """Whole breaths covering `seconds` (rounded up, at least one): steps end on an exhale."""
    return max(1, math.ceil(round(seconds * 10) / pattern.cycle_tenths))


def build_plan(routine: Routine, library: Library, allow_abdominal: bool = True) -> Plan:
    """Expand a routine into its items. Techniques behind the safety checklist are left out
    (and named) when `allow_abdominal` is False."""
    from coach.core.content.library import BreathingBlock

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
                        # The position the next side is taken in, for that side.
                        illustration=technique.steps[0].illustration,
                        mirrored=pass_side == "left",
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
    from coach.core.content.library import TechniqueBlock

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
