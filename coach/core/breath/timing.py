"""Breath timing a person sets: pattern, length, lead-in and an optional gradual slowing.

Everything here is pure. A `TimingChoice` becomes a `Schedule` of breaths: during a ramp
each breath has its own pattern (the target pattern scaled to that breath's pace, so the
inhale:exhale ratio and the holds' share stay the same), after the ramp the target pattern
itself. Patterns change only at breath boundaries, where the lungs are empty, so the lung
fraction never jumps, and the glide never goes past the target.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from coach.core.breath.pattern import PHASES, BreathPattern, PatternError, format_seconds
from coach.core.breath.schedule import Schedule, Segment
from coach.core.clock import clock_text

LengthMode = Literal["minutes", "breaths", "open"]
RampUnit = Literal["minutes", "breaths"]

MAX_MINUTES = 240.0
MAX_BREATHS = 2000
MAX_LEAD_IN = 60.0
MIN_BPM = 1.0
MAX_BPM = 30.0
LONG_HOLD_S = 10.0
SLOW_BPM = 3.0
PACE_STEP_BPM = 0.5

#: From the stop rule for breathing (DOMAIN.md): a caution, never a block.
CAUTION_TEXT = (
    "Long holds and very slow breathing can bring dizziness, air hunger or tingling. If "
    "any of these come, shorten the phases or stop and breathe normally."
)


class TimingError(ValueError):
    """A timing value that cannot be used; `field` names it for the panel."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Length:
    mode: LengthMode
    value: float = 0.0
    """Minutes or breaths; unused when open-ended."""

    def __post_init__(self) -> None:
        if self.mode == "minutes" and not 0.5 <= self.value <= MAX_MINUTES:
            raise TimingError(
                "length", f"length: {self.value:g} min is out of range; allowed 0.5-240 min"
            )
        if self.mode == "breaths" and not (
            self.value == int(self.value) and 1 <= self.value <= MAX_BREATHS
        ):
            raise TimingError(
                "length",
                f"length: {self.value:g} breaths is out of range; allowed 1-{MAX_BREATHS} "
                "whole breaths",
            )


@dataclass(frozen=True, slots=True)
class Ramp:
    """Glide from `start_bpm` to `end_bpm` over `over` minutes or breaths, then stay there.

    Every breath keeps the shape of the chosen pattern (its inhale:exhale ratio and the
    holds' share of the breath); only the pace changes.
    """

    start_bpm: float
    end_bpm: float
    over: float
    unit: RampUnit = "minutes"

    def __post_init__(self) -> None:
        for name, value in (("ramp_start", self.start_bpm), ("ramp_end", self.end_bpm)):
            if not MIN_BPM <= value <= MAX_BPM:
                which = "start" if name == "ramp_start" else "target"
                raise TimingError(
                    name,
                    f"glide {which}: {value:g} breaths/min is out of range; allowed "
                    f"{MIN_BPM:g}-{MAX_BPM:g}",
                )
        if self.unit == "minutes" and not 0.5 <= self.over <= 60:
            raise TimingError(
                "ramp_over", f"glide: {self.over:g} min is out of range; allowed 0.5-60 min"
            )
        if self.unit == "breaths" and not (self.over == int(self.over) and 1 <= self.over <= 500):
            raise TimingError(
                "ramp_over", f"glide: {self.over:g} breaths is out of range; allowed 1-500"
            )


@dataclass(frozen=True, slots=True)
class TimingChoice:
    pattern: BreathPattern
    length: Length
    lead_in: float = 5.0
    ramp: Ramp | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.lead_in <= MAX_LEAD_IN:
            raise TimingError(
                "lead_in", f"lead-in: {self.lead_in:g} s is out of range; allowed 0-60 s"
            )


def scaled(pattern: BreathPattern, bpm: float) -> BreathPattern:
    """The pattern stretched or squeezed to `bpm`, every phase in the same proportion.

    Rounded to 0.1 s; raises TimingError when a phase would leave its allowed range.
    """
    if not MIN_BPM <= bpm <= MAX_BPM:
        raise TimingError("pace", f"pace: {bpm:g} breaths/min is out of range; allowed 1-30")
    cycle_t = round(600 / bpm)
    factor = cycle_t / pattern.cycle_tenths
    tenths = [round(t * factor) for t in pattern.tenths]
    # Rounding each phase can leave the breath a few tenths off the pace: the exhale (or
    # the inhale, if the exhale can't take it) absorbs the difference.
    gap = cycle_t - sum(tenths)
    if gap:
        phase = 2 if tenths[2] + gap >= 10 else 0
        tenths[phase] += gap
    try:
        return BreathPattern.from_tenths((tenths[0], tenths[1], tenths[2], tenths[3]))
    except PatternError as error:
        raise TimingError(
            "pace",
            f"{pattern.label} can't be paced at {bpm:g} breaths/min: {error}",
        ) from None


def steady_pattern(choice: TimingChoice) -> BreathPattern:
    """The pattern breathed after any glide: the chosen one, at the glide's target pace."""
    if choice.ramp is None:
        return choice.pattern
    return scaled(choice.pattern, choice.ramp.end_bpm)


@functools.lru_cache(maxsize=64)
def ramp_patterns(pattern: BreathPattern, ramp: Ramp) -> list[BreathPattern]:
    """One pattern per breath of the glide; the breath after the last one is at the target.

    The pace moves in equal steps from the start pace towards the target, reaching it
    exactly with the first breath after the ramp, so it never goes past.
    """
    target = ramp.end_bpm

    def glide(n: int) -> list[BreathPattern]:
        return [
            scaled(pattern, ramp.start_bpm + (target - ramp.start_bpm) * k / n) for k in range(n)
        ]

    if ramp.unit == "breaths":
        return glide(int(ramp.over))
    # The fewest breaths that fill the time: more breaths only ever take longer, so a
    # binary search finds it in a dozen tries even for an hour-long glide.
    goal_t = ramp.over * 600

    def long_enough(n: int) -> bool:
        return sum(p.cycle_tenths for p in glide(n)) >= goal_t

    low, high = 1, max(1, math.ceil(goal_t * MAX_BPM / 600))
    while low < high:
        mid = (low + high) // 2
        if long_enough(mid):
            high = mid
        else:
            low = mid + 1
    return glide(low)


def segments(choice: TimingChoice) -> list[Segment]:
    """The breaths of a session as schedule segments (one per ramp breath, then the rest)."""
    pattern = steady_pattern(choice)
    ramp = ramp_patterns(choice.pattern, choice.ramp) if choice.ramp else []
    ramp_t = sum(p.cycle_tenths for p in ramp)
    out = [Segment(p, 1) for p in ramp]
    mode = choice.length.mode
    if mode == "open":
        return [*out, Segment(pattern, None)]
    if mode == "breaths":
        rest = int(choice.length.value) - len(ramp)
        if rest < 0:
            raise TimingError(
                "ramp_over",
                f"the glide takes {len(ramp)} breaths, more than the {int(choice.length.value)} "
                "of the session; shorten the glide or lengthen the session",
            )
    else:
        left_t = choice.length.value * 600 - ramp_t
        if left_t < -pattern.cycle_tenths / 2:
            raise TimingError(
                "ramp_over",
                f"the glide takes about {ramp_t / 600:.1f} min, longer than the "
                f"{choice.length.value:g} min session; shorten the glide or lengthen the session",
            )
        rest = max(0, round(left_t / pattern.cycle_tenths))
    if rest:
        out.append(Segment(pattern, rest))
    if not out:
        out.append(Segment(pattern, 1))
    return out


def build_schedule(choice: TimingChoice) -> Schedule:
    return Schedule(segments(choice))


def length_summary(choice: TimingChoice, now: datetime | None = None) -> str:
    """'36 breaths, about 6:00, ends about 14:32' (or how the open-ended mode runs)."""
    if choice.length.mode == "open":
        pace = f"{steady_pattern(choice).breaths_per_minute:.1f}"
        return f"until you stop, at {pace} breaths/min"
    schedule = build_schedule(choice)
    assert schedule.breaths is not None and schedule.total is not None
    noun = "breath" if schedule.breaths == 1 else "breaths"
    text = f"{schedule.breaths} {noun}, about {clock_text(schedule.total)}"
    if now is not None:
        ends = now + timedelta(seconds=schedule.total + choice.lead_in)
        text += f", ends about {ends.astimezone():%H:%M}"
    return text


def cautions(choice: TimingChoice) -> list[str]:
    """Gentle warnings (never blocks): long holds, very slow breathing."""
    try:
        breathed = [steady_pattern(choice)]
        if choice.ramp is not None:
            breathed += ramp_patterns(choice.pattern, choice.ramp)
    except TimingError:
        breathed = [choice.pattern]  # the panel reports why the glide can't be built
    reasons: list[str] = []
    longest = max(max(p.hold_in, p.hold_out) for p in breathed)
    if longest > LONG_HOLD_S:
        reasons.append(f"a hold of {format_seconds(longest)} s")
    slowest = min(p.breaths_per_minute for p in breathed)
    if slowest < SLOW_BPM:
        reasons.append(f"{slowest:.1f} breaths a minute")
    if not reasons:
        return []
    return [f"Take care with {' and '.join(reasons)}. {CAUTION_TEXT}"]


def faster(pattern: BreathPattern, delta_bpm: float) -> BreathPattern:
    """The same pattern at a pace `delta_bpm` faster (negative: slower), kept in range."""
    bpm = round((pattern.breaths_per_minute + delta_bpm) * 2) / 2  # onto the 0.5 grid
    bpm = min(MAX_BPM, max(MIN_BPM, bpm))
    return scaled(pattern, bpm)


_NUMBER = re.compile(r"^\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*s?\s*$")


def parse_number(text: str) -> float | None:
    """A typed number ('4', '4.5', '4,5', ' 7.5 s'); None when it is not one."""
    match = _NUMBER.match(text)
    if not match:
        return None
    value = float(match[1].replace(",", "."))
    return value if math.isfinite(value) else None


def pattern_from_texts(
    texts: tuple[str, str, str, str],
) -> tuple[BreathPattern | None, dict[str, str]]:
    """The four typed phase fields: a pattern, or the message for each bad field."""
    problems: dict[str, str] = {}
    values: list[float] = []
    for phase, text in zip(PHASES, texts, strict=True):
        value = parse_number(text)
        if value is None:
            from coach.core.breath.pattern import BOUNDS, PHASE_LABELS

            low, high = BOUNDS[phase]
            problems[phase.value] = (
                f"{PHASE_LABELS[phase]}: '{text.strip()}' is not a number; allowed "
                f"{format_seconds(low)}-{format_seconds(high)} s in steps of 0.1 s"
            )
            continue
        values.append(value)
        try:
            BreathPattern(**{phase.value: value} | _fillers(phase))
        except PatternError as error:
            problems[phase.value] = str(error)
    if problems:
        return None, problems
    return BreathPattern(*values), {}


def _fillers(phase: object) -> dict[str, float]:
    """Valid values for the other phases, so one field can be checked alone."""
    base = {"inhale": 4.0, "hold_in": 0.0, "exhale": 6.0, "hold_out": 0.0}
    return {k: v for k, v in base.items() if k != getattr(phase, "value", phase)}
