"""Opening the store: a damaged file is moved aside (never deleted), a fresh one started.

A file that is not a database, or fails `PRAGMA quick_check`, is renamed with a timestamp
and the person is told where it went; a store written by a newer coach is refused and
left untouched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from coach.core.clock import WallClock
from coach.core.paths import ensure_private_dir
from coach.core.store.errors import StoreError, explain
from coach.core.store.store import BUSY_TIMEOUT_MS, DB_NAME, Store

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class OpenResult:
    store: Store
    notices: list[str]


def open_store(folder: Path, wall: WallClock, recover: bool = True) -> OpenResult:
    """Open (or create) the store in `folder`, checking and repairing what can be repaired.

    Raises StoreNewerError (file left untouched) or StoreError when no store can be had.
    `recover=False` leaves sessions marked in progress alone: the command line uses it,
    since a window may be recording one of them right now.
    """
    notices: list[str] = []
    ensure_private_dir(folder)
    path = folder / DB_NAME
    if path.exists():
        problem = _health_problem(path)
        if problem is not None:
            try:
                moved = move_aside(path, wall, "damaged")
            except OSError as error:
                raise StoreError(
                    f"The session store {path} could not be read ({problem}), and it could "
                    f"not be moved aside either ({error.strerror or error}). It was left as it "
                    "is; sessions are kept in memory until you export them."
                ) from error
            notices.append(
                f"The session store could not be read ({problem}). It was moved aside, "
                f"untouched, to {moved}, and a fresh store was started."
            )
    try:
        store = Store(path, wall, recover)
    except sqlite3.Error as error:
        raise explain(error, path) from error
    notices.extend(store.startup_notices)
    return OpenResult(store, notices)


def _health_problem(path: Path) -> str | None:
    """Why the file at `path` is not a usable store, or None when it is fine.

    Checked through a read-only connection: a healthy file is not touched at all.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return None  # unreadable is not damaged: opening it will say why in plain words
    if not head:
        return None  # an empty file is a store that was never written: SQLite will use it
    if head != SQLITE_MAGIC:
        return "it is not an SQLite database"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
            return f"it is damaged: {error}"
        # Busy, locked, read-only or unopenable is not damage: opening reports it.
        return None
    if rows != [("ok",)]:
        first = rows[0][0] if rows else "no answer"
        return f"it failed its integrity check: {first}"
    return None


def move_aside(path: Path, wall: WallClock, label: str) -> Path:
    """Rename a store (and its -wal/-shm) out of the way. Never deletes anything."""
    stamp = wall.utc_now().strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    path.rename(target)
    return target
