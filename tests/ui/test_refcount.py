"""Regression guard for PySide6 6.12.0 on CPython 3.11 (DESIGN.md).

That release drops a reference to True for every signal delivered to a Python slot and one
to None for every Python override of a virtual such as paintEvent; a pacer session then
aborts the interpreter within minutes. A healthy binding leaves both counts unchanged.
"""

import gc
import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from coach.core.clock import FakeClock
from coach.ui.pacer.figure import BreathFigure
from tests.support.window import MakeWindow

ROUNDS = 3000


class Emitter(QObject):
    fired = Signal(float)
    flagged = Signal(bool)


def counts() -> tuple[int, int]:
    gc.collect()
    return sys.getrefcount(True), sys.getrefcount(None)


def test_signals_to_python_slots_keep_refcounts(qtbot: QtBot) -> None:
    emitter = Emitter()
    received: list[int] = [0]

    def slot(_: object) -> None:
        received[0] += 1

    emitter.fired.connect(slot)
    emitter.flagged.connect(slot)
    for _ in range(50):  # warm caches before counting
        emitter.fired.emit(0.5)
        emitter.flagged.emit(True)
    before = counts()
    for i in range(ROUNDS):
        emitter.fired.emit(i * 0.001)
        emitter.flagged.emit(True)
    after = counts()
    assert received[0] == 2 * (ROUNDS + 50)
    assert after == before


def test_paint_event_overrides_keep_refcounts(qtbot: QtBot) -> None:
    figure = BreathFigure()
    qtbot.addWidget(figure)
    figure.resize(480, 240)
    figure.show()
    qtbot.waitExposed(figure)
    for i in range(20):
        figure.set_lung(i / 20)
        figure.repaint()
    before = counts()
    for i in range(ROUNDS):
        figure.set_lung((i % 100) / 100)
        figure.repaint()  # a synchronous paintEvent through the Python override
    after = counts()
    assert after == before


def test_a_running_window_keeps_refcounts(make_window: MakeWindow, clock: FakeClock) -> None:
    window = make_window(lead_in=0)
    window.start_session()
    # Small steps: the session stays inside its first second, so the recorder keeps no new
    # samples (which would rightly hold references to None) while the signal path runs.
    for _ in range(20):
        clock.advance(0.0004)
        window.ticker.ticked.emit(clock.now())
    before = counts()
    for _ in range(1000):
        clock.advance(0.0004)
        window.ticker.ticked.emit(clock.now())  # the signal path every frame takes
        window.pacer.figure.repaint()
    after = counts()
    window.stop_session()
    assert after == before
