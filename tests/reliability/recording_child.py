"""A recording session that runs until it is killed: the app's recording path, no Qt.

Run as a script by `kill9.py`:
    recording_child.py DATA_DIR
Opens the store the way the app does, starts an open-ended "calm" session on the real
monotonic clock and records it through a `SessionRecorder` exactly as the window's
`Recording` does on every tick (runner events, progress, a flush when due). On top of the
recorder's own 1 Hz samples it adds a slider reading at ~20 Hz, each with a strictly
increasing offset, so the flush interval is exercised finely.

Prints, each line flushed at once:
    session <id>   the session's id
    ready          once the session's row is in the store
    logged <t>     after each sample is in the recorder's memory (t in seconds, ms precision)
Ends by itself after MAX_RUN_S, in case the parent died without killing it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from coach.core.breath.pacer import Timeline
from coach.core.breath.pattern import BreathPattern
from coach.core.clock import MonotonicClock, SystemWallClock
from coach.core.session.runner import Event, SessionRunner
from coach.core.store.opening import open_store
from coach.core.store.recorder import SessionRecorder, new_session_record
from coach.core.store.records import Sample

TICK_S = 0.05
MAX_RUN_S = 60.0


def main(argv: list[str]) -> int:
    data_dir = Path(argv[1])
    wall = SystemWallClock()
    store = open_store(data_dir, wall).store
    clock = MonotonicClock()
    timeline = Timeline(BreathPattern(4, 0, 6, 0))
    runner = SessionRunner(timeline, clock)
    record = new_session_record(wall, timeline, "calm", lead_in=0.0)
    recorder = SessionRecorder(store, record)
    if recorder.error is not None:
        print(f"error {recorder.error}", flush=True)
        return 1
    print(f"session {record.id}", flush=True)
    print("ready", flush=True)

    began = clock.now()
    events: list[Event] = runner.start(began)
    printed = 0
    tick = 0
    while (now := clock.now()) - began < MAX_RUN_S:
        events += runner.tick(now)
        snapshot = runner.snapshot(now)
        recorder.on_events(events)
        events = []
        # The recorder's own 1 Hz samples, in memory only for now.
        recorder.record_progress(snapshot.pacer, snapshot.state)
        t = round(snapshot.pacer.elapsed, 3)
        last = recorder.log.samples[-1].t if recorder.log.samples else -1.0
        # A whole second belongs to the recorder's own sample: one offset, one reading.
        if t > last and t != int(t):
            intensity = (tick // 20) % 11
            recorder.add_sample(Sample(t=t, intensity=intensity, step=tick // 40, side="left"))
        # Logged before the flush that may store them: a kill in between can then only
        # lose logged samples, never store unlogged ones.
        for sample in recorder.log.samples[printed:]:
            print(f"logged {sample.t:.3f}", flush=True)
        printed = len(recorder.log.samples)
        recorder.flush_if_due(now)
        tick += 1
        time.sleep(max(0.0, TICK_S - (clock.now() - now)))
    recorder.finish("stopped", "the trial ran out of time")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
