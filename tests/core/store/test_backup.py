"""Backups: only after changes, at most daily, exact copies, private, rotated, restorable."""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import coach.core.store.backup as backup_module
from coach.core.clock import FakeWallClock, iso_utc
from coach.core.store.backup import (
    BACKUP_DIR_NAME,
    BackupError,
    backup_dir,
    list_backups,
    maybe_backup,
    restore_backup,
    take_backup,
)
from coach.core.store.opening import open_store
from coach.core.store.records import PatternRecord, Sample, SessionEvent, SessionRecord
from coach.core.store.schema import SCHEMA_VERSION
from coach.core.store.store import DB_NAME, Store

DAY = timedelta(days=1)


@pytest.fixture
def wall() -> FakeWallClock:
    return FakeWallClock()  # Monday 2026-01-05 07:30 UTC


@pytest.fixture
def store(tmp_path: Path, wall: FakeWallClock) -> Iterator[Store]:
    result = open_store(tmp_path / "data", wall)
    yield result.store
    result.store.close()


def record_session(store: Store, wall: FakeWallClock, samples: int = 30) -> str:
    record = SessionRecord(
        id=str(uuid.uuid4()),
        started_at=iso_utc(wall.utc_now()),
        kind="breathing",
        source="calm",
        pattern=PatternRecord(4, 0, 6, 0),
        status="in_progress",
    )
    store.begin_session(record)
    store.append(
        record.id,
        [Sample(t=float(i), phase="inhale" if i % 10 < 4 else "exhale") for i in range(samples)],
        [
            SessionEvent(
                seq=0, kind="phase", observed=0.003, scheduled=0.0, breath=0, phase="inhale"
            )
        ],
        active_seconds=float(samples),
        breaths_done=samples // 10,
    )
    store.end_session(record.id, "completed", "", float(samples), samples // 10)
    return record.id


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (and the schema version), read without writing."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"
            )
        ]
        out = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
        out["user_version"] = conn.execute("PRAGMA user_version").fetchall()
        return out
    finally:
        conn.close()


def test_no_backup_without_changes(store: Store, wall: FakeWallClock) -> None:
    assert maybe_backup(store, wall) is None  # a fresh store holds nothing worth copying
    record_session(store, wall)
    assert maybe_backup(store, wall) is not None
    wall.advance(3 * DAY)
    assert maybe_backup(store, wall) is None  # days later, but nothing changed
    assert len(list_backups(backup_dir(store))) == 1


def test_at_most_one_backup_a_day(store: Store, wall: FakeWallClock) -> None:
    record_session(store, wall)
    first = maybe_backup(store, wall)
    assert first is not None and first.name == "coach-20260105T073000Z.db"
    wall.advance(timedelta(hours=23, minutes=59))
    record_session(store, wall)
    assert maybe_backup(store, wall) is None  # changed, but the newest is not a day old
    wall.advance(timedelta(minutes=1))
    second = maybe_backup(store, wall)
    assert second is not None and second.name == "coach-20260106T073000Z.db"
    assert [b.path for b in list_backups(backup_dir(store))] == [second, first]


def test_a_backup_holds_exactly_what_the_store_held(store: Store, wall: FakeWallClock) -> None:
    for _ in range(3):
        record_session(store, wall, samples=300)
    store.set_ratings_and_notes(store.session_ids()[0], rating_after=7, notes="easier today")
    before = dump(store.path)  # the live store, -wal included
    path = maybe_backup(store, wall)
    assert path is not None
    assert dump(path) == before
    # The live store now also remembers which version was backed up; nothing else moved.
    after = dump(store.path)
    assert ("backup_data_version", str(store.data_version())) in after["meta"]
    assert {k: v for k, v in after.items() if k != "meta"} == {
        k: v for k, v in before.items() if k != "meta"
    }


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_backups_are_private_single_files(store: Store, wall: FakeWallClock) -> None:
    record_session(store, wall)
    path = maybe_backup(store, wall)
    assert path is not None
    folder = store.path.parent / BACKUP_DIR_NAME
    assert path.parent == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # Self-contained: no -wal/-shm/-journal beside it, no temporary left over.
    assert sorted(p.name for p in folder.iterdir()) == [path.name]
    with path.open("rb") as handle:
        assert handle.read(20)[18:20] == b"\x01\x01"  # rollback journal, not WAL


def expected_after_200_days() -> set[str]:
    """Worked out by hand for 2026-01-05 .. 2026-07-23 (a Thursday), one backup a day."""
    days = [date(2026, 7, d) for d in range(17, 24)]  # the last 7 days
    weeks = [date(2026, 7, 12), date(2026, 7, 5)]  # Sundays ending the 2 weeks before those
    months = [date(2026, 6, 30), date(2026, 5, 31), date(2026, 4, 30), date(2026, 3, 31)]
    months.append(date(2026, 2, 28))  # July is already the newest of the days
    return {f"coach-{d:%Y%m%d}T073000Z.db" for d in days + weeks + months}


def test_rotation_over_200_days_of_daily_changes(store: Store, wall: FakeWallClock) -> None:
    session = record_session(store, wall)
    folder = backup_dir(store)
    folder.mkdir(mode=0o700, exist_ok=True)
    strangers = ["notes.txt", "coach-manual.db", "coach-20250101T000000Z.db.bak"]
    for name in strangers:
        (folder / name).write_text("mine, not the coach's")
    for day in range(200):
        if day:
            wall.advance(DAY)
        store.set_ratings_and_notes(session, notes=f"day {day}")  # a change every day
        taken = maybe_backup(store, wall)
        assert taken is not None, f"no backup on day {day}"
        kept = list_backups(folder)
        assert kept[0].path == taken
        assert len(kept) <= 7 + 4 + 6
        # Every day of the last week is there, however young the history.
        assert len([b for b in kept if wall.utc_now() - b.taken_at < 7 * DAY]) == min(day + 1, 7)
    assert wall.utc_now() == datetime(2026, 7, 23, 7, 30, tzinfo=UTC)
    assert {b.path.name for b in list_backups(folder)} == expected_after_200_days()
    for name in strangers:
        assert (folder / name).read_text() == "mine, not the coach's"


def test_two_backups_in_one_second_get_distinct_names(store: Store, wall: FakeWallClock) -> None:
    record_session(store, wall)
    first = take_backup(store, wall)
    second = take_backup(store, wall)
    assert (first.name, second.name) == (
        "coach-20260105T073000Z.db",
        "coach-20260105T073000Z-2.db",
    )
    assert [b.path for b in list_backups(backup_dir(store))] == [second, first]


def test_a_copy_failing_its_check_is_not_kept(
    store: Store, wall: FakeWallClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_session(store, wall)
    monkeypatch.setattr(backup_module, "_check_problem", lambda conn: "page 3 is damaged")
    with pytest.raises(BackupError, match=r"failed its check \(page 3 is damaged\)"):
        maybe_backup(store, wall)
    assert list(backup_dir(store).iterdir()) == []  # the temporary copy is gone too
    assert store.meta("backup_data_version") is None  # so the next attempt tries again
    monkeypatch.undo()
    assert maybe_backup(store, wall) is not None


def test_restore_brings_back_old_sessions_and_can_be_undone(
    store: Store, wall: FakeWallClock
) -> None:
    old = [record_session(store, wall) for _ in range(2)]
    old_samples = store.samples(old[0])
    chosen = maybe_backup(store, wall)
    assert chosen is not None
    wall.advance(2 * DAY)
    new = record_session(store, wall)
    store.set_ratings_and_notes(old[0], notes="written after the backup")
    version_before = store.data_version()
    before = dump(store.path)

    wall.advance(timedelta(hours=1))
    safety = restore_backup(store, chosen, wall)

    assert sorted(store.session_ids()) == sorted(old)
    assert store.samples(old[0]) == old_samples and store.session(old[0]).notes == ""
    assert store.quick_check() and store.version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.data_version() > version_before  # new to anything that cached the old one
    assert chosen.exists() and safety.name == "coach-20260107T083000Z.db"
    # The safety backup holds the store exactly as it was before the restore.
    assert dump(safety) == before
    # The store goes on working, and the restore itself can be undone.
    record_session(store, wall)
    restore_backup(store, safety, wall)
    assert sorted(store.session_ids()) == sorted([*old, new])
    assert store.session(old[0]).notes == "written after the backup"


def test_restoring_a_backup_taken_mid_session_marks_it_interrupted(
    store: Store, wall: FakeWallClock
) -> None:
    record = SessionRecord(
        id=str(uuid.uuid4()),
        started_at=iso_utc(wall.utc_now()),
        kind="breathing",
        source="calm",
        pattern=PatternRecord(4, 0, 6, 0),
        status="in_progress",
    )
    store.begin_session(record)
    store.append(record.id, [Sample(t=0.0), Sample(t=1.0)], [], 1.0, 0)
    mid = take_backup(store, wall)
    store.end_session(record.id, "completed", "", 1.0, 0)
    restore_backup(store, mid, wall)
    assert store.session(record.id).status == "interrupted"


def corrupt(path: Path) -> None:
    """Scribble over b-tree pages, the same way every run (random bytes from os.urandom
    once let a run pass its check now and then, and the test with it)."""
    data = bytearray(path.read_bytes())
    page = 4096
    scribble = random.Random(20261207)
    for offset in range(2 * page, len(data) - page, 3 * page):
        data[offset + 8 : offset + 200] = scribble.randbytes(192)
    path.write_bytes(bytes(data))


def test_a_corrupted_backup_is_refused_and_the_store_is_unchanged(
    store: Store, wall: FakeWallClock
) -> None:
    for _ in range(20):
        record_session(store, wall, samples=300)
    chosen = maybe_backup(store, wall)
    assert chosen is not None
    corrupt(chosen)
    record_session(store, wall)
    before, version = dump(store.path), store.data_version()
    with pytest.raises(BackupError, match=r"is damaged .*Nothing was changed"):
        restore_backup(store, chosen, wall)
    assert dump(store.path) == before and store.data_version() == version
    assert [b.path for b in list_backups(backup_dir(store))] == [chosen]  # no safety copy


def test_a_backup_from_a_newer_coach_is_refused(store: Store, wall: FakeWallClock) -> None:
    record_session(store, wall)
    chosen = maybe_backup(store, wall)
    assert chosen is not None
    conn = sqlite3.connect(chosen)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = dump(store.path)
    with pytest.raises(BackupError, match="newer version of the coach"):
        restore_backup(store, chosen, wall)
    assert dump(store.path) == before
    assert len(list_backups(backup_dir(store))) == 1


def test_a_file_that_is_not_a_backup_is_refused(
    store: Store, wall: FakeWallClock, tmp_path: Path
) -> None:
    record_session(store, wall)
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list\n" * 100)
    with pytest.raises(BackupError, match="Nothing was changed"):
        restore_backup(store, notes, wall)
    with pytest.raises(BackupError, match="the session store itself"):
        restore_backup(store, store.path.parent / DB_NAME, wall)
    assert len(store.session_ids()) == 1


def test_a_backup_folder_that_cannot_be_made_is_reported_plainly(
    store: Store, wall: FakeWallClock
) -> None:
    record_session(store, wall)
    # A file where the folder should be (works as root too, unlike a read-only folder).
    backup_dir(store).write_text("not a folder")
    with pytest.raises(BackupError, match=r"No backup could be made.*store itself is fine"):
        maybe_backup(store, wall)
    assert store.meta("backup_data_version") is None and store.quick_check()
    assert backup_dir(store).read_text() == "not a folder"
