"""The pacer's figure: a person lying on their back, knees bent, breathing into the belly.

Seen from the side. The chest line and the hand on the chest stay put; the belly line,
the hand resting on it and the dome of the diaphragm move with the lung fraction. All
geometry is float and antialiased in a 480 x 240 design space scaled to the widget, so the
motion is smooth at any scale. Colours come from the palette.

What never moves (floor, legs, head, the hand on the chest) is drawn once into two cached
layers; a frame only draws the torso and the forearm, and only when the belly has moved
by a visible fraction of a pixel.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QRadialGradient,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.ui.theme import blend

DESIGN_W, DESIGN_H = 480.0, 240.0
FLOOR_Y = 196.0
# The belly rises this many design units from empty to full lungs.
BELLY_REST, BELLY_RISE = 4.0, 15.0
# The belly curve: a cubic from the pelvis (right) to the lower ribs (left). Its x controls
# never change, only its y controls do, so the curve parameter under the hand is fixed.
BELLY_X = (304.0, 285.0, 238.0, 214.0)
BELLY_Y_BASE = (147.0, 140.0, 140.0, 139.0)
BELLY_Y_LIFT = (0.0, 1.25, 1.3, 0.0)  # how much each control rises per unit of bulge
HAND_X = 258.0
# Where the figure changes with the breath, in design units (repaint only this).
MOVING_AREA = QRectF(150.0, 92.0, 180.0, 104.0)
# What the two cached still layers cover, with room for strokes (design units).
UNDER_AREA = QRectF(18.0, 96.0, 444.0, 106.0)
OVER_AREA = QRectF(40.0, 106.0, 166.0, 96.0)
# Repaint when the belly top has moved this many device pixels.
VISIBLE_STEP_PX = 0.33


def _bezier(p0: float, p1: float, p2: float, p3: float, t: float) -> float:
    u = 1.0 - t
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3


def _solve_hand_parameter() -> float:
    lo, hi = 0.0, 1.0  # x decreases along the curve
    for _ in range(60):
        mid = (lo + hi) / 2
        if _bezier(*BELLY_X, mid) > HAND_X:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


HAND_T = _solve_hand_parameter()


def _belly_y(lung: float) -> tuple[float, float, float, float]:
    bulge = BELLY_REST + BELLY_RISE * lung
    return tuple(  # type: ignore[return-value]
        base - lift * bulge for base, lift in zip(BELLY_Y_BASE, BELLY_Y_LIFT, strict=True)
    )


def belly_point(lung: float) -> QPointF:
    """The point on the belly surface where the hand rests."""
    return QPointF(HAND_X, _bezier(*_belly_y(lung), HAND_T))


def belly_travel() -> float:
    """Design units the hand rises from empty to full lungs."""
    return belly_point(0.0).y() - belly_point(1.0).y()


def torso_path(lung: float) -> QPainterPath:
    y = _belly_y(lung)
    path = QPainterPath(QPointF(98.0, 182.0))
    # Back resting on the floor, from the shoulders to the buttocks.
    path.cubicTo(150.0, 190.0, 250.0, 190.0, 306.0, 189.0)
    path.cubicTo(322.0, 188.0, 330.0, 178.0, 326.0, 166.0)
    # Front of the pelvis up to the lower belly.
    path.cubicTo(322.0, 156.0, 314.0, 150.0, BELLY_X[0], y[0])
    # The belly: the only part of the torso outline that moves.
    path.cubicTo(BELLY_X[1], y[1], BELLY_X[2], y[2], BELLY_X[3], y[3])
    # Lower ribs, chest and shoulder: fixed.
    path.cubicTo(196.0, 130.0, 170.0, 119.0, 146.0, 121.0)
    path.cubicTo(124.0, 123.0, 108.0, 136.0, 100.0, 152.0)
    path.cubicTo(96.0, 162.0, 95.0, 174.0, 98.0, 182.0)
    path.closeSubpath()
    return path


def diaphragm_path(lung: float) -> QPainterPath:
    """The dome under the ribs: arched toward the head at rest, flatter and lower when full."""
    apex_x = 186.0 + 22.0 * lung
    path = QPainterPath(QPointF(216.0, 143.0))
    path.cubicTo(apex_x - 6.0, 150.0, apex_x - 4.0, 176.0, 222.0, 184.0)
    return path


class _Ink:
    """The pens and colours of one palette, worked out once per palette."""

    def __init__(self, palette: QPalette) -> None:
        ink = QColor(palette.color(QPalette.ColorRole.WindowText))
        self.accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        paper = QColor(palette.color(QPalette.ColorRole.Window))
        self.skin = blend(QColor(palette.color(QPalette.ColorRole.Base)), self.accent, 0.06)
        line = QColor(ink)
        line.setAlphaF(0.82)
        self.pen = QPen(
            line, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
        )
        self.floor = QColor(ink)
        self.floor.setAlphaF(0.22)
        self.cushion = blend(paper, ink, 0.10)
        self.dome = QColor(self.accent)
        self.dome.setAlphaF(0.55)


class BreathFigure(QWidget):
    """Draws the figure for one lung fraction. Set it with `set_lung`; it repaints itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lung = 0.0
        self._drawn_lung = 0.0
        self._active = False
        self._layers: tuple[QPixmap, QPixmap] | None = None
        self._layers_key: tuple[object, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 180)
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

    def pixels_per_lung(self) -> float:
        """Device pixels the hand travels from empty to full lungs at the current size."""
        scale, _ = self._scale_and_origin()
        return belly_travel() * scale * self.devicePixelRatioF()

    def set_lung(self, lung: float) -> None:
        lung = min(1.0, max(0.0, lung))
        self._lung = lung
        moved_px = abs(lung - self._drawn_lung) * self.pixels_per_lung()
        settled = lung in (0.0, 1.0) and lung != self._drawn_lung
        if moved_px >= VISIBLE_STEP_PX or settled:
            self._drawn_lung = lung
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
        self._drawn_lung = self._lung
        palette = self.palette()
        under, over = self._static_layers(palette)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPixmap(self._layer_origin(UNDER_AREA), under)
        scale, origin = self._scale_and_origin()
        painter.save()
        painter.translate(origin)
        painter.scale(scale, scale)
        ink = _Ink(palette)
        _paint_torso(painter, ink, self._drawn_lung, self._active)
        painter.restore()
        painter.drawPixmap(self._layer_origin(OVER_AREA), over)
        painter.translate(origin)
        painter.scale(scale, scale)
        _paint_near_forearm(painter, ink, self._drawn_lung)
        painter.end()

    def _static_layers(self, palette: QPalette) -> tuple[QPixmap, QPixmap]:
        """The parts that never move, drawn once per size, scale and palette.

        Each layer covers only the design area its drawing uses (placed at that area's
        top-left), not the whole widget: less memory for the same pixels.
        """
        dpr = self.devicePixelRatioF()
        key = (self.width(), self.height(), dpr, palette.cacheKey())
        if self._layers is not None and key == self._layers_key:
            return self._layers
        ink = _Ink(palette)
        scale, _ = self._scale_and_origin()
        layers = []
        for paint, area in ((_paint_under, UNDER_AREA), (_paint_over, OVER_AREA)):
            box = self._to_widget(area).toAlignedRect()
            pixmap = QPixmap(max(1, round(box.width() * dpr)), max(1, round(box.height() * dpr)))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(self._to_widget(QRectF()).topLeft() - QPointF(box.topLeft()))
            painter.scale(scale, scale)
            paint(painter, ink)
            painter.end()
            layers.append(pixmap)
        self._layers = (layers[0], layers[1])
        self._layers_key = key
        return self._layers

    def _layer_origin(self, area: QRectF) -> QPointF:
        return QPointF(self._to_widget(area).toAlignedRect().topLeft())


def _paint_under(painter: QPainter, ink: _Ink) -> None:
    """Floor, cushion, legs and neck: behind the torso."""
    painter.setPen(QPen(ink.floor, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(24.0, FLOOR_Y), QPointF(456.0, FLOOR_Y))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink.cushion)
    painter.drawRoundedRect(QRectF(34.0, 182.0, 86.0, 13.0), 6.0, 6.0)
    # Thigh up to a bent knee, shin down to the foot.
    _limb(painter, [QPointF(312.0, 176.0), QPointF(372.0, 118.0)], 30.0, ink)
    _limb(painter, [QPointF(372.0, 118.0), QPointF(410.0, 182.0)], 22.0, ink)
    _limb(painter, [QPointF(406.0, 186.0), QPointF(436.0, 188.0)], 13.0, ink)
    _limb(painter, [QPointF(86.0, 168.0), QPointF(108.0, 166.0)], 18.0, ink)


def _paint_over(painter: QPainter, ink: _Ink) -> None:
    """Head, the far hand resting on the chest, the near upper arm: in front of the torso."""
    painter.setPen(ink.pen)
    painter.setBrush(ink.skin)
    painter.drawEllipse(QPointF(70.0, 162.0), 23.0, 22.0)
    _hand(painter, QPointF(166.0, 121.5), -14.0, ink)
    _limb(painter, [QPointF(122.0, 168.0), ELBOW], 12.0, ink)


ELBOW = QPointF(196.0, 186.0)


def _paint_torso(painter: QPainter, ink: _Ink, lung: float, active: bool) -> None:
    torso = torso_path(lung)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink.skin)
    painter.drawPath(torso)
    # The belly glows with how full the breath is.
    glow = QRadialGradient(QPointF(262.0, 158.0), 70.0)
    inner = QColor(ink.accent)
    inner.setAlphaF(0.10 + (0.34 if active else 0.22) * lung)
    outer = QColor(ink.accent)
    outer.setAlphaF(0.0)
    glow.setColorAt(0.0, inner)
    glow.setColorAt(1.0, outer)
    painter.setBrush(glow)
    painter.drawPath(torso)
    # The diaphragm, drawn faintly inside the body.
    painter.setPen(QPen(ink.dome, 1.8, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(diaphragm_path(lung))
    painter.setPen(ink.pen)
    painter.drawPath(torso)


def _paint_near_forearm(painter: QPainter, ink: _Ink, lung: float) -> None:
    on_belly = belly_point(lung)
    _limb(painter, [ELBOW, on_belly + QPointF(-12.0, 7.0)], 11.0, ink)
    _hand(painter, on_belly + QPointF(0.0, 1.0), -5.0 + 5.0 * lung, ink)


def _limb(painter: QPainter, points: list[QPointF], width: float, ink: _Ink) -> None:
    """A limb as an outlined, round-capped thick stroke."""
    path = QPainterPath(points[0])
    for point in points[1:]:
        path.lineTo(point)
    outline = QPen(ink.pen)
    outline.setWidthF(width + ink.pen.widthF() * 2)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(outline)
    painter.drawPath(path)
    painter.setPen(
        QPen(
            ink.skin,
            width,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
    )
    painter.drawPath(path)


def _hand(painter: QPainter, at: QPointF, angle: float, ink: _Ink) -> None:
    painter.save()
    painter.translate(at)
    painter.rotate(angle)
    painter.setPen(ink.pen)
    painter.setBrush(ink.skin)
    painter.drawRoundedRect(QRectF(-15.0, -6.0, 30.0, 12.0), 6.0, 6.0)
    painter.restore()
