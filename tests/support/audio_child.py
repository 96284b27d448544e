"""A real session heard through the real audio path, in a child process.

    python -m tests.support.audio_child KIND [--minutes M]

KIND is `478` (the 4-7-8 pattern, holds included, two breaths), `routine` (a short routine
with steps and a side change) or `long` (calm breathing for M minutes, for the
benchmark). The runner runs on the real clock, the window's `SessionAudio` asks the core for
its cues and the `Mixer` writes them into the default output (the test's null sink).

On stdout, one JSON object: `expected` lists every cue the session's schedule calls for,
worked out here from the timeline and the plan alone (not from the code that plays them)
as [name, clock time]; `heard` what the mixer wrote and when it is due; `lock_s` how long
the stream took to lock; `relocks`; `unavailable` anything said about sound.
"""

from __future__ import annotations

import argparse
import json
import sys

from PySide6.QtCore import QCoreApplication, QTimer

from coach.core.breath.pacer import Timeline
from coach.core.breath.pattern import BreathPattern, Phase
from coach.core.clock import MonotonicClock
from coach.core.content.plan import Plan, PlanItem
from coach.core.session.routine import RoutineRunner
from coach.core.session.runner import RunState, SessionRunner
from coach.ui.sound.mixer import Mixer
from coach.ui.sound.session_audio import AudioChoice, SessionAudio

LEAD_IN_S = 1.5
TAIL_S = 2.5
PHASE_NAMES = {
    Phase.INHALE: "inhale",
    Phase.HOLD_IN: "hold",
    Phase.EXHALE: "exhale",
    Phase.HOLD_OUT: "hold",
}


def short_routine() -> Plan:
    quick = BreathPattern(2, 0, 3, 0)
    items = (
        PlanItem("breathing", "Breathing", "Breathe low.", quick, 1),
        PlanItem("step", "Ball", "Right side.", quick, 2, side="right", technique_id="ball"),
        PlanItem("switch", "Change sides", "Change sides.", quick, 1, side="left"),
        PlanItem("step", "Ball", "Left side.", quick, 1, side="left", technique_id="ball"),
    )
    return Plan("short", "Short", quick, items)


def make_runner(kind: str, minutes: float, clock: MonotonicClock) -> SessionRunner:
    if kind == "478":
        return SessionRunner(Timeline(BreathPattern(4, 7, 8, 0), 2), clock, LEAD_IN_S)
    if kind == "routine":
        return RoutineRunner(short_routine(), clock, LEAD_IN_S)
    calm = BreathPattern(4, 0, 6, 0)
    return SessionRunner(Timeline(calm, max(1, round(minutes * 60 / calm.cycle))), clock, LEAD_IN_S)


def expected(runner: SessionRunner, start: float, lead_in: float) -> list[tuple[str, float]]:
    """Every cue the schedule calls for, from the timeline and the plan alone."""
    zero = start + lead_in  # the clock time of pacer time 0
    total = runner.timeline.total
    assert total is not None
    cues: dict[float, str] = {}
    for boundary in runner.timeline.boundaries_between(-1.0, total):
        cues[round(boundary.time, 3)] = PHASE_NAMES[boundary.phase]
    if isinstance(runner, RoutineRunner):
        at = 0.0
        for item in runner.plan.items:
            cues[round(at, 3)] = "side" if item.kind == "switch" else "step"
            at += item.duration
    cues[round(total, 3)] = "end"
    return [(name, zero + t) for t, name in sorted(cues.items())]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("478", "routine", "long"))
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    app = QCoreApplication(sys.argv[:1])
    clock = MonotonicClock()
    mixer = Mixer(clock)
    audio = SessionAudio(clock, mixer, None)
    audio.set_choice(AudioChoice(volume=1.0))
    runner = make_runner(args.kind, args.minutes, clock)
    said: list[str] = []
    opened = clock.now()
    out: dict[str, object] = {"unavailable": said}
    mixer.unavailable.connect(lambda message: (said.append(message), app.quit()))

    ticker = QTimer()
    ticker.setInterval(20)

    def tick() -> None:
        audio.on_events(runner.tick())
        if runner.state is RunState.FINISHED and ticker.isActive():
            ticker.stop()
            QTimer.singleShot(int(TAIL_S * 1000), app.quit)

    ticker.timeout.connect(tick)

    def begin() -> None:
        out["lock_s"] = clock.now() - opened
        start = clock.now()
        audio.follow(runner)
        audio.on_events(runner.start(start))
        out["expected"] = expected(runner, start, LEAD_IN_S)
        ticker.start()

    mixer.ready.connect(begin)
    audio.follow(None)
    mixer.open()
    app.exec()
    out["heard"] = mixer.heard
    out["relocks"] = mixer.relocks
    out["trace"] = mixer.trace
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
