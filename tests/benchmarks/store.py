"""The session store: one sample's save, what a kill -9 loses, ten years on disk.

All on real files in the scratch folder, through the store's own API, so the figures are
what the app pays. The save time means something only on a real disk: where the scratch
folder sits on tmpfs (fsync costs nothing there) the log says so.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.core.clock import FakeWallClock, iso_utc
from coach.core.store.backup import KEEP_DAYS, KEEP_MONTHS, KEEP_WEEKS, take_backup
from coach.core.store.opening import open_store
from coach.core.store.records import PatternRecord, PhaseName, Sample, SessionEvent, SessionRecord
from coach.core.store.store import DB_NAME, Store
from tests.benchmarks.core import BenchContext, Figure, count, median, percentile
from tests.reliability.kill9 import KILL_RANGE_S, run_trial

SAVES, QUICK_SAVES = 500, 200
SAVE_WARM_UPS = 20
KILLS, QUICK_KILLS = 10, 4
YEARS = 10
SESSION_S = 15 * 60  # a daily 15-minute session, one sample a second
CYCLE_S = 10  # 4 s in, 6 s out: 2 phase events per 10 s breath
SESSIONS_PER_TRANSACTION = 365
MB = 1024 * 1024


def bench_store(ctx: BenchContext) -> list[Figure]:
    return [*_save_sample(ctx), *_kill9(ctx), *_ten_years(ctx)]


# -- one sample ---------------------------------------------------------------------------
def _save_sample(ctx: BenchContext) -> list[Figure]:
    runs = QUICK_SAVES if ctx.quick else SAVES
    ctx.log(f"store: {runs} single-sample saves (one transaction each, synchronous=FULL)")
    filesystem = _filesystem(ctx.scratch)
    if filesystem in ("tmpfs", "ramfs"):
        ctx.log(f"  the scratch folder is on {filesystem}: no real fsync, an optimistic figure")
    wall = FakeWallClock()
    store = open_store(ctx.scratch / "store-save", wall).store
    try:
        record = _record(wall.utc_now(), 0)
        store.begin_session(record)
        times_ms: list[float] = []
        for i in range(SAVE_WARM_UPS + runs):
            sample = Sample(t=i * 0.05, phase="inhale", intensity=i % 11, step=1, side="left")
            began = time.perf_counter()
            # What a flush costs with one reading pending: the whole append, commit included.
            store.append(record.id, [sample], [], active_seconds=i * 0.05, breaths_done=i // 200)
            elapsed = time.perf_counter() - began
            if i >= SAVE_WARM_UPS:
                times_ms.append(elapsed * 1000)
    finally:
        store.close()
    return [
        Figure("save_sample_ms_p99", percentile(times_ms, 99), "ms", target=2.0, digits=3),
        Figure("save_sample_ms_p50", median(times_ms), "ms", digits=3),
        count("save_sample_runs", runs, "saves"),
    ]


# -- kill -9 ------------------------------------------------------------------------------
def _kill9(ctx: BenchContext) -> list[Figure]:
    kills = QUICK_KILLS if ctx.quick else KILLS
    ctx.log(f"store: {kills} recording children killed with SIGKILL")
    rng = random.Random()
    data_dir = ctx.scratch / "store-kill9"
    lost: list[float] = []
    bad = 0
    for _ in range(kills):
        trial = run_trial(data_dir, rng.uniform(*KILL_RANGE_S), ctx.python, ctx.child_env())
        if trial.problems():
            bad += 1
            ctx.log(f"  broken promise: {trial.describe()}: {'; '.join(trial.problems())}")
        lost.append(trial.lost_s)
    return [
        Figure("kill9_lost_s_max", max(lost), "s", target=1.0, digits=3),
        Figure("kill9_lost_s_p50", median(lost), "s", digits=3),
        Figure("kill9_bad_trials", float(bad), "trials", target=0.0, digits=0),
        count("kill9_trials", kills, "kills"),
    ]


# -- ten years ----------------------------------------------------------------------------
def _record(start: datetime, day: int) -> SessionRecord:
    return SessionRecord(
        id=str(uuid.uuid4()),
        started_at=iso_utc(start),
        ended_at=iso_utc(start + timedelta(seconds=SESSION_S)),
        kind="routine" if day % 2 else "breathing",
        source="psoas-release" if day % 2 else "calm",
        pattern=PatternRecord(4, 0, 6, 0),
        status="completed",
        planned_breaths=SESSION_S // CYCLE_S,
        lead_in=5.0,
        active_seconds=float(SESSION_S),
        breaths_done=SESSION_S // CYCLE_S,
        rating_before=4,
        rating_after=6,
        notes="tight on the left at first, eased by the end" if day % 7 == 0 else "",
    )


def _session(
    day: int, rng: random.Random
) -> tuple[SessionRecord, list[Sample], list[SessionEvent]]:
    start = datetime(2026, 1, 1, 7, 30, tzinfo=UTC) + timedelta(days=day, minutes=rng.randrange(90))
    technique = day % 2 == 1  # half the sessions follow a technique: slider, steps, sides
    samples: list[Sample] = []
    intensity = 3
    for t in range(SESSION_S):
        phase: PhaseName = "inhale" if t % CYCLE_S < 4 else "exhale"
        if technique:
            intensity = min(10, max(0, intensity + rng.choice((-1, 0, 0, 0, 1))))
            step = t // 60
            samples.append(
                Sample(
                    t=float(t),
                    phase=phase,
                    intensity=intensity,
                    step=step,
                    side="left" if step % 2 else "right",
                )
            )
        else:
            samples.append(Sample(t=float(t), phase=phase))
    events = [SessionEvent(seq=0, kind="lead_in", observed=-5.0)]
    events.append(SessionEvent(seq=1, kind="breathing", observed=0.0))
    for breath in range(SESSION_S // CYCLE_S):
        turns: tuple[tuple[int, PhaseName], ...] = ((0, "inhale"), (4, "exhale"))
        for offset, turn in turns:
            scheduled = float(breath * CYCLE_S + offset)
            late = rng.randrange(1, 17) / 1000  # a frame or less, as measured by the pacer
            events.append(
                SessionEvent(
                    seq=len(events),
                    kind="phase",
                    observed=scheduled + late,
                    scheduled=scheduled,
                    breath=breath,
                    phase=turn,
                )
            )
    if technique:
        # The step events the app writes: the review screens name techniques and sides
        # from them (one step a minute here).
        for step in range(SESSION_S // 60):
            side = "left" if step % 2 else "right"
            events.append(
                SessionEvent(
                    seq=len(events),
                    kind="step",
                    observed=float(step * 60),
                    scheduled=float(step * 60),
                    detail=f"{step}:ball-release/{step % 5}/{side}",
                )
            )
    events.append(
        SessionEvent(
            seq=len(events), kind="finish", observed=float(SESSION_S), scheduled=float(SESSION_S)
        )
    )
    return _record(start, day), samples, events


def _ten_years(ctx: BenchContext) -> list[Figure]:
    days = 365 * YEARS
    ctx.log(f"store: {days} daily {SESSION_S // 60}-minute sessions at 1 Hz (ten years)")
    folder = ctx.scratch / "store-10y"
    store = open_store(folder, FakeWallClock()).store
    rng = random.Random(10)
    began = time.monotonic()
    try:
        for first in range(0, days, SESSIONS_PER_TRANSACTION):
            last = min(days, first + SESSIONS_PER_TRANSACTION)
            sessions: Iterator[tuple[SessionRecord, list[Sample], list[SessionEvent]]] = (
                _session(day, rng) for day in range(first, last)
            )
            # import_all: one transaction per year, through the same row encoding as recording.
            store.import_all(sessions, [])
            ctx.log(
                f"  {last} sessions, {_size_mb(folder):.0f} MB, {time.monotonic() - began:.0f} s"
            )
        rows = _rows(store)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # As grown: the app never vacuums, so this is what a user's disk holds.
        grown_mb = _size_mb(folder)
        ctx.log("  a backup of it (copy + quick_check), then VACUUM")
        taken = time.monotonic()
        backup = take_backup(store, FakeWallClock())
        backup_s = time.monotonic() - taken
        backup_mb = backup.stat().st_size / MB
        store.conn.execute("VACUUM")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        vacuumed_mb = _size_mb(folder)
    finally:
        store.close()
    ctx.log(f"  built and measured in {time.monotonic() - began:.0f} s")
    return [
        Figure("db_mb_10y", grown_mb, "MB", target=100.0, digits=1),
        Figure("db_mb_10y_vacuumed", vacuumed_mb, "MB", digits=1),
        count("db_10y_samples", rows["samples"], "rows"),
        count("db_10y_events", rows["events"], "rows"),
        Figure("backup_s_10y", backup_s, "s", digits=2),
        # Rotation keeps at most 7 daily + 4 weekly + 6 monthly copies.
        Figure(
            "backups_mb_10y_max", backup_mb * (KEEP_DAYS + KEEP_WEEKS + KEEP_MONTHS), "MB", digits=0
        ),
    ]


def _rows(store: Store) -> dict[str, int]:
    return {
        table: int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for table in ("sessions", "samples", "events")
    }


def _size_mb(folder: Path) -> float:
    """The store file plus its -wal: everything the store takes on disk."""
    total = 0
    for suffix in ("", "-wal", "-shm"):
        path = folder / (DB_NAME + suffix)
        if path.exists():
            total += path.stat().st_size
    return total / MB


def _filesystem(path: Path) -> str:
    """The type of the filesystem holding `path` (Linux), or '' when unknown."""
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
    except OSError:
        return ""
    target = str(path.resolve())
    best, kind = "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind
