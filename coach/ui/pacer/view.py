"""The heart of the window: the cue in words, the breathing figure, the countdown.

Draws a `RunnerSnapshot`; keeps no time of its own. Labels are only touched when their
text changes, and the figure only repaints the part of itself that moves. In reduced
motion (`set_reduced_motion`) a still bar that fills and empties takes the figure's place,
driven by the same snapshot.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from coach.core.breath.pacer import lung_rate
from coach.core.content.plan import position_of
from coach.core.session.cues import Cue, cue_for, progress_text
from coach.core.session.runner import RunnerSnapshot, RunState
from coach.ui.pacer.bar import BreathBar
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
        self.bar = BreathBar()
        self.bar.hide()
        self.countdown = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.countdown.setObjectName("countdown")
        self.cycle = CyclePlot()
        self.progress = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.progress.setObjectName("progress")
        # What is heard, when it is not the usual: muted, or the voice reading along.
        self.sound_state = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.sound_state.setObjectName("soundState")
        self.sound_state.setAccessibleDescription("What the coach plays and says")
        self.sound_state.hide()
        for label in (self.cue, self.detail, self.countdown, self.progress):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        # Screen readers hear the cue itself as the label's name (a fixed name would hide
        # it): it is the one thing that matters with eyes shut.
        self.cue.setAccessibleDescription("The breathing cue: what to do now")
        self.detail.setAccessibleDescription("How to do it")
        self.countdown.setAccessibleDescription("Whole seconds left in this part of the breath")
        self.progress.setAccessibleDescription("How far the session has come")
        # Named before the first snapshot too: a screen reader's walk finds no unnamed part.
        _name(self.cue, "Breathing cue")
        _name(self.countdown, _seconds_left(None))

        self._note = ""
        self._reduced_motion = False
        self._status_key: tuple[object, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.setSpacing(6)
        layout.addWidget(self.cue)
        layout.addWidget(self.detail)
        layout.addWidget(self.figure, 1)
        layout.addWidget(self.bar, 1)  # in the figure's place, one shown at a time
        layout.addWidget(self.countdown)
        layout.addWidget(self.cycle, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.progress)
        layout.addWidget(self.sound_state)
        self._apply_fonts()

    def show_snapshot(self, snapshot: RunnerSnapshot) -> None:
        # The figure takes the position of the step under way (lying down otherwise).
        item = None if snapshot.step is None else snapshot.step.item
        position = "supine" if item is None else position_of(item)
        if position in POSES and self.figure.pose() != position:
            self.figure.set_pose(position)
        self.figure.set_mirrored(item is not None and item.mirrored)
        cue = cue_for(snapshot)
        if _set_text(self.cue, cue.title):
            _name(self.cue, cue.title)
        _set_text(self.detail, self._note or cue.detail)
        if _set_text(self.countdown, "" if cue.countdown is None else str(cue.countdown)):
            _name(self.countdown, _seconds_left(cue.countdown))
        _set_text(self.progress, progress_text(snapshot))
        active = snapshot.state in (RunState.RUNNING, RunState.LEAD_IN)
        lung = snapshot.pacer.lung if snapshot.state in (RunState.RUNNING, RunState.PAUSED) else 0.0
        # Both are kept in step (a hidden one only stores the value): switching shows the
        # breath where it is.
        for pacer in (self.figure, self.bar):
            pacer.set_active(active)
            pacer.set_lung(lung)
        self._update_status(snapshot, cue)
        self.cycle.set_pattern(snapshot.pacer.pattern)
        moving = snapshot.state in (RunState.RUNNING, RunState.PAUSED)
        self.cycle.set_current(snapshot.pacer.phase if moving else None)

    def set_sound_state(self, sounds: bool, voice: bool) -> None:
        """Say on screen when the sounds are off (M turns them on) or the voice reads."""
        if not sounds:
            text = "Sounds off · M turns them on"
        elif voice:
            text = "Voice on · V turns it off"
        else:
            text = ""
        self.sound_state.setText(text)
        self.sound_state.setAccessibleName(text or "Sounds on")
        self.sound_state.setVisible(bool(text))

    def reduced_motion(self) -> bool:
        return self._reduced_motion

    def set_reduced_motion(self, on: bool) -> None:
        """Show the breath as a still bar that fills and empties (on) or as the figure
        (off). Same place, same room, same snapshot; the cue and countdown stay."""
        if on == self._reduced_motion:
            return
        self._reduced_motion = on
        # Hide first, then show: the layout never holds both, so nothing jumps.
        (self.figure if on else self.bar).hide()
        (self.bar if on else self.figure).show()

    def _update_status(self, snapshot: RunnerSnapshot, cue: Cue) -> None:
        """The pacer's accessible description: the phase and its seconds left, set when the
        phase (or the state) changes, not on every frame or every second."""
        pacer = snapshot.pacer
        running = snapshot.state is RunState.RUNNING
        key = (
            snapshot.state,
            snapshot.held,
            pacer.phase if running else None,
            pacer.breath_index if running else None,
        )
        if key == self._status_key:
            return
        self._status_key = key
        status = cue.title
        if cue.countdown is not None:
            status += f", {_seconds_left(cue.countdown)}"
        self.figure.set_status(status)
        self.bar.set_status(status)

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
        shown = self.bar if self._reduced_motion else self.figure
        speed_px = abs(lung_rate(pacer.phase, x, pacer.phase_duration)) * shown.pixels_per_lung()
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
        _font(self.sound_state, unit * 0.85, QFont.Weight.Medium)
        self.countdown.setMinimumHeight(int(unit * 2.9))
        self.cycle.setFixedSize(int(unit * 22), int(unit * 3.2))
        _font(self.cycle, unit * 0.75, QFont.Weight.Normal)
        _font(self.bar, unit * 0.85, QFont.Weight.Normal)
        self.cue.setMinimumHeight(int(unit * 3.6))


MIN_FRAME_S = 1 / 60  # never faster than the screen
MAX_FRAME_S = 0.25  # the slowest cadence while a session runs


def _to_next_whole(seconds: float) -> float:
    """Time until a value counting down in seconds shows its next whole number."""
    fraction = seconds - math.floor(seconds)
    return fraction if fraction > 1e-6 else 1.0


def _set_text(label: QLabel, text: str) -> bool:
    """Set a label's text if it differs; True when it changed."""
    if label.text() == text:
        return False
    label.setText(text)
    return True


def _name(label: QLabel, text: str) -> None:
    if label.accessibleName() != text:
        label.setAccessibleName(text)


def _seconds_left(seconds: int | None) -> str:
    if seconds is None:
        return "No countdown"
    return f"{seconds} second{'' if seconds == 1 else 's'} left"


def _font(label: QWidget, pixels: float, weight: QFont.Weight) -> None:
    font = QFont(label.font())
    font.setPixelSize(max(9, round(pixels)))
    font.setWeight(weight)
    if font != label.font():
        label.setFont(font)
