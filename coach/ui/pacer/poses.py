"""The poses of the pacer's figure: data and pure geometry, no widget.

A pose is the body in one position, seen from the side: the still parts drawn under and
over the torso, the torso outline whose belly curve moves with the lung fraction, the dome
of the diaphragm, the glow on the belly and (in most poses) the near forearm whose hand
rests on the belly. Every pose is drawn in the same hand: one head, one set of limb widths.

Each pose is written in its own units (the lying ones in the design space's, the upright
ones from the hip joint) and placed in the 480 x 240 design space by a scale and an
offset: standing up does not fit in 240 units at the size lying down does, and neither do
long legs lying face down, so those figures are drawn smaller, on the same floor, their
strokes as wide. Functions here answer in pose units unless they say design units.

Each pose faces the way the step panel's drawings (assets/illustrations) do, so the two
show the body alike: on the back, the head is on the left; face down, the head is on the
right and the legs reach to the left; seated, lunging, standing and in pigeon, the body
faces right.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QTransform

Point = tuple[float, float]
Cubic = tuple[Point, Point, Point]  # the two controls and the end of one cubic segment

DESIGN_W, DESIGN_H = 480.0, 240.0
FLOOR_Y = 196.0
FLOOR_ENDS = (24.0, 456.0)
# The belly bulges this much at empty lungs, and this much more at full ones (times each
# pose's lift weights, which turn the bulge into units).
BELLY_REST, BELLY_RISE = 4.0, 15.0
# The body, the same in every pose (widths in the units of the lying poses).
THIGH_W, SHIN_W, FOOT_W, NECK_W, UPPER_ARM_W, FOREARM_W = 30.0, 22.0, 13.0, 18.0, 12.0, 11.0
HAND_W, HAND_H = 30.0, 12.0
LYING_HEAD, UPRIGHT_HEAD = (23.0, 22.0), (22.0, 23.0)  # radii across and up the page
# Outlines, in design units (the same on screen whatever a pose's scale).
STROKE, DOME_STROKE, FLOOR_STROKE = 2.4, 1.8, 2.0
# Room left around what a cached layer or a repaint covers, in design units.
MARGIN = 2.0


@dataclass(frozen=True)
class Limb:
    """A limb: a thick, outlined, round-capped stroke through its points."""

    points: tuple[Point, ...]
    width: float


@dataclass(frozen=True)
class Head:
    centre: Point
    radii: Point = LYING_HEAD


@dataclass(frozen=True)
class Hand:
    """A resting hand: a rounded bar HAND_W long, turned `angle` degrees (clockwise)."""

    at: Point
    angle: float


@dataclass(frozen=True)
class Pad:
    """Something soft under the body (a cushion): filled, no outline."""

    rect: tuple[float, float, float, float]
    radius: float


@dataclass(frozen=True)
class Rail:
    """A thin piece of furniture (a stool's seat or leg): a line in a quiet colour."""

    points: tuple[Point, ...]
    width: float


Part = Limb | Head | Hand | Pad | Rail


@dataclass(frozen=True)
class Belly:
    """The belly: one cubic of the torso outline. Its ends never move; its two inner
    controls move along `rise` (an axis: up, or forward) by their lift times the bulge.

    The hand rests at `hand`'s position across the rise, so the curve parameter under it
    never changes and the point under the hand moves in a straight line. (With no hand on
    the belly, as face down, that point is where the rise is measured.)
    """

    controls: tuple[Point, Point, Point, Point]
    lift: tuple[float, float, float, float]
    rise: Point
    hand: Point

    def __post_init__(self) -> None:
        if 0.0 not in self.rise or self.lift[0] or self.lift[3]:
            raise ValueError("a belly rises along an axis, and its ends stay put")


@dataclass(frozen=True)
class Torso:
    """The outline: fixed segments from `start` to the belly, the belly, then fixed
    segments (the lower ribs, the chest, the shoulder) back to `start`."""

    start: Point
    before: tuple[Cubic, ...]
    belly: Belly
    after: tuple[Cubic, ...]


@dataclass(frozen=True)
class Dome:
    """The diaphragm: a cubic whose controls move by `shift` times the lung fraction."""

    start: Point
    controls: tuple[Point, Point]
    end: Point
    shift: Point


@dataclass(frozen=True)
class Reach:
    """The near forearm, from a still elbow to the belly, and the hand resting on it."""

    elbow: Point
    wrist: Point  # from the point under the hand
    palm: Point  # from the point under the hand
    angle: float  # of the hand at empty lungs
    turn: float  # more degrees at full lungs


@dataclass(frozen=True)
class Pose:
    """One position of the body, and where it sits in the design space."""

    name: str
    description: str
    torso: Torso
    dome: Dome
    glow: tuple[Point, float]  # centre and radius of the glow on the belly
    under: tuple[Part, ...]  # behind the torso
    over: tuple[Part, ...]  # in front of it
    reach: Reach | None = None
    scale: float = 1.0  # design units per pose unit
    floor: float = FLOOR_Y  # where the floor is, in pose units
    centre_x: float = DESIGN_W / 2  # what lands in the middle of the design space

    def offset(self) -> QPointF:
        return QPointF(DESIGN_W / 2 - self.scale * self.centre_x, FLOOR_Y - self.scale * self.floor)

    def to_design(self) -> QTransform:
        """Pose units to design units."""
        offset = self.offset()
        return QTransform(self.scale, 0.0, 0.0, self.scale, offset.x(), offset.y())


# -- the moving geometry --------------------------------------------------------------------
def _bezier(p: list[float], t: float) -> float:
    p0, p1, p2, p3 = p
    u = 1.0 - t
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3


@functools.cache
def _hand_parameter(belly: Belly) -> float:
    """The curve parameter under the hand, by bisection across the rise (once per belly)."""
    axis = 0 if belly.rise[0] == 0.0 else 1  # the coordinate the rise leaves alone
    across = [c[axis] for c in belly.controls]
    falling = across[3] < across[0]
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if (_bezier(across, mid) > belly.hand[axis]) == falling:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def belly_controls(belly: Belly, lung: float) -> tuple[Point, Point, Point, Point]:
    bulge = BELLY_REST + BELLY_RISE * lung
    dx, dy = belly.rise
    return tuple(  # type: ignore[return-value]
        (x + dx * lift * bulge, y + dy * lift * bulge)
        for (x, y), lift in zip(belly.controls, belly.lift, strict=True)
    )


def belly_point(pose: Pose, lung: float) -> QPointF:
    """The point on the belly surface where the hand rests (pose units)."""
    belly = pose.torso.belly
    t = _hand_parameter(belly)
    controls = belly_controls(belly, lung)
    x = belly.hand[0] if belly.rise[0] == 0.0 else _bezier([c[0] for c in controls], t)
    y = belly.hand[1] if belly.rise[1] == 0.0 else _bezier([c[1] for c in controls], t)
    return QPointF(x, y)


def belly_travel(pose: Pose) -> float:
    """Design units the belly moves under the hand from empty to full lungs."""
    moved = belly_point(pose, 1.0) - belly_point(pose, 0.0)
    return math.hypot(moved.x(), moved.y()) * pose.scale


def torso_path(pose: Pose, lung: float) -> QPainterPath:
    torso = pose.torso
    path = QPainterPath(QPointF(*torso.start))
    for c1, c2, end in torso.before:
        path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
    _, c1, c2, end = belly_controls(torso.belly, lung)
    path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
    for c1, c2, end in torso.after:
        path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
    path.closeSubpath()
    return path


def chest_points(pose: Pose) -> list[QPointF]:
    """The still outline from the lower ribs over the chest (pose units): no lung in it."""
    return [QPointF(*point) for segment in pose.torso.after for point in segment]


def diaphragm_path(pose: Pose, lung: float) -> QPainterPath:
    """The dome under the ribs: arched toward the head at rest, flatter and lower when full."""
    dome = pose.dome
    dx, dy = dome.shift[0] * lung, dome.shift[1] * lung
    (x1, y1), (x2, y2) = dome.controls
    path = QPainterPath(QPointF(*dome.start))
    path.cubicTo(QPointF(x1 + dx, y1 + dy), QPointF(x2 + dx, y2 + dy), QPointF(*dome.end))
    return path


def forearm(pose: Pose, lung: float) -> tuple[Limb, Hand] | None:
    """The near forearm and the hand on the belly, at this lung fraction."""
    reach = pose.reach
    if reach is None:
        return None
    on = belly_point(pose, lung)
    wrist = (on.x() + reach.wrist[0], on.y() + reach.wrist[1])
    palm = (on.x() + reach.palm[0], on.y() + reach.palm[1])
    return (
        Limb((reach.elbow, wrist), FOREARM_W),
        Hand(palm, reach.angle + reach.turn * lung),
    )


# -- what a layer or a repaint must cover ---------------------------------------------------
def _bounds(points: list[Point] | tuple[Point, ...], grow: float) -> QRectF:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).adjusted(
        -grow, -grow, grow, grow
    )


def part_bounds(part: Part, stroke: float) -> QRectF:
    """What a part covers in pose units, its outline (`stroke` wide) included."""
    if isinstance(part, Limb):
        return _bounds(part.points, part.width / 2 + stroke)
    if isinstance(part, Head):
        rx, ry = part.radii
        return (
            _bounds([part.centre], 0.0)
            .adjusted(-rx, -ry, rx, ry)
            .adjusted(-stroke / 2, -stroke / 2, stroke / 2, stroke / 2)
        )
    if isinstance(part, Hand):
        return _bounds([part.at], math.hypot(HAND_W, HAND_H) / 2 + stroke / 2)
    if isinstance(part, Pad):
        return QRectF(*part.rect)
    return _bounds(part.points, part.width / 2)


def _in_design(pose: Pose, rect: QRectF) -> QRectF:
    return pose.to_design().mapRect(rect).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def _union(rects: list[QRectF]) -> QRectF:
    out = QRectF()
    for rect in rects:
        out = out.united(rect)
    return out


def layer_areas(pose: Pose) -> tuple[QRectF, QRectF, QRectF]:
    """In design units: what the still layer under the torso covers (the floor too), the
    still layer over it, and the area that changes with the breath."""
    stroke = STROKE / pose.scale
    floor = QRectF(FLOOR_ENDS[0], FLOOR_Y, FLOOR_ENDS[1] - FLOOR_ENDS[0], 0.0)
    floor.adjust(-FLOOR_STROKE / 2, -FLOOR_STROKE / 2, FLOOR_STROKE / 2, FLOOR_STROKE / 2)
    under = _union(
        [floor.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)]
        + [_in_design(pose, part_bounds(p, stroke)) for p in pose.under]
    )
    over = _union([_in_design(pose, part_bounds(p, stroke)) for p in pose.over])
    centre, radius = pose.glow
    glow = _bounds([centre], radius)
    moving: list[QRectF] = []
    for lung in (0.0, 1.0):
        body = torso_path(pose, lung).controlPointRect()
        moving.append(glow.intersected(body).adjusted(-stroke, -stroke, stroke, stroke))
        moving.append(_bounds(belly_controls(pose.torso.belly, lung), stroke))
        dome = diaphragm_path(pose, lung).controlPointRect()
        moving.append(dome.adjusted(-stroke, -stroke, stroke, stroke))
        reached = forearm(pose, lung)
        if reached is not None:
            moving.extend(part_bounds(p, stroke) for p in reached)
    return under, over, _in_design(pose, _union(moving))


# -- the poses ------------------------------------------------------------------------------
SUPINE = Pose(
    name="supine",
    description=(
        "A person lying on their back, knees bent: the belly rises as you breathe in and "
        "falls as you breathe out, while the chest stays still."
    ),
    torso=Torso(
        start=(98.0, 182.0),
        before=(
            ((150.0, 190.0), (250.0, 190.0), (306.0, 189.0)),  # the back on the floor
            ((322.0, 188.0), (330.0, 178.0), (326.0, 166.0)),  # round the buttocks
            ((322.0, 156.0), (314.0, 150.0), (304.0, 147.0)),  # the front of the pelvis
        ),
        belly=Belly(
            controls=((304.0, 147.0), (285.0, 140.0), (238.0, 140.0), (214.0, 139.0)),
            lift=(0.0, 1.25, 1.3, 0.0),
            rise=(0.0, -1.0),
            hand=(258.0, 140.0),
        ),
        after=(
            ((196.0, 130.0), (170.0, 119.0), (146.0, 121.0)),  # the lower ribs and chest
            ((124.0, 123.0), (108.0, 136.0), (100.0, 152.0)),  # the shoulder
            ((96.0, 162.0), (95.0, 174.0), (98.0, 182.0)),
        ),
    ),
    dome=Dome((216.0, 143.0), ((180.0, 150.0), (182.0, 176.0)), (222.0, 184.0), (22.0, 0.0)),
    glow=((262.0, 158.0), 70.0),
    under=(
        Pad((34.0, 182.0, 86.0, 13.0), 6.0),  # a cushion under the head
        Limb(((312.0, 176.0), (372.0, 118.0)), THIGH_W),  # up to a bent knee
        Limb(((372.0, 118.0), (410.0, 182.0)), SHIN_W),
        Limb(((406.0, 186.0), (436.0, 188.0)), FOOT_W),
        Limb(((86.0, 168.0), (108.0, 166.0)), NECK_W),
    ),
    over=(
        Head((70.0, 162.0)),
        Hand((166.0, 121.5), -14.0),  # the far hand, resting on the chest
        Limb(((122.0, 168.0), (196.0, 186.0)), UPPER_ARM_W),
    ),
    reach=Reach(elbow=(196.0, 186.0), wrist=(-12.0, 7.0), palm=(0.0, 1.0), angle=-5.0, turn=5.0),
)

PRONE = Pose(
    name="prone",
    description=(
        "A person lying face down, forehead on the forearms, legs long: the low back rises "
        "as you breathe in and settles as you breathe out, while the upper back stays still."
    ),
    # Head to the right, legs long to the left, as in the step panel's face-down drawings.
    torso=Torso(
        start=(422.0, 166.0),
        before=(
            ((418.0, 186.0), (374.0, 191.0), (284.0, 191.0)),  # chest and belly on the floor
            ((224.0, 191.0), (186.0, 190.0), (180.0, 170.0)),  # round the hip
            ((176.0, 154.0), (206.0, 140.0), (224.0, 138.0)),  # over the buttocks
        ),
        belly=Belly(  # the low back, dipped at rest, rising as the belly fills
            controls=((224.0, 138.0), (242.0, 154.0), (286.0, 143.0), (314.0, 128.0)),
            lift=(0.0, 2.0, 1.0, 0.0),
            rise=(0.0, -1.0),
            hand=(267.0, 145.0),
        ),
        after=(
            ((328.0, 124.0), (354.0, 116.0), (378.0, 118.0)),  # the shoulder blades
            ((402.0, 120.0), (420.0, 134.0), (422.0, 166.0)),  # round the shoulder
        ),
    ),
    dome=Dome((308.0, 186.0), ((344.0, 180.0), (342.0, 150.0)), (302.0, 136.0), (-22.0, 0.0)),
    glow=((262.0, 164.0), 66.0),
    under=(
        Limb(((208.0, 176.0), (128.0, 180.0)), THIGH_W),
        Limb(((128.0, 180.0), (54.0, 184.0)), SHIN_W),
        Limb(((56.0, 188.0), (28.0, 189.0)), FOOT_W),
        Limb(((440.0, 160.0), (416.0, 158.0)), NECK_W),
    ),
    over=(
        Head((462.0, 162.0)),
        Limb(((404.0, 150.0), (430.0, 185.0)), UPPER_ARM_W),  # the near arm, folded forward
        Limb(((430.0, 185.0), (478.0, 187.0)), FOREARM_W),
        Hand((486.0, 187.0), 0.0),
    ),
    scale=0.88,
    centre_x=262.0,
)

# The upright poses share the upper body, written from the hip joint at (0, 0), facing
# right. Its torso is shorter than the lying one (which is drawn long to show the belly):
# standing, the same legs under a long back would look wrong.
UPRIGHT_TORSO = Torso(
    start=(-20.0, -120.0),
    before=(
        ((-24.0, -80.0), (-26.0, -30.0), (-26.0, 0.0)),  # the back, down to the buttocks
        ((-26.0, 12.0), (-16.0, 17.0), (0.0, 17.0)),  # round onto the seat
        ((14.0, 17.0), (26.0, 12.0), (26.0, 0.0)),  # the front of the pelvis
    ),
    belly=Belly(
        controls=((26.0, 0.0), (19.0, -26.0), (21.0, -62.0), (38.0, -82.0)),
        lift=(0.0, 2.6, 2.6, 0.0),
        rise=(1.0, 0.0),
        hand=(30.0, -40.0),
    ),
    after=(
        ((41.0, -91.0), (45.0, -101.0), (45.0, -114.0)),  # the lower ribs and chest
        ((45.0, -132.0), (30.0, -150.0), (6.0, -150.0)),  # up to the shoulder
        ((-10.0, -150.0), (-20.0, -140.0), (-20.0, -120.0)),
    ),
)
UPRIGHT_DOME = Dome((35.0, -78.0), ((26.0, -102.0), (-6.0, -102.0)), (-18.0, -68.0), (0.0, 16.0))
UPRIGHT_GLOW = ((10.0, -36.0), 56.0)
UPRIGHT_NECK = Limb(((4.0, -146.0), (8.0, -166.0)), NECK_W)
UPRIGHT_OVER = (
    Head((10.0, -181.0), UPRIGHT_HEAD),
    Limb(((4.0, -132.0), (-10.0, -62.0)), UPPER_ARM_W),
)
UPRIGHT_REACH = Reach(
    elbow=(-10.0, -62.0), wrist=(-10.0, -3.0), palm=(-1.0, 0.0), angle=90.0, turn=0.0
)
SEATED_LEG = (
    Limb(((0.0, 0.0), (82.0, 4.0)), THIGH_W),
    Limb(((82.0, 4.0), (84.0, 78.0)), SHIN_W),
    Limb(((82.0, 82.0), (112.0, 84.0)), FOOT_W),
)

SEATED = Pose(
    name="seated",
    description=(
        "A person sitting tall on a stool, a hand on the belly: the belly moves forward as "
        "you breathe in and back as you breathe out, while the chest stays still."
    ),
    torso=UPRIGHT_TORSO,
    dome=UPRIGHT_DOME,
    glow=UPRIGHT_GLOW,
    under=(
        Rail(((-24.0, 24.0), (-28.0, 92.0)), 5.0),  # the stool
        Rail(((40.0, 24.0), (44.0, 92.0)), 5.0),
        Rail(((-32.0, 22.0), (50.0, 22.0)), 8.0),
        UPRIGHT_NECK,
    ),
    over=(*SEATED_LEG, *UPRIGHT_OVER),
    reach=UPRIGHT_REACH,
    scale=0.63,
    floor=93.0,
    centre_x=40.0,
)

LUNGE = Pose(
    name="lunge",
    description=(
        "A person in a low lunge, back knee down, torso upright, a hand on the belly: the "
        "belly moves forward as you breathe in and back as you breathe out, while the "
        "chest stays still."
    ),
    torso=UPRIGHT_TORSO,
    dome=UPRIGHT_DOME,
    glow=UPRIGHT_GLOW,
    under=(
        Limb(((0.0, 0.0), (-40.0, 73.0)), THIGH_W),  # the back leg, knee down
        Limb(((-40.0, 76.0), (-112.0, 79.0)), SHIN_W),
        Limb(((-112.0, 82.0), (-140.0, 84.0)), FOOT_W),
        UPRIGHT_NECK,
    ),
    over=(*SEATED_LEG, *UPRIGHT_OVER),  # the front leg, foot flat
    reach=UPRIGHT_REACH,
    scale=0.63,
    floor=93.0,
    centre_x=-14.0,
)

STANDING = Pose(
    name="standing",
    description=(
        "A person standing tall, a hand on the belly: the belly moves forward as you "
        "breathe in and back as you breathe out, while the chest stays still."
    ),
    torso=replace(
        UPRIGHT_TORSO,
        before=(
            ((-24.0, -80.0), (-26.0, -30.0), (-27.0, -4.0)),  # the back, down to the buttocks
            ((-28.0, 14.0), (-16.0, 24.0), (-2.0, 24.0)),  # round the buttocks
            ((12.0, 24.0), (26.0, 14.0), (26.0, 0.0)),  # the front of the pelvis
        ),
    ),
    dome=UPRIGHT_DOME,
    glow=UPRIGHT_GLOW,
    under=(
        UPRIGHT_NECK,
        Limb(((-2.0, 0.0), (0.0, 83.0)), THIGH_W),
        Limb(((0.0, 83.0), (-2.0, 157.0)), SHIN_W),
        Limb(((-4.0, 161.0), (26.0, 163.0)), FOOT_W),
    ),
    over=UPRIGHT_OVER,
    reach=UPRIGHT_REACH,
    scale=0.5,
    floor=172.0,
    centre_x=14.0,
)

PIGEON = Pose(
    name="pigeon",
    description=(
        "A person in pigeon pose, the front leg folded on the floor, the back leg long "
        "behind, torso upright, a hand on the belly: the belly moves forward as you breathe "
        "in and back as you breathe out, while the chest stays still."
    ),
    torso=UPRIGHT_TORSO,
    dome=UPRIGHT_DOME,
    glow=UPRIGHT_GLOW,
    under=(
        Limb(((0.0, 0.0), (-79.0, 26.0)), THIGH_W),  # the back leg, long on the floor
        Limb(((-79.0, 27.0), (-153.0, 30.0)), SHIN_W),
        Limb(((-153.0, 33.0), (-181.0, 34.5)), FOOT_W),
        UPRIGHT_NECK,
    ),
    over=(
        Limb(((72.0, 30.0), (4.0, 30.0)), SHIN_W),  # the front leg folded: the shin runs
        Limb(((0.0, 0.0), (70.0, 24.0)), THIGH_W),  # across, back under the low pelvis
        *UPRIGHT_OVER,
    ),
    reach=UPRIGHT_REACH,
    scale=0.63,
    floor=41.0,
    centre_x=-50.0,
)

POSE_BY_NAME = {pose.name: pose for pose in (SUPINE, PRONE, SEATED, LUNGE, STANDING, PIGEON)}
POSES = tuple(POSE_BY_NAME)
