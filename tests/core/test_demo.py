"""Made-up history for --demo: realistic, the same for a seed, and only in the given store."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from coach.core import demo
from coach.core.assets import assets_dir
from coach.core.clock import FakeWallClock
from coach.core.content.library import load_library
from coach.core.store import stats
from coach.core.store.opening import open_store
from coach.core.store.records import Sample
from coach.core.store.store import Store

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def filled(folder: Path, days: int = 60, seed: int = 7) -> tuple[Store, int]:
    wall = FakeWallClock(NOW)
    store = open_store(folder, wall).store
    return store, demo.fill_demo(store, wall, days=days, seed=seed, tz=UTC)


@pytest.fixture(scope="module")
def two_months(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int]]:
    store, added = filled(tmp_path_factory.mktemp("demo"))
    yield store, added
    store.close()


def everything(store: Store) -> list[object]:
    out: list[object] = []
    for record in store.sessions():
        out += [record, store.samples(record.id), store.events(record.id)]
    return out


def test_the_same_seed_gives_the_same_store(tmp_path: Path) -> None:
    a, added = filled(tmp_path / "a", days=14, seed=3)
    b, _ = filled(tmp_path / "b", days=14, seed=3)
    c, _ = filled(tmp_path / "c", days=14, seed=4)
    try:
        assert added == len(a.session_ids()) > 5
        assert everything(a) == everything(b)
        assert everything(a) != everything(c)
    finally:
        for store in (a, b, c):
            store.close()


def test_only_the_given_store_is_touched(tmp_path: Path, private_dirs: Path) -> None:
    store, _ = filled(tmp_path / "given", days=5)
    store.close()
    assert not private_dirs.exists()  # the coach's own data folder was never made
    assert sorted(p.name for p in (tmp_path / "given").iterdir())[0] == "coach.db"


def test_two_months_look_like_someone_practising(two_months: tuple[Store, int]) -> None:
    store, added = two_months
    conn = store.conn
    assert added == conn.execute("SELECT count(*) FROM sessions").fetchone()[0] > 60
    first = (NOW - timedelta(days=59)).date()
    totals = stats.totals(stats.practice_days(store, UTC), NOW.date())
    assert totals.first_day is not None and totals.first_day >= first
    assert totals.last_day is not None and totals.last_day <= NOW.date()
    assert 40 <= totals.active_days < 60  # a few days missed
    assert totals.streak_days >= 1
    # Desk breaks on most weekdays, the longer ones at weekends.
    days: dict[str, set[date]] = {}
    for row in stats.tightness(store, UTC):
        days.setdefault(row.source, set()).add(row.started_at.date())
    weekdays = sum(1 for n in range(60) if (first + timedelta(days=n)).weekday() < 5)
    assert len(days["desk-break"]) >= 0.6 * weekdays
    assert all(d.weekday() >= 5 for d in days["full-release"])
    sources = dict(conn.execute("SELECT source, count(*) FROM sessions GROUP BY source"))
    assert {"desk-break", "full-release"} <= set(sources)
    assert set(sources) & {"calm", "coherent", "sleep"}  # free breathing too
    # How they ended: most completed, a few stopped with a reason, one cut short.
    endings = conn.execute(
        "SELECT status, end_reason, count(*) FROM sessions GROUP BY status, end_reason"
    ).fetchall()
    by_status = {(s, r): n for s, r, n in endings}
    assert by_status[("interrupted", "the coach closed unexpectedly")] == 1
    reasons = {r for s, r, _ in endings if s == "stopped"}
    assert {"Sharp pain", "Tingling or numbness", "Just stopping"} <= reasons
    assert by_status[("completed", "")] > 0.85 * added
    # Notes on some sessions, not all.
    noted = conn.execute("SELECT count(*) FROM sessions WHERE notes != ''").fetchone()[0]
    assert 0.08 * added < noted < 0.5 * added


def test_the_safety_stops_cool_down_as_the_app_does(two_months: tuple[Store, int]) -> None:
    store, _ = two_months
    for record in store.sessions():
        if record.end_reason in ("Sharp pain", "Tingling or numbness"):
            kinds = [e.kind for e in store.events(record.id)]
            assert "safety_stop" in kinds and "step_cooldown" in kinds
            assert kinds[-1] == "finish"


def test_ease_off_prompts_come_from_readings_of_seven_and_up(
    two_months: tuple[Store, int],
) -> None:
    store, _ = two_months
    prompts = 0
    for record in store.sessions():
        samples = store.samples(record.id)
        for event in store.events(record.id):
            if event.kind == "ease_off":
                prompts += 1
                assert int(event.detail) >= 7
                before = [s for s in samples if s.t <= event.observed and s.intensity is not None]
                assert before[-1].intensity is not None and before[-1].intensity >= 7
    assert prompts >= 10


def test_samples_are_one_a_second_with_phase_step_side_and_reading(
    two_months: tuple[Store, int],
) -> None:
    store, _ = two_months
    for record in store.sessions()[:20]:
        samples = store.samples(record.id)
        whole = [s.t for s in samples if s.t == int(s.t)]
        assert whole == [float(n) for n in range(len(whole))]
        assert len(whole) >= int(record.active_seconds) - 1
        assert all(s.phase is not None for s in samples)
        if record.kind == "routine":
            assert all(s.step is not None for s in samples)
            if record.status == "completed" and record.source != "breathing-5":
                assert {"left", "right"} <= {s.side for s in samples}
            assert record.status == "interrupted" or record.ended_at is not None


def test_left_reads_higher_at_first_and_the_sides_converge(
    two_months: tuple[Store, int],
) -> None:
    store, _ = two_months

    def lean(since: str, until: str) -> float:
        rows = store.conn.execute(
            "SELECT side, sum(total) * 1.0 / sum(st.readings) FROM step_stats AS st "
            "JOIN sessions ON sessions.rowid = st.session "
            "WHERE started_at >= ? AND started_at < ? GROUP BY side",
            (since, until),
        )
        averages = dict(rows)
        return float(averages[1] - averages[2])  # left minus right

    early, late = lean("2026-01-01", "2026-01-20"), lean("2026-02-10", "2026-03-03")
    assert early > 0.5 and late < early - 0.3
    note = stats.sides_note(stats.intensity_by_technique(store))
    assert "left side has felt tighter" in note


def test_tightness_eases_with_a_mix_of_changes(two_months: tuple[Store, int]) -> None:
    store, _ = two_months
    points = stats.tightness(store, UTC)
    changes = {p.after - p.before for p in points}
    assert len(changes) >= 4 and any(c > 0 for c in changes) and 0 in changes
    half = len(points) // 2
    assert sum(p.before for p in points[:half]) > sum(p.before for p in points[half:])
    assert "lower on average" in stats.change_note(points)


def test_every_finished_guided_session_has_its_summary(two_months: tuple[Store, int]) -> None:
    store, _ = two_months
    missing = store.conn.execute(
        "SELECT count(*) FROM sessions WHERE kind = 'routine' AND source != 'breathing-5' "
        "AND (avg_intensity IS NULL OR readings = 0)"
    ).fetchone()[0]
    assert missing == 0


def test_fast_sample_facts_match_the_runner(tmp_path: Path) -> None:
    """The demo reads samples off the runner's events; they equal runner.sample_at.

    (Whole seconds only: a reading's own sample is stored at its time rounded to the
    millisecond, so asking the runner again at the rounded time can land a hair before it.)
    """
    library = load_library(assets_dir() / "content", None)
    rng = random.Random(1)
    start = datetime(2026, 3, 1, 10, tzinfo=UTC)
    cases = [
        ("desk-break", demo._Outcome(stop="Sharp pain", stop_at=0.6, pause=0.3)),
        ("full-release", demo._Outcome()),
        ("breathing", demo._Outcome(pace="7-11")),
    ]
    for what, outcome in cases:
        session = demo.one_session(library, start, what, rng, 0.2, outcome)
        whole: dict[
            float, Sample
        ] = {}  # the 1 Hz sample of each second (a reading may round onto it too)
        for s in session.recorder.log.samples:
            if s.t == int(s.t):
                whole.setdefault(s.t, s)
        assert len(whole) > 100
        for sample in whole.values():
            facts = session.runner.sample_at(sample.t)
            assert (sample.phase, sample.intensity, sample.step, sample.side) == (
                facts.phase,
                facts.intensity,
                facts.step,
                facts.side,
            ), (what, sample)


def test_a_demo_store_opens_like_any_other(tmp_path: Path) -> None:
    store, _ = filled(tmp_path, days=3)
    store.close()
    conn = sqlite3.connect(tmp_path / "coach.db")
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert (
            conn.execute("SELECT count(*) FROM sessions WHERE status = 'in_progress'").fetchone()[0]
            == 0
        )
    finally:
        conn.close()
