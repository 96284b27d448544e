"""The session store: one SQLite file, crash-safe, owner-only, never silently lost.

Durability choices, in one place:
- WAL with synchronous=FULL: a committed transaction survives a power cut, not just a crash.
- Every write is an explicit `BEGIN IMMEDIATE` transaction, so a writer waits for the
  lock up front (busy_timeout) instead of failing halfway through.
- Offsets are stored as integer milliseconds and codes as small integers: ten years of
  daily sessions sampled at 1 Hz stay well under 100 MB.
- A database newer than this code is never altered (`opening` moves damaged files aside).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from coach.core.clock import WallClock, iso_utc
from coach.core.store.errors import StoreNewerError, StoreReadOnlyError, explain
from coach.core.store.records import (
    NOTES_MAX_CHARS,
    PHASE_NAMES,
    SIDE_NAMES,
    PatternRecord,
    Rating,
    Sample,
    SessionEvent,
    SessionRecord,
    Text,
    UserPreset,
)
from coach.core.store.rows import (
    SESSION_COLUMNS,
    bump_data_version,
    fits,
    insert_events,
    insert_preset,
    insert_samples,
    insert_session,
    rowid_of,
    session_from_row,
    to_ms,
)
from coach.core.store.schema import MIGRATIONS, SCHEMA_VERSION, refresh_summaries, statements

DB_NAME = "coach.db"
BUSY_TIMEOUT_MS = 2000


def _create_private_file(path: Path) -> None:
    """Create the db file 0600 before SQLite does: its -wal/-shm copy these permissions."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def make_private(path: Path) -> None:
    if os.name != "posix":
        return
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if candidate.exists() and candidate.stat().st_mode & 0o077:
                candidate.chmod(0o600)
        except OSError:
            pass  # not ours to change (read-only folder): reported elsewhere if it matters


# -- the store ------------------------------------------------------------------------------
class Store:
    """All reads and writes of the session store. One connection, used from one thread."""

    def __init__(self, path: Path, wall: WallClock, recover: bool = True) -> None:
        self.path = path
        self.wall = wall
        self.read_only = False
        self.startup_notices: list[str] = []
        try:
            _create_private_file(path)
            self.conn = self._connect(read_only=False)
            try:
                self.migrate()
            except BaseException:
                self.conn.close()
                raise
        except sqlite3.Error as error:
            failure = explain(error, path)
            if not isinstance(failure, StoreReadOnlyError) or not path.exists():
                raise failure from error
            # A read-only folder: history can still be read, new sessions live in memory.
            try:
                self.conn = self._connect(read_only=True)
            except sqlite3.Error:
                raise failure from error
            self.read_only = True
            self.startup_notices.append(str(failure))
        except PermissionError as error:
            raise explain(sqlite3.OperationalError("readonly"), path) from error
        make_private(path)
        if recover and not self.read_only:
            recovered = self.recover_interrupted()
            if recovered:
                noun = "session was" if recovered == 1 else "sessions were"
                self.startup_notices.append(
                    f"{recovered} {noun} cut short when the coach last closed unexpectedly; "
                    "everything up to the last second was kept and marked as interrupted."
                )

    def _connect(self, read_only: bool) -> sqlite3.Connection:
        """A connection whose schema version this code can read; closed again on any failure
        (a connection left to the garbage collector is a ResourceWarning on Python 3.13)."""
        if read_only:
            # immutable=1: a read-only folder cannot hold the -shm file WAL readers need,
            # and nobody can be writing to a file in a folder nobody can write to.
            conn = sqlite3.connect(
                f"{self.path.as_uri()}?mode=ro&immutable=1",
                uri=True,
                isolation_level=None,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
        else:
            # isolation_level=None: no implicit transactions; we say BEGIN IMMEDIATE ourselves.
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            self._check_version(conn)
            if not read_only:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _check_version(self, conn: sqlite3.Connection | None = None) -> int:
        version = int((conn or self.conn).execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreNewerError(
                f"The session store {self.path} was written by a newer version of the coach "
                f"(store version {version}; this version knows up to {SCHEMA_VERSION}). "
                "It was left untouched. Please update the coach to open it."
            )
        return version

    def migrate(self) -> None:
        """Bring the schema up to this code's version, one transaction per step."""
        version = self._check_version()
        for target in range(version + 1, SCHEMA_VERSION + 1):
            migration = MIGRATIONS[target]
            with self.transaction() as conn:
                for statement in statements(migration.script):
                    conn.execute(statement)
                if migration.fill is not None:
                    migration.fill(conn)
                conn.execute(f"PRAGMA user_version={target}")

    @property
    def has_summaries(self) -> bool:
        """False only for an old store opened read-only (it could not be migrated)."""
        return self.version >= 2

    def close(self) -> None:
        self.conn.close()

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; errors explained."""
        if self.read_only:
            raise explain(
                sqlite3.OperationalError("attempt to write a readonly database"), self.path
            )
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise explain(error, self.path) from error

    def quick_check(self) -> bool:
        return self.conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]

    # -- recording ------------------------------------------------------------------------
    def begin_session(self, record: SessionRecord) -> None:
        with self.transaction() as conn:
            insert_session(conn, record)
            bump_data_version(conn)

    def append(
        self,
        session_id: str,
        samples: Iterable[Sample],
        events: Iterable[SessionEvent],
        active_seconds: float,
        breaths_done: int,
    ) -> None:
        """Add readings and events to a session and move its progress on: one transaction."""
        with self.transaction() as conn:
            rowid = rowid_of(conn, session_id)
            insert_samples(conn, rowid, samples)
            insert_events(conn, rowid, events)
            conn.execute(
                "UPDATE sessions SET active_ms = ?, breaths_done = ? WHERE rowid = ?",
                (to_ms(active_seconds), breaths_done, rowid),
            )
            bump_data_version(conn)

    def end_session(
        self, session_id: str, status: str, reason: str, active_seconds: float, breaths_done: int
    ) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE sessions SET status = ?, end_reason = ?, ended_at = ?, active_ms = ?, "
                "breaths_done = ? WHERE id = ?",
                (
                    status,
                    reason,
                    iso_utc(self.wall.utc_now()),
                    to_ms(active_seconds),
                    breaths_done,
                    session_id,
                ),
            )
            # The summary is taken once, with the ending: the recorder writes the last
            # readings before the ending, so nothing comes after it.
            row = conn.execute("SELECT rowid FROM sessions WHERE id = ?", (session_id,)).fetchone()
            if row is not None:
                refresh_summaries(conn, int(row[0]))
            bump_data_version(conn)

    def set_ratings_and_notes(
        self,
        session_id: str,
        rating_before: int | None = None,
        rating_after: int | None = None,
        notes: str | None = None,
    ) -> None:
        """Set what is given. ValueError for a rating outside 0-10 or notes longer than
        `NOTES_MAX_CHARS` (an export would refuse them); KeyError when no such session
        is stored (deleted, or the store was restored from a backup meanwhile)."""
        # The bounds a record declares (an export checks the same ones).
        for name, rating in (("rating_before", rating_before), ("rating_after", rating_after)):
            if rating is not None and not fits(rating, Rating):
                raise ValueError(f"{name} must be 0-10, got {rating}")
        if notes is not None and not fits(notes, Text):
            raise ValueError(f"notes are limited to {NOTES_MAX_CHARS:,} characters")
        with self.transaction() as conn:
            if not self.has_session(session_id):
                raise KeyError(session_id)
            if rating_before is not None:
                conn.execute(
                    "UPDATE sessions SET rating_before = ? WHERE id = ?",
                    (rating_before, session_id),
                )
            if rating_after is not None:
                conn.execute(
                    "UPDATE sessions SET rating_after = ? WHERE id = ?", (rating_after, session_id)
                )
            if notes is not None:
                conn.execute("UPDATE sessions SET notes = ? WHERE id = ?", (notes, session_id))
            bump_data_version(conn)

    def recover_interrupted(self) -> int:
        """Sessions still 'in progress' at start-up were cut short: mark them, keep them.

        The end time is the start plus the last thing recorded (a sample, an event or the
        progress counter), since the real moment of the crash is unknown.
        """
        with self.transaction() as conn:
            rows = conn.execute(
                "SELECT rowid, started_at, active_ms FROM sessions WHERE status = 'in_progress'"
            ).fetchall()
            for rowid, _started, active_ms in rows:
                last = conn.execute(
                    "SELECT max(m) FROM (SELECT max(t_ms) AS m FROM samples "
                    "WHERE session = :session UNION ALL SELECT max(observed_ms) FROM events "
                    "WHERE session = :session)",
                    {"session": rowid},
                ).fetchone()[0]
                reached = max(active_ms, last or 0)
                conn.execute(
                    "UPDATE sessions SET status = 'interrupted', active_ms = ?, "
                    "end_reason = 'the coach closed unexpectedly', "
                    "ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', started_at, "
                    "'+' || (? / 1000.0) || ' seconds') WHERE rowid = ?",
                    (reached, reached, rowid),
                )
                refresh_summaries(conn, rowid)
            if rows:
                bump_data_version(conn)
            return len(rows)

    def delete_sessions(self, ids: Sequence[str]) -> int:
        """Delete sessions with their samples, events and summaries: one transaction.

        Returns how many were there to delete (unknown ids are skipped).
        """
        if not ids:
            return 0
        with self.transaction() as conn:
            # json_each: any number of ids in one statement, no placeholder limit.
            cursor = conn.execute(
                "DELETE FROM sessions WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(list(ids)),),
            )
            deleted = cursor.rowcount
            if deleted:
                bump_data_version(conn)
        return deleted

    # -- presets ----------------------------------------------------------------------------
    def save_preset(self, preset: UserPreset) -> None:
        with self.transaction() as conn:
            insert_preset(conn, preset)
            bump_data_version(conn)

    def rename_preset(self, preset_id: str, name: str) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE presets SET name = ? WHERE id = ?", (name, preset_id))
            bump_data_version(conn)

    def update_preset(self, preset_id: str, pattern: PatternRecord) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE presets SET inhale = ?, hold_in = ?, exhale = ?, hold_out = ? WHERE id = ?",
                (pattern.inhale, pattern.hold_in, pattern.exhale, pattern.hold_out, preset_id),
            )
            bump_data_version(conn)

    def delete_preset(self, preset_id: str) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM presets WHERE id = ?", (preset_id,))
            bump_data_version(conn)

    def presets(self) -> list[UserPreset]:
        rows = self.conn.execute(
            "SELECT id, name, inhale, hold_in, exhale, hold_out, created_at FROM presets "
            "ORDER BY name COLLATE NOCASE"
        ).fetchall()
        return [
            UserPreset(
                id=r[0], name=r[1], pattern=PatternRecord(r[2], r[3], r[4], r[5]), created_at=r[6]
            )
            for r in rows
        ]

    # -- reading ----------------------------------------------------------------------------
    def session_ids(self, since: str | None = None) -> list[str]:
        if since is None:
            rows = self.conn.execute("SELECT id FROM sessions ORDER BY started_at, id")
        else:
            rows = self.conn.execute(
                "SELECT id FROM sessions WHERE started_at >= ? ORDER BY started_at, id", (since,)
            )
        return [r[0] for r in rows]

    def has_session(self, session_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return row is not None

    def session(self, session_id: str) -> SessionRecord:
        row = self.conn.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no session with id {session_id}")
        return session_from_row(row)

    def sessions(self, since: str | None = None) -> list[SessionRecord]:
        query = f"SELECT {SESSION_COLUMNS} FROM sessions"
        params: tuple[str, ...] = ()
        if since is not None:
            query += " WHERE started_at >= ?"
            params = (since,)
        rows = self.conn.execute(query + " ORDER BY started_at, id", params).fetchall()
        return [session_from_row(r) for r in rows]

    def samples(self, session_id: str) -> list[Sample]:
        rows = self.conn.execute(
            "SELECT t_ms, phase, intensity, step, side FROM samples "
            "WHERE session = (SELECT rowid FROM sessions WHERE id = ?) ORDER BY t_ms",
            (session_id,),
        )
        return [
            Sample(
                t=r[0] / 1000,
                phase=None if r[1] is None else PHASE_NAMES[r[1]],
                intensity=r[2],
                step=r[3],
                side=None if r[4] is None else SIDE_NAMES[r[4]],
            )
            for r in rows
        ]

    def events(self, session_id: str) -> list[SessionEvent]:
        rows = self.conn.execute(
            "SELECT seq, kind, observed_ms, scheduled_ms, breath, phase, detail FROM events "
            "WHERE session = (SELECT rowid FROM sessions WHERE id = ?) ORDER BY seq",
            (session_id,),
        )
        return [
            SessionEvent(
                seq=r[0],
                kind=r[1],
                observed=r[2] / 1000,
                scheduled=None if r[3] is None else r[3] / 1000,
                breath=r[4],
                phase=None if r[5] is None else PHASE_NAMES[r[5]],
                detail=r[6],
            )
            for r in rows
        ]

    def data_version(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
        return int(row[0]) if row else 0

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- bulk import ------------------------------------------------------------------------
    def import_all(
        self,
        sessions: Iterable[tuple[SessionRecord, list[Sample], list[SessionEvent]]],
        presets: Iterable[UserPreset],
    ) -> tuple[int, int]:
        """Add what is not here yet (by id), all in one transaction. Returns (sessions, presets)."""
        added_sessions = added_presets = 0
        with self.transaction() as conn:
            for record, samples, events in sessions:
                if conn.execute("SELECT 1 FROM sessions WHERE id = ?", (record.id,)).fetchone():
                    continue
                rowid = insert_session(conn, record)
                insert_samples(conn, rowid, samples)
                insert_events(conn, rowid, events)
                refresh_summaries(conn, rowid)
                added_sessions += 1
            for preset in presets:
                if conn.execute("SELECT 1 FROM presets WHERE id = ?", (preset.id,)).fetchone():
                    continue
                insert_preset(conn, preset, rename_on_clash=True)
                added_presets += 1
            if added_sessions or added_presets:
                bump_data_version(conn)
        return added_sessions, added_presets
