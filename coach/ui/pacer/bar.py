"""The pacer for reduced motion: the breath as a still bar that fills and empties.

Shown in the figure's place when the person (or the desktop) asks for less motion. Nothing
in it moves but the edge of the filling, driven by the same lung fraction as the figure:
no glow, no pulse, no easing of its own. The bar has an outline and the words "empty" and
"full" at its ends, so how full it is reads without colour; the phase is said in words by
the cue above it and the countdown below.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.ui.theme import blend, is_dark, is_high_contrast

# Repaint when the edge of the filling has moved this many device pixels (as the figure).
VISIBLE_STEP_PX = 0.33
EMPTY_WORD = "empty"
FULL_WORD = "full"
# The bar never grows wider than this many font heights: past it, a wide window only
# stretches the same breath over more metres of screen.
MAX_WIDTH_EM = 30.0


class BreathBar(QWidget):
    """Draws the breath as a bar for one lung fraction. Set it with `set_lung`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lung = 0.0
        self._drawn_lung = 0.0
        self._active = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 180)  # the figure's: the one takes the other's place
        self.setAccessibleName("Breathing pacer")
        self.setAccessibleDescription(
            "A bar that fills as you breathe in and empties as you breathe out."
        )

    @property
    def lung(self) -> float:
        return self._lung

    def sizeHint(self) -> QSize:
        return QSize(720, 360)

    def set_active(self, active: bool) -> None:
        if active != self._active:
            self._active = active
            self.update(self.bar_rect().toAlignedRect().adjusted(-4, -4, 4, 4))

    def set_status(self, text: str) -> None:
        """What a screen reader hears about the breath now (the phase and its seconds)."""
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)

    def pixels_per_lung(self) -> float:
        """Device pixels the edge of the filling travels from empty to full."""
        return self.track_rect().width() * self.devicePixelRatioF()

    def set_lung(self, lung: float) -> None:
        lung = min(1.0, max(0.0, lung))
        self._lung = lung
        moved_px = abs(lung - self._drawn_lung) * self.pixels_per_lung()
        settled = lung in (0.0, 1.0) and lung != self._drawn_lung
        if moved_px >= VISIBLE_STEP_PX or settled:
            # Only the stretch between the old edge and the new one changes.
            inner = self.track_rect()
            a = inner.left() + inner.width() * self._drawn_lung
            b = inner.left() + inner.width() * lung
            edge = self._edge_width() + 2.0
            changed = QRectF(min(a, b) - edge, inner.top(), abs(b - a) + 2 * edge, inner.height())
            self._drawn_lung = lung
            self.update(changed.toAlignedRect().adjusted(-1, -1, 1, 1))

    # -- geometry -------------------------------------------------------------------------
    def bar_rect(self) -> QRectF:
        """The bar's outline in widget coordinates: centred, with the end words below it."""
        em = float(self.fontMetrics().height())
        width = min(self.width() * 0.88, em * MAX_WIDTH_EM)
        height = max(28.0, min(self.height() * 0.3, width * 0.14))
        gap = em * 0.4
        block = height + gap + em
        top = (self.height() - block) / 2
        return QRectF((self.width() - width) / 2, top, width, height)

    def _outline_width(self) -> float:
        height = self.bar_rect().height()
        scale = 1.5 if is_high_contrast(self.palette()) else 1.0
        return max(2.0, height * 0.045) * scale

    def _edge_width(self) -> float:
        return self._outline_width()

    def track_rect(self) -> QRectF:
        """Where the filling goes: the inside of the outline, with a gap of paper."""
        inset = self._outline_width() * 1.5
        return self.bar_rect().adjusted(inset, inset, -inset, -inset)

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        self._drawn_lung = self._lung
        palette = self.palette()
        ink = QColor(palette.color(QPalette.ColorRole.WindowText))
        paper = QColor(palette.color(QPalette.ColorRole.Window))
        accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        high = is_high_contrast(palette)
        bar = self.bar_rect()
        inner = self.track_rect()
        outline = self._outline_width()
        radius = bar.height() / 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        # The trough: a touch darker (or lighter) than the paper, so the empty part is a
        # place of its own even before the outline is seen.
        trough = blend(paper, ink, 0.05 if high else 0.07)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(trough)
        painter.drawRoundedRect(bar, radius, radius)

        # The filling, clipped to the inside of the outline: a straight edge that moves.
        shape = QPainterPath()
        inner_radius = inner.height() / 2
        shape.addRoundedRect(inner, inner_radius, inner_radius)
        fill_width = inner.width() * self._drawn_lung
        if fill_width > 0.0:
            strength = 1.0 if self._active or high else 0.55
            fill = blend(trough, accent, strength * (0.85 if is_dark(palette) else 0.9))
            painter.save()
            painter.setClipPath(shape)
            painter.setBrush(fill)
            painter.drawRect(QRectF(inner.left(), inner.top(), fill_width, inner.height()))
            # The edge of the filling in ink: how full it is reads without the colour.
            if 0.0 < self._drawn_lung < 1.0:
                x = inner.left() + fill_width
                painter.setPen(QPen(ink, self._edge_width(), Qt.PenStyle.SolidLine))
                painter.drawLine(QPointF(x, inner.top()), QPointF(x, inner.bottom()))
            painter.restore()

        line = QColor(ink)
        line.setAlphaF(1.0 if high else 0.82)
        painter.setPen(QPen(line, outline))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = outline / 2
        ring = bar.adjusted(half, half, -half, -half)
        painter.drawRoundedRect(ring, radius - half, radius - half)

        # The ends in words, under the bar: where empty is and where full is.
        words = QColor(ink)
        words.setAlphaF(1.0 if high else 0.72)
        painter.setPen(words)
        font = QFont(self.font())
        painter.setFont(font)
        em = float(self.fontMetrics().height())
        below = QRectF(bar.left() + radius * 0.5, bar.bottom() + em * 0.4, bar.width() - radius, em)
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, EMPTY_WORD)
        painter.drawText(below, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, FULL_WORD)
        painter.end()
