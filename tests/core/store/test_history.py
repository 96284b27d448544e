"""The session list and one session's timeline, read from a real store (no Qt)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.core.assets import assets_dir
from coach.core.clock import FakeClock, FakeWallClock, iso_utc
from coach.core.content.library import Library, load_library
from coach.core.content.plan import build_plan
from coach.core.session.routine import RoutineRunner
from coach.core.session.runner import Finished, RunState, StateChanged
from coach.core.store.history import (
    HistoryFilter,
    HistoryQuery,
    HistoryRow,
    Marker,
    Pause,
    load_detail,
)
from coach.core.store.opening import OpenResult, open_store
from coach.core.store.recorder import SessionRecorder, new_session_record
from coach.core.store.records import PatternRecord, Sample, SessionEvent, SessionRecord
from coach.core.store.store import Store

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday
NEW_YORK = timezone(timedelta(hours=-5), "EST")


def sid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def record(n: int, **changes: object) -> SessionRecord:
    values: dict[str, object] = {
        "id": sid(n),
        "started_at": iso_utc(START + timedelta(days=n)),
        "kind": "routine",
        "source": "desk-break",
        "pattern": PatternRecord(4, 0, 6, 0),
        "status": "completed",
        "active_seconds": 60.0 * n,
        "breaths_done": 6 * n,
    }
    values.update(changes)
    return SessionRecord(**values)  # type: ignore[arg-type]


def readings(*levels: int | None) -> list[Sample]:
    return [Sample(t=float(i), phase="inhale", intensity=v) for i, v in enumerate(levels)]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "data", FakeWallClock(START)).store
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(assets_dir() / "content", None)


def fill(store: Store) -> None:
    """Six sessions a day apart, each with known numbers."""
    sessions = [
        (record(1, notes="100% better than yesterday"), readings(2, 4, 6)),
        (record(2, notes="100 better, no percent", source="calm", kind="breathing"), []),
        (record(3, notes="left_side sore", status="stopped", end_reason="Sharp pain"), readings(7)),
        (record(4, notes="Left side sore", rating_before=6, rating_after=3), readings(1, 2)),
        (record(5, notes="Évening calm", source="calm", kind="breathing"), readings(None)),
        (record(6, notes=r"saved in C:\temp", status="interrupted"), readings(5, 5, 5, 9)),
    ]
    store.import_all(((r, s, []) for r, s in sessions), [])


def ids(rows: list[HistoryRow]) -> list[int]:
    return [int(r.id[-4:]) for r in rows]


# -- the list -------------------------------------------------------------------------------
def test_rows_newest_first_with_their_numbers(store: Store) -> None:
    fill(store)
    query = HistoryQuery(store, UTC)
    rows = query.rows(HistoryFilter())
    assert ids(rows) == [6, 5, 4, 3, 2, 1]
    first = rows[-1]
    assert first.started_at == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    assert first.minutes == 1.0 and first.breaths == 6
    assert first.avg_intensity == 4.0 and first.peak_intensity == 6
    assert first.kind == "routine" and first.source == "desk-break"
    assert rows[0].avg_intensity == 6.0 and rows[0].peak_intensity == 9
    assert rows[0].status == "interrupted"
    no_readings = rows[1]  # a sample without a reading is not a reading
    assert no_readings.avg_intensity is None and no_readings.peak_intensity is None
    assert rows[2].rating_before == 6 and rows[2].rating_after == 3
    assert rows[3].end_reason == "Sharp pain"
    assert query.count(HistoryFilter()) == 6


def test_started_at_is_shown_in_the_zone_asked_for(store: Store) -> None:
    fill(store)
    row = HistoryQuery(store, NEW_YORK).rows(HistoryFilter(), limit=1)[0]
    assert row.started_at.utcoffset() == timedelta(hours=-5)
    assert row.started_at.hour == 4
    local = HistoryQuery(store).rows(HistoryFilter(), limit=1)[0]
    assert local.started_at.tzinfo is not None
    assert local.started_at == row.started_at


def test_filters_by_source_status_and_local_days(store: Store) -> None:
    fill(store)
    query = HistoryQuery(store, UTC)
    calm = HistoryFilter(sources=frozenset({"calm"}))
    assert ids(query.rows(calm)) == [5, 2] and query.count(calm) == 2
    ended = HistoryFilter(statuses=frozenset({"stopped", "interrupted"}))
    assert ids(query.rows(ended)) == [6, 3]
    assert query.count(HistoryFilter(sources=frozenset())) == 0
    days = HistoryFilter(since=date(2026, 3, 4), until=date(2026, 3, 5))
    assert ids(query.rows(days)) == [3, 2]
    # 09:00 UTC is 04:00 in New York: the same sessions, on the same local days.
    assert ids(HistoryQuery(store, NEW_YORK).rows(days)) == [3, 2]
    # Early in the morning UTC is still the evening before in New York.
    store.import_all([(record(20, started_at="2026-03-04T03:30:00Z"), [], [])], [])
    assert 20 in ids(HistoryQuery(store, UTC).rows(days))
    assert 20 not in ids(HistoryQuery(store, NEW_YORK).rows(days))  # 3 March, 22:30 there
    store.import_all([(record(21, started_at="2026-03-06T03:30:00Z"), [], [])], [])
    assert 21 in ids(HistoryQuery(store, NEW_YORK).rows(days))  # 5 March, 22:30 there
    assert 21 not in ids(HistoryQuery(store, UTC).rows(days))


def test_day_bounds_hold_for_every_stored_spelling(store: Store) -> None:
    """Imports may spell UTC as 'Z', '.000Z' or '+00:00': midnight belongs to its day."""
    for n, text in ((1, "2026-03-04T00:00:00Z"), (2, "2026-03-04T00:00:00+00:00")):
        store.import_all([(record(n, started_at=text), [], [])], [])
    store.import_all([(record(3, started_at="2026-03-05T00:00:00.000Z"), [], [])], [])
    query = HistoryQuery(store, UTC)
    one_day = HistoryFilter(since=date(2026, 3, 4), until=date(2026, 3, 4))
    assert sorted(ids(query.rows(one_day))) == [1, 2]


def test_text_search_is_case_blind_and_takes_wildcards_literally(store: Store) -> None:
    fill(store)
    query = HistoryQuery(store, UTC)

    def found(text: str) -> list[int]:
        return sorted(ids(query.rows(HistoryFilter(text=text))))

    assert found("100%") == [1]  # % is a character, not "anything"
    assert found("left_side") == [3]  # _ is a character, not "any one"
    assert found("LEFT") == [3, 4]
    assert found("side sore") == [3, 4]  # every word must appear, in any order
    assert found("sore better") == []
    assert found("évening") == [5] and found("ÉVENING") == [5]  # beyond ASCII too
    assert found(r"C:\temp") == [6] and found("\\") == [6]
    assert found("   ") == [1, 2, 3, 4, 5, 6]
    assert query.count(HistoryFilter(text="100")) == 2


@pytest.mark.parametrize(
    ("sort", "ascending"),
    [
        ("started_at", [1, 2, 3, 4, 5, 6]),
        ("minutes", [1, 2, 3, 4, 5, 6]),
        ("breaths", [1, 2, 3, 4, 5, 6]),
        ("source", [2, 5, 1, 3, 4, 6]),  # calm, then desk-break; ties by start
        ("status", [1, 2, 4, 5, 3, 6]),  # completed, stopped, interrupted
        ("avg_intensity", [4, 1, 6, 3, 2, 5]),  # no readings last, either way
        ("peak_intensity", [4, 1, 3, 6, 2, 5]),
    ],
)
def test_sorting_is_done_in_sql_with_a_stable_tiebreak(
    store: Store, sort: str, ascending: list[int]
) -> None:
    fill(store)
    query = HistoryQuery(store, UTC)
    assert ids(query.rows(HistoryFilter(), sort, descending=False)) == ascending  # type: ignore[arg-type]
    descending = ids(query.rows(HistoryFilter(), sort, descending=True))  # type: ignore[arg-type]
    if sort in ("avg_intensity", "peak_intensity"):
        assert descending[-2:] == [5, 2]  # still last, newest first
        assert descending[:-2] == ascending[:-2][::-1]
    else:
        assert descending == ascending[::-1]


def test_equal_keys_page_without_repeats_or_gaps(store: Store) -> None:
    same = [
        record(n, started_at="2026-03-03T09:00:00.000Z", active_seconds=60.0) for n in range(1, 8)
    ]
    store.import_all(((r, [], []) for r in same), [])
    query = HistoryQuery(store, UTC)
    seen: list[int] = []
    for offset in range(0, 7, 3):
        seen += ids(query.rows(HistoryFilter(), "minutes", offset=offset, limit=3))
    assert sorted(seen) == list(range(1, 8)) and len(seen) == 7
    assert seen == ids(query.rows(HistoryFilter(), "minutes", limit=100))


def test_paging_and_hidden_sessions(store: Store) -> None:
    fill(store)
    query = HistoryQuery(store, UTC)
    assert ids(query.rows(HistoryFilter(), offset=2, limit=2)) == [4, 3]
    assert query.rows(HistoryFilter(), offset=10) == []
    hidden = frozenset({sid(5), sid(3)})
    assert ids(query.rows(HistoryFilter(), hidden=hidden)) == [6, 4, 2, 1]
    assert query.count(HistoryFilter(), hidden) == 4
    assert query.count(HistoryFilter(sources=frozenset({"calm"})), hidden) == 1


def test_sources_most_used_first(store: Store) -> None:
    fill(store)
    store.import_all([(record(30, source="box", kind="breathing"), [], [])], [])
    assert HistoryQuery(store).sources() == [("desk-break", 4), ("calm", 2), ("box", 1)]
    empty = open_store(store.path.parent / "empty", store.wall).store
    assert HistoryQuery(empty).sources() == []
    empty.close()


def test_an_old_store_read_without_summaries_gives_the_same_rows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store opened read-only cannot be migrated: the list works them out per row."""
    fill(store)
    query = HistoryQuery(store, UTC)
    want = query.rows(HistoryFilter(), "avg_intensity")
    monkeypatch.setattr(Store, "has_summaries", property(lambda self: False))
    assert query.rows(HistoryFilter(), "avg_intensity") == want


# -- summaries and deleting -------------------------------------------------------------------
def test_summaries_are_taken_when_a_session_ends_or_is_recovered(
    stores: Callable[..., OpenResult], tmp_path: Path
) -> None:
    wall = FakeWallClock(START)
    store = stores(tmp_path, wall).store
    ended, cut = record(1, status="in_progress"), record(2, status="in_progress")
    events = [SessionEvent(seq=0, kind="step", observed=0.0, detail="0:pigeon/1/left")]
    samples = [Sample(t=float(t), intensity=v, step=0) for t, v in enumerate((3, 4, 8))]
    for r in (ended, cut):
        store.begin_session(r)
        store.append(r.id, samples, events, 3.0, 0)
    query = HistoryQuery(store, UTC)
    assert [row.avg_intensity for row in query.rows(HistoryFilter())] == [None, None]
    store.end_session(ended.id, "completed", "", 3.0, 0)
    rows = {row.id: row for row in query.rows(HistoryFilter())}
    assert rows[ended.id].avg_intensity == 5.0 and rows[ended.id].peak_intensity == 8
    assert rows[cut.id].avg_intensity is None
    store.conn.close()  # the coach died with the second one running
    store = stores(tmp_path, wall).store
    rows = {row.id: row for row in HistoryQuery(store, UTC).rows(HistoryFilter())}
    assert rows[cut.id].status == "interrupted" and rows[cut.id].peak_intensity == 8
    stats = store.conn.execute("SELECT technique, side, readings, total, peak FROM step_stats")
    assert sorted(stats) == [("pigeon", 0, 3, 15, 8)] * 2  # no side in the samples: 'none'


def test_delete_sessions_cascades_in_one_go(store: Store) -> None:
    events = [SessionEvent(seq=0, kind="step", observed=0.0, detail="0:pigeon/1/left")]
    samples = [Sample(t=float(i), intensity=4, step=0, side="left") for i in range(5)]
    store.import_all(((record(n), samples, events) for n in (1, 2, 3)), [])
    before = store.data_version()

    def counts() -> list[int]:
        return [
            store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("sessions", "samples", "events", "step_stats")
        ]

    assert counts() == [3, 15, 3, 3]
    assert store.delete_sessions([sid(1), sid(3), sid(99)]) == 2
    assert counts() == [1, 5, 1, 1]
    assert store.session_ids() == [sid(2)]
    assert store.data_version() == before + 1
    assert store.delete_sessions([]) == 0 and store.delete_sessions([sid(1)]) == 0
    assert store.data_version() == before + 1  # nothing deleted, nothing changed
    many = [sid(2)] + [sid(1000 + i) for i in range(40_000)]  # past SQLite's variable limit
    assert store.delete_sessions(many) == 1 and counts() == [0, 0, 0, 0]


# -- one session ----------------------------------------------------------------------------
def hand_built(store: Store) -> SessionRecord:
    r = record(1, active_seconds=24.5, breaths_done=2, lead_in=3.0, status="stopped")
    samples = [
        Sample(t=float(t), phase="inhale" if t % 10 < 4 else "exhale", intensity=i, step=s)
        for t, i, s in [(t, None if t < 11 else 3 + t % 2, 0 if t < 10 else 1) for t in range(25)]
    ]
    events = [
        SessionEvent(seq=0, kind="lead_in", observed=-3.0),
        SessionEvent(seq=1, kind="breathing", observed=0.0),
        SessionEvent(seq=2, kind="phase", observed=0.01, scheduled=0.0, breath=0, phase="inhale"),
        SessionEvent(seq=3, kind="step", observed=0.01, scheduled=0.0, detail="0:breathing"),
        SessionEvent(seq=4, kind="phase", observed=4.02, scheduled=4.0, breath=0, phase="exhale"),
        SessionEvent(seq=5, kind="phase", observed=10.01, scheduled=10.0, breath=1, phase="inhale"),
        SessionEvent(
            seq=6, kind="step", observed=10.01, scheduled=10.0, detail="1:ball-release/1/right"
        ),
        SessionEvent(seq=7, kind="stop_offer", observed=12.0, detail="9"),
        SessionEvent(seq=8, kind="phase", observed=14.0, scheduled=14.0, breath=1, phase="exhale"),
        SessionEvent(seq=9, kind="pause", observed=15.5),
        SessionEvent(seq=10, kind="resume", observed=15.5, detail="42.0"),
        SessionEvent(seq=11, kind="step", observed=20.0, scheduled=20.0, detail="2:switch"),
        SessionEvent(
            seq=12, kind="step_next", observed=20.0, scheduled=20.0, detail="3:pigeon/0/left"
        ),
        SessionEvent(
            seq=13, kind="pace", observed=21.0, scheduled=30.0, breath=3, detail="5.5-0-5.5-0"
        ),
        SessionEvent(seq=14, kind="pause", observed=24.5),
        SessionEvent(seq=15, kind="stop", observed=24.5, detail="Just stopping"),
    ]
    store.import_all([(r, samples, events)], [])
    return r


def test_detail_of_a_hand_built_session(store: Store, library: Library) -> None:
    r = hand_built(store)
    detail = load_detail(store, r.id, library, UTC)
    assert detail.row.id == r.id and detail.row.status == "stopped"
    assert detail.duration == 24.5
    assert detail.times == [float(t) for t in range(25)]
    assert detail.intensities[:12] == [None] * 11 + [4]
    assert detail.phases == [
        (0.0, 4.0, "inhale"),
        (4.0, 10.0, "exhale"),
        (10.0, 14.0, "inhale"),
        (14.0, 24.5, "exhale"),
    ]
    spans = [(s.start, s.end, s.index, s.kind, s.technique, s.side) for s in detail.steps]
    assert spans == [
        (0.0, 10.0, 0, "breathing", None, None),
        (10.0, 20.0, 1, "step", "ball-release", "right"),
        # The switch was replaced by Next at once: never on screen, so no span.
        (20.0, 24.5, 3, "step", "pigeon", "left"),
    ]
    ball = library.technique("ball-release")
    assert detail.steps[1].target == ball.steps[1].target == (2, 4)
    assert detail.steps[1].label == f"Ball release: step 2 of {len(ball.steps)} · right"
    assert detail.steps[0].label == "Breathing" and detail.steps[0].target is None
    assert detail.markers == [
        Marker(12.0, "stop_offer", "9"),
        Marker(15.5, "pause", ""),
        Marker(15.5, "resume", "42.0"),
        Marker(21.0, "pace", "5.5-0-5.5-0"),
        Marker(24.5, "pause", ""),
        Marker(24.5, "stop", "Just stopping"),
    ]
    # Offsets are active time: a pause takes none, so it is a moment on this axis.
    # The resume says how long the pause lasted; one ended by a stop does not.
    assert detail.pauses == [Pause(15.5, 15.5, 42.0), Pause(24.5, 24.5, None)]


def test_detail_without_a_library_or_phase_events(store: Store) -> None:
    r = hand_built(store)
    detail = load_detail(store, r.id)
    assert detail.steps[1].target is None
    assert detail.steps[1].label == "Ball release: step 2 · right"
    assert detail.row.started_at.tzinfo is not None
    store.conn.execute("DELETE FROM events WHERE kind = 'phase'")
    # From the 1 Hz samples instead: inhale for t % 10 < 4.
    assert load_detail(store, r.id).phases == [
        (0.0, 4.0, "inhale"),
        (4.0, 10.0, "exhale"),
        (10.0, 14.0, "inhale"),
        (14.0, 20.0, "exhale"),
        (20.0, 24.0, "inhale"),
        (24.0, 24.5, "exhale"),
    ]
    with pytest.raises(KeyError):
        load_detail(store, sid(404))


def run_desk_break(store: Store, library: Library, stop_at: float | None = None) -> str:
    """A desk break run by the real runner and recorder, with a reading of 8 at 55 s,
    3 at 62 s and a 30-second pause at 70 s; stopped at `stop_at` seconds, if given."""
    plan = build_plan(library.routine("desk-break"), library)
    clock = FakeClock()
    runner = RoutineRunner(plan, clock)
    rec = SessionRecorder(
        store,
        new_session_record(store.wall, runner.timeline, "desk-break", 0.0, "routine"),
        runner.sample_at,
    )

    def feed(events: list[object]) -> None:
        rec.on_events(events)
        snap = runner.snapshot()
        rec.on_progress(clock.now(), snap.pacer, snap.state)
        for event in events:
            if isinstance(event, Finished):
                rec.finish(*runner.ending())
            elif isinstance(event, StateChanged) and event.new is RunState.STOPPED:
                rec.finish("stopped", event.reason)

    feed(list(runner.start()))
    second = 0
    while runner.state not in (RunState.FINISHED, RunState.STOPPED):
        clock.advance(1.0)
        second += 1
        events: list[object] = list(runner.tick())
        if second == 55:
            events += runner.set_reading(8)
        elif second == 62:
            events += runner.set_reading(3)
        elif second == 70:
            feed(events + list(runner.pause()))
            clock.advance(30.0)
            events = list(runner.resume())
        if stop_at is not None and second == stop_at:
            events += runner.stop("Just stopping")
        feed(events)
    rec.rate(before=6, after=4)
    return rec.session_id


def test_detail_of_a_recorded_routine_matches_its_plan(store: Store, library: Library) -> None:
    session_id = run_desk_break(store, library)
    plan = build_plan(library.routine("desk-break"), library)
    detail = load_detail(store, session_id, library, UTC)
    assert detail.duration == plan.total
    ends = [sum(i.duration for i in plan.items[: n + 1]) for n in range(len(plan.items))]
    assert [s.index for s in detail.steps] == list(range(len(plan.items)))
    assert [s.end for s in detail.steps] == pytest.approx(ends)
    assert [s.start for s in detail.steps] == pytest.approx([0.0, *ends[:-1]])
    assert [s.label for s in detail.steps] == [i.label for i in plan.items]
    assert [s.target for s in detail.steps] == [i.target for i in plan.items]
    assert [s.side for s in detail.steps] == [
        i.side if i.kind == "step" else None for i in plan.items
    ]
    assert [(m.kind, m.t, m.detail) for m in detail.markers] == [
        ("ease_off", 58.0, "8"),  # 7+ held for three seconds
        ("pause", 70.0, ""),
        ("resume", 70.0, "30.0"),  # the pause lasted 30 s by the clock
    ]
    assert detail.pauses == [Pause(70.0, 70.0, 30.0)]
    breaths = plan.breaths
    assert len(detail.phases) == 2 * breaths  # in and out, no holds in the calm pattern
    assert detail.phases[0] == (0.0, 4.0, "inhale")
    assert detail.phases[-1][1] == plan.total
    levels = [s.intensity for s in store.samples(session_id) if s.intensity is not None]
    assert detail.row.avg_intensity == pytest.approx(sum(levels) / len(levels))
    assert detail.row.peak_intensity == 8
    assert (detail.row.rating_before, detail.row.rating_after) == (6, 4)
    assert detail.times == [s.t for s in store.samples(session_id)]


def test_detail_of_a_session_still_running_and_one_cut_short(
    stores: Callable[..., OpenResult], tmp_path: Path, library: Library
) -> None:
    wall = FakeWallClock(START)
    store = stores(tmp_path, wall).store
    r = record(1, status="in_progress", active_seconds=0.0)
    store.begin_session(r)
    events = [SessionEvent(seq=0, kind="step", observed=0.0, detail="0:pigeon/1/right")]
    store.append(r.id, readings(2, 6, None, 4), events, 3.4, 0)
    running = load_detail(store, r.id, library, UTC)
    assert running.row.status == "in_progress"
    assert running.row.avg_intensity == 4.0 and running.row.peak_intensity == 6
    assert running.duration == 3.4
    assert [(s.start, s.end, s.technique) for s in running.steps] == [(0.0, 3.4, "pigeon")]
    store.conn.close()
    store = stores(tmp_path, wall).store
    cut = load_detail(store, r.id, library, UTC)
    assert cut.row.status == "interrupted" and cut.row.avg_intensity == 4.0
    assert cut.duration == 3.4


def test_unsaved_notes_are_appended_to_a_file(tmp_path: Path) -> None:
    from coach.core.store.history import UNSAVED_NOTES_FILE, keep_unsaved_notes

    now = datetime(2026, 11, 3, 18, 0, tzinfo=UTC)
    path = keep_unsaved_notes(tmp_path, [("Tue 3 Nov 2026, 17:00", "left hip tight\n")], now)
    keep_unsaved_notes(tmp_path, [("Wed 4 Nov 2026, 08:00", "better")], now)
    assert path == tmp_path / UNSAVED_NOTES_FILE
    text = path.read_text(encoding="utf-8")
    assert "session of Tue 3 Nov 2026, 17:00" in text and "left hip tight\n" in text
    assert text.index("left hip tight") < text.index("better")
    assert "2026-11-03T18:00:00" in text
    assert path.stat().st_mode & 0o777 == 0o600, "private, like the store"


@pytest.mark.parametrize("text", ["", "inf", "1e999", "nan", "-3", "soon", "700000"])
def test_a_pause_length_that_makes_no_sense_is_unknown(text: str) -> None:
    from coach.core.store.history import _seconds

    assert _seconds(text) is None


def test_a_pause_length_is_read_back() -> None:
    from coach.core.store.history import _seconds

    assert _seconds("44.0") == 44.0 and _seconds("0") == 0.0
