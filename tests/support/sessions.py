"""A store with a bit of everything (every field of every record used somewhere), and two
ways to compare stores: by their records, and by every byte of SQL."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from coach.core.clock import FakeWallClock, iso_utc
from coach.core.store.records import PatternRecord, Sample, SessionEvent, UserPreset
from coach.core.store.store import Store
from tests.support.records import new_record

NOTES = 'Tight on the left, "better" after — ça va 🙂 左側\nsecond line'


def fill(store: Store, wall: FakeWallClock) -> None:
    # 1. A completed session, recorded the way the window records one.
    first = new_record(wall, lead_in=10.0)
    store.begin_session(first)
    samples = [
        Sample(
            t=float(i),
            phase=("inhale", "hold_in", "exhale", "hold_out")[i % 4],
            intensity=i % 11,
            step=i // 20,
            side=("left", "right", "both", "none")[i % 4],
        )
        for i in range(120)
    ] + [Sample(t=120.5), Sample(t=121.25, intensity=0)]
    events = [
        SessionEvent(seq=0, kind="lead_in", observed=-10.0),
        SessionEvent(seq=1, kind="pause", observed=-4.321, detail="phone rang"),
        SessionEvent(seq=2, kind="resume", observed=-2.5),
        SessionEvent(seq=3, kind="breathing", observed=0.0),
        SessionEvent(seq=4, kind="phase", observed=0.003, scheduled=0.0, breath=0, phase="inhale"),
        SessionEvent(seq=5, kind="phase", observed=4.017, scheduled=4.0, breath=0, phase="exhale"),
        SessionEvent(seq=6, kind="finish", observed=121.301, scheduled=121.3),
    ]
    store.append(first.id, samples, events, active_seconds=121.301, breaths_done=12)
    wall.advance(timedelta(minutes=3))
    store.end_session(first.id, "completed", "", 121.301, 12)
    store.set_ratings_and_notes(first.id, rating_before=7, rating_after=0, notes=NOTES)
    # 2. Stopped early, another day, a routine, open-ended.
    wall.advance(timedelta(days=2))
    second = new_record(
        wall, kind="routine", source="psoas-release", planned_breaths=None, lead_in=0.0
    )
    store.begin_session(second)
    store.append(
        second.id,
        [Sample(t=0.0, phase="inhale", step=0, side="right"), Sample(t=1.0, intensity=10)],
        [SessionEvent(seq=0, kind="stop", observed=1.5, detail="too much")],
        1.5,
        0,
    )
    store.end_session(second.id, "stopped", "stopped by you", 1.5, 0)
    # 3. Cut short by a crash (recovered as interrupted) and 4. nothing recorded at all.
    wall.advance(timedelta(days=1))
    third = new_record(wall, pattern=PatternRecord(5.5, 2, 7.5, 1.5))
    store.begin_session(third)
    store.append(third.id, [Sample(t=float(i)) for i in range(5)], [], 4.2, 0)
    store.recover_interrupted()
    wall.advance(timedelta(hours=1))
    store.begin_session(new_record(wall, status="completed", planned_breaths=1))
    for name, pattern in (("Évening wind-down", (4.5, 1, 7.5, 0)), ("square", (4, 4, 4, 4))):
        store.save_preset(
            UserPreset(
                id=str(uuid.uuid4()),
                name=name,
                pattern=PatternRecord(*pattern),
                created_at=iso_utc(wall.utc_now()),
            )
        )


def everything(store: Store) -> dict[str, Any]:
    """Every record, sample, event and preset, in comparable form."""
    return {
        "sessions": [(r, store.samples(r.id), store.events(r.id)) for r in store.sessions()],
        "presets": store.presets(),
    }


def dump(store: Store) -> list[str]:
    """The whole database as SQL, meta counters included: 'unchanged' means this is equal."""
    return list(store.conn.iterdump())
