"""Draw every technique illustration (`assets/illustrations/<id>.svg`) from one body model.

One hand for all of them: a person built from fixed limb lengths and widths, posed by joint
positions on the same floor line, outlined in `currentColor` over a faint body fill; simple
equipment; the pressure point as one `#E07A5F` dot with a soft halo; arrows for movement.
Each figure shows the RIGHT side (the near limbs are the right ones); the app mirrors the
drawing for the left.

No outline is drawn by hand: each body part is a distance field (tapered capsules blended
smoothly), its outline is traced with marching squares and simplified, and lines that pass
behind a nearer part are cut away. So joints always connect and a limb always has the same
shape. Standard library only and deterministic: running it twice writes the same bytes.

    .venv/bin/python assets/illustrations/make_drawings.py

Look at the result with `montage.py` next to this file.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
ACCENT = "#E07A5F"
FLOOR = 280.0  # the floor line's height in every drawing
STEP = 1.0  # the marching-squares grid, in viewBox units
BIG = 99.0  # the distance of grid points no shape comes near

# The body model, the same in every drawing: lengths joint to joint (the standing figure is
# about 7.8 heads tall); the half-widths are in `leg`, `arm` and `Person.parts`.
HEAD_R, NECK, TORSO, SHOULDER_DROP = 17.0, 30.0, 76.0, 9.0
UPPER_ARM, FOREARM, HAND = 50.0, 43.0, 22.0
THIGH, SHIN, FOOT = 70.0, 65.0, 28.0

Pt = tuple[float, float]


def add(a: Pt, b: Pt) -> Pt:
    return (a[0] + b[0], a[1] + b[1])


def lerp(a: Pt, b: Pt, t: float) -> Pt:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def polar(deg: float, length: float = 1.0) -> Pt:
    """A vector `deg` degrees round from pointing right; 90 points down (SVG's y)."""
    return (math.cos(math.radians(deg)) * length, math.sin(math.radians(deg)) * length)


def angle(a: Pt, b: Pt) -> float:
    return math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))


# -- shapes as distance fields, traced into outlines ------------------------------------------
@dataclass(frozen=True)
class Cone:
    """A capsule from `a` (half-width `ra`) to `b` (half-width `rb`): a limb segment, a head
    (a = b), a piece of equipment. Everything is built from these."""

    a: Pt
    b: Pt
    ra: float
    rb: float

    def dist(self, x: float, y: float) -> float:
        px, py = x - self.a[0], y - self.a[1]
        bx, by = self.b[0] - self.a[0], self.b[1] - self.a[1]
        h = max(0.0, min(1.0, (px * bx + py * by) / (bx * bx + by * by or 1.0)))
        return math.hypot(px - bx * h, py - by * h) - (self.ra + (self.rb - self.ra) * h)


def disc(c: Pt, r: float) -> Cone:
    return Cone(c, c, r, r)


def strand(points: list[Pt], widths: list[float]) -> list[Cone]:
    """Capsules joint to joint, with these half-widths at the joints: a limb, a torso."""
    pairs = zip(itertools.pairwise(points), itertools.pairwise(widths), strict=True)
    return [Cone(a, b, ra, rb) for (a, b), (ra, rb) in pairs]


def smin(a: float, b: float, k: float) -> float:
    """A smooth minimum: two capsules melt into each other over about `k` units, no seam."""
    h = max(k - abs(a - b), 0.0) / k
    return min(a, b) - h * h * k * 0.25


@dataclass(frozen=True)
class Shape:
    """Capsules blended into one outline (a torso with its leg, an arm, a ball)."""

    cones: tuple[Cone, ...]
    blend: float = 3.0

    def dist(self, x: float, y: float) -> float:
        d = BIG
        for cone in self.cones:
            d = smin(d, cone.dist(x, y), self.blend)
        return d


Grid = dict[tuple[int, int], float]


def sample(shapes: Iterable[Shape]) -> Grid:
    """Distances at grid points near the shapes; the points left out are far outside."""
    grid: Grid = {}
    for shape in shapes:
        local: Grid = {}
        for cone in shape.cones:
            # Farther than its width and the blend, a capsule cannot change the sign.
            r = max(cone.ra, cone.rb) + shape.blend + 2 * STEP
            (x0, x1), (y0, y1) = (sorted(v) for v in zip(cone.a, cone.b, strict=True))
            for j in range(math.floor((y0 - r) / STEP), math.ceil((y1 + r) / STEP) + 1):
                for i in range(math.floor((x0 - r) / STEP), math.ceil((x1 + r) / STEP) + 1):
                    d = cone.dist(i * STEP, j * STEP)
                    local[i, j] = smin(local.get((i, j), BIG), d, shape.blend)
        for key, d in local.items():
            grid[key] = min(grid.get(key, BIG), d)  # separate shapes overlap, not blend
    return grid


def trace(grid: Grid) -> list[list[Pt]]:
    """The outlines (zero lines) of a sampled field as closed loops: marching squares."""
    inner = [key for key, d in grid.items() if d < 0]  # every crossing touches one of these
    cells = sorted({(i - di, j - dj) for i, j in inner for di in (0, 1) for dj in (0, 1)})
    links: dict[tuple[int, int, int], list[tuple[int, int, int]]] = {}
    where: dict[tuple[int, int, int], Pt] = {}

    def cross(i: int, j: int, across: int) -> tuple[int, int, int]:
        """Where the outline crosses the grid edge right (across=1) or down from (i, j)."""
        if (i, j, across) not in where:
            a, b = grid.get((i, j), BIG), grid.get((i + across, j + 1 - across), BIG)
            t = a / (a - b)
            where[i, j, across] = ((i + t * across) * STEP, (j + t * (1 - across)) * STEP)
        return (i, j, across)

    for i, j in cells:
        corners = [grid.get(key, BIG) for key in ((i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1))]
        inside = [v < 0 for v in corners]
        # Edge n (top, right, bottom, left) runs from corner n to corner n + 1.
        edges = [(i, j, 1), (i + 1, j, 0), (i, j + 1, 1), (i, j, 0)]
        crossed = [n for n in range(4) if inside[n] != inside[(n + 1) % 4]]
        if len(crossed) == 2:
            pairs = [(crossed[0], crossed[1])]
        elif crossed:  # a saddle: cut off the two corners unlike the cell's centre
            pairs = [(n - 1, n) for n in range(4) if inside[n] != (sum(corners) < 0)]
        else:
            continue
        for m, n in pairs:
            a, b = cross(*edges[m]), cross(*edges[n])
            links.setdefault(a, []).append(b)
            links.setdefault(b, []).append(a)
    loops, seen = [], set()
    for start in links:
        loop, prev, here = [], None, start
        while here not in seen:
            seen.add(here)
            loop.append(where[here])
            ahead = [k for k in links[here] if k != prev and k not in seen]
            prev, here = here, (ahead[0] if ahead else start)
        if loop:
            loops.append(loop)
    return loops


def simplify(points: list[Pt], tolerance: float = 0.3) -> list[Pt]:
    """Ramer-Douglas-Peucker: keep only the points more than `tolerance` off the line."""
    if len(points) < 3:
        return points
    first, last = points[0], points[-1]
    if math.dist(first, last) < 1e-6:  # a loop: halve it at its farthest point
        k = max(range(len(points)), key=lambda n: math.dist(first, points[n]))
    else:
        (ax, ay), (bx, by) = first, last
        off = [abs((bx - ax) * (ay - y) - (ax - x) * (by - ay)) for x, y in points[1:-1]]
        k = max(range(len(off)), key=off.__getitem__) + 1
        if off[k - 1] <= tolerance * math.dist(first, last):
            return [first, last]
    return simplify(points[: k + 1], tolerance)[:-1] + simplify(points[k:], tolerance)


def dense(line: list[Pt]) -> list[Pt]:
    """A straight-segment line with a point every unit, so that it can be cut where hidden."""
    out = [line[0]]
    for a, b in itertools.pairwise(line):
        steps = max(1, math.ceil(math.dist(a, b)))
        out += [lerp(a, b, k / steps) for k in range(1, steps + 1)]
    return out


def uncovered(line: list[Pt], nearer: list[Shape]) -> list[list[Pt]]:
    """The runs of `line` outside all the `nearer` shapes (a loop is closed first)."""
    closed = math.dist(line[0], line[-1]) < 1.5 * STEP
    points = [*line, line[0]] if closed and line[0] != line[-1] else line
    shown = [all(s.dist(x, y) > 0.6 for s in nearer) for x, y in points]
    if closed and not all(shown):
        # Start the loop at a hidden point so that no visible run wraps round the end.
        k = shown.index(False)
        points, shown = points[k:-1] + points[: k + 1], shown[k:-1] + shown[: k + 1]
    runs: list[list[Pt]] = [[]]
    for point, visible in zip(points, shown, strict=True):
        if visible:
            runs[-1].append(point)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if len(run) > 1]


def num(v: float) -> str:
    text = f"{v:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def path(lines: Iterable[list[Pt]], close: bool = False) -> str:
    return "".join(
        "M" + " ".join(f"{num(x)} {num(y)}" for x, y in pts) + "Z" * close for pts in lines
    )


# -- a drawing: items from back to front --------------------------------------------------------
@dataclass
class Item:
    """Shapes outlined in one style; the parts of lines behind nearer items are cut away."""

    shapes: list[Shape]
    lines: list[list[Pt]] = field(default_factory=list)  # extra strokes: seams, chair legs
    width: float = 5.0
    opacity: float = 1.0
    fill: float = 0.0  # equipment has its own fill; the body parts share one


class Arrow(NamedTuple):
    svg: str
    points: tuple[Pt, ...]  # the ends and the bend, to centre the drawing with


@dataclass
class Drawing:
    items: list[Item]
    arrows: list[Arrow] = field(default_factory=list)
    accent: Pt | None = None

    def svg(self) -> str:
        grids = [sample(item.shapes) for item in self.items]
        # Centred left to right, so that the drawing sits as well mirrored.
        xs = [i * STEP for grid in grids for (i, _), d in grid.items() if d < 0]
        xs += [x for item in self.items for line in item.lines for x, _ in line]
        xs += [x for a in self.arrows for x, _ in a.points]
        out = [
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 300">',
            f'<path d="M24 {num(FLOOR)}H456" stroke="currentColor" stroke-width="3" '
            'stroke-opacity="0.35" stroke-linecap="round"/>',
            f'<g transform="translate({num(240 - (min(xs) + max(xs)) / 2)} 0)">',
        ]
        body: Grid = {}
        for item, grid in zip(self.items, grids, strict=True):
            if item.fill:
                out.append(fill(grid, item.fill))
            else:
                for key, d in grid.items():
                    body[key] = min(body.get(key, BIG), d)
        out.append(fill(body, 0.1))
        out.append(
            '<g fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">'
        )
        for n, (item, grid) in enumerate(zip(self.items, grids, strict=True)):
            nearer = [s for other in self.items[n + 1 :] for s in other.shapes]
            strokes = [*trace(grid), *map(dense, item.lines)]
            shown = [simplify(run) for line in strokes for run in uncovered(line, nearer)]
            faint = f' stroke-opacity="{num(item.opacity)}"' if item.opacity < 1 else ""
            if shown:
                out.append(f'<path stroke-width="{num(item.width)}"{faint} d="{path(shown)}"/>')
        out.append("</g>")
        if self.arrows:
            out.append(
                '<g fill="none" stroke="currentColor" stroke-width="3.5" stroke-linecap="round" '
                f'stroke-linejoin="round">{"".join(a.svg for a in self.arrows)}</g>'
            )
        if self.accent:  # the pressure point: one dot in a soft halo
            x, y = num(self.accent[0]), num(self.accent[1])
            out.append(f'<circle cx="{x}" cy="{y}" r="15" fill="{ACCENT}" fill-opacity="0.3"/>')
            out.append(f'<circle cx="{x}" cy="{y}" r="6.5" fill="{ACCENT}"/>')
        return "\n".join([*out, "</g>", "</svg>", ""])


def fill(grid: Grid, opacity: float) -> str:
    loops = path((simplify([*loop, loop[0]]) for loop in trace(grid)), close=True)
    return (
        f'<path d="{loops}" fill="currentColor" fill-opacity="{num(opacity)}" fill-rule="evenodd"/>'
    )


# -- the person ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Limb:
    """Where a leg or an arm goes: its `end` (ankle or wrist; with `at_tip`, toes or
    fingertips), which way the knee or elbow bends (+1 or -1: the two ways to reach) and the
    direction of the foot or hand in degrees. `first` fixes the direction of the thigh or
    upper arm instead, or `mid` the knee or elbow itself: a segment pointing toward the
    viewer looks shorter from the side (foreshortened), so it may be short, never long."""

    end: Pt
    bend: int = 1
    tip: float = 0.0
    first: float | None = None
    mid: Pt | None = None
    at_tip: bool = False


def chain(root: Pt, limb: Limb, l1: float, l2: float, l3: float) -> tuple[Pt, Pt, Pt]:
    """The middle joint, end joint and tip of a limb with segment lengths l1, l2, l3."""
    end = add(limb.end, polar(limb.tip, -l3)) if limb.at_tip else limb.end
    d = math.dist(root, end)
    if limb.first is not None or limb.mid is not None:
        mid = limb.mid or add(root, polar(limb.first or 0.0, l1))
        if math.dist(root, mid) > l1 + 0.5 or math.dist(mid, end) > l2 + 0.5:
            raise ValueError(f"a limb from {root} to {end} through {mid} would stretch")
    elif d > l1 + l2 + 0.5:
        raise ValueError(f"a limb cannot reach {end} from {root}: {d:.1f} > {l1 + l2}")
    else:  # the triangle root-mid-end with sides l1, l2, d
        d = max(min(d, l1 + l2 - 1e-6), abs(l1 - l2) + 1e-6)
        cos = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
        mid = add(root, polar(angle(root, end) + limb.bend * math.degrees(math.acos(cos)), l1))
    return mid, end, add(end, polar(limb.tip, l3))


def leg(hip: Pt, limb: Limb) -> tuple[list[Cone], dict[str, Pt]]:
    knee, ankle, toe = chain(hip, limb, THIGH, SHIN, FOOT)
    calf, heel = lerp(knee, ankle, 0.3), add(ankle, polar(limb.tip, -6.0))
    cones = [*strand([hip, knee, calf, ankle], [13.5, 8.5, 8.0, 4.8]), Cone(heel, toe, 5.2, 3.2)]
    return cones, {"knee": knee, "ankle": ankle, "toe": toe, "heel": heel}


def arm(shoulder: Pt, limb: Limb) -> tuple[list[Cone], dict[str, Pt]]:
    elbow, wrist, tip = chain(shoulder, limb, UPPER_ARM, FOREARM, HAND)
    cones = strand([shoulder, elbow, wrist, tip], [7.0, 5.5, 4.3, 3.2])
    return cones, {"elbow": elbow, "wrist": wrist, "tip": tip}


@dataclass(frozen=True)
class Person:
    """A pose: the hip joint, the directions of the spine and the neck (degrees), the limbs.
    The near limbs are the right ones, the side every drawing shows."""

    hip: Pt
    torso: float
    neck: float
    near_leg: Limb
    far_leg: Limb
    near_arm: Limb
    far_arm: Limb
    leg_apart: bool = False  # outline the near leg on its own, over the body (pigeon)

    def spine(self, length: float) -> Pt:
        return add(self.hip, polar(self.torso, length))

    def joints(self) -> dict[str, Pt]:
        shoulder = self.spine(TORSO - SHOULDER_DROP)
        head = add(self.spine(TORSO), polar(self.neck, NECK))
        near = leg(self.hip, self.near_leg)[1] | arm(shoulder, self.near_arm)[1]
        return {"hip": self.hip, "shoulder": shoulder, "head": head} | near

    def parts(self) -> tuple[list[Item], list[Item]]:
        """The items behind any equipment (the far limbs, faint) and in front of it."""
        j = self.joints()
        # Pelvis, waist, chest, shoulders; the neck; a plain head (no face).
        trunk = strand([self.spine(t * TORSO) for t in (0, 0.42, 0.78, 0.97)], [19, 16, 19, 12])
        trunk += [Cone(self.spine(0.9 * TORSO), j["head"], 7.0, 7.0), disc(j["head"], HEAD_R)]
        near_leg = leg(self.hip, self.near_leg)[0]
        body = Shape((*trunk, *([] if self.leg_apart else near_leg)), blend=6.0)
        apart = [Item([Shape(tuple(near_leg))])] if self.leg_apart else []
        near_arm = Shape(tuple(arm(j["shoulder"], self.near_arm)[0]))
        far_leg = Shape(tuple(leg(self.hip, self.far_leg)[0]))
        far_arm = Shape(tuple(arm(j["shoulder"], self.far_arm)[0]))
        far = [Item([far_arm], opacity=0.5), Item([far_leg], opacity=0.5)]
        return far, [Item([body]), *apart, Item([near_arm])]


def scene(person: Person, *gear: Item, arrows: Iterable[Arrow] = (), accent: Pt | None = None):
    back, front = person.parts()
    return Drawing([*back, *gear, *front], list(arrows), accent)


# -- equipment and arrows -----------------------------------------------------------------------
def gear(cones: list[Cone], lines: Iterable[list[Pt]] = ()) -> Item:
    return Item([Shape(tuple(cones), blend=2.0)], list(lines), width=4.0, fill=0.16)


BALL_R = 12.0  # a tennis ball, drawn a little large so that it reads
BALL_LIFT = 2 * BALL_R - 2  # the belly sinks a little into the ball


def ball(x: float) -> Item:
    c = (x, FLOOR - BALL_R)
    seam = [add(add(c, (-14.0, 0.0)), polar(a, 12.5)) for a in range(-50, 51, 10)]
    return gear([disc(c, BALL_R)], [seam])


def roller(x: float, r: float = 18.0) -> Item:
    """A foam roller seen end on, its hollow core showing."""
    c = (x, FLOOR - r)
    return gear([disc(c, r)], [[add(c, polar(a, r * 0.42)) for a in range(0, 361, 10)]])


ARC = [math.radians(a) for a in range(0, 181, 15)]  # a half circle, left to right


def arched_tool(x: float) -> Item:
    """An arch standing on the floor with a rounded knob on top, as the psoas tools are."""
    rim = [add((x, FLOOR - 5), (26 * math.cos(a), -15 * math.sin(a))) for a in ARC]
    return gear([*strand(rim, [5.0] * len(rim)), disc((x, FLOOR - 21), 7.0)])


def pad(x: float) -> Item:
    return gear([Cone((x - 21.5, FLOOR - 4.5), (x + 21.5, FLOOR - 4.5), 4.5, 4.5)])


def chair(x: float, seat: float) -> Item:
    """A plain chair side on: the seat's top `seat` above the floor, the back post at `x`."""
    top = FLOOR - seat + 3.5  # the seat's centre line
    post, front_leg = [(x, FLOOR), (x - 2, FLOOR - seat - 64)], [(x + 50, top), (x + 50, FLOOR)]
    return gear([Cone((x + 1.5, top), (x + 50.5, top), 3.5, 3.5)], [post, front_leg])


def arrow(a: Pt, b: Pt, both: bool = True, bow: float = 0.0) -> Arrow:
    """A movement arrow from `a` to `b`, bowed `bow` units to its left, heads at b (and a)."""
    c = add(lerp(a, b, 0.5), polar(angle(a, b) - 90, 2 * bow))
    out = f'<path d="M{num(a[0])} {num(a[1])}Q{num(c[0])} {num(c[1])} {num(b[0])} {num(b[1])}"/>'
    for tip, heading in [(b, angle(c, b))] + ([(a, angle(c, a))] if both else []):
        wings = [add(tip, polar(heading + 180 + side, 9.0)) for side in (-38, 38)]
        out += f'<path d="{path([[wings[0], tip, wings[1]]])}"/>'
    return Arrow(out, (a, b, c))


def rise(at: Pt, sideways: bool = False) -> Arrow:
    """The breath's cue by the belly: a short two-way arrow."""
    return arrow(at, add(at, (20.0, 0.0) if sideways else (0.0, -20.0)))


# -- poses --------------------------------------------------------------------------------------
ARM_DOWN = 95.0  # an upper arm hanging at the side, a little behind the shoulder


def supine(hands: str = "rest", near_leg: Limb | None = None) -> tuple[Person, Pt]:
    """On the back, head to the left (so the right side faces us), knees bent, feet flat.
    Returns the pose and the spot just inside the front hip bone."""
    hip = (205.0, FLOOR - 19)
    bent = Limb((hip[0] + 100, FLOOR - 7), bend=-1)
    x, spot = hip[0], (hip[0] - 6, FLOOR - 36)
    # Elbows rest on the floor out to the side, so from the side the arms look short.
    arms = {
        "rest": Limb((x + 23, FLOOR - 5), tip=2),
        "hip": Limb(spot, tip=16, at_tip=True, mid=(x - 33, FLOOR - 6)),
        "belly": Limb((x - 14, FLOOR - 40), tip=5, at_tip=True, mid=(x - 40, FLOOR - 6)),
        "chest": Limb((x - 37, FLOOR - 43), tip=5, at_tip=True, mid=(x - 55, FLOOR - 6)),
    }
    near, far = ("belly", "chest") if hands == "breathe" else (hands, hands)
    return Person(hip, 180, 176, near_leg or bent, bent, arms[near], arms[far]), spot


def long_leg(hip: Pt) -> Limb:
    """A leg stretched long behind, knee nearly straight, the top of the foot on the floor."""
    reach = math.sqrt(134.5**2 - (FLOOR - 6 - hip[1]) ** 2)
    return Limb((hip[0] - reach, FLOOR - 6), bend=-1, tip=183)


def prone(lift: float, near_leg: Limb | None = None) -> tuple[Person, Pt]:
    """Face down on the forearms, head to the right (right side toward us), legs long, the
    front of the pelvis `lift` above the floor (on a ball, a tool). Returns the pose and the
    lower belly just inside the hip bone."""
    hip = (220.0, FLOOR - 19 - lift)
    shoulder_y = FLOOR - 5.5 - UPPER_ARM  # elbows on the floor under the shoulders
    torso = -math.degrees(math.asin((hip[1] - shoulder_y) / (TORSO - SHOULDER_DROP)))
    shoulder_x = hip[0] + math.cos(math.radians(torso)) * (TORSO - SHOULDER_DROP)
    forearms = Limb((shoulder_x + FOREARM, FLOOR - 5.5), first=90)
    legs, spot = long_leg(hip), (hip[0] + 8, hip[1] + 19)
    return Person(hip, torso, torso - 22, near_leg or legs, legs, forearms, forearms), spot


def kneeling(lunge: bool = True, press: bool = False) -> Person:
    """Facing right, the right knee down on a pad behind; in a lunge the hips forward and the
    left foot forward and flat, else kneeling tall on both knees."""
    knee, lean = (170.0, FLOOR - 16), 15.0 if lunge else 0.0
    hip = add(knee, polar(-90 + lean, THIGH))
    front = Limb((hip[0] + 70, FLOOR - 7), bend=-1) if lunge else None
    back = Limb((knee[0] - 62, FLOOR - 6), tip=182, first=90 + lean)
    shoulder = add(hip, (0.0, SHOULDER_DROP - TORSO))
    hang = Limb(add(shoulder, polar(93, UPPER_ARM + FOREARM - 1)), tip=93)
    thigh_top = add(lerp(hip, (hip[0] + 70, FLOOR - 80), 0.65), (0.0, -11.0))
    on_thigh = Limb(thigh_top, tip=15, at_tip=True)
    hip_front = Limb(add(hip, (17.0, 6.0)), tip=75, at_tip=True)
    near_arm = hip_front if press else (on_thigh if front else hang)
    return Person(hip, -90, -90, back, front or back, near_arm, on_thigh if front else hang)


def pigeon(fold: bool) -> Person:
    """Facing right: the right knee forward on the floor, its shin across the mat (it looks
    short from the side), the left leg long behind; upright on the hands, or folded."""
    hip = (200.0, FLOOR - 26)
    knee = (hip[0] + 50, FLOOR - 8.5)  # the thigh angles out toward us: it looks short too
    front, back = Limb((hip[0] + 2, FLOOR - 6), tip=175, mid=knee), long_leg(hip)
    if not fold:
        hands = Limb((knee[0] + 4, FLOOR - 5))
        return Person(hip, -72, -75, front, back, hands, hands, leg_apart=True)
    shoulder = add(hip, polar(-12, TORSO - SHOULDER_DROP))
    first = math.degrees(math.asin((FLOOR - 5.5 - shoulder[1]) / UPPER_ARM))  # elbow down
    elbow_x = shoulder[0] + math.cos(math.radians(first)) * UPPER_ARM
    forearms = Limb((elbow_x + FOREARM, FLOOR - 5.5), first=first)
    return Person(hip, -12, 25, front, back, forearms, forearms, leg_apart=True)


# -- the drawings -------------------------------------------------------------------------------
def lying(hands: str) -> Drawing:
    person, spot = supine(hands)
    return scene(person, accent=spot if hands == "hip" else None)


def breathing_supine() -> Drawing:
    person, _ = supine("breathe")
    tip = person.joints()["tip"]
    return scene(person, arrows=[rise((tip[0] - 6, tip[1] - 18))])


def lift_foot() -> Drawing:
    ankle = (305.0, FLOOR - 19)  # the foot just off the floor
    person, spot = supine("hip", Limb(ankle, bend=-1, tip=-8))
    return scene(person, arrows=[rise((ankle[0] + 38, FLOOR - 10))], accent=spot)


def press_in() -> Drawing:
    person, spot = supine("hip")
    push = arrow((spot[0] + 4, spot[1] - 48), (spot[0] + 1, spot[1] - 20), both=False)
    return scene(person, arrows=[push], accent=spot)


def slide_heel() -> Drawing:
    person, spot = supine("hip", Limb((333.0, FLOOR - 9), bend=-1, tip=-75))  # heel down
    heel = person.joints()["heel"]
    slide = arrow((heel[0] + 14, FLOOR - 30), (heel[0] + 52, FLOOR - 30))
    return scene(person, arrows=[slide], accent=spot)


def rocking(person: Person, span: float) -> Arrow:
    """Along the spine above the low back: the body rocks that way over the ball or tool."""
    a = add(add(person.hip, polar(person.torso - 90, 34)), polar(person.torso, 4 - span / 2))
    return arrow(a, add(a, polar(person.torso, span)))


def on_ball(
    rock: bool = False, near_leg: Limb | None = None, arrows: Iterable[Arrow] = ()
) -> Drawing:
    person, spot = prone(BALL_LIFT, near_leg)
    arrows = [*arrows, rocking(person, 36)] if rock else arrows
    return scene(person, ball(spot[0]), arrows=arrows, accent=(spot[0], spot[1] - 3))


def knee_bend() -> Drawing:
    hip = prone(BALL_LIFT)[0].hip
    knee = (hip[0] - math.sqrt(THIGH**2 - (FLOOR - 8.5 - hip[1]) ** 2), FLOOR - 8.5)
    ankle = add(knee, (0.0, -SHIN))  # the shin straight up from the knee
    toe = add(ankle, polar(-140, FOOT))  # the foot relaxed, between flexed and pointed
    swing = arrow((toe[0] - 24, toe[1] - 8), (toe[0] + 24, toe[1] - 8), bow=-8)
    return on_ball(near_leg=Limb(ankle, first=angle(hip, knee), tip=-140), arrows=[swing])


def on_tool(rock: bool = False) -> Drawing:
    person, spot = prone(24.0)  # the knob's top, less a little give
    arrows = [rocking(person, 56)] if rock else []
    return scene(person, arched_tool(spot[0]), arrows=arrows, accent=(spot[0], spot[1] - 3))


def on_roller(roll: bool = False) -> Drawing:
    """The thigh just below the hip crease on the roller, the legs sloping to the floor."""
    person, _ = prone(36.4)
    hip, knee = person.hip, person.joints()["knee"]
    thigh, x = angle(hip, knee), hip[0] - 24
    a = add(add(hip, polar(thigh + 90, 30)), polar(thigh, 20))  # above the thigh
    arrows = [arrow(a, add(a, polar(thigh, 40)))] if roll else []
    return scene(person, roller(x), arrows=arrows, accent=(x, FLOOR - 38))


def lunge_press() -> Drawing:
    person = kneeling(press=True)
    spot = add(person.hip, (19.0, 2.0))
    push = arrow(add(spot, (34.0, 0.0)), add(spot, (12.0, 0.0)), both=False)
    return scene(person, pad(170.0), arrows=[push], accent=spot)


def lunge_switch() -> Drawing:
    """Tall on both knees, the front foot come back: the moment to change sides."""
    step = arrow((270.0, FLOOR - 12), (200.0, FLOOR - 12), both=False, bow=-18)
    return scene(kneeling(lunge=False), pad(170.0), arrows=[step])


def upright(seated: bool) -> Drawing:
    """Facing right, sitting or standing tall, the right hand on the belly, the left on the
    chest (behind the body but for the hand)."""
    hip = (230.0, FLOOR - 83) if seated else (240.0, FLOOR - 6 - SHIN - THIGH)
    legs = Limb((hip[0] + (72 if seated else 2), FLOOR - 7), bend=-1, tip=0 if seated else 8)
    shoulder = (hip[0], hip[1] - TORSO + SHOULDER_DROP)
    elbow = add(shoulder, polar(ARM_DOWN, UPPER_ARM))
    belly = Limb((hip[0] + 22, hip[1] - 16), tip=90, at_tip=True, mid=elbow)
    other = Limb((hip[0] + 23, hip[1] - 46), tip=-75, mid=add(shoulder, polar(80, UPPER_ARM)))
    person = Person(hip, -90, -90, legs, legs, belly, other)
    seat = [chair(hip[0] - 30, 66)] if seated else []  # the seat's top 66 above the floor
    return scene(person, *seat, arrows=[rise((hip[0] + 30, hip[1] - 25), sideways=True)])


DRAWINGS: dict[str, Callable[[], Drawing]] = {
    "rest-supine": lambda: lying("rest"),
    "breathing-supine": breathing_supine,
    "locate-supine": lambda: lying("hip"),
    "locate-supine-lift": lift_foot,
    "hands-supine-press": press_in,
    "hands-supine-leg-slide": slide_heel,
    "ball-prone-place": on_ball,
    "ball-prone-rock": lambda: on_ball(rock=True),
    "ball-prone-knee-bend": knee_bend,
    "tool-prone-place": on_tool,
    "tool-prone-rock": lambda: on_tool(rock=True),
    "roller-prone-place": on_roller,
    "roller-prone-roll": lambda: on_roller(roll=True),
    "lunge-setup": lambda: scene(kneeling(), pad(170.0)),
    "lunge-press": lunge_press,
    "lunge-switch": lunge_switch,
    "pigeon-upright": lambda: scene(pigeon(fold=False)),
    "pigeon-fold": lambda: scene(pigeon(fold=True)),
    "seated-breathing": lambda: upright(seated=True),
    "upright-breathing": lambda: upright(seated=False),
}


def main() -> None:
    for name, draw in DRAWINGS.items():
        (HERE / f"{name}.svg").write_text(draw().svg(), encoding="utf-8")
        print(f"wrote {name}.svg")


if __name__ == "__main__":
    main()
