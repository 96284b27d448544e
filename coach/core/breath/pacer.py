"""The pacer timeline: a pure function from active elapsed seconds to a `PacerState`.

Nothing here counts ticks. Every boundary is computed from whole tenths of a second
(`k * cycle + offset`), so the 2,880th breath of an 8-hour session starts exactly when it
is scheduled, however late or irregular the caller's ticks are.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from coach.core.breath.pattern import PHASES, BreathPattern, Phase


def ease(x: float) -> float:
    """Cosine ease-in-out on 0..1: slow at the turns, like a real breath; C1-continuous."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    return (1.0 - math.cos(math.pi * x)) / 2.0


def breaths_for_minutes(pattern: BreathPattern, minutes: float) -> int:
    """Whole breaths closest to a length in minutes (at least one): ends on a full breath."""
    if not math.isfinite(minutes) or minutes <= 0:
        raise ValueError(f"length: {minutes!r} min must be a positive number of minutes")
    return max(1, round(minutes * 600 / pattern.cycle_tenths))


@dataclass(frozen=True, slots=True)
class Boundary:
    """The scheduled start of a phase: `time` in active seconds since the first breath."""

    time: float
    breath: int
    phase: Phase


@dataclass(frozen=True, slots=True)
class PacerState:
    phase: Phase
    phase_duration: float
    phase_elapsed: float
    phase_left: float
    lung: float
    """How full the lungs are, 0 (empty) .. 1 (full), eased."""
    breath_index: int
    """0-based index of the breath under way (equals `breaths` once finished)."""
    breaths_done: int
    breath_elapsed: float
    """Seconds since the current breath began."""
    pattern: BreathPattern
    """The pattern of the current breath."""
    elapsed: float
    left: float | None
    """Seconds to the end of the session; None when open-ended."""
    finished: bool


class Timeline:
    """Breathing at one pattern for `breaths` breaths (None: until stopped)."""

    def __init__(self, pattern: BreathPattern, breaths: int | None = None) -> None:
        if breaths is not None and (isinstance(breaths, bool) or breaths < 1):
            raise ValueError(f"breaths: {breaths!r} must be a whole number of at least 1")
        self.pattern = pattern
        self.breaths = breaths
        self._tenths = pattern.tenths
        self._cycle_t = pattern.cycle_tenths
        # Offsets of each phase start within a breath, in tenths: (0, in, in+hold, in+hold+out).
        starts = [0]
        for t in self._tenths[:-1]:
            starts.append(starts[-1] + t)
        self._starts_t = tuple(starts)

    # -- schedule -------------------------------------------------------------------------
    @property
    def total(self) -> float | None:
        """Length in seconds, always a whole number of breaths; None when open-ended."""
        return None if self.breaths is None else self.breaths * self._cycle_t / 10

    def boundary_time(self, breath: int, phase: Phase) -> float:
        """Exact scheduled start of `phase` in breath `breath` (one rounding, at the end)."""
        return (breath * self._cycle_t + self._starts_t[PHASES.index(phase)]) / 10

    def breath_start(self, breath: int) -> float:
        return breath * self._cycle_t / 10

    def _breath_at(self, t: float) -> int:
        k = int(t * 10 // self._cycle_t)
        # Float division can land one breath off right at a boundary; the exact starts decide.
        while k > 0 and self.breath_start(k) > t:
            k -= 1
        while self.breath_start(k + 1) <= t:
            k += 1
        return k

    def boundaries_between(self, t0: float, t1: float) -> Iterator[Boundary]:
        """Phase starts with t0 < time <= t1, in order, skipping zero-length holds.

        The end of the session is not a phase start and is not included.
        """
        if t1 <= t0:
            return
        end = self.total
        k = self._breath_at(max(t0, 0.0))
        while True:
            for phase, length in zip(PHASES, self._tenths, strict=True):
                if length == 0:
                    continue
                time = self.boundary_time(k, phase)
                if end is not None and time >= end:
                    return
                if time > t1:
                    return
                if time > t0:
                    yield Boundary(time, k, phase)
            k += 1

    # -- state ----------------------------------------------------------------------------
    def at(self, t: float) -> PacerState:
        """The pacer at `t` active seconds after the first breath began."""
        t = max(0.0, t)
        total = self.total
        if total is not None and t >= total:
            return self._finished_state(total)
        k = self._breath_at(t)
        phase_index = 0
        for i in range(len(PHASES) - 1, -1, -1):
            if self._tenths[i] and self.boundary_time(k, PHASES[i]) <= t:
                phase_index = i
                break
        phase = PHASES[phase_index]
        start = self.boundary_time(k, phase)
        duration = self._tenths[phase_index] / 10
        into = min(max(t - start, 0.0), duration)
        return PacerState(
            phase=phase,
            phase_duration=duration,
            phase_elapsed=into,
            phase_left=duration - into,
            lung=lung_fraction(phase, into / duration),
            breath_index=k,
            breaths_done=k,
            breath_elapsed=t - self.breath_start(k),
            pattern=self.pattern,
            elapsed=t,
            left=None if total is None else total - t,
            finished=False,
        )

    def _finished_state(self, total: float) -> PacerState:
        assert self.breaths is not None
        last = PHASES[max(i for i, length in enumerate(self._tenths) if length)]
        duration = self.pattern.duration(last)
        return PacerState(
            phase=last,
            phase_duration=duration,
            phase_elapsed=duration,
            phase_left=0.0,
            lung=0.0,
            breath_index=self.breaths,
            breaths_done=self.breaths,
            breath_elapsed=self.pattern.cycle,
            pattern=self.pattern,
            elapsed=total,
            left=0.0,
            finished=True,
        )


def lung_rate(phase: Phase, x: float, duration: float) -> float:
    """How fast the lung fraction changes (per second) `x` of the way through `phase`."""
    if duration <= 0 or phase in (Phase.HOLD_IN, Phase.HOLD_OUT):
        return 0.0
    speed = math.pi / 2 * math.sin(math.pi * min(max(x, 0.0), 1.0)) / duration
    return speed if phase is Phase.INHALE else -speed


def lung_fraction(phase: Phase, x: float) -> float:
    """How full the lungs are `x` (0..1) of the way through `phase`."""
    if phase is Phase.INHALE:
        return ease(x)
    if phase is Phase.HOLD_IN:
        return 1.0
    if phase is Phase.EXHALE:
        return 1.0 - ease(x)
    return 0.0
