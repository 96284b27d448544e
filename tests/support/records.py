"""Session records for tests: a valid one, with any field changed."""

from __future__ import annotations

import uuid

from coach.core.clock import FakeWallClock, iso_utc
from coach.core.store.records import PatternRecord, SessionRecord


def new_record(wall: FakeWallClock, **changes: object) -> SessionRecord:
    values: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "started_at": iso_utc(wall.utc_now()),
        "kind": "breathing",
        "source": "calm",
        "pattern": PatternRecord(4, 0, 6, 0),
        "status": "in_progress",
        "planned_breaths": 30,
        "lead_in": 5.0,
    }
    values.update(changes)
    return SessionRecord(**values)  # type: ignore[arg-type]
