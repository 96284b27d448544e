"""Rows to records and back: how sessions, samples, events and presets sit in the tables.

Offsets are integer milliseconds and phases and sides small integer codes, so ten years of
daily sessions sampled at 1 Hz stay well under 100 MB. Used by the store's transactions;
each function works on the connection it is given.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import msgspec

from coach.core.store.errors import StoreError
from coach.core.store.records import (
    PHASE_CODES,
    SIDE_CODES,
    Sample,
    SessionEvent,
    SessionRecord,
    UserPreset,
)

SESSION_COLUMNS = (
    "id, started_at, ended_at, kind, source, inhale, hold_in, exhale, hold_out, "
    "planned_breaths, lead_in, status, end_reason, active_ms, breaths_done, rating_before, "
    "rating_after, notes"
)


SESSION_COLUMNS = (
    "id, started_at, ended_at, kind, source, inhale, hold_in, exhale, hold_out, "
    "planned_breaths, lead_in, status, end_reason, active_ms, breaths_done, rating_before, "
    "rating_after, notes"
)


def fits(value: object, kind: object) -> bool:
    try:
        msgspec.convert(value, kind)
    except msgspec.ValidationError:
        return False
    return True


def session_from_row(r: tuple[object, ...]) -> SessionRecord:
    """The stored row as a record. StoreError naming the session when a value is out of
    the record's bounds (written by hand, or by an older version that checked less)."""
    try:
        return convert_session(r)
    except msgspec.ValidationError as error:
        raise StoreError(f"The stored session {r[0]} has a value out of bounds: {error}") from None


def convert_session(r: tuple[object, ...]) -> SessionRecord:
    return msgspec.convert(
        {
            "id": r[0],
            "started_at": r[1],
            "ended_at": r[2],
            "kind": r[3],
            "source": r[4],
            "pattern": {"inhale": r[5], "hold_in": r[6], "exhale": r[7], "hold_out": r[8]},
            "planned_breaths": r[9],
            "lead_in": r[10],
            "status": r[11],
            "end_reason": r[12],
            "active_seconds": as_int(r[13]) / 1000,
            "breaths_done": r[14],
            "rating_before": r[15],
            "rating_after": r[16],
            "notes": r[17],
        },
        SessionRecord,
    )


def as_int(value: object) -> int:
    assert isinstance(value, int)
    return value


def to_ms(seconds: float) -> int:
    return round(seconds * 1000)


def rowid_of(conn: sqlite3.Connection, session_id: str) -> int:
    row = conn.execute("SELECT rowid FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        # Gone from under a running session (a restore, say): the recorder keeps it in
        # memory and says so, like any other failed write.
        raise StoreError(
            "The session being recorded is no longer in the store (it was replaced by a "
            "restore). It is kept in memory: export it to keep it."
        )
    return int(row[0])


def insert_session(conn: sqlite3.Connection, r: SessionRecord) -> int:
    cursor = conn.execute(
        "INSERT INTO sessions (id, started_at, ended_at, kind, source, inhale, hold_in, exhale, "
        "hold_out, planned_breaths, lead_in, status, end_reason, active_ms, breaths_done, "
        "rating_before, rating_after, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?)",
        (
            r.id,
            r.started_at,
            r.ended_at,
            r.kind,
            r.source,
            r.pattern.inhale,
            r.pattern.hold_in,
            r.pattern.exhale,
            r.pattern.hold_out,
            r.planned_breaths,
            r.lead_in,
            r.status,
            r.end_reason,
            to_ms(r.active_seconds),
            r.breaths_done,
            r.rating_before,
            r.rating_after,
            r.notes,
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_samples(conn: sqlite3.Connection, rowid: int, samples: Iterable[Sample]) -> None:
    conn.executemany(
        # A repeated offset (two readings in one millisecond) keeps the later reading.
        "INSERT OR REPLACE INTO samples (session, t_ms, phase, intensity, step, side) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                rowid,
                to_ms(s.t),
                None if s.phase is None else PHASE_CODES[s.phase],
                s.intensity,
                s.step,
                None if s.side is None else SIDE_CODES[s.side],
            )
            for s in samples
        ],
    )


def insert_events(conn: sqlite3.Connection, rowid: int, events: Iterable[SessionEvent]) -> None:
    conn.executemany(
        "INSERT INTO events (session, seq, kind, observed_ms, scheduled_ms, breath, phase, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                rowid,
                e.seq,
                e.kind,
                to_ms(e.observed),
                None if e.scheduled is None else to_ms(e.scheduled),
                e.breath,
                None if e.phase is None else PHASE_CODES[e.phase],
                e.detail,
            )
            for e in events
        ],
    )


def insert_preset(conn: sqlite3.Connection, p: UserPreset, rename_on_clash: bool = False) -> None:
    name = p.name
    if rename_on_clash:
        from coach.core.breath.presets import PRESETS

        builtin = {preset.name.casefold() for preset in PRESETS}  # "Calm" is taken too
        n = 1
        while (
            name.casefold() in builtin
            or conn.execute("SELECT 1 FROM presets WHERE name = ?", (name,)).fetchone()
        ):
            n += 1
            name = f"{p.name[:34]} ({n})"
    conn.execute(
        "INSERT INTO presets (id, name, inhale, hold_in, exhale, hold_out, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            p.id,
            name,
            p.pattern.inhale,
            p.pattern.hold_in,
            p.pattern.exhale,
            p.pattern.hold_out,
            p.created_at,
        ),
    )


def bump_data_version(conn: sqlite3.Connection) -> None:
    """A counter that moves on every change: backups are only taken when it moved."""
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('data_version', '1') ON CONFLICT (key) "
        "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )
