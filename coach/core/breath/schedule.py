"""Breathing as a chain of segments: each a whole number of breaths at one pattern.

A routine paces its steps with breaths, and a step may change the pattern; a change made
during a session starts with the next breath. Both are a `Schedule`: the timelines of its
segments laid end to end. Every segment starts where the last breath of the one before
ended (lungs empty), so the lung fraction never jumps, and every boundary is still computed
from whole tenths of a second, so nothing drifts however long the chain.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from coach.core.breath.pacer import Boundary, PacerState, Timeline
from coach.core.breath.pattern import BreathPattern


@dataclass(frozen=True, slots=True)
class Segment:
    pattern: BreathPattern
    breaths: int | None
    """None: until stopped (only the last segment may be open-ended)."""


class Schedule:
    """Segments end to end. Offers the same reading interface as `Timeline`."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        if not segments:
            raise ValueError("a schedule needs at least one segment")
        for segment in segments[:-1]:
            if segment.breaths is None:
                raise ValueError("only the last segment may be open-ended")
        self.segments = tuple(segments)
        self.varied = len({s.pattern for s in self.segments}) > 1
        """More than one pattern: the pace changes along the way."""
        self._timelines = [Timeline(s.pattern, s.breaths) for s in self.segments]
        starts_t = [0]  # exact starts in tenths of a second
        first = [0]
        for segment in self.segments[:-1]:
            assert segment.breaths is not None
            starts_t.append(starts_t[-1] + segment.breaths * segment.pattern.cycle_tenths)
            first.append(first[-1] + segment.breaths)
        self._starts_t = starts_t
        self._starts = [s / 10 for s in starts_t]
        self._first = first
        last = self.segments[-1]
        if last.breaths is None:
            self.breaths: int | None = None
            self._total_t: int | None = None
        else:
            self.breaths = first[-1] + last.breaths
            self._total_t = starts_t[-1] + last.breaths * last.pattern.cycle_tenths

    @classmethod
    def single(cls, pattern: BreathPattern, breaths: int | None) -> Schedule:
        return cls([Segment(pattern, breaths)])

    # -- schedule -------------------------------------------------------------------------
    @property
    def pattern(self) -> BreathPattern:
        """The pattern the schedule starts with."""
        return self.segments[0].pattern

    @property
    def total(self) -> float | None:
        return None if self._total_t is None else self._total_t / 10

    def _index_at(self, t: float) -> int:
        return max(0, bisect.bisect_right(self._starts, t) - 1)

    def _index_of_breath(self, breath: int) -> int:
        return max(0, bisect.bisect_right(self._first, breath) - 1)

    def breath_start(self, breath: int) -> float:
        """Exact start of breath `breath` (may be the end of the schedule)."""
        i = self._index_of_breath(breath)
        local = breath - self._first[i]
        return (self._starts_t[i] + local * self.segments[i].pattern.cycle_tenths) / 10

    def pattern_of_breath(self, breath: int) -> BreathPattern:
        return self.segments[self._index_of_breath(breath)].pattern

    def boundaries_between(self, t0: float, t1: float) -> Iterator[Boundary]:
        """Phase starts with t0 < time <= t1, in order; the end itself is not one."""
        if t1 <= t0:
            return
        for i in range(self._index_at(max(t0, 0.0)), len(self.segments)):
            start = self._starts[i]
            if start > t1:
                return
            for b in self._timelines[i].boundaries_between(t0 - start, t1 - start):
                exact = (self._starts_t[i] + round(b.time * 10)) / 10
                yield Boundary(exact, b.breath + self._first[i], b.phase)

    def next_boundary(self, t: float) -> float | None:
        """The first phase start after `t`, or the end; None past the end."""
        total = self.total
        if total is not None and t >= total:
            return None
        horizon = t + self.segments[self._index_at(t)].pattern.cycle
        upcoming = next(iter(self.boundaries_between(t, horizon)), None)
        due = upcoming.time if upcoming is not None else horizon
        return due if total is None else min(due, total)

    # -- state ----------------------------------------------------------------------------
    def at(self, t: float) -> PacerState:
        t = max(0.0, t)
        total = self.total
        if total is not None and t >= total:
            state = self._timelines[-1].at(float("inf"))
            shift = self._first[-1]
        else:
            i = self._index_at(t)
            state = self._timelines[i].at(t - self._starts[i])
            shift = self._first[i]
        return dataclasses.replace(
            state,
            breath_index=state.breath_index + shift,
            breaths_done=state.breaths_done + shift,
            elapsed=min(t, total) if total is not None else t,
            left=None if total is None else max(0.0, total - t),
        )

    # -- changes --------------------------------------------------------------------------
    def tail(self, from_breath: int, breaths: int | None) -> list[Segment]:
        """The segments of breaths `from_breath` on, `breaths` of them (None: all, the
        last one running on until stopped when this schedule is open-ended)."""
        out: list[Segment] = []
        skip = from_breath
        want = breaths
        for segment in self.segments:
            have = segment.breaths
            if have is not None and skip >= have:
                skip -= have
                continue
            take = None if have is None else have - skip
            skip = 0
            if want is not None:
                take = want if take is None else min(take, want)
                want -= take
            out.append(Segment(segment.pattern, take))
            if want == 0:
                break
        if want:  # asked for more than there is: the last pattern carries on
            last = out[-1].pattern if out else self.segments[-1].pattern
            out.append(Segment(last, want))
        return [s for s in out if s.breaths is None or s.breaths > 0]

    def continued(self, from_breath: int, segments: Sequence[Segment]) -> Schedule:
        """Keep breaths before `from_breath` exactly as they are, then go on with `segments`.

        With no segments the schedule simply ends at the start of `from_breath`.
        """
        kept: list[Segment] = []
        left = from_breath
        for segment in self.segments:
            if left <= 0:
                break
            take = left if segment.breaths is None else min(left, segment.breaths)
            kept.append(Segment(segment.pattern, take))
            left -= take
        chain = kept + list(segments)
        if not chain:
            raise ValueError("a schedule needs at least one breath")
        return Schedule(chain)
