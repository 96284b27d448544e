"""The pacer's figure: a person breathing into the belly, in the position of the step.

Seen from the side. By default (`"supine"`) the person lies on their back, knees bent;
`set_pose` puts them face down, seated, in a low lunge, standing or in pigeon pose (`POSES`,
drawn from `coach.ui.pacer.poses`). In every pose the chest line stays put while the belly
line, the hand resting on it and the dome of the diaphragm move with the lung fraction. All
geometry is float and antialiased in a 480 x 240 design space scaled to the widget, so the
motion is smooth at any scale. Colours come from the palette.

What never moves (floor, limbs, head, still hands) is drawn once per pose, size and palette
into two cached layers; a frame only draws the torso and the forearm, and only when the
belly has moved by a visible fraction of a pixel.
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

from coach.ui.pacer.poses import (
    DESIGN_H,
    DESIGN_W,
    DOME_STROKE,
    FLOOR_ENDS,
    FLOOR_STROKE,
    FLOOR_Y,
    HAND_H,
    HAND_W,
    POSE_BY_NAME,
    POSES,
    STROKE,
    Hand,
    Head,
    Limb,
    Pad,
    Part,
    Pose,
    belly_travel,
    diaphragm_path,
    forearm,
    layer_areas,
    torso_path,
)
from coach.ui.theme import blend, is_high_contrast

__all__ = ["POSES", "VISIBLE_STEP_PX", "BreathFigure"]

# Repaint when the belly top has moved this many device pixels.
VISIBLE_STEP_PX = 0.33


class _Ink:
    """The pens and colours of one palette, worked out once per paint.

    `scale` is the pose's: its strokes are drawn in pose units, so they are widened by
    as much as the pose is shrunk and look the same in every pose.
    """

    def __init__(self, palette: QPalette, scale: float = 1.0) -> None:
        ink = QColor(palette.color(QPalette.ColorRole.WindowText))
        self.accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        paper = QColor(palette.color(QPalette.ColorRole.Window))
        self.skin = blend(QColor(palette.color(QPalette.ColorRole.Base)), self.accent, 0.06)
        # In high contrast the lines are full ink and the floor is firm.
        high = is_high_contrast(palette)
        line = QColor(ink)
        line.setAlphaF(1.0 if high else 0.82)
        self.pen = QPen(
            line,
            STROKE / scale,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        self.dome_width = DOME_STROKE / scale
        self.floor = QColor(ink)
        self.floor.setAlphaF(0.6 if high else 0.22)
        self.cushion = blend(paper, ink, 0.10)
        self.furniture = blend(paper, ink, 0.30)
        self.dome = QColor(self.accent)
        self.dome.setAlphaF(0.55)


class BreathFigure(QWidget):
    """Draws the figure for one lung fraction. Set it with `set_lung`; it repaints itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lung = 0.0
        self._drawn_lung = 0.0
        self._active = False
        self._pose = POSE_BY_NAME["supine"]
        self._mirrored = False
        self._areas = layer_areas(self._pose)
        self._travel = belly_travel(self._pose)
        self._layers: tuple[QPixmap, QPixmap] | None = None
        self._layers_key: tuple[object, ...] = ()
        self._status = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 180)
        self.setAccessibleName("Breathing pacer")
        self._describe()

    @property
    def lung(self) -> float:
        return self._lung

    def sizeHint(self) -> QSize:
        return QSize(720, 360)

    def pose(self) -> str:
        """The position the figure is drawn in: one of `POSES`."""
        return self._pose.name

    def set_pose(self, pose: str) -> None:
        """Draw the figure in this position (one of `POSES`); the breath carries on."""
        if pose not in POSE_BY_NAME:
            raise ValueError(f"pose: {pose!r} is not one of {', '.join(POSES)}")
        if pose == self._pose.name:
            return
        self._pose = POSE_BY_NAME[pose]
        self._areas = layer_areas(self._pose)
        self._travel = belly_travel(self._pose)
        self._layers = None  # the old pose's layers go now, the new ones at the next paint
        self._layers_key = ()
        self._describe()
        self.update()

    def set_status(self, text: str) -> None:
        """What a screen reader hears about the breath now (the phase and its seconds), said
        before what the figure shows."""
        if text != self._status:
            self._status = text
            self._describe()

    def _describe(self) -> None:
        status = f"{self._status}. " if self._status else ""
        self.setAccessibleDescription(status + self._pose.description)

    def mirrored(self) -> bool:
        return self._mirrored

    def set_mirrored(self, mirrored: bool) -> None:
        """Draw the figure facing the other way: the left side of a sided step, as the
        step's drawing beside it shows it."""
        if mirrored != self._mirrored:
            self._mirrored = mirrored
            self.update()

    def set_active(self, active: bool) -> None:
        if active != self._active:
            self._active = active
            self.update()

    def pixels_per_lung(self) -> float:
        """Device pixels the hand travels from empty to full lungs at the current size."""
        scale, _ = self._scale_and_origin()
        return self._travel * scale * self.devicePixelRatioF()

    def set_lung(self, lung: float) -> None:
        lung = min(1.0, max(0.0, lung))
        self._lung = lung
        moved_px = abs(lung - self._drawn_lung) * self.pixels_per_lung()
        settled = lung in (0.0, 1.0) and lung != self._drawn_lung
        if moved_px >= VISIBLE_STEP_PX or settled:
            self._drawn_lung = lung
            # Only the belly, the hand on it and the diaphragm move: repaint just that area.
            moving = self._to_widget(self._areas[2])
            if self._mirrored:
                moving.moveLeft(self.width() - moving.right())
            self.update(moving.toAlignedRect().adjusted(-2, -2, 2, 2))

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
        pose = self._pose
        under_area, over_area, _ = self._areas
        under, over = self._static_layers(palette)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._mirrored:  # the whole picture, cached layers included, left for right
            painter.translate(self.width(), 0.0)
            painter.scale(-1.0, 1.0)
        painter.drawPixmap(self._layer_origin(under_area), under)
        scale, origin = self._scale_and_origin()
        painter.save()
        painter.translate(origin)
        painter.scale(scale, scale)
        _enter_pose(painter, pose)
        ink = _Ink(palette, pose.scale)
        _paint_torso(painter, ink, pose, self._drawn_lung, self._active)
        painter.restore()
        painter.drawPixmap(self._layer_origin(over_area), over)
        painter.translate(origin)
        painter.scale(scale, scale)
        _enter_pose(painter, pose)
        for part in forearm(pose, self._drawn_lung) or ():
            _paint_part(painter, ink, part)
        painter.end()

    def _static_layers(self, palette: QPalette) -> tuple[QPixmap, QPixmap]:
        """The parts that never move, drawn once per pose, size, scale and palette.

        Each layer covers only the design area its drawing uses (placed at that area's
        top-left), not the whole widget: less memory for the same pixels.
        """
        dpr = self.devicePixelRatioF()
        key = (self._pose.name, self.width(), self.height(), dpr, palette.cacheKey())
        if self._layers is not None and key == self._layers_key:
            return self._layers
        ink = _Ink(palette, self._pose.scale)
        scale, _ = self._scale_and_origin()
        layers = []
        for paint, area in ((_paint_under, self._areas[0]), (_paint_over, self._areas[1])):
            box = self._to_widget(area).toAlignedRect()
            pixmap = QPixmap(max(1, round(box.width() * dpr)), max(1, round(box.height() * dpr)))
            pixmap.setDevicePixelRatio(dpr)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(self._to_widget(QRectF()).topLeft() - QPointF(box.topLeft()))
            painter.scale(scale, scale)
            paint(painter, ink, self._pose)
            painter.end()
            layers.append(pixmap)
        self._layers = (layers[0], layers[1])
        self._layers_key = key
        return self._layers

    def _layer_origin(self, area: QRectF) -> QPointF:
        return QPointF(self._to_widget(area).toAlignedRect().topLeft())


def _enter_pose(painter: QPainter, pose: Pose) -> None:
    """From design units to the pose's own units."""
    painter.translate(pose.offset())
    painter.scale(pose.scale, pose.scale)


def _paint_under(painter: QPainter, ink: _Ink, pose: Pose) -> None:
    """The floor, and what lies behind the torso."""
    painter.setPen(QPen(ink.floor, FLOOR_STROKE, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(FLOOR_ENDS[0], FLOOR_Y), QPointF(FLOOR_ENDS[1], FLOOR_Y))
    _enter_pose(painter, pose)
    for part in pose.under:
        _paint_part(painter, ink, part)


def _paint_over(painter: QPainter, ink: _Ink, pose: Pose) -> None:
    """What lies in front of the torso and never moves."""
    _enter_pose(painter, pose)
    for part in pose.over:
        _paint_part(painter, ink, part)


def _paint_torso(painter: QPainter, ink: _Ink, pose: Pose, lung: float, active: bool) -> None:
    torso = torso_path(pose, lung)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ink.skin)
    painter.drawPath(torso)
    # The belly glows with how full the breath is.
    centre, radius = pose.glow
    glow = QRadialGradient(QPointF(*centre), radius)
    inner = QColor(ink.accent)
    inner.setAlphaF(0.10 + (0.34 if active else 0.22) * lung)
    outer = QColor(ink.accent)
    outer.setAlphaF(0.0)
    glow.setColorAt(0.0, inner)
    glow.setColorAt(1.0, outer)
    painter.setBrush(glow)
    painter.drawPath(torso)
    # The diaphragm, drawn faintly inside the body.
    painter.setPen(QPen(ink.dome, ink.dome_width, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(diaphragm_path(pose, lung))
    painter.setPen(ink.pen)
    painter.drawPath(torso)


def _paint_part(painter: QPainter, ink: _Ink, part: Part) -> None:
    if isinstance(part, Limb):
        _limb(painter, [QPointF(*point) for point in part.points], part.width, ink)
    elif isinstance(part, Head):
        painter.setPen(ink.pen)
        painter.setBrush(ink.skin)
        painter.drawEllipse(QPointF(*part.centre), *part.radii)
    elif isinstance(part, Hand):
        _hand(painter, QPointF(*part.at), part.angle, ink)
    elif isinstance(part, Pad):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink.cushion)
        painter.drawRoundedRect(QRectF(*part.rect), part.radius, part.radius)
    else:  # a Rail: furniture
        pen = QPen(ink.furniture, part.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPolyline([QPointF(*point) for point in part.points])


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
    painter.drawRoundedRect(QRectF(-HAND_W / 2, -HAND_H / 2, HAND_W, HAND_H), 6.0, 6.0)
    painter.restore()
