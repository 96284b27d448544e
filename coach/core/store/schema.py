"""The store's schema, one migration per version. Released versions never change.

Migration n brings a store from version n-1 to n and runs in one transaction (see
`Store.migrate`): its SQL script, then an optional fill step in Python (for derived data
that needs more than one statement). Every released version has a fixture file in
tests/fixtures that must open without loss.

Version 2 adds per-session summaries (average and peak reading, number of readings) and
`step_stats`, each session's readings summed per technique and side. They are derived
from samples and step events, computed with SQL aggregates for one session when it ends
(`refresh_summaries`), so the review screens never scan every sample of every session.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

SCHEMA_VERSION = 2

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

_SCHEMA_V2 = """
ALTER TABLE sessions ADD COLUMN avg_intensity REAL;      -- NULL: no reading was given
ALTER TABLE sessions ADD COLUMN peak_intensity INTEGER;
ALTER TABLE sessions ADD COLUMN readings INTEGER NOT NULL DEFAULT 0;

-- The history list filters by routine and sorts by start within it.
CREATE INDEX sessions_by_source ON sessions (source, started_at);

-- One session's readings per technique and side (side codes as in samples).
CREATE TABLE step_stats (
    session   INTEGER NOT NULL REFERENCES sessions (rowid) ON DELETE CASCADE,
    technique TEXT NOT NULL,
    side      INTEGER NOT NULL CHECK (side BETWEEN 0 AND 3),
    readings  INTEGER NOT NULL CHECK (readings > 0),
    total     INTEGER NOT NULL,                    -- sum of the readings
    peak      INTEGER NOT NULL,
    PRIMARY KEY (session, technique, side)
) WITHOUT ROWID;
"""

# -- derived data ---------------------------------------------------------------------------
# A sample knows its plan item (`step`) but not the technique: that is in the step events'
# detail, "<item>:<technique>/<step>/<side>" (breathing, switch and cool-down items have no
# slash and no technique). An item index names one plan item for the whole session (Back
# and Repeat show the same item again; a cool-down is appended with a new index), so the
# map item -> technique is fixed per session.
_ITEM_TECHNIQUES = """
items (session, item, rest) AS (
    SELECT session, CAST(substr(detail, 1, instr(detail, ':') - 1) AS INTEGER),
           substr(detail, instr(detail, ':') + 1)
    FROM events
    WHERE {events} AND kind GLOB 'step*' AND instr(detail, ':') > 1
),
techniques (session, item, technique) AS (
    SELECT session, item, min(substr(rest, 1, instr(rest, '/') - 1))
    FROM items WHERE instr(rest, '/') > 1 GROUP BY session, item
)"""

# Readings are first summed per plan item and side straight off the samples' primary key
# order, then the few rows per session are named by technique: about twice as fast as
# joining every sample to its technique (1.3 s instead of 2.8 s for the benchmark's ten
# years, and half a millisecond for one session).
_STEP_STATS_SELECT = """,
per_item (session, item, side, readings, total, peak) AS (
    SELECT session, step, coalesce(side, 0), count(*), sum(intensity), max(intensity)
    FROM samples
    WHERE {samples} AND intensity IS NOT NULL AND step IS NOT NULL
    GROUP BY session, step, coalesce(side, 0)
)
SELECT p.session, t.technique, p.side, sum(p.readings), sum(p.total), max(p.peak)
FROM per_item AS p JOIN techniques AS t ON t.session = p.session AND t.item = p.item
GROUP BY p.session, t.technique, p.side"""

_SESSION_SUMMARY = """
UPDATE sessions SET (avg_intensity, peak_intensity, readings) = (
    SELECT avg(intensity), max(intensity), count(intensity) FROM samples
    WHERE session = sessions.rowid
) WHERE {sessions}"""


def step_stats_query(one_session: bool = False) -> str:
    """A query of (session, technique, side, readings, total, peak) rows worked out from
    samples and step events: of every session, or of the one whose rowid is the named
    parameter `session` (bound from a dict: Python 3.12 deprecates binding numbered
    placeholders such as `?1`, used twice here, from a tuple).

    Also lets an old store opened read-only (never migrated) answer the same questions.
    """
    where = "session = :session" if one_session else "1"
    return (
        "WITH " + _ITEM_TECHNIQUES.format(events=where) + _STEP_STATS_SELECT.format(samples=where)
    )


def refresh_summaries(conn: sqlite3.Connection, rowid: int | None = None) -> None:
    """Recompute the summaries of one session (by rowid), or of all when None.

    Runs inside the caller's transaction: a session's summary is never half updated.
    """
    if rowid is None:
        conn.execute("DELETE FROM step_stats")
        conn.execute("INSERT INTO step_stats " + step_stats_query())
        conn.execute(_SESSION_SUMMARY.format(sessions="1"))
        return
    conn.execute("DELETE FROM step_stats WHERE session = ?", (rowid,))
    conn.execute("INSERT INTO step_stats " + step_stats_query(one_session=True), {"session": rowid})
    conn.execute(_SESSION_SUMMARY.format(sessions="rowid = ?"), (rowid,))


def _fill_v2(conn: sqlite3.Connection) -> None:
    # Every existing session gets its summary, as if it had just ended. Should a later
    # version change what a summary is, this step must keep writing version 2's shape
    # (later migrations then bring it forward), so give it its own copy of the SQL then.
    refresh_summaries(conn)


@dataclass(frozen=True, slots=True)
class Migration:
    script: str
    """SQL statements, run in order."""
    fill: Callable[[sqlite3.Connection], None] | None = None
    """Run after the script, in the same transaction."""


#: Migration n brings a store from version n-1 to n; each runs in one transaction.
MIGRATIONS: dict[int, Migration] = {
    1: Migration(_SCHEMA_V1),
    2: Migration(_SCHEMA_V2, _fill_v2),
}


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
