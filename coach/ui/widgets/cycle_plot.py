"""One breath drawn to scale: the lung curve over a cycle, the current phase picked out.

Shows the shape of a pattern at a glance (a long exhale is a long slope down, a hold is a
flat stretch) and which part of the breath you are in. It repaints only when the pattern,
the phase or the palette changes: the moving figure above it carries the motion.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.core.breath.pacer import lung_fraction
from coach.core.breath.pattern import PHASES, BreathPattern, Phase, format_seconds

SAMPLES_PER_PHASE = 24
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
            self.setAccessibleDescription(f"Pattern {pattern.label}")
            self.update()

    def set_current(self, phase: Phase | None) -> None:
        if phase is not self._current:
            self._current = phase
            self.update()

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

        soft = QColor(ink)
        soft.setAlphaF(0.45)
        faint = QColor(accent)
        faint.setAlphaF(0.45)
        tint = QColor(accent)
        tint.setAlphaF(0.12)
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
            painter.setPen(accent if current else soft)
            painter.setFont(bold if current else self.font())
            text = f"{SHORT_LABELS[phase]} {format_seconds(length)}s"
            if painter.fontMetrics().horizontalAdvance(text) > label_rect.width() + 4:
                text = f"{format_seconds(length)}s"  # a short phase: just its length
            if painter.fontMetrics().horizontalAdvance(text) <= label_rect.width() + 4:
                painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, text)
            start += length
        painter.end()
