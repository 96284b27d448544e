"""One breath drawn to scale: the lung curve over a cycle, with a dot for 'now'.

Shows the shape of a pattern at a glance (a long exhale is a long slope down, a hold is a
flat stretch) and, during a session, where in the breath you are. Colours from the palette.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.core.breath import PHASES, BreathPattern, Phase
from coach.core.pacer import Timeline, lung_fraction

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
        self._position: float | None = None  # seconds into the cycle, None: no dot
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(220, 44)
        self.setAccessibleName("One breath to scale")

    def sizeHint(self) -> QSize:
        return QSize(420, 52)

    def set_pattern(self, pattern: BreathPattern) -> None:
        if pattern != self._pattern:
            self._pattern = pattern
            self.update()

    def set_position(self, seconds: float | None) -> None:
        """Move the dot; repaint only when it moves by at least half a pixel."""
        if seconds is None or self._position is None:
            changed = seconds != self._position
        else:
            plot = self._plot_rect()
            changed = abs(seconds - self._position) * plot.width() / self._pattern.cycle >= 0.5
        if changed:
            self._position = seconds
            self.update()

    def _plot_rect(self) -> QRectF:
        label_h = self.fontMetrics().height()
        return QRectF(
            8.0, 6.0, max(1.0, self.width() - 16.0), max(1.0, self.height() - 12.0 - label_h)
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        ink = QColor(palette.color(QPalette.ColorRole.WindowText))
        accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        rect = self._plot_rect()
        cycle = self._pattern.cycle

        def point(t: float, lung: float) -> QPointF:
            return QPointF(
                rect.left() + rect.width() * t / cycle, rect.bottom() - rect.height() * lung
            )

        curve = QPainterPath(point(0.0, 0.0))
        start = 0.0
        soft = QColor(ink)
        soft.setAlphaF(0.45)
        painter.setFont(self.font())
        for phase in PHASES:
            length = self._pattern.duration(phase)
            if length == 0:
                continue
            for i in range(1, SAMPLES_PER_PHASE + 1):
                x = i / SAMPLES_PER_PHASE
                curve.lineTo(point(start + length * x, lung_fraction(phase, x)))
            label_rect = QRectF(
                point(start, 0).x(),
                rect.bottom() + 3,
                rect.width() * length / cycle,
                self.fontMetrics().height(),
            )
            painter.setPen(soft)
            painter.drawText(
                label_rect,
                Qt.AlignmentFlag.AlignCenter,
                f"{SHORT_LABELS[phase]} {_seconds(length)}",
            )
            start += length
        fill = QPainterPath(curve)
        fill.lineTo(point(cycle, 0.0))
        fill.closeSubpath()
        tint = QColor(accent)
        tint.setAlphaF(0.14)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(tint)
        painter.drawPath(fill)
        line = QColor(accent)
        line.setAlphaF(0.9)
        painter.setPen(
            QPen(
                line, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
            )
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(curve)
        if self._position is not None:
            t = min(max(self._position, 0.0), cycle)
            at = point(t, Timeline(self._pattern, 1).at(min(t, cycle - 1e-9)).lung)
            painter.setPen(QPen(QColor(palette.color(QPalette.ColorRole.Window)), 2.0))
            painter.setBrush(accent)
            painter.drawEllipse(at, 5.0, 5.0)
        painter.end()


def _seconds(value: float) -> str:
    text = f"{value:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "s"
