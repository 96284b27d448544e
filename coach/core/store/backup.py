"""Backups of the session store: taken at most daily, only after changes, rotated.

Durability choices, in one place:
- Copies are made with SQLite's online backup (`Connection.backup`), never a file copy: a
  file copy of a WAL database can miss committed pages still in the -wal file, or catch a
  page half-written.
- A copy is written under a temporary name, checked with `PRAGMA quick_check`, and only
  then renamed into place, so a backup file that exists is a whole, healthy database.
- Copies are switched to a rollback journal: a backup is one self-contained file that
  can be moved or mailed without its -wal/-shm companions.
- A restore first checks the chosen copy, then backs up the current store (whatever the
  daily rule says), so every restore can be undone.
- Rotation deletes only files whose names match our own pattern; anything else a person
  puts in the folder is left alone.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from coach.core.clock import WallClock
from coach.core.paths import ensure_private_dir
from coach.core.store.errors import StoreError, explain
from coach.core.store.schema import SCHEMA_VERSION
from coach.core.store.store import Store, make_private

BACKUP_DIR_NAME = "backups"
#: Store meta key holding the data version the newest backup was taken at.
BACKUP_VERSION_KEY = "backup_data_version"
MIN_INTERVAL = timedelta(hours=24)
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 6

_STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
# coach-20261125T051200Z.db, or coach-20261125T051200Z-2.db for a second one that second.
_NAME = re.compile(r"^coach-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>[2-9]|[1-9]\d+))?\.db$")
_PARTIAL_SUFFIX = ".partial"


class BackupError(StoreError):
    """A backup could not be taken or restored, worded for the person using the app."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    """UTC, from the file's name (the wall clock when it was taken), not its mtime."""
    size: int
    """Bytes."""


def backup_dir(store: Store) -> Path:
    """DATA_DIR/backups, next to the store file."""
    return store.path.parent / BACKUP_DIR_NAME


# -- listing --------------------------------------------------------------------------------
def _parse_name(name: str) -> tuple[datetime, int] | None:
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], _STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None  # digits in the right places but not a date (month 13): not ours
    return taken, int(match["n"] or 1)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Our backups in `folder`, newest first; other files are ignored."""
    found: list[tuple[datetime, int, BackupInfo]] = []
    try:
        entries = list(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []  # no backups yet (or something else in the way: take_backup says so)
    for path in entries:
        parsed = _parse_name(path.name)
        if parsed is None or not path.is_file():
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue  # vanished while we looked
        found.append((parsed[0], parsed[1], BackupInfo(path, parsed[0], size)))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [info for _, _, info in found]


# -- taking ---------------------------------------------------------------------------------
def maybe_backup(store: Store, wall: WallClock) -> Path | None:
    """Back the store up when its data changed since the last backup and the newest
    backup is at least a day old. Returns the new backup, or None when none was due.

    Raises StoreError (BackupError when the copy failed its check); nothing is left
    half-written either way.
    """
    if store.read_only:
        return None  # the folder can't be written: nowhere to put a backup
    version = store.data_version()
    # A store that never recorded anything has version 0: nothing worth a backup.
    if (store.meta(BACKUP_VERSION_KEY) or "0") == str(version):
        return None
    newest = list_backups(backup_dir(store))
    if newest:
        age = wall.utc_now() - newest[0].taken_at
        # A backup stamped in the future (the clock was wrong then) does not block today's.
        if timedelta(0) <= age < MIN_INTERVAL:
            return None
    path = take_backup(store, wall)
    # Recorded only once the copy is in place: a failed backup is retried next time.
    store.set_meta(BACKUP_VERSION_KEY, str(version))
    rotate(backup_dir(store), wall.utc_now())
    return path


def take_backup(store: Store, wall: WallClock) -> Path:
    """Copy the store into a new, checked backup file now, whatever the daily rule says."""
    folder = backup_dir(store)
    try:
        ensure_private_dir(folder)
    except OSError as error:
        raise BackupError(
            f"No backup could be made: the folder {folder} can't be created or written "
            f"({error.strerror}). The session store itself is fine."
        ) from error
    target = _free_name(folder, wall.utc_now())
    partial = target.with_name(target.name + _PARTIAL_SUFFIX)
    try:
        # Created 0600 before SQLite opens it, so the copy is never readable by others.
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            store.conn.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
            problem = _check_problem(copy)
        finally:
            copy.close()
        if problem is not None:
            raise BackupError(
                f"A backup of the session store could not be made: the copy failed its "
                f"check ({problem}). The store itself was not changed."
            )
        os.replace(partial, target)
        target.chmod(0o600)
        _sync_dir(folder)
    except sqlite3.Error as error:
        _remove_partial(partial)
        raise explain(error, partial) from error
    except OSError as error:
        _remove_partial(partial)
        raise BackupError(
            f"No backup could be made in {folder} ({error.strerror}). "
            "The session store itself is fine."
        ) from error
    except BaseException:
        _remove_partial(partial)
        raise
    return target


def _free_name(folder: Path, moment: datetime) -> Path:
    stamp = moment.astimezone(UTC).strftime(_STAMP_FORMAT)
    target = folder / f"coach-{stamp}.db"
    n = 1
    while target.exists() or target.with_name(target.name + _PARTIAL_SUFFIX).exists():
        n += 1
        target = folder / f"coach-{stamp}-{n}.db"
    return target


def _remove_partial(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def _sync_dir(folder: Path) -> None:
    """Make the rename itself durable: without it a power cut may forget the new name."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_problem(conn: sqlite3.Connection) -> str | None:
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows == [("ok",)]:
        return None
    return str(rows[0][0]) if rows else "no answer"


# -- rotating -------------------------------------------------------------------------------
def backups_to_keep(backups: Sequence[BackupInfo], now: datetime) -> set[Path]:
    """The newest backup of each of the last 7 days, 4 ISO weeks and 6 months (UTC
    calendar), plus the newest overall. One backup may stand for several periods."""
    today = now.astimezone(UTC).date()
    days = {today - timedelta(days=i) for i in range(KEEP_DAYS)}
    weeks = {_iso_week(today - timedelta(weeks=i)) for i in range(KEEP_WEEKS)}
    months: set[tuple[int, int]] = set()
    year, month = today.year, today.month
    for _ in range(KEEP_MONTHS):
        months.add((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)

    keep: set[Path] = set()
    filled: set[tuple[str, object]] = set()
    for info in sorted(backups, key=lambda b: b.taken_at, reverse=True):
        day = info.taken_at.astimezone(UTC).date()
        periods: list[tuple[str, object]] = []
        if day in days:
            periods.append(("day", day))
        if _iso_week(day) in weeks:
            periods.append(("week", _iso_week(day)))
        if (day.year, day.month) in months:
            periods.append(("month", (day.year, day.month)))
        for period in periods:
            if period not in filled:
                filled.add(period)
                keep.add(info.path)
    if backups:
        # Never rotate away the last copy there is, however old (a long break from the app).
        keep.add(max(backups, key=lambda b: b.taken_at).path)
    return keep


def _iso_week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def rotate(folder: Path, now: datetime, protect: Iterable[Path] = ()) -> list[Path]:
    """Delete our backups that `backups_to_keep` does not keep. Returns what was deleted."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now)
    protected = {Path(p).resolve() for p in protect}
    deleted: list[Path] = []
    for info in backups:
        if info.path not in keep and info.path.resolve() not in protected:
            info.path.unlink(missing_ok=True)
            deleted.append(info.path)
    # Leftovers of a backup cut short by a crash: ours by name, never a finished backup.
    for path in folder.glob("coach-*.db" + _PARTIAL_SUFFIX + "*"):
        base = path.name.split(_PARTIAL_SUFFIX, 1)[0]
        if _parse_name(base) is not None and path.is_file():
            path.unlink(missing_ok=True)
    return deleted


# -- restoring ------------------------------------------------------------------------------
def check_backup(path: Path) -> int:
    """Check a backup file before it is used; returns its schema version.

    Raises BackupError, in words, when it is damaged, not a coach store, or newer than
    this code.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problem = _check_problem(conn)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            has_sessions = conn.execute(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sessions'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        problem = str(error)
        version, has_sessions = 0, None
    if problem is not None:
        raise BackupError(
            f"The backup {path} is damaged ({problem}), so it was not restored. "
            "Nothing was changed."
        )
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"The backup {path} was written by a newer version of the coach (store version "
            f"{version}; this version knows up to {SCHEMA_VERSION}), so it was not restored. "
            "Nothing was changed."
        )
    if version < 1 or has_sessions is None:
        raise BackupError(f"The file {path} is not a coach backup. Nothing was changed.")
    return version


def restore_backup(store: Store, backup_path: Path, wall: WallClock) -> Path:
    """Replace the store's contents with a backup, in place, while the store stays open.

    The current contents are backed up first; returns that safety backup, which undoes
    the restore when restored in turn. Raises BackupError (nothing changed) when the
    backup is damaged, foreign or newer than this code.
    """
    if store.read_only:
        raise BackupError(
            f"The data folder {store.path.parent} can't be written to, so no backup can be "
            "restored into it."
        )
    if backup_path.resolve() == store.path.resolve():
        raise BackupError("That file is the session store itself, not a backup of it.")
    version = check_backup(backup_path)
    before = store.data_version()
    safety = take_backup(store, wall)
    try:
        source = sqlite3.connect(f"{backup_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            # Into the live connection: one write transaction, so a crash midway leaves
            # the old contents whole; the store keeps its WAL mode and its file.
            source.backup(store.conn)
        finally:
            source.close()
    except sqlite3.Error as error:
        raise explain(error, store.path) from error
    if not store.quick_check():
        raise BackupError(
            f"The restored store failed its check. The data from before the restore is "
            f"in {safety}; restore that backup to go back."
        )
    if version < SCHEMA_VERSION:
        store.migrate()  # an older backup is brought up to date like an older store
    # Sessions running when the backup was taken are not running now.
    store.recover_interrupted()
    with store.transaction() as conn:
        # A data version never seen before: views keyed on it refresh, and the next
        # maybe_backup sees a change (the restored contents are the only copy once the
        # chosen backup rotates away).
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('data_version', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(max(before, store.data_version()) + 1),),
        )
    make_private(store.path)
    # The backup just restored from stays, whatever its age: the person may want it again.
    rotate(backup_dir(store), wall.utc_now(), protect=[backup_path])
    return safety
