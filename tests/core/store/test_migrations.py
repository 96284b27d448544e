"""Every released schema, kept as a real file, opens with this code and loses nothing."""

import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

import msgspec
import pytest

from coach.core.clock import FakeWallClock
from coach.core.store import schema
from coach.core.store.opening import open_store
from coach.core.store.records import SIDE_CODES, Sample, SessionEvent
from coach.core.store.schema import MIGRATIONS, SCHEMA_VERSION
from coach.core.store.store import DB_NAME, Store
from tests.fixtures.make_store_fixture import Expected, Summary, summaries

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
RELEASED = sorted(FIXTURES.glob("store-v*.db"))


def test_there_is_a_fixture_for_every_schema_version() -> None:
    versions = sorted(int(p.stem.split("-v")[1]) for p in RELEASED)
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert sorted(MIGRATIONS) == versions


def reference_summary(samples: list[Sample], events: list[SessionEvent]) -> Summary:
    """The summary worked out in plain Python, the slow way, to check the SQL against."""
    levels = [s.intensity for s in samples if s.intensity is not None]
    techniques: dict[int, str] = {}
    for event in events:
        if event.kind.startswith("step") and ":" in event.detail:
            item, rest = event.detail.split(":", 1)
            if "/" in rest:
                techniques[int(item)] = rest.split("/", 1)[0]
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    for s in samples:
        if s.intensity is not None and s.step in techniques:
            side = SIDE_CODES[s.side] if s.side is not None else 0
            groups[(techniques[s.step], side)].append(s.intensity)
    return Summary(
        avg_intensity=sum(levels) / len(levels) if levels else None,
        peak_intensity=max(levels) if levels else None,
        readings=len(levels),
        step_stats=[
            (technique, side, len(v), sum(v), max(v))
            for (technique, side), v in sorted(groups.items())
        ],
    )


def open_copy(fixture: Path, tmp_path: Path) -> tuple[Store, list[str]]:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(fixture, folder / DB_NAME)
    opened = open_store(folder, FakeWallClock())
    return opened.store, opened.notices


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_an_old_store_migrates_without_loss(fixture: Path, tmp_path: Path) -> None:
    expected = msgspec.json.decode(fixture.with_suffix(".json").read_bytes(), type=Expected)
    store, notices = open_copy(fixture, tmp_path)
    try:
        assert notices == []
        assert store.version == SCHEMA_VERSION and store.quick_check()
        assert store.sessions() == expected.sessions
        for record in expected.sessions:
            assert store.samples(record.id) == expected.samples[record.id]
            assert store.events(record.id) == expected.events[record.id]
        assert store.presets() == expected.presets
        # Summaries: what the fixture's own version stored (from 2 on), and what they must
        # be by their definition, for every session, however old.
        derived = summaries(store)
        for session_id, summary in expected.summaries.items():
            assert derived[session_id] == summary
        for record in expected.sessions:
            want = reference_summary(expected.samples[record.id], expected.events[record.id])
            got = derived[record.id]
            assert got.readings == want.readings and got.peak_intensity == want.peak_intensity
            assert got.step_stats == want.step_stats
            assert got.avg_intensity == pytest.approx(want.avg_intensity)
    finally:
        store.close()


def test_the_v1_fixture_gets_known_summaries(tmp_path: Path) -> None:
    store, _ = open_copy(FIXTURES / "store-v1.db", tmp_path)
    try:
        derived = summaries(store)
        breathing = derived["0b7f2a4e-5d7c-4a8e-9b1f-3c2d1e0f9a01"]
        assert breathing == Summary(None, None, 0, [])
        guided = derived["0b7f2a4e-5d7c-4a8e-9b1f-3c2d1e0f9a02"]
        # min(10, t // 10) for t in 0..140: 10 * (0 + ... + 9) + 41 * 10 = 860 over 141.
        assert guided.readings == 141 and guided.peak_intensity == 10
        assert guided.avg_intensity == pytest.approx(860 / 141)
        assert guided.step_stats == []  # no step events: the techniques are unknown
    finally:
        store.close()


def test_the_v2_fixture_has_known_step_stats(tmp_path: Path) -> None:
    store, _ = open_copy(FIXTURES / "store-v2.db", tmp_path)
    try:
        derived = summaries(store)
        guided = derived["0b7f2a4e-5d7c-4a8e-9b1f-3c2d1e0f9a03"]
        # Right (code 2): 3 + t % 4 for t in 20..49; left (code 1): 4 + t % 5 for t in 60..99.
        assert guided.step_stats == [
            ("ball-release", 1, 40, 240, 8),
            ("ball-release", 2, 30, 133, 6),
        ]
        assert guided.avg_intensity == pytest.approx(373 / 70)
        cut_short = derived["0b7f2a4e-5d7c-4a8e-9b1f-3c2d1e0f9a04"]
        assert cut_short.step_stats == [("ball-release", 2, 20, 60, 4)]
    finally:
        store.close()


def test_a_failing_migration_leaves_the_old_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Script and fill run in one transaction: a failure in the fill undoes the script."""

    def broken(conn: sqlite3.Connection) -> None:
        schema.refresh_summaries(conn)
        raise RuntimeError("the fill step failed")

    monkeypatch.setitem(MIGRATIONS, 2, schema.Migration(MIGRATIONS[2].script, broken))
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(FIXTURES / "store-v1.db", folder / DB_NAME)
    with pytest.raises(RuntimeError, match="fill step"):
        open_store(folder, FakeWallClock())
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = [r[1] for r in conn.execute("PRAGMA table_info(sessions)")]
        assert "avg_intensity" not in columns
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_schema")]
        assert "step_stats" not in tables
    finally:
        conn.close()
