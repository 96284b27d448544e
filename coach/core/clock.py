"""Clocks: the one source of time. Everything that needs 'now' is handed a Clock."""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Monotonic seconds; only differences between two readings mean anything."""

    def now(self) -> float: ...


class MonotonicClock:
    """The real clock: `time.monotonic`, which never jumps with wall-clock changes."""

    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when a test says so. Never sleeps."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = float(start)

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError(f"a clock cannot go back (advance by {seconds!r})")
        self._now += seconds
        return self._now

    def set(self, now: float) -> None:
        if now < self._now:
            raise ValueError(f"a clock cannot go back (from {self._now!r} to {now!r})")
        self._now = float(now)


class WallClock(Protocol):
    """Wall-clock time in UTC, for stamping when things happened (never for measuring)."""

    def utc_now(self) -> datetime: ...


class SystemWallClock:
    def utc_now(self) -> datetime:
        return datetime.now(UTC)


class FakeWallClock:
    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 1, 5, 7, 30, tzinfo=UTC)

    def utc_now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now


def iso_utc(moment: datetime) -> str:
    """UTC ISO-8601 with milliseconds and a Z: sorts as text in time order."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def parse_iso_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone; expected UTC like 2026-01-05T07:30:00Z")
    return moment.astimezone(UTC)


def clock_text(seconds: float) -> str:
    """Seconds as m:ss (h:mm:ss from an hour), rounded up so 0:00 means really done."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
