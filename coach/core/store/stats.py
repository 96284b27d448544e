"""Trends for the review screens: practice per week, tightness before and after, working
intensity per technique and side, streaks and totals, and the plain words that go with them.

Every figure comes from SQL over the sessions table and its per-session summaries
(`step_stats`, written when a session ends), never from a pass over every sample. Local
days need the zone's rules, which SQLite does not have, so the few things grouped by day
(one row per session) are bucketed here.

Qt-free and numpy-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from coach.core.store.history import day_start_utc, parse_started
from coach.core.store.records import SIDE_NAMES
from coach.core.store.schema import step_stats_query

if TYPE_CHECKING:
    from coach.core.store.store import Store

#: The change people usually notice on a 0-10 scale (points, or a share of the start).
NOTICEABLE_POINTS = 2.0
NOTICEABLE_SHARE = 0.30
#: Sides whose averages differ by less than this read "about the same": readings are
#: whole numbers, so a smaller lean is within the slider's own step.
SIDE_DIFFERENCE = 0.5
#: Fewer rated sessions than this make no trend.
MIN_POINTS = 3


@dataclass(frozen=True)
class TightnessPoint:
    started_at: datetime
    """Aware, local time zone."""
    source: str
    before: int
    after: int


@dataclass(frozen=True)
class TechniqueSide:
    technique: str
    side: str
    """'left', 'right', 'both' or 'none'."""
    average: float
    readings: int
    sessions: int


@dataclass(frozen=True)
class Totals:
    sessions: int
    minutes: float
    """Active minutes (pauses left out)."""
    active_days: int
    streak_days: int
    """Consecutive local days with a session, ending today or yesterday (else 0)."""
    longest_streak: int
    first_day: date | None
    last_day: date | None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class PracticeDay:
    day: date
    """A local calendar day with at least one session."""
    active_ms: int
    sessions: int


def practice_days(store: Store, tz: tzinfo | None = None) -> list[PracticeDay]:
    """Each local day with practice, oldest first: what totals and weeks are made of.

    One read of the sessions table, no samples. In the computer's own zone SQLite names
    each session's local day itself ('localtime' is the same C library conversion
    Python's astimezone() uses); another zone (tests, a chosen zone) is converted row by
    row. Summed here: a dictionary beats SQLite's sort for a GROUP BY on an expression.
    """
    per_day: dict[date, list[int]] = {}
    if tz is None:
        rows: Iterable[tuple[str, int]] = store.conn.execute(
            "SELECT date(started_at, 'localtime'), active_ms FROM sessions"
        )
        days: dict[str, date] = {}
        for text, active_ms in rows:
            day = days.get(text)
            if day is None:
                day = days[text] = date.fromisoformat(text)
            _add(per_day, day, active_ms)
    else:
        for started, active_ms in store.conn.execute("SELECT started_at, active_ms FROM sessions"):
            _add(per_day, parse_started(started, tz).date(), active_ms)
    return [PracticeDay(day, ms, count) for day, (ms, count) in sorted(per_day.items())]


def _add(per_day: dict[date, list[int]], day: date, active_ms: int) -> None:
    entry = per_day.get(day)
    if entry is None:
        per_day[day] = [active_ms, 1]
    else:
        entry[0] += active_ms
        entry[1] += 1


def weekly_minutes(
    days: Sequence[PracticeDay], weeks: int | None = None, today: date | None = None
) -> list[tuple[date, float]]:
    """Active minutes per local week (Monday first), oldest first, empty weeks as 0.

    From the first session's week to the last session's week, or to `today`'s week when
    that is later (so weeks without practice since show as such). `weeks` keeps only the
    last so many. Empty when there are no sessions.
    """
    per_week: dict[date, int] = {}
    for day in days:
        week = _monday(day.day)
        per_week[week] = per_week.get(week, 0) + day.active_ms
    if not per_week:
        return []
    first, last = min(per_week), max(per_week)
    if today is not None:
        last = max(last, _monday(today))
    count = (last - first).days // 7 + 1
    if weeks is not None:
        count = min(count, max(0, weeks))
    start = last - timedelta(weeks=count - 1)
    return [
        (week, per_week.get(week, 0) / 60000)
        for week in (start + timedelta(weeks=i) for i in range(count))
    ]


def tightness(
    store: Store, tz: tzinfo | None = None, since: date | None = None
) -> list[TightnessPoint]:
    """Sessions rated both before and after, oldest first (from local day `since`)."""
    query = (
        "SELECT started_at, source, rating_before, rating_after FROM sessions "
        "WHERE rating_before IS NOT NULL AND rating_after IS NOT NULL"
    )
    params: tuple[str, ...] = ()
    if since is not None:
        query += " AND started_at >= ?"
        params = (day_start_utc(since, tz),)
    rows = store.conn.execute(query + " ORDER BY started_at, rowid", params)
    return [TightnessPoint(parse_started(r[0], tz), r[1], r[2], r[3]) for r in rows]


def intensity_by_technique(
    store: Store, since: date | None = None, tz: tzinfo | None = None
) -> list[TechniqueSide]:
    """Average reading per technique and side, from the per-session step summaries.

    Readings are weighted equally (a long step counts more than a short one); `since`
    keeps sessions started from that local day on. Sorted by technique, then side.
    """
    table = "step_stats" if store.has_summaries else f"({step_stats_query()})"
    columns = "" if store.has_summaries else "(session, technique, side, readings, total, peak)"
    query = (
        f"WITH st {columns} AS (SELECT * FROM {table}) "
        "SELECT st.technique, st.side, sum(st.total) * 1.0 / sum(st.readings), "
        "sum(st.readings), count(DISTINCT st.session) FROM st"
    )
    params: tuple[str, ...] = ()
    if since is not None:
        query += " JOIN sessions ON sessions.rowid = st.session WHERE sessions.started_at >= ?"
        params = (day_start_utc(since, tz),)
    query += " GROUP BY st.technique, st.side ORDER BY st.technique, st.side"
    return [
        TechniqueSide(str(r[0]), SIDE_NAMES.get(r[1], "none"), float(r[2]), int(r[3]), int(r[4]))
        for r in store.conn.execute(query, params)
    ]


def totals(days: Sequence[PracticeDay], today: date) -> Totals:
    """How much practice, on how many days, and the streak up to `today` (a local day)."""
    sessions = sum(d.sessions for d in days)
    active_ms = sum(d.active_ms for d in days)
    practised = {d.day for d in days}
    ordered = sorted(practised)
    longest = run = 0
    previous: date | None = None
    for day in ordered:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    streak = 0
    # A streak is still alive on a day not yet practised: it counts up to yesterday.
    cursor = today if today in practised else today - timedelta(days=1)
    while cursor in practised:
        streak += 1
        cursor -= timedelta(days=1)
    return Totals(
        sessions=sessions,
        minutes=active_ms / 60000,
        active_days=len(practised),
        streak_days=streak,
        longest_streak=longest,
        first_day=ordered[0] if ordered else None,
        last_day=ordered[-1] if ordered else None,
    )


# -- words ----------------------------------------------------------------------------------
def _words(identifier: str) -> str:
    return identifier.replace("-", " ")


def _sessions(n: int) -> str:
    return f"{n} session" if n == 1 else f"{n} sessions"


def change_note(
    points: Sequence[TightnessPoint], source: str | None = None, title: str | None = None
) -> str:
    """The average change in tightness from before to after, as a trend across sessions
    (of one routine or pattern when `source` is given, named `title` in the words).

    The change is after minus before, averaged over the sessions (so lower is looser);
    the percentage is that change against the average before. It is compared with the
    change people usually notice on a 0-10 scale, about 2 points or 30%.
    """
    chosen = [p for p in points if source is None or p.source == source]
    n = len(chosen)
    where = "" if source is None else f" of {title or _words(source)}"
    if n < MIN_POINTS:
        if n == 0:
            return (
                f"Rate how tight you feel before and after a few sessions{where}, and the "
                "trend will show here."
            )
        return (
            f"{_sessions(n)}{where} rated so far: a trend needs a few more. Keep rating "
            "before and after, and this will show how tightness tends to change."
        )
    before = sum(p.before for p in chosen) / n
    after = sum(p.after for p in chosen) / n
    change = after - before
    share = abs(change) / before if before > 0 else None
    percent = "" if share is None else f" ({round(share * 100)}%)"
    opening = (
        f"Across {_sessions(n)}{where}, tightness averaged {before:.1f} before and "
        f"{after:.1f} after"
    )
    if abs(change) < 0.05:
        return (
            opening + ": about the same on average. Small changes come and go from one "
            "session to the next; the trend over weeks is what tells."
        )
    noticeable = abs(change) >= NOTICEABLE_POINTS - 0.05 or (
        share is not None and share >= NOTICEABLE_SHARE
    )
    if change < 0:
        text = f"{opening}, {abs(change):.1f} points{percent} lower on average."
        if noticeable:
            return text + (
                " That is about the size of change people usually notice (around 2 points "
                "or 30%): a trend across your sessions, not a verdict on any one of them."
            )
        return text + (
            " That is less than the 2 points or 30% people usually notice, so read it as "
            "a gentle trend across sessions; any single session can differ."
        )
    text = f"{opening}, {change:.1f} points{percent} higher on average."
    return text + (
        " Across sessions, feeling tighter afterwards can mean the pressure was more than "
        "needed: try working lower on the scale, and stop if anything hurts."
    )


def sides_note(rows: Sequence[TechniqueSide], titles: Mapping[str, str] | None = None) -> str:
    """Is the left side tighter than the right? One sentence, technique by technique,
    for the techniques with readings on both sides (a higher reading: it felt tighter).
    Techniques are named by their `titles` where given (as the chart beside it does)."""
    by_technique: dict[str, dict[str, TechniqueSide]] = {}
    for row in rows:
        by_technique.setdefault(row.technique, {})[row.side] = row
    names = {t: _in_sentence((titles or {}).get(t) or _words(t)) for t in by_technique}
    left_more: list[str] = []
    right_more: list[str] = []
    even: list[str] = []
    for technique in sorted(by_technique, key=lambda t: names[t]):
        sides = by_technique[technique]
        if "left" not in sides or "right" not in sides:
            continue
        left, right = sides["left"].average, sides["right"].average
        words = f"{names[technique]} ({left:.1f} left, {right:.1f} right)"
        if left - right >= SIDE_DIFFERENCE:
            left_more.append(words)
        elif right - left >= SIDE_DIFFERENCE:
            right_more.append(words)
        else:
            even.append(words)
    if not (left_more or right_more or even):
        return (
            "Once a technique has readings on both sides, this will show whether one side "
            "feels tighter than the other."
        )
    parts: list[str] = []
    if left_more:
        parts.append(f"your left side has felt tighter in {_join(left_more)}")
    if right_more:
        parts.append(f"your right side has felt tighter in {_join(right_more)}")
    if even:
        parts.append(f"both sides have felt about the same in {_join(even)}")
    sentence = "; ".join(parts)
    return f"On average, {sentence}."


def _in_sentence(title: str) -> str:
    """'Ball release' -> 'ball release' (a name like 'DVT' keeps its capitals)."""
    first = title.split(" ", 1)[0]
    return title if first.isupper() and len(first) > 1 else title[:1].lower() + title[1:]


def _join(items: Sequence[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
