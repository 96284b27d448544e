"""Breath patterns: four phases in seconds at 0.1 s resolution, rate and ratio.

A pattern is stored as whole tenths of a second so that every phase boundary of a long
session is an exact integer sum; floats appear only at the edges (input and display).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from enum import StrEnum


class Phase(StrEnum):
    INHALE = "inhale"
    HOLD_IN = "hold_in"
    EXHALE = "exhale"
    HOLD_OUT = "hold_out"


PHASES: tuple[Phase, ...] = (Phase.INHALE, Phase.HOLD_IN, Phase.EXHALE, Phase.HOLD_OUT)

#: Allowed range of each phase, in seconds (inclusive).
BOUNDS: dict[Phase, tuple[float, float]] = {
    Phase.INHALE: (1.0, 20.0),
    Phase.HOLD_IN: (0.0, 30.0),
    Phase.EXHALE: (1.0, 30.0),
    Phase.HOLD_OUT: (0.0, 30.0),
}

#: Words for each phase, used by the UI and in error messages.
PHASE_LABELS: dict[Phase, str] = {
    Phase.INHALE: "inhale",
    Phase.HOLD_IN: "hold after inhale",
    Phase.EXHALE: "exhale",
    Phase.HOLD_OUT: "hold after exhale",
}

_RESOLUTION_TOLERANCE = 1e-6  # how far from a 0.1 s step a typed float may sit


class PatternError(ValueError):
    """A value that cannot be part of a breath pattern. `field` names the culprit."""

    def __init__(self, field: str, value: object, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


def format_seconds(seconds: float) -> str:
    """4.0 -> '4', 5.5 -> '5.5' (tenths only)."""
    text = f"{seconds:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _range_text(phase: Phase) -> str:
    low, high = BOUNDS[phase]
    return f"{format_seconds(low)}-{format_seconds(high)} s"


def to_tenths(field: Phase, value: object) -> int:
    """Check one phase value and return it as whole tenths of a second."""
    label = PHASE_LABELS[field]
    allowed = f"allowed {_range_text(field)} in steps of 0.1 s"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise PatternError(
            field.value,
            value,
            f"{label}: {value!r} ({type(value).__name__}) is not a number of seconds; {allowed}",
        )
    seconds = float(value)
    if not math.isfinite(seconds):
        raise PatternError(
            field.value, value, f"{label}: {value!r} is not a finite number; {allowed}"
        )
    low, high = BOUNDS[field]
    if not low - _RESOLUTION_TOLERANCE <= seconds <= high + _RESOLUTION_TOLERANCE:
        raise PatternError(field.value, value, f"{label}: {value!r} s is out of range; {allowed}")
    tenths = round(seconds * 10)
    if abs(tenths - seconds * 10) > _RESOLUTION_TOLERANCE * 10:
        raise PatternError(
            field.value, value, f"{label}: {value!r} s is finer than 0.1 s; {allowed}"
        )
    return tenths


@dataclass(frozen=True, slots=True)
class BreathPattern:
    """Inhale, hold, exhale, hold, in seconds. Invalid values raise `PatternError`."""

    inhale: float = 4.0
    hold_in: float = 0.0
    exhale: float = 6.0
    hold_out: float = 0.0

    def __post_init__(self) -> None:
        # Normalise every value to its exact tenth (e.g. 5.499999 -> 5.5).
        for phase in PHASES:
            tenths = to_tenths(phase, getattr(self, phase.value))
            object.__setattr__(self, phase.value, tenths / 10)

    @classmethod
    def from_tenths(cls, tenths: tuple[int, int, int, int]) -> BreathPattern:
        return cls(*(t / 10 for t in tenths))

    @property
    def tenths(self) -> tuple[int, int, int, int]:
        return (
            round(self.inhale * 10),
            round(self.hold_in * 10),
            round(self.exhale * 10),
            round(self.hold_out * 10),
        )

    def duration(self, phase: Phase) -> float:
        value: float = getattr(self, phase.value)
        return value

    @property
    def cycle_tenths(self) -> int:
        return sum(self.tenths)

    @property
    def cycle(self) -> float:
        """Length of one breath in seconds."""
        return self.cycle_tenths / 10

    @property
    def breaths_per_minute(self) -> float:
        return 600 / self.cycle_tenths

    @property
    def ratio(self) -> float:
        """Exhale length per unit of inhale: inhale:exhale = 1:ratio."""
        return self.exhale / self.inhale

    @property
    def label(self) -> str:
        """'4-0-6-0' style: in-hold-out-hold."""
        return "-".join(format_seconds(getattr(self, p.value)) for p in PHASES)

    @property
    def ratio_label(self) -> str:
        return f"1:{self.ratio:.2f}".rstrip("0").rstrip(".")

    @classmethod
    def from_rate(
        cls,
        breaths_per_minute: float,
        ratio: float,
        hold_in: float = 0.0,
        hold_out: float = 0.0,
    ) -> BreathPattern:
        """The pattern closest (at 0.1 s) to a pace and an inhale:exhale = 1:ratio split.

        Holds are kept as given; inhale and exhale share what is left of the cycle.
        """
        bpm = _positive("breaths_per_minute", "breaths per minute", breaths_per_minute)
        r = _positive("ratio", "inhale:exhale ratio", ratio)
        hold_in_t = to_tenths(Phase.HOLD_IN, hold_in)
        hold_out_t = to_tenths(Phase.HOLD_OUT, hold_out)
        slowest = 600 / sum(round(BOUNDS[p][1] * 10) for p in PHASES)
        if bpm < slowest:  # also keeps 600 / bpm finite (a tiny rate would overflow)
            raise PatternError(
                "breaths_per_minute",
                breaths_per_minute,
                f"breaths per minute: {breaths_per_minute!r} is too slow; allowed at least "
                f"{slowest:.2f}",
            )
        cycle_t = round(600 / bpm)
        moving_t = cycle_t - hold_in_t - hold_out_t
        if moving_t < 20:  # at least 1 s in and 1 s out
            fastest = 600 / (hold_in_t + hold_out_t + 20)
            raise PatternError(
                "breaths_per_minute",
                breaths_per_minute,
                f"breaths per minute: {breaths_per_minute!r} is too fast with holds of "
                f"{format_seconds(hold_in_t / 10)} s and {format_seconds(hold_out_t / 10)} s; "
                f"allowed at most {fastest:.1f}",
            )
        inhale_t = round(moving_t / (1 + r))
        exhale_t = moving_t - inhale_t
        return cls.from_tenths((inhale_t, hold_in_t, exhale_t, hold_out_t))


def _positive(field: str, label: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise PatternError(field, value, f"{label}: {value!r} is not a number")
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        raise PatternError(field, value, f"{label}: {value!r} must be a positive number")
    return number
