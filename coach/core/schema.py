"""The store's schema, one migration per version. Released versions never change.

Migration n brings a store from version n-1 to n and runs in one transaction (see
`Store.migrate`). Every released version has a fixture file in tests/fixtures that must
open without loss.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 1

_SCHEMA_V1 = """
CREATE TABLE sessions (
    rowid           INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,          -- UUID, stable across export/import
    started_at      TEXT NOT NULL,                 -- UTC ISO-8601
    ended_at        TEXT,
    kind            TEXT NOT NULL CHECK (kind IN ('breathing', 'routine')),
    source          TEXT NOT NULL,                 -- preset or routine id
    inhale          REAL NOT NULL,                 -- the exact pattern used, in seconds
    hold_in         REAL NOT NULL,
    exhale          REAL NOT NULL,
    hold_out        REAL NOT NULL,
    planned_breaths INTEGER,                       -- NULL: open-ended
    lead_in         REAL NOT NULL DEFAULT 0,
    status          TEXT NOT NULL
                    CHECK (status IN ('in_progress', 'completed', 'stopped', 'interrupted')),
    end_reason      TEXT NOT NULL DEFAULT '',
    active_ms       INTEGER NOT NULL DEFAULT 0,
    breaths_done    INTEGER NOT NULL DEFAULT 0,
    rating_before   INTEGER CHECK (rating_before BETWEEN 0 AND 10),
    rating_after    INTEGER CHECK (rating_after BETWEEN 0 AND 10),
    notes           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_by_start ON sessions (started_at);
CREATE INDEX sessions_by_status ON sessions (status);

-- Codes: phase 0 inhale, 1 hold_in, 2 exhale, 3 hold_out; side 0 none, 1 left, 2 right, 3 both.
CREATE TABLE samples (
    session   INTEGER NOT NULL REFERENCES sessions (rowid) ON DELETE CASCADE,
    t_ms      INTEGER NOT NULL CHECK (t_ms >= 0),
    phase     INTEGER CHECK (phase BETWEEN 0 AND 3),
    intensity INTEGER CHECK (intensity BETWEEN 0 AND 10),
    step      INTEGER CHECK (step >= 0),
    side      INTEGER CHECK (side BETWEEN 0 AND 3),
    PRIMARY KEY (session, t_ms)
) WITHOUT ROWID;

CREATE TABLE events (
    session      INTEGER NOT NULL REFERENCES sessions (rowid) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    observed_ms  INTEGER NOT NULL,
    scheduled_ms INTEGER,
    breath       INTEGER,
    phase        INTEGER CHECK (phase BETWEEN 0 AND 3),
    detail       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session, seq)
) WITHOUT ROWID;

CREATE TABLE presets (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    inhale     REAL NOT NULL,
    hold_in    REAL NOT NULL,
    exhale     REAL NOT NULL,
    hold_out   REAL NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

#: Migration n brings a store from version n-1 to n; each runs in one transaction.
MIGRATIONS: dict[int, str] = {1: _SCHEMA_V1}


def statements(script: str) -> list[str]:
    """Split a schema script into statements (executescript would commit our transaction)."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        stripped = line.split("--", 1)[0]
        buffer += stripped
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                out.append(buffer.strip())
            buffer = ""
    return out
