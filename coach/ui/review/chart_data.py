"""What each review chart shows, as rows for a table and as words for a screen reader.

A chart is seen; its figures must also be readable without seeing it. Each function here
takes the same short lists the chart is drawn from (weeks, sessions, techniques, one
session's steps and moments) and gives a `ChartData`: the columns and rows of a table, and
one spoken phrase per row for the chart's accessible description. Qt-free and
pyqtgraph-free, like `labels`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from coach.ui.review import labels

if TYPE_CHECKING:
    from coach.core.store.history import SessionDetail
    from coach.core.store.stats import TechniqueSide, TightnessPoint

#: At most this many rows are said in a description; the table holds every one.
SPOKEN_MAX = 16
MARKER_WORDS = {
    "ease_off": "Ease-off prompt",
    "stop_offer": "Offered to stop",
    "pause": "Paused",
    "resume": "Went on",
    "stop": "Stopped",
    "safety_stop": "Stopped for safety",
    "pace": "Pace changed",
}


@dataclass(frozen=True, slots=True)
class ChartData:
    """A chart's figures: a title, the table's columns and rows, a phrase per row."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = ()
    spoken: tuple[str, ...] = ()
    keep: Literal["first", "last"] = "last"
    """Which rows a description keeps when there are too many to say: the latest weeks
    and sessions matter most, a session is told from its start."""
    separator: str = ", "
    summary: str = ""
    """Words that say it better than the rows read one by one (a session's course)."""

    def description(self, limit: int = SPOKEN_MAX) -> str:
        """'Minutes per week: 12 Oct 0 min, 19 Oct 24 min.' (the latest `limit` rows)."""
        if self.summary:
            return f"{self.title}: {self.summary}"
        if not self.spoken:
            return f"{self.title}: nothing to show."
        said = list(self.spoken)
        if len(said) <= limit:
            return f"{self.title}: {self.separator.join(said)}."
        part = said[-limit:] if self.keep == "last" else said[:limit]
        which = "the latest" if self.keep == "last" else "the first"
        return (
            f"{self.title}, {which} {limit} of {len(said)}: {self.separator.join(part)}. "
            "The table has them all."
        )


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"


def _spoken_clock(seconds: float) -> str:
    return labels.length(seconds / 60)


def weeks_data(weeks: Sequence[tuple[date, float]]) -> ChartData:
    rows = tuple((labels.day(week), f"{round(minutes)}") for week, minutes in weeks)
    spoken = tuple(f"{_day(week)} {round(minutes)} min" for week, minutes in weeks)
    return ChartData("Minutes per week", ("Week of", "Minutes"), rows, spoken)


def tightness_data(points: Sequence[TightnessPoint], titles: Mapping[str, str]) -> ChartData:
    rows = tuple(
        (
            labels.when(p.started_at),
            labels.title_of(p.source, titles),
            str(p.before),
            str(p.after),
        )
        for p in points
    )
    spoken = tuple(
        f"{_day(p.started_at.date())} {p.before} before, {p.after} after" for p in points
    )
    return ChartData(
        "Tightness before and after, 0 to 10",
        ("Session", "Routine", "Before", "After"),
        rows,
        spoken,
    )


def sides_data(rows: Sequence[TechniqueSide], titles: Mapping[str, str]) -> ChartData:
    """One row per technique, its sides side by side, in the order the chart lists them."""
    by_technique: dict[str, dict[str, TechniqueSide]] = {}
    for row in rows:
        by_technique.setdefault(row.technique, {})[row.side] = row
    names = sorted(by_technique, key=lambda t: titles.get(t, t).lower())
    table: list[tuple[str, ...]] = []
    spoken: list[str] = []
    # A column for techniques done without a side, only when there are any.
    unsided = any(not {"left", "right"} & by_technique[name].keys() for name in names)
    for name in names:
        sides = by_technique[name]
        title = titles.get(name, name)
        left, right = sides.get("left"), sides.get("right")
        neither = None if left or right else sides.get("both") or sides.get("none")
        shown = (left, right, neither) if unsided else (left, right)
        table.append((title, *(labels.average(s.average if s else None) for s in shown)))
        said = [
            f"{word} {s.average:.1f}"
            for word, s in (("left", left), ("right", right), ("no side", neither))
            if s is not None
        ]
        spoken.append(f"{title} {' '.join(said) if len(said) == 1 else ', '.join(said)}")
    return ChartData(
        "Working intensity by technique and side, 0 to 10",
        ("Technique", "Left", "Right", "No side") if unsided else ("Technique", "Left", "Right"),
        tuple(table),
        tuple(spoken),
        keep="first",
        separator="; ",
    )


def timeline_data(detail: SessionDetail) -> ChartData:
    """A session's steps (each with how strong the pressure felt) and its moments, in the
    order they came; said as its course, its readings and every moment."""
    times, values = detail.times, detail.intensities
    entries: list[tuple[float, int, tuple[str, ...], str]] = []  # moments (0) before steps (1)
    steps = detail.steps
    if not steps:
        entries.append(
            (
                0.0,
                1,
                (f"0:00 to {_spoken_clock(detail.duration)}", "Breathing", labels.NONE),
                f"{_spoken_clock(detail.duration)} of breathing",
            )
        )
    for step in steps:
        lo, hi = bisect_left(times, step.start), bisect_left(times, step.end)
        felt = [v for v in values[lo:hi] if v is not None]
        what = labels.spoken(step.label)
        when = f"{_spoken_clock(step.start)} to {_spoken_clock(step.end)}"
        if felt:
            mean = sum(felt) / len(felt)
            cell = f"{mean:.1f} on average, at most {max(felt)}"
            said = f"from {_spoken_clock(step.start)} {what}, felt {mean:.1f} on average"
        else:
            cell = labels.NONE
            said = f"from {_spoken_clock(step.start)} {what}"
        entries.append((step.start, 1, (when, what, cell), said))
    for marker in detail.markers:
        words = MARKER_WORDS.get(marker.kind, marker.kind.replace("_", " ").capitalize())
        extra = marker.detail.strip()
        if marker.kind in ("ease_off", "stop_offer") and extra:
            cell, said_extra = extra, f" at {extra}"
        elif extra and marker.kind in ("stop", "safety_stop"):
            words, cell, said_extra = f"{words}: {extra}", labels.NONE, ""
        else:
            cell, said_extra = labels.NONE, ""
        at = _spoken_clock(marker.t)
        entries.append((marker.t, 0, (at, words, cell), f"at {at} {words.lower()}{said_extra}"))
    # A stop comes before the cool-down it starts, though both have the same moment.
    entries.sort(key=lambda e: (e[0], e[1]))
    return ChartData(
        "Timeline of the session",
        ("Time", "What", "Pressure felt, 0 to 10"),
        tuple(e[2] for e in entries),
        tuple(e[3] for e in entries),
        keep="first",
        summary=_session_course(detail, [e[3] for e in entries if e[1] == 0]),
    )


def _session_course(detail: SessionDetail, moments: Sequence[str]) -> str:
    """'6:30 in all. Breathing, then Ball release right, then Ball release left, then
    Cool-down. Pressure felt 3.6 on average, at most 8. At 1:46 ease-off prompt at 7.'"""
    course: list[str] = []
    last: tuple[str, str | None] = ("", None)  # the technique and side said last
    for step in detail.steps:
        if step.kind == "switch":
            continue  # the sides named on each side say it
        title = step.label.split(":")[0].strip()
        side = step.side if step.side in ("left", "right") else None
        if title == last[0] and side in (None, last[1]):
            continue  # the same technique, on the same side or on none
        last = (title, side)
        course.append(f"{title} {side}" if side else title)
    text = f"{_spoken_clock(detail.duration)} in all."
    if course:
        text += f" {', then '.join(course)}."
    row = detail.row
    if row.avg_intensity is None or row.peak_intensity is None:
        text += " No pressure readings."
    else:
        text += f" Pressure felt {row.avg_intensity:.1f} on average, at most {row.peak_intensity}."
    if moments:
        text += " " + ". ".join(m[:1].upper() + m[1:] for m in moments) + "."
    return text
