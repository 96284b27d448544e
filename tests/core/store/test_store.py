"""The SQLite store: schema, permissions, recording, recovery, damage and refusal."""

import os
import sqlite3
import stat
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coach.core.clock import FakeWallClock, iso_utc
from coach.core.store.errors import StoreError, StoreFullError, StoreLockedError, StoreNewerError
from coach.core.store.opening import open_store
from coach.core.store.records import PatternRecord, Sample, SessionEvent, UserPreset
from coach.core.store.schema import SCHEMA_VERSION
from coach.core.store.store import DB_NAME
from tests.support.other_user import CannotBecomeNobody, NobodyPython
from tests.support.records import new_record


@pytest.fixture
def wall() -> FakeWallClock:
    return FakeWallClock()


def test_a_new_store_is_private_and_current(tmp_path: Path, wall: FakeWallClock) -> None:
    folder = tmp_path / "data"
    result = open_store(folder, wall)
    assert result.notices == []
    store = result.store
    assert store.version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.begin_session(new_record(wall))
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"):
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name
    store.close()


def test_recording_round_trip(tmp_path: Path, wall: FakeWallClock) -> None:
    store = open_store(tmp_path, wall).store
    record = new_record(wall)
    store.begin_session(record)
    samples = [
        Sample(t=0.0, phase="inhale"),
        Sample(t=1.0, phase="inhale", intensity=4, step=2, side="left"),
    ]
    events = [
        SessionEvent(seq=0, kind="lead_in", observed=-5.0),
        SessionEvent(seq=1, kind="phase", observed=0.002, scheduled=0.0, breath=0, phase="inhale"),
    ]
    store.append(record.id, samples, events, active_seconds=1.2, breaths_done=0)
    wall.advance(__import__("datetime").timedelta(minutes=5))
    store.end_session(record.id, "completed", "", 300.0, 30)
    got = store.session(record.id)
    assert got.status == "completed" and got.breaths_done == 30
    assert got.active_seconds == 300.0 and got.ended_at == "2026-01-05T07:35:00.000Z"
    assert got.pattern == record.pattern and got.lead_in == 5.0
    assert store.samples(record.id) == samples
    assert store.events(record.id) == events
    store.close()


def test_leftover_in_progress_sessions_become_interrupted(
    tmp_path: Path, wall: FakeWallClock
) -> None:
    store = open_store(tmp_path, wall).store
    record = new_record(wall)
    store.begin_session(record)
    store.append(record.id, [Sample(t=float(i)) for i in range(12)], [], 11.4, 1)
    store.conn.close()  # as if the process died: no end_session
    again = open_store(tmp_path, wall)
    assert any("interrupted" in notice for notice in again.notices)
    got = again.store.session(record.id)
    assert got.status == "interrupted"
    assert got.end_reason == "the coach closed unexpectedly"
    assert got.active_seconds == 11.4
    assert got.ended_at == "2026-01-05T07:30:11.400Z"
    assert len(again.store.samples(record.id)) == 12
    again.store.close()


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path: Path, wall: FakeWallClock) -> None:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / DB_NAME).write_bytes(b"these are my notes, not a database\n" * 20)
    result = open_store(tmp_path, wall)
    (notice,) = result.notices
    moved = tmp_path / f"{DB_NAME}.damaged-20260105T073000Z"
    assert str(moved) in notice and "not an SQLite database" in notice
    assert moved.read_bytes().startswith(b"these are my notes")
    assert result.store.quick_check() and result.store.session_ids() == []
    result.store.close()


def test_a_corrupted_database_is_moved_aside(tmp_path: Path, wall: FakeWallClock) -> None:
    store = open_store(tmp_path, wall).store
    for _ in range(30):
        record = new_record(wall)
        store.begin_session(record)
        store.append(record.id, [Sample(t=float(i)) for i in range(300)], [], 300, 30)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    path = tmp_path / DB_NAME
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(3 * page, len(data) - page, 5 * page):  # scribble over b-tree pages
        data[offset + 8 : offset + 200] = os.urandom(192)
    path.write_bytes(bytes(data))
    result = open_store(tmp_path, wall)
    assert len(result.notices) == 1 and "moved aside" in result.notices[0]
    assert (tmp_path / f"{DB_NAME}.damaged-20260105T073000Z").exists()
    assert result.store.session_ids() == []
    result.store.close()


def test_a_newer_store_is_refused_and_left_untouched(tmp_path: Path, wall: FakeWallClock) -> None:
    open_store(tmp_path, wall).store.close()
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(
        StoreNewerError,
        match=rf"newer version of the coach \(store version {SCHEMA_VERSION + 3}; "
        rf"this version knows up to {SCHEMA_VERSION}\)",
    ):
        open_store(tmp_path, wall)
    assert path.read_bytes() == before


def test_disk_full_is_reported_plainly(tmp_path: Path, wall: FakeWallClock) -> None:
    store = open_store(tmp_path, wall).store
    record = new_record(wall)
    store.begin_session(record)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreFullError, match="full"):
        store.append(record.id, [Sample(t=float(i)) for i in range(5000)], [], 5000, 500)
    assert store.samples(record.id) == []  # the failed transaction left nothing behind
    store.close()


def test_a_locked_store_is_reported_plainly(tmp_path: Path, wall: FakeWallClock) -> None:
    store = open_store(tmp_path, wall).store
    record = new_record(wall)
    store.begin_session(record)
    other = sqlite3.connect(tmp_path / DB_NAME, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    store.conn.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(StoreLockedError, match="locked"):
        store.append(record.id, [Sample(t=0.0)], [], 0.0, 0)
    other.execute("ROLLBACK")
    other.close()
    store.append(record.id, [Sample(t=0.0)], [], 0.0, 0)
    store.close()


def test_import_all_skips_what_is_there_and_renames_clashing_presets(
    tmp_path: Path, wall: FakeWallClock
) -> None:
    store = open_store(tmp_path, wall).store
    record = new_record(wall, status="completed")
    preset = UserPreset(
        id=str(uuid.uuid4()),
        name="Evening",
        pattern=PatternRecord(4.5, 1, 7.5, 0),
        created_at=iso_utc(wall.utc_now()),
    )
    clash = UserPreset(
        id=str(uuid.uuid4()),
        name="evening",
        pattern=PatternRecord(4, 0, 6, 0),
        created_at=iso_utc(wall.utc_now()),
    )
    assert store.import_all([(record, [Sample(t=0.0)], [])], [preset]) == (1, 1)
    assert store.import_all([(record, [Sample(t=0.0)], [])], [preset, clash]) == (0, 1)
    assert [p.name for p in store.presets()] == ["Evening", "evening (2)"]
    store.close()


def test_data_version_moves_with_every_change(tmp_path: Path, wall: FakeWallClock) -> None:
    store = open_store(tmp_path, wall).store
    v0 = store.data_version()
    record = new_record(wall)
    store.begin_session(record)
    assert store.data_version() == v0 + 1
    store.set_ratings_and_notes(record.id, notes="tight on the left")
    assert store.data_version() == v0 + 2
    assert store.session(record.id).notes == "tight on the left"
    store.close()


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder outside pytest's private temp tree that `nobody` can look into."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="coach-ro-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


# What the probes below import, from the code under test and from elsewhere.
PROBE_IMPORTS = "import coach.core.clock, coach.core.store.opening"


@pytest.fixture(scope="module")
def nobody_python() -> Iterator[NobodyPython]:
    """Python, the coach and its imports, copied where user `nobody` can read them."""
    try:
        python = NobodyPython(PROBE_IMPORTS)
    except CannotBecomeNobody as why:
        pytest.skip(str(why))
    yield python
    python.remove()


@pytest.fixture
def as_nobody(nobody_python: NobodyPython, shared_dir: Path) -> Callable[[str], str]:
    """Run Python code as user `nobody` and return what it printed."""

    def run(code: str) -> str:
        result = nobody_python.run(code, cwd=shared_dir)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    return run


PROBE = """
from pathlib import Path
from coach.core.clock import SystemWallClock
from coach.core.store.opening import open_store
from coach.core.store.errors import StoreError
try:
    opened = open_store(Path({folder!r}), SystemWallClock())
except StoreError as error:
    print(type(error).__name__, '|', error)
else:
    print('opened', opened.store.read_only, len(opened.store.session_ids()), '|',
          ' '.join(opened.notices))
"""


def test_a_read_only_folder_is_reported_plainly(
    shared_dir: Path, as_nobody: Callable[[str], str]
) -> None:
    folder = shared_dir / "data"
    folder.mkdir(mode=0o555)
    out = as_nobody(PROBE.format(folder=str(folder)))
    assert out.startswith("StoreReadOnlyError | The data folder")
    assert "can't be written" in out


def test_history_stays_readable_in_a_read_only_folder(
    shared_dir: Path, wall: FakeWallClock, as_nobody: Callable[[str], str]
) -> None:
    folder = shared_dir / "data"
    store = open_store(folder, wall).store
    store.begin_session(new_record(wall))
    store.close()
    folder.chmod(0o755)
    (folder / DB_NAME).chmod(0o644)
    out = as_nobody(PROBE.format(folder=str(folder)))
    # Either history opens read-only with a notice, or the refusal says why in plain words.
    assert out.startswith(("opened True 1 | The data folder", "StoreReadOnlyError | The data"))


def test_ratings_and_notes_are_checked_before_they_are_stored(
    tmp_path: Path, wall: FakeWallClock
) -> None:
    store = open_store(tmp_path, wall).store
    record = new_record(wall)
    store.begin_session(record)
    with pytest.raises(ValueError, match="rating_after must be 0-10"):
        store.set_ratings_and_notes(record.id, rating_after=11)
    with pytest.raises(ValueError, match="10,000 characters"):
        store.set_ratings_and_notes(record.id, notes="x" * 10_001)
    with pytest.raises(KeyError):
        store.set_ratings_and_notes("00000000-0000-4000-8000-000000000000", notes="lost?")
    store.set_ratings_and_notes(record.id, rating_after=3, notes="x" * 10_000)
    assert store.session(record.id).rating_after == 3
    store.close()


def test_a_stored_value_out_of_bounds_is_a_store_error(tmp_path: Path, wall: FakeWallClock) -> None:
    """Written by hand or by an older version: named, not a validation traceback."""
    store = open_store(tmp_path, wall).store
    record = new_record(wall)
    store.begin_session(record)
    store.conn.execute("UPDATE sessions SET notes = ? WHERE id = ?", ("x" * 10_001, record.id))
    with pytest.raises(StoreError, match=f"{record.id} has a value out of bounds"):
        store.session(record.id)
    store.close()
