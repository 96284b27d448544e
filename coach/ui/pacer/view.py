"""The heart of the window: the cue in words, the breathing figure, the countdown.

Draws a `RunnerSnapshot`; keeps no time of its own. Labels are only touched when their
text changes, and the figure only repaints the part of itself that moves.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from coach.core.breath.pacer import lung_rate
from coach.core.content.plan import position_of
from coach.core.session.cues import cue_for, progress_text
from coach.core.session.runner import RunnerSnapshot, RunState
from coach.ui.pacer.figure import POSES, VISIBLE_STEP_PX, BreathFigure
from coach.ui.widgets.cycle_plot import CyclePlot


class PacerView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cue = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.cue.setObjectName("cue")
        self.detail = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.detail.setObjectName("cueDetail")
        self.detail.setWordWrap(True)
        self.figure = BreathFigure()
        self.countdown = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.countdown.setObjectName("countdown")
        self.cycle = CyclePlot()
        self.progress = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.progress.setObjectName("progress")
        for label in (self.cue, self.detail, self.countdown, self.progress):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        # Screen readers hear the cue change; it is the one thing that matters with eyes shut.
        self.cue.setAccessibleName("Breathing cue")

        self._note = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(6)
        layout.addWidget(self.cue)
        layout.addWidget(self.detail)
        layout.addWidget(self.figure, 1)
        layout.addWidget(self.countdown)
        layout.addWidget(self.cycle, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.progress)
        self._apply_fonts()

    def show_snapshot(self, snapshot: RunnerSnapshot) -> None:
        # The figure takes the position of the step under way (lying down otherwise).
        item = None if snapshot.step is None else snapshot.step.item
        position = "supine" if item is None else position_of(item)
        if position in POSES and self.figure.pose() != position:
            self.figure.set_pose(position)
        self.figure.set_mirrored(item is not None and item.mirrored)
        cue = cue_for(snapshot)
        _set_text(self.cue, cue.title)
        _set_text(self.detail, self._note or cue.detail)
        _set_text(self.countdown, "" if cue.countdown is None else str(cue.countdown))
        _set_text(self.progress, progress_text(snapshot))
        active = snapshot.state in (RunState.RUNNING, RunState.LEAD_IN)
        self.figure.set_active(active)
        lung = snapshot.pacer.lung if snapshot.state in (RunState.RUNNING, RunState.PAUSED) else 0.0
        self.figure.set_lung(lung)
        self.cycle.set_pattern(snapshot.pacer.pattern)
        moving = snapshot.state in (RunState.RUNNING, RunState.PAUSED)
        self.cycle.set_current(snapshot.pacer.phase if moving else None)

    def set_note(self, note: str) -> None:
        """Words in place of the cue's detail while something else has the keys (a
        question on the side panel): the pacer never says Space does what it does not."""
        if note != self._note:
            self._note = note
            if note:
                _set_text(self.detail, note)

    def next_change_in(self, snapshot: RunnerSnapshot) -> float:
        """Seconds until something on screen would visibly change: the next frame's due time.

        The countdown and the time left change on whole seconds; the belly moves by a
        visible step sooner or later depending on how fast the breath is moving there.
        """
        pacer = snapshot.pacer
        if snapshot.state is RunState.LEAD_IN:
            return _to_next_whole(snapshot.lead_in_left)
        if snapshot.state is not RunState.RUNNING:
            return MAX_FRAME_S
        due = min(_to_next_whole(pacer.phase_left), MAX_FRAME_S)
        if pacer.left is not None:
            due = min(due, _to_next_whole(pacer.left))
        x = pacer.phase_elapsed / pacer.phase_duration if pacer.phase_duration else 0.0
        speed_px = abs(lung_rate(pacer.phase, x, pacer.phase_duration)) * (
            self.figure.pixels_per_lung()
        )
        if speed_px > 0:
            due = min(due, VISIBLE_STEP_PX / speed_px)
        return max(MIN_FRAME_S, due)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        # Type scales with the window so the cue reads from across a room (or a yoga mat).
        # The cue is the largest text on the screen while a session runs (the step text
        # beside it stops below it, see StepPanel), in full ink: it is what is read from
        # the floor. The countdown is a size smaller than the cue.
        unit = max(10.0, min(self.height() / 30.0, self.width() / 40.0))
        _font(self.cue, unit * 2.6, QFont.Weight.Medium)
        _font(self.detail, unit * 0.95, QFont.Weight.Normal)
        _font(self.countdown, unit * 2.1, QFont.Weight.Light)
        _font(self.progress, unit * 0.95, QFont.Weight.Normal)
        self.countdown.setMinimumHeight(int(unit * 2.9))
        self.cycle.setFixedSize(int(unit * 22), int(unit * 3.2))
        _font(self.cycle, unit * 0.75, QFont.Weight.Normal)
        self.cue.setMinimumHeight(int(unit * 3.6))


MIN_FRAME_S = 1 / 60  # never faster than the screen
MAX_FRAME_S = 0.25  # the slowest cadence while a session runs


def _to_next_whole(seconds: float) -> float:
    """Time until a value counting down in seconds shows its next whole number."""
    fraction = seconds - math.floor(seconds)
    return fraction if fraction > 1e-6 else 1.0


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


def _font(label: QWidget, pixels: float, weight: QFont.Weight) -> None:
    font = QFont(label.font())
    font.setPixelSize(max(9, round(pixels)))
    font.setWeight(weight)
    if font != label.font():
        label.setFont(font)
