"""One breath drawn to scale: the lung curve over a cycle, the current phase picked out.

Shows the shape of a pattern at a glance (a long exhale is a long slope down, a hold is a
flat stretch) and which part of the breath you are in. It repaints only when the pattern,
the phase or the palette changes: the moving figure above it carries the motion. Nothing in
it moves, so it stays as it is in reduced motion too (the current phase picked out is a
change of state, made once per phase, not an animation).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.core.breath.pacer import lung_fraction
from coach.core.breath.pattern import PHASES, BreathPattern, Phase, format_seconds
from coach.ui.theme import heading_colour, is_high_contrast

SAMPLES_PER_PHASE = 24
SPOKEN = {
    Phase.INHALE: "breathing in",
    Phase.HOLD_IN: "holding, full",
    Phase.EXHALE: "breathing out",
    Phase.HOLD_OUT: "holding, empty",
}
SHORT_LABELS = {
    Phase.INHALE: "in",
    Phase.HOLD_IN: "hold",
    Phase.EXHALE: "out",
    Phase.HOLD_OUT: "hold",
}


class CyclePlot(QWidget):
    def __init__(self, pattern: BreathPattern | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pattern = pattern or BreathPattern()
        self._current: Phase | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(220, 44)
        self.setAccessibleName("One breath to scale")
        self._describe()

    @property
    def pattern(self) -> BreathPattern:
        return self._pattern

    @property
    def current(self) -> Phase | None:
        return self._current

    def sizeHint(self) -> QSize:
        return QSize(420, 52)

    def set_pattern(self, pattern: BreathPattern) -> None:
        if pattern != self._pattern:
            self._pattern = pattern
            self._describe()
            self.update()

    def set_current(self, phase: Phase | None) -> None:
        if phase is not self._current:
            self._current = phase
            self._describe()
            self.update()

    def _describe(self) -> None:
        """'One breath: in 4 s, out 6 s; now breathing in' (a phase of no length is left
        out), for a screen reader; it changes with the pattern and the phase only."""
        parts = [
            f"{SHORT_LABELS[phase]} {format_seconds(self._pattern.duration(phase))} s"
            for phase in PHASES
            if self._pattern.duration(phase) > 0
        ]
        text = "One breath: " + ", ".join(parts)
        if self._current is not None:
            text += f"; now {SPOKEN[self._current]}"
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = QColor(palette.color(QPalette.ColorRole.WindowText))
        accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        label_h = self.fontMetrics().height()
        rect = QRectF(
            8.0, 6.0, max(1.0, self.width() - 16.0), max(1.0, self.height() - 12.0 - label_h)
        )
        cycle = self._pattern.cycle

        def point(t: float, lung: float) -> QPointF:
            return QPointF(
                rect.left() + rect.width() * t / cycle, rect.bottom() - rect.height() * lung
            )

        # The other phases' words read at 4.5:1 or more (7:1 in high contrast); the phase
        # under way is picked out in bold and a deeper line, not by its colour alone.
        high = is_high_contrast(palette)
        soft = QColor(ink)
        soft.setAlphaF(0.8 if high else 0.72)
        picked = heading_colour(palette)
        faint = QColor(accent)
        faint.setAlphaF(0.85 if high else 0.45)
        tint = QColor(accent)
        tint.setAlphaF(0.2 if high else 0.12)
        bold = QFont(self.font())
        bold.setBold(True)
        start = 0.0
        for phase in PHASES:
            length = self._pattern.duration(phase)
            if length == 0:
                continue
            segment = QPainterPath(point(start, lung_fraction(phase, 0.0)))
            for i in range(1, SAMPLES_PER_PHASE + 1):
                x = i / SAMPLES_PER_PHASE
                segment.lineTo(point(start + length * x, lung_fraction(phase, x)))
            current = phase is self._current
            area = QPainterPath(segment)
            area.lineTo(point(start + length, 0.0))
            area.lineTo(point(start, 0.0))
            area.closeSubpath()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)
            painter.drawPath(area)
            painter.setPen(
                QPen(
                    accent if current else faint,
                    3.0 if current else 1.6,
                    Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin,
                )
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(segment)
            label_rect = QRectF(
                point(start, 0).x(), rect.bottom() + 3, rect.width() * length / cycle, label_h
            )
            painter.setPen(picked if current else soft)
            painter.setFont(bold if current else self.font())
            text = f"{SHORT_LABELS[phase]} {format_seconds(length)}s"
            if painter.fontMetrics().horizontalAdvance(text) > label_rect.width() + 4:
                text = f"{format_seconds(length)}s"  # a short phase: just its length
            if painter.fontMetrics().horizontalAdvance(text) <= label_rect.width() + 4:
                painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, text)
            start += length
        painter.end()
