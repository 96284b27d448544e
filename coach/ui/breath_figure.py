"""The pacer's figure: a person lying on their back, knees bent, breathing into the belly.

Seen from the side. The chest line and the hand on the chest stay put; the belly line,
the hand resting on it and the dome of the diaphragm move with the lung fraction. All
geometry is float and antialiased in a 480 x 240 design space scaled to the widget, so the
motion is smooth at any scale. Colours come from the palette.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QRadialGradient,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.ui.theme import blend

DESIGN_W, DESIGN_H = 480.0, 240.0
FLOOR_Y = 196.0
# The belly rises this many design units from empty to full lungs.
BELLY_REST, BELLY_RISE = 4.0, 15.0
# Where the figure changes with the breath, in design units (repaint only this).
MOVING_AREA = QRectF(150.0, 92.0, 180.0, 104.0)
# The smallest lung change worth a repaint (about a quarter pixel at 2x on a large window).
LUNG_EPSILON = 0.0015


def belly_top(lung: float) -> float:
    """Design y of the highest point of the belly line."""
    return 140.0 - BELLY_REST - BELLY_RISE * lung


def torso_path(lung: float) -> QPainterPath:
    bulge = BELLY_REST + BELLY_RISE * lung
    path = QPainterPath(QPointF(98.0, 182.0))
    # Back resting on the floor, from the shoulders to the buttocks.
    path.cubicTo(150.0, 190.0, 250.0, 190.0, 306.0, 189.0)
    path.cubicTo(322.0, 188.0, 330.0, 178.0, 326.0, 166.0)
    # Front of the pelvis up to the lower belly.
    path.cubicTo(322.0, 156.0, 314.0, 150.0, 304.0, 147.0)
    # The belly: the only part of the torso outline that moves.
    path.cubicTo(285.0, 140.0 - bulge * 1.25, 238.0, 140.0 - bulge * 1.3, 214.0, 139.0)
    # Lower ribs, chest and shoulder: fixed.
    path.cubicTo(196.0, 130.0, 170.0, 119.0, 146.0, 121.0)
    path.cubicTo(124.0, 123.0, 108.0, 136.0, 100.0, 152.0)
    path.cubicTo(96.0, 162.0, 95.0, 174.0, 98.0, 182.0)
    path.closeSubpath()
    return path


def belly_point(lung: float, x: float) -> QPointF:
    """A point on the belly surface at design x (where the hand rests)."""
    bulge = BELLY_REST + BELLY_RISE * lung
    segment = QPainterPath(QPointF(304.0, 147.0))
    segment.cubicTo(285.0, 140.0 - bulge * 1.25, 238.0, 140.0 - bulge * 1.3, 214.0, 139.0)
    # The segment runs right to left; search its percent for the requested x.
    lo, hi = 0.0, 1.0
    for _ in range(24):
        mid = (lo + hi) / 2
        if segment.pointAtPercent(mid).x() > x:
            lo = mid
        else:
            hi = mid
    return segment.pointAtPercent((lo + hi) / 2)


def diaphragm_path(lung: float) -> QPainterPath:
    """The dome under the ribs: arched toward the head at rest, flatter and lower when full."""
    apex_x = 186.0 + 22.0 * lung
    path = QPainterPath(QPointF(216.0, 143.0))
    path.cubicTo(apex_x - 6.0, 150.0, apex_x - 4.0, 176.0, 222.0, 184.0)
    return path


class BreathFigure(QWidget):
    """Draws the figure for one lung fraction. Set it with `set_lung`; it repaints itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lung = 0.0
        self._active = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 180)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.setAccessibleName("Breathing figure")
        self.setAccessibleDescription(
            "A person lying on their back: the belly rises as you breathe in and falls as "
            "you breathe out, while the chest stays still."
        )

    @property
    def lung(self) -> float:
        return self._lung

    def sizeHint(self) -> QSize:
        return QSize(720, 360)

    def set_active(self, active: bool) -> None:
        if active != self._active:
            self._active = active
            self.update()

    def set_lung(self, lung: float) -> None:
        lung = min(1.0, max(0.0, lung))
        if abs(lung - self._lung) < LUNG_EPSILON and lung not in (0.0, 1.0):
            return
        if lung == self._lung:
            return
        self._lung = lung
        # Only the belly, the hand on it and the diaphragm move: repaint just that area.
        self.update(self._to_widget(MOVING_AREA).toAlignedRect().adjusted(-2, -2, 2, 2))

    # -- geometry -------------------------------------------------------------------------
    def _scale_and_origin(self) -> tuple[float, QPointF]:
        scale = min(self.width() / DESIGN_W, self.height() / DESIGN_H)
        origin = QPointF(
            (self.width() - DESIGN_W * scale) / 2, (self.height() - DESIGN_H * scale) / 2
        )
        return scale, origin

    def _to_widget(self, rect: QRectF) -> QRectF:
        scale, origin = self._scale_and_origin()
        return QRectF(
            origin.x() + rect.x() * scale,
            origin.y() + rect.y() * scale,
            rect.width() * scale,
            rect.height() * scale,
        )

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale, origin = self._scale_and_origin()
        painter.translate(origin)
        painter.scale(scale, scale)
        self._paint(painter, self.palette(), self._lung, self._active)
        painter.end()

    @staticmethod
    def _paint(painter: QPainter, palette: QPalette, lung: float, active: bool) -> None:
        ink = QColor(palette.color(QPalette.ColorRole.WindowText))
        accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        paper = QColor(palette.color(QPalette.ColorRole.Window))
        skin = blend(QColor(palette.color(QPalette.ColorRole.Base)), accent, 0.06)
        line = QColor(ink)
        line.setAlphaF(0.82)
        stroke = 2.4

        # Floor and a low cushion under the head.
        floor = QColor(ink)
        floor.setAlphaF(0.22)
        painter.setPen(QPen(floor, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(QPointF(24.0, FLOOR_Y), QPointF(456.0, FLOOR_Y))
        cushion = QColor(blend(paper, ink, 0.10))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(cushion)
        painter.drawRoundedRect(QRectF(34.0, 182.0, 86.0, 13.0), 6.0, 6.0)

        pen = QPen(
            line, stroke, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
        )

        # Legs behind the torso: thigh up to a bent knee, shin down to the foot.
        _limb(painter, [QPointF(312.0, 176.0), QPointF(372.0, 118.0)], 30.0, skin, pen)
        _limb(painter, [QPointF(372.0, 118.0), QPointF(410.0, 182.0)], 22.0, skin, pen)
        _limb(painter, [QPointF(406.0, 186.0), QPointF(436.0, 188.0)], 13.0, skin, pen)

        # Neck, tucked under the torso's outline.
        _limb(painter, [QPointF(86.0, 168.0), QPointF(108.0, 166.0)], 18.0, skin, pen)

        # Torso, with the belly tinted by how full the breath is.
        torso = torso_path(lung)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(skin)
        painter.drawPath(torso)
        glow = QRadialGradient(QPointF(262.0, 158.0), 70.0)
        inner = QColor(accent)
        inner.setAlphaF(0.10 + (0.34 if active else 0.22) * lung)
        outer = QColor(accent)
        outer.setAlphaF(0.0)
        glow.setColorAt(0.0, inner)
        glow.setColorAt(1.0, outer)
        painter.save()
        painter.setClipPath(torso)
        painter.setBrush(QBrush(glow))
        painter.drawRect(QRectF(90.0, 90.0, 250.0, 110.0))
        # The diaphragm, drawn faintly inside the body.
        dome = QColor(accent)
        dome.setAlphaF(0.55)
        painter.setPen(QPen(dome, 1.8, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(diaphragm_path(lung))
        painter.restore()
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(torso)

        # Head resting on the cushion.
        painter.setPen(pen)
        painter.setBrush(skin)
        painter.drawEllipse(QPointF(70.0, 162.0), 23.0, 22.0)

        # The far arm lies behind the body; only its hand shows, resting on the chest.
        _hand(painter, QPointF(166.0, 121.5), -14.0, skin, pen)

        # The near arm: elbow on the floor, hand riding the belly line.
        on_belly = belly_point(lung, 258.0)
        elbow = QPointF(196.0, 186.0)
        _limb(painter, [QPointF(122.0, 168.0), elbow], 12.0, skin, pen)
        _limb(painter, [elbow, on_belly + QPointF(-12.0, 7.0)], 11.0, skin, pen)
        _hand(painter, on_belly + QPointF(0.0, 1.0), -5.0 + 5.0 * lung, skin, pen)


def _limb(painter: QPainter, points: list[QPointF], width: float, fill: QColor, pen: QPen) -> None:
    """A limb as an outlined, round-capped thick stroke."""
    path = QPainterPath(points[0])
    for point in points[1:]:
        path.lineTo(point)
    outline = QPen(pen)
    outline.setWidthF(width + pen.widthF() * 2)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(outline)
    painter.drawPath(path)
    inner = QPen(
        fill, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
    )
    painter.setPen(inner)
    painter.drawPath(path)


def _hand(painter: QPainter, at: QPointF, angle: float, fill: QColor, pen: QPen) -> None:
    painter.save()
    painter.translate(at)
    painter.rotate(angle)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawRoundedRect(QRectF(-15.0, -6.0, 30.0, 12.0), 6.0, 6.0)
    painter.restore()
