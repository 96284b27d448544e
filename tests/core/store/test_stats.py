"""Trends across sessions: known sessions in a real store, known numbers and words out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.core.clock import FakeWallClock
from coach.core.store import stats
from coach.core.store.opening import open_store
from coach.core.store.records import PatternRecord, Sample, SessionEvent, SessionRecord
from coach.core.store.stats import TechniqueSide, TightnessPoint, Totals
from coach.core.store.store import Store

NEW_YORK = timezone(timedelta(hours=-5), "EST")


def record(n: int, started_at: str, active: float = 60.0, **changes: object) -> SessionRecord:
    values: dict[str, object] = {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "started_at": started_at,
        "kind": "routine",
        "source": "desk-break",
        "pattern": PatternRecord(4, 0, 6, 0),
        "status": "completed",
        "active_seconds": active,
    }
    values.update(changes)
    return SessionRecord(**values)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path, FakeWallClock()).store
    yield opened
    opened.close()


def four_sessions(store: Store) -> None:
    """Mon 2 March to Tue 24 March 2026; in New York, C falls on Sunday 8 March."""
    store.import_all(
        [
            (record(1, "2026-03-02T14:00:00.000Z", 600, rating_before=6, rating_after=3), [], []),
            (record(2, "2026-03-04T02:00:00.000Z", 300, rating_before=5), [], []),
            (record(3, "2026-03-09T04:30:00.000Z", 900, rating_before=7, rating_after=5), [], []),
            (record(4, "2026-03-24T12:00:00.000Z", 1200, rating_before=4, rating_after=4), [], []),
        ],
        [],
    )


# -- practice -------------------------------------------------------------------------------
def days(store: Store, tz: timezone | None = None) -> list[stats.PracticeDay]:
    return stats.practice_days(store, tz)


def test_practice_days_sum_each_local_day(store: Store) -> None:
    four_sessions(store)
    store.import_all([(record(9, "2026-03-03T01:00:00Z", 120), [], [])], [])  # 2 March in NY
    assert days(store, NEW_YORK)[:2] == [
        stats.PracticeDay(date(2026, 3, 2), 12 * 60000, 2),
        stats.PracticeDay(date(2026, 3, 3), 5 * 60000, 1),
    ]


def test_weeks_and_totals_from_known_days() -> None:
    known = [
        stats.PracticeDay(date(2026, 3, 1), 600000, 1),  # a Sunday
        stats.PracticeDay(date(2026, 3, 2), 300000, 1),
        stats.PracticeDay(date(2026, 3, 3), 900000, 2),
    ]
    assert stats.weekly_minutes(known, today=date(2026, 3, 10)) == [
        (date(2026, 2, 23), 10.0),
        (date(2026, 3, 2), 20.0),
        (date(2026, 3, 9), 0.0),
    ]
    assert stats.totals(known, date(2026, 3, 4)) == Totals(
        4, 30.0, 3, 3, 3, date(2026, 3, 1), date(2026, 3, 3)
    )


def test_weekly_minutes_in_local_weeks_with_empty_ones(store: Store) -> None:
    four_sessions(store)
    assert stats.weekly_minutes(days(store, NEW_YORK)) == [
        (date(2026, 3, 2), 30.0),  # A + B + C (Sunday evening in New York)
        (date(2026, 3, 9), 0.0),
        (date(2026, 3, 16), 0.0),
        (date(2026, 3, 23), 20.0),
    ]
    assert stats.weekly_minutes(days(store, UTC)) == [
        (date(2026, 3, 2), 15.0),
        (date(2026, 3, 9), 15.0),  # C is Monday morning in UTC
        (date(2026, 3, 16), 0.0),
        (date(2026, 3, 23), 20.0),
    ]
    # Up to this week, however quiet; `weeks` keeps the last few.
    assert stats.weekly_minutes(days(store, NEW_YORK), weeks=3, today=date(2026, 4, 8)) == [
        (date(2026, 3, 23), 20.0),
        (date(2026, 3, 30), 0.0),
        (date(2026, 4, 6), 0.0),
    ]
    assert stats.weekly_minutes(days(store, NEW_YORK), weeks=10) == stats.weekly_minutes(
        days(store, NEW_YORK)
    )


def test_totals_and_streaks(store: Store) -> None:
    four_sessions(store)
    assert stats.totals(days(store, NEW_YORK), date(2026, 3, 24)) == Totals(
        sessions=4,
        minutes=50.0,
        active_days=4,  # 2, 3, 8 and 24 March
        streak_days=1,
        longest_streak=2,
        first_day=date(2026, 3, 2),
        last_day=date(2026, 3, 24),
    )
    # In UTC, B is 4 March and C is 9 March: no two days in a row.
    assert stats.totals(days(store, UTC), date(2026, 3, 24)).longest_streak == 1


@pytest.mark.parametrize(
    ("today", "streak"),
    [
        (date(2026, 3, 6), 2),  # practised today
        (date(2026, 3, 7), 2),  # not yet today: the streak still counts to yesterday
        (date(2026, 3, 8), 0),  # a whole day missed
        (date(2026, 3, 4), 3),  # 1, 2 and 3 March, counted back from yesterday
    ],
)
def test_a_streak_ends_today_or_yesterday(store: Store, today: date, streak: int) -> None:
    when = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-03", "2026-03-05", "2026-03-06"]
    store.import_all(
        ((record(n, f"{day}T12:00:00.000Z"), [], []) for n, day in enumerate(when)), []
    )
    totals = stats.totals(days(store, UTC), today)
    assert totals.streak_days == streak
    assert totals.longest_streak == 3 and totals.active_days == 5 and totals.sessions == 6


def test_nothing_recorded_yet(store: Store) -> None:
    assert stats.weekly_minutes(days(store, UTC)) == []
    assert stats.tightness(store, UTC) == []
    assert stats.intensity_by_technique(store) == []
    assert stats.totals(days(store, UTC), date(2026, 3, 1)) == Totals(0, 0.0, 0, 0, 0, None, None)


def test_one_session_makes_sense(store: Store) -> None:
    store.import_all([(record(1, "2026-03-02T14:00:00.000Z", 90), [], [])], [])
    assert stats.weekly_minutes(days(store, UTC)) == [(date(2026, 3, 2), 1.5)]
    totals = stats.totals(days(store, UTC), date(2026, 3, 2))
    assert (totals.sessions, totals.streak_days, totals.longest_streak) == (1, 1, 1)


# -- tightness ------------------------------------------------------------------------------
def test_tightness_has_the_sessions_rated_both_ways(store: Store) -> None:
    four_sessions(store)
    points = stats.tightness(store, NEW_YORK)
    assert [(p.before, p.after) for p in points] == [(6, 3), (7, 5), (4, 4)]
    assert points[1].started_at == datetime(2026, 3, 8, 23, 30, tzinfo=NEW_YORK)
    assert points[0].source == "desk-break"
    since = [(p.before, p.after) for p in stats.tightness(store, NEW_YORK, date(2026, 3, 8))]
    assert since == [(7, 5), (4, 4)]
    assert len(stats.tightness(store, NEW_YORK, date(2026, 3, 9))) == 1
    assert len(stats.tightness(store, UTC, date(2026, 3, 9))) == 2


def point(before: int, after: int, source: str = "desk-break") -> TightnessPoint:
    return TightnessPoint(datetime(2026, 3, 2, tzinfo=UTC), source, before, after)


def test_change_note_with_too_few_sessions() -> None:
    assert stats.change_note([]) == (
        "Rate how tight you feel before and after a few sessions, and the trend will show here."
    )
    assert stats.change_note([point(6, 3)]) == (
        "1 session rated so far: a trend needs a few more. Keep rating before and after, "
        "and this will show how tightness tends to change."
    )
    assert stats.change_note([point(6, 3), point(5, 2)]).startswith("2 sessions rated so far")


def test_change_note_of_a_change_people_notice() -> None:
    # Before 6.0 and after 3.33 on average: 2.67 points, 44% of 6.
    assert stats.change_note([point(6, 3), point(7, 4), point(5, 3)]) == (
        "Across 3 sessions, tightness averaged 6.0 before and 3.3 after, 2.7 points (44%) "
        "lower on average. That is about the size of change people usually notice (around "
        "2 points or 30%): a trend across your sessions, not a verdict on any one of them."
    )
    # Under 2 points but a third of a low start: noticed by the share.
    note = stats.change_note([point(2, 1), point(3, 2), point(1, 1)])
    assert "0.7 points (33%) lower" in note and "about the size" in note


def test_change_note_of_a_small_change() -> None:
    assert stats.change_note([point(6, 5), point(5, 5), point(7, 6)]) == (
        "Across 3 sessions, tightness averaged 6.0 before and 5.3 after, 0.7 points (11%) "
        "lower on average. That is less than the 2 points or 30% people usually notice, so "
        "read it as a gentle trend across sessions; any single session can differ."
    )


def test_change_note_of_no_change_and_of_a_rise() -> None:
    assert stats.change_note([point(5, 5), point(4, 4), point(6, 6)]) == (
        "Across 3 sessions, tightness averaged 5.0 before and 5.0 after: about the same on "
        "average. Small changes come and go from one session to the next; the trend over "
        "weeks is what tells."
    )
    rise = stats.change_note([point(3, 5), point(4, 5), point(3, 4)])
    assert rise.startswith(
        "Across 3 sessions, tightness averaged 3.3 before and 4.7 after, 1.3 points (40%) "
        "higher on average."
    )
    assert "try working lower" in rise
    # From 0 there is no percentage to give.
    assert "1.0 points higher" in stats.change_note([point(0, 0), point(0, 1), point(0, 2)])


def test_change_note_for_one_routine() -> None:
    points = [point(6, 3), point(7, 4), point(5, 3), point(2, 2, "full-release")]
    note = stats.change_note(points, "desk-break")
    assert note.startswith("Across 3 sessions of desk break, tightness averaged 6.0 before")
    named = stats.change_note(points, "desk-break", "the Desk break")
    assert named.startswith("Across 3 sessions of the Desk break, tightness")
    assert stats.change_note(points, "full-release").startswith(
        "1 session of full release rated so far"
    )
    assert stats.change_note(points).startswith("Across 4 sessions,")


# -- sides ----------------------------------------------------------------------------------
def technique_sessions(store: Store) -> None:
    def step(seq: int, t: float, detail: str) -> SessionEvent:
        return SessionEvent(seq=seq, kind="step", observed=t, scheduled=t, detail=detail)

    def samples(spec: list[tuple[int, str | None, list[int]]]) -> list[Sample]:
        out: list[Sample] = []
        for item, side, levels in spec:
            for level in levels:
                out.append(
                    Sample(t=float(len(out)), intensity=level, step=item, side=side)  # type: ignore[arg-type]
                )
        return out

    first = (
        record(1, "2026-03-02T14:00:00.000Z"),
        samples([(0, "right", [4, 4, 5]), (1, None, [0]), (2, "left", [6, 6, 7, 5])]),
        [
            step(0, 0, "0:ball-release/1/right"),
            step(1, 3, "1:switch"),
            step(2, 4, "2:ball-release/1/left"),
        ],
    )
    second = (
        record(2, "2026-03-10T14:00:00.000Z"),
        samples([(0, "right", [3, 3]), (1, "left", [2, 4]), (2, "right", [2])]),
        [
            step(0, 0, "0:ball-release/1/right"),
            step(1, 2, "1:pigeon/0/left"),
            step(2, 4, "2:pigeon/0/right"),
        ],
    )
    store.import_all([first, second], [])


def test_intensity_by_technique_and_side(store: Store) -> None:
    technique_sessions(store)
    assert stats.intensity_by_technique(store) == [
        TechniqueSide("ball-release", "left", 6.0, 4, 1),
        TechniqueSide("ball-release", "right", 3.8, 5, 2),  # (4 + 4 + 5 + 3 + 3) / 5
        TechniqueSide("pigeon", "left", 3.0, 2, 1),
        TechniqueSide("pigeon", "right", 2.0, 1, 1),
    ]
    assert stats.intensity_by_technique(store, date(2026, 3, 5), UTC) == [
        TechniqueSide("ball-release", "right", 3.0, 2, 1),
        TechniqueSide("pigeon", "left", 3.0, 2, 1),
        TechniqueSide("pigeon", "right", 2.0, 1, 1),
    ]


def test_intensity_by_technique_on_a_store_without_summaries(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An old store opened read-only (never migrated) gives the same answers."""
    technique_sessions(store)
    want = stats.intensity_by_technique(store)
    monkeypatch.setattr(Store, "has_summaries", property(lambda self: False))
    assert stats.intensity_by_technique(store) == want


def test_sides_note_from_the_store(store: Store) -> None:
    technique_sessions(store)
    assert stats.sides_note(stats.intensity_by_technique(store)) == (
        "On average, your left side has felt tighter in ball release (6.0 left, 3.8 right) "
        "and pigeon (3.0 left, 2.0 right)."
    )


def side(technique: str, name: str, average: float) -> TechniqueSide:
    return TechniqueSide(technique, name, average, 10, 2)


def test_sides_note_in_every_direction() -> None:
    rows = [
        side("ball-release", "left", 4.5),
        side("ball-release", "right", 4.0),  # 0.5 apart: a lean
        side("lunge-pressure", "left", 3.0),
        side("lunge-pressure", "right", 4.2),
        side("pigeon", "left", 3.3),
        side("pigeon", "right", 3.0),  # 0.3 apart: the same
        side("foam-roller", "left", 5.0),  # one side only: not compared
        side("locate-psoas", "none", 2.0),
    ]
    assert stats.sides_note(rows) == (
        "On average, your left side has felt tighter in ball release (4.5 left, 4.0 right); "
        "your right side has felt tighter in lunge pressure (3.0 left, 4.2 right); both "
        "sides have felt about the same in pigeon (3.3 left, 3.0 right)."
    )
    assert stats.sides_note(rows[4:]) == (
        "On average, both sides have felt about the same in pigeon (3.3 left, 3.0 right)."
    )
    titles = {"ball-release": "Ball release", "lunge-pressure": "Low lunge with pressure"}
    assert stats.sides_note(rows[:4], titles) == (
        "On average, your left side has felt tighter in ball release (4.5 left, 4.0 right); "
        "your right side has felt tighter in low lunge with pressure (3.0 left, 4.2 right)."
    )
    assert (
        stats.sides_note(rows[6:])
        == stats.sides_note([])
        == (
            "Once a technique has readings on both sides, this will show whether one side "
            "feels tighter than the other."
        )
    )


def test_the_computers_own_zone_counts_days_as_a_chosen_zone_does(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite's 'localtime' groups the days in the computer's zone; it must agree with the
    row-by-row conversion used for any other zone (a POSIX zone: no tz database needed)."""
    import time

    four_sessions(store)
    store.import_all([(record(9, "2026-03-09T03:30:00Z"), [], [])], [])  # 22:30 the day before
    monkeypatch.setenv("TZ", "XXX+5")  # five hours behind UTC, no daylight saving
    time.tzset()
    try:
        here = timezone(timedelta(hours=-5))
        today = date(2026, 3, 12)
        assert stats.totals(days(store), today) == stats.totals(days(store, here), today)
        assert stats.weekly_minutes(days(store)) == stats.weekly_minutes(days(store, here))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
