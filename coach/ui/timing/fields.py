"""Number fields of the timing panel: typed freely, stepped with the keys or the wheel, and
marked when what they hold is wrong; a spin box and a combo box that leave the wheel alone.

Also how a number or an in:out ratio is written in a field and read back from it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPen, QWheelEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

from coach.core.breath.timing import parse_number
from coach.ui.theme import zone_colour

#: The ratio field's sane range (in:out = 1:x); the phases' own bounds are checked after.
RATIO_RANGE = (0.1, 10.0)

# Keys a focused field or list uses itself: the window's shortcuts on the same keys (Up and
# Down rate the pressure in a guided session) must not take them.
STEP_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
WHEEL_NOTCH = 120  # angleDelta units per notch of an ordinary mouse wheel


def format_number(value: float, decimals: int = 1) -> str:
    """6.0 -> '6', 4.615 -> '4.6' (decimals=1), 1.6667 -> '1.67' (decimals=2)."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_ratio(ratio: float) -> str:
    """The inhale:exhale ratio as 1:x, the way the field and the preview show it."""
    return f"1:{format_number(ratio, 2)}"


def parse_ratio(text: str) -> float | None:
    """The x of in:out = 1:x from '1:1.5', '2:3', '2/3' (same as 2:3) or a bare '1.5'.

    None when it is not a ratio of two positive numbers. A bare number is the exhale per
    unit of inhale, as the field shows it after '1:'.
    """
    parts = re.split(r"[:/]", text)
    if len(parts) == 1:
        return parse_number(text)
    if len(parts) != 2:
        return None
    inhale, exhale = parse_number(parts[0]), parse_number(parts[1])
    if inhale is None or exhale is None or inhale <= 0:
        return None
    value = exhale / inhale
    return value if math.isfinite(value) else None


def claims_key(event: QKeyEvent, keys: tuple[Qt.Key, ...]) -> bool:
    """`event` is one of `keys` with no modifier but the keypad's."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return mods == Qt.KeyboardModifier.NoModifier and event.key() in keys


class StepField(QLineEdit):
    """A number typed freely, stepped with Up/Down (fine) and PageUp/PageDown (coarse), and
    with the wheel while focused; steps stay inside [low, high].

    `set_value()` remembers the exact value behind the shown text (4.615 shows as "4.6"), so
    a value the program wrote reads back unrounded until the person edits the field.

    Signals:
        stepped(): the text changed by a key or wheel step; treat it like typing.
    """

    stepped = Signal()

    def __init__(
        self,
        accessible: str,
        *,
        step: float,
        page: float,
        low: float,
        high: float,
        fmt: Callable[[float], str] = format_number,
        parse: Callable[[str], float | None] = parse_number,
        width_chars: int = 6,
    ) -> None:
        super().__init__()
        self.setAccessibleName(accessible)
        self.step, self.page, self.low, self.high = step, page, low, high
        self._fmt, self._parse = fmt, parse
        self._shown: tuple[str, float] | None = None
        self._last_good: float | None = None
        self._wheel = 0
        self._problem = False
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        width = self.fontMetrics().horizontalAdvance("8" * width_chars) + 22
        self.setFixedWidth(width)
        self.textChanged.connect(self._remember)
        self.textEdited.connect(self._forget_exact)

    def set_value(self, value: float) -> None:
        text = self._fmt(value)
        self._shown = (text, value)
        self.setText(text)

    def value(self) -> float | None:
        text = self.text()
        if self._shown is not None and text == self._shown[0]:
            return self._shown[1]
        return self._parse(text)

    def set_problem(self, message: str | None) -> None:
        """Mark the field (a caution edge) and let screen readers hear why."""
        self._problem = message is not None
        self.setAccessibleDescription(message or "")
        self.update()

    @property
    def has_problem(self) -> bool:
        return self._problem

    def step_by(self, delta: float) -> None:
        current = self.value()
        if current is None or not math.isfinite(current):
            current = self._last_good
        if current is None:
            return
        ticks = round((current + delta) / self.step)
        target = min(self.high, max(self.low, ticks * self.step))
        if self._fmt(target) != self.text():
            self.set_value(target)
            self.stepped.emit()

    def _forget_exact(self, text: str) -> None:
        self._shown = None  # typed by the person: what they typed is what they meant

    def _remember(self, text: str) -> None:
        value = self.value()
        if value is not None and self.low <= value <= self.high:
            self._last_good = value

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and claims_key(event, STEP_KEYS)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        deltas = {
            Qt.Key.Key_Up: self.step,
            Qt.Key.Key_Down: -self.step,
            Qt.Key.Key_PageUp: self.page,
            Qt.Key.Key_PageDown: -self.page,
        }
        if claims_key(event, STEP_KEYS) and not self.isReadOnly():
            self.step_by(deltas[Qt.Key(event.key())])
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus() or not self.isEnabled():
            event.ignore()  # an unfocused field lets the panel scroll under the pointer
            return
        # Touchpads send small deltas: add them up and step once per whole notch.
        self._wheel += event.angleDelta().y()
        notches = int(self._wheel / WHEEL_NOTCH)
        if notches:
            self._wheel -= notches * WHEEL_NOTCH
            self.step_by(notches * self.step)
        event.accept()

    def focusOutEvent(self, event: object) -> None:
        self._wheel = 0
        super().focusOutEvent(event)  # type: ignore[arg-type]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._problem:
            return
        # A caution edge over the style's frame: a tint alone would not do for every eye,
        # and the message under the field says the rest.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(zone_colour(self.palette(), "working"), 2.0))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3.0, 3.0)
        painter.end()


class QuietSpinBox(QSpinBox):
    """A spin box that leaves the wheel to the scroll area unless it has focus."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class QuietCombo(QComboBox):
    """A combo box that leaves the wheel to the scroll area unless it has focus."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()
