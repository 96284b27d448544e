"""A real pacer session, offscreen, measured from inside: CPU while it animates, and how
late each phase change is observed against its schedule.

Run as a script by `session.py`:
    session_probe.py RUN_S CPU_S DATA_DIR
Builds the application the way `coach.ui.app.run_gui` does (same `make_application`, the
real `MainWindow` with its ticker on a `MonotonicClock`, no lead-in), starts an open-ended
"calm" session once the window has painted, and stops it after RUN_S seconds. CPU is read
over a CPU_S window while only the session animates. Prints one `result {json}` line.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer

from coach.core.clock import MonotonicClock, SystemWallClock
from coach.core.session.runner import PhaseChanged
from coach.ui.app import make_application
from coach.ui.settings import SettingsKeeper
from coach.ui.window.main_window import MainWindow

WIDTH, HEIGHT = 1024, 640
PRESET = "calm"
# After the first paint, let any deferred start-up work (polish, layout) finish first.
SETTLE_MS = 500
# The CPU window opens a moment after Start, past the one-off full repaint it causes.
CPU_OFFSET_MS = 500


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # all threads, Qt's included
    return usage.ru_utime + usage.ru_stime


class PaintCounter(QObject):
    """Counts paints of one widget: frames actually drawn, not just ticks asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


class Probe:
    def __init__(self, window: MainWindow, run_s: float, cpu_s: float) -> None:
        self.window = window
        self.run_ms = round(run_s * 1000)
        self.cpu_ms = round(cpu_s * 1000)
        self.late_s: list[float] = []
        self.phase_events = 0
        self.listening = True
        self.ticks = 0
        self.paint_counter = PaintCounter()
        self.marks: dict[str, tuple[float, float, int, int]] = {}
        window.phase_changed.connect(self.on_phase)
        window.ticker.ticked.connect(self.on_tick)
        window.first_painted.connect(self.on_first_paint)
        # The breathing figure is what animates; fall back to the whole view if it moves.
        figure = getattr(window.pacer, "figure", window.pacer)
        figure.installEventFilter(self.paint_counter)

    def mark(self, name: str) -> None:
        self.marks[name] = (time.monotonic(), cpu_seconds(), self.ticks, self.paint_counter.paints)

    def on_first_paint(self) -> None:
        self.later(SETTLE_MS, self.begin)

    def later(self, ms: int, slot: Callable[[], None]) -> None:
        # Precise: a coarse timer may fire up to 5% early or late, seconds over 2 minutes.
        # (PySide6's singleShot takes a timer type only with a receiver and a C++ slot name.)
        timer = QTimer(self.window)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        timer.start(ms)

    def begin(self) -> None:
        self.mark("start")
        self.window.start_session()
        self.later(CPU_OFFSET_MS, lambda: self.mark("cpu_from"))
        self.later(CPU_OFFSET_MS + self.cpu_ms, lambda: self.mark("cpu_to"))
        self.later(self.run_ms, self.finish)

    def on_phase(self, event: PhaseChanged) -> None:
        if not self.listening:
            return
        self.phase_events += 1
        # The first phase (breath 0, inhale at t=0) is emitted by Start itself: not a tick.
        if self.phase_events > 1:
            self.late_s.append(event.observed - event.scheduled)

    def on_tick(self, now: float) -> None:
        self.ticks += 1

    def finish(self) -> None:
        self.mark("end")
        # Stop catches up with the clock itself: a phase it reports was not a ticker wake-up.
        self.listening = False
        self.window.stop_session("benchmark over")
        self.window.close()
        QCoreApplication.quit()  # do not rely on quit-on-last-window-closed

    def result(self) -> dict[str, object]:
        def window_figures(a: str, b: str) -> dict[str, float]:
            wall_a, cpu_a, ticks_a, paints_a = self.marks[a]
            wall_b, cpu_b, ticks_b, paints_b = self.marks[b]
            wall = wall_b - wall_a
            return {
                "wall_s": wall,
                "cpu_pct": 100 * (cpu_b - cpu_a) / wall,
                "ticks_per_s": (ticks_b - ticks_a) / wall,
                "paints_per_s": (paints_b - paints_a) / wall,
            }

        return {
            "cpu_window": window_figures("cpu_from", "cpu_to"),
            "whole_run": window_figures("start", "end"),
            "late_s": self.late_s,
            "phase_events": self.phase_events,
        }


def main(argv: list[str]) -> int:
    run_s, cpu_s, data_dir = float(argv[1]), float(argv[2]), Path(argv[3])
    if CPU_OFFSET_MS / 1000 + cpu_s > run_s:
        raise SystemExit("the CPU window must end before the run does")
    app = make_application(argv[:1], "system")
    window = MainWindow(
        MonotonicClock(),
        SystemWallClock(),
        SettingsKeeper(data_dir),
        preset_id=PRESET,
        length_min=None,
        lead_in=0.0,
        data_dir=data_dir,
    )
    probe = Probe(window, run_s, cpu_s)
    window.resize(WIDTH, HEIGHT)
    window.show()
    status = app.exec()
    if status != 0 or "end" not in probe.marks:
        raise SystemExit(f"the event loop ended early (status {status})")
    print("result " + json.dumps(probe.result()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
