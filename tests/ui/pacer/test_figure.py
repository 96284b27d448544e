"""The breathing figure in each pose: it paints at any size and pixel ratio, the belly moves
while the chest stays still, only the moving area changes, the cached layers are made once
per pose, and the supine figure is drawn exactly as it was before poses existed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from coach.ui.pacer import figure as figure_module
from coach.ui.pacer.figure import POSES, BreathFigure
from coach.ui.pacer.poses import (
    DESIGN_H,
    DESIGN_W,
    FOOT_W,
    POSE_BY_NAME,
    SHIN_W,
    THIGH_W,
    Head,
    Limb,
    Pose,
    belly_point,
    belly_travel,
    layer_areas,
    part_bounds,
    torso_path,
)
from coach.ui.theme import make_palette

REPO = Path(__file__).resolve().parents[3]
# The last commit whose figure had no poses: the supine pose must draw exactly like it.
BEFORE_POSES = "2866fb338eecc1b3794ba47f967a5ed584818382"

MakeFigure = Callable[..., BreathFigure]


@pytest.fixture
def make_figure(qtbot: QtBot) -> MakeFigure:
    def make(
        pose: str = "supine", size: tuple[int, int] = (960, 480), theme: str = "light"
    ) -> BreathFigure:
        figure = BreathFigure()
        qtbot.addWidget(figure)
        figure.setPalette(make_palette(theme))
        figure.resize(*size)
        figure.set_pose(pose)
        return figure

    return make


def _pixels(image: QImage) -> np.ndarray[Any, Any]:
    """The image as a (height, width) array of 32-bit ARGB values."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, : image.width() * 4].copy().view(np.uint32)


def _grab(figure: BreathFigure, lung: float) -> np.ndarray[Any, Any]:
    figure.set_lung(lung)
    return _pixels(figure.grab().toImage())


def _render_2x(figure: BreathFigure, lung: float) -> np.ndarray[Any, Any]:
    """A rendering at a device pixel ratio of 2 (the figure told that it has one)."""
    figure.set_lung(lung)
    image = QImage(figure.width() * 2, figure.height() * 2, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(2.0)
    image.fill(Qt.GlobalColor.transparent)
    figure.render(image)
    return _pixels(image)


def _device_box(figure: BreathFigure, design: QRectF, ratio: float = 1.0) -> QRect:
    """A rectangle in design units, in the device pixels of a grab of the figure."""
    scale = min(figure.width() / DESIGN_W, figure.height() / DESIGN_H)
    ox = (figure.width() - DESIGN_W * scale) / 2
    oy = (figure.height() - DESIGN_H * scale) / 2
    return QRectF(
        (ox + design.x() * scale) * ratio,
        (oy + design.y() * scale) * ratio,
        design.width() * scale * ratio,
        design.height() * scale * ratio,
    ).toAlignedRect()


def _changed(a: np.ndarray[Any, Any], b: np.ndarray[Any, Any], box: QRect) -> int:
    """How many pixels differ between two grabs inside a box."""
    rows = slice(max(0, box.top()), box.bottom() + 1)
    cols = slice(max(0, box.left()), box.right() + 1)
    return int(np.count_nonzero(a[rows, cols] != b[rows, cols]))


def _belly_box(pose: Pose) -> QRectF:
    """Design units around where the hand's point on the belly goes, empty to full."""
    to_design = pose.to_design()
    empty = to_design.map(belly_point(pose, 0.0))
    full = to_design.map(belly_point(pose, 1.0))
    return QRectF(empty, full).normalized().adjusted(-3.0, -3.0, 3.0, 3.0)


def _design_x(pose: Pose, point: tuple[float, float] | QPointF) -> float:
    """Where a point in pose units lands across the design space."""
    return pose.to_design().map(QPointF(*point) if isinstance(point, tuple) else point).x()


def _head(pose: Pose) -> Head:
    (head,) = [part for part in (*pose.under, *pose.over) if isinstance(part, Head)]
    return head


def _leg(pose: Pose, width: float) -> Limb:
    """The one limb of the legs this wide (a thigh, a shin or a foot) behind the torso."""
    (limb,) = [p for p in pose.under if isinstance(p, Limb) and p.width == width]
    return limb


def _chest_boxes(pose: Pose) -> list[QRectF]:
    """Design units around the points where the chest line's segments end."""
    to_design = pose.to_design()
    ends = [to_design.map(QPointF(*segment[2])) for segment in pose.torso.after]
    return [QRectF(end.x() - 5.0, end.y() - 5.0, 10.0, 10.0) for end in ends]


# -- the API --------------------------------------------------------------------------------
def test_the_poses_are_named_and_supine_is_the_default(make_figure: MakeFigure) -> None:
    assert POSES == ("supine", "prone", "seated", "lunge", "standing", "pigeon")
    figure = make_figure()
    figure.set_pose("supine")
    assert figure.pose() == "supine"
    assert BreathFigure().pose() == "supine"
    descriptions = set()
    for pose in POSES:
        figure.set_pose(pose)
        assert figure.pose() == pose
        descriptions.add(figure.accessibleDescription())
    assert len(descriptions) == len(POSES)


def test_an_unknown_pose_is_refused_with_the_known_ones(make_figure: MakeFigure) -> None:
    figure = make_figure("seated")
    with pytest.raises(ValueError, match="supine, prone, seated, lunge, standing, pigeon"):
        figure.set_pose("handstand")
    assert figure.pose() == "seated"


def test_the_layers_are_drawn_once_per_pose(
    make_figure: MakeFigure, monkeypatch: pytest.MonkeyPatch
) -> None:
    figure = make_figure()
    drawn: list[str] = []
    real = figure_module._paint_under

    def counting(painter: Any, ink: Any, pose: Pose) -> None:
        drawn.append(pose.name)
        real(painter, ink, pose)

    monkeypatch.setattr(figure_module, "_paint_under", counting)
    for lung in (0.0, 0.5, 1.0):
        _grab(figure, lung)
    figure.set_pose("supine")  # already so: nothing to redo
    _grab(figure, 0.2)
    figure.set_pose("lunge")
    for lung in (0.0, 0.5, 1.0):
        _grab(figure, lung)
    figure.set_pose("supine")
    _grab(figure, 0.0)
    assert drawn == ["supine", "lunge", "supine"]


# -- the geometry ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", POSES)
def test_the_belly_moves_at_least_as_far_as_lying_down(name: str) -> None:
    assert belly_travel(POSE_BY_NAME[name]) >= belly_travel(POSE_BY_NAME["supine"]) - 1e-9


@pytest.mark.parametrize("name", POSES)
def test_only_the_belly_curve_of_the_outline_moves(name: str) -> None:
    pose = POSE_BY_NAME[name]
    empty, full = torso_path(pose, 0.0), torso_path(pose, 1.0)
    points = [
        [QPointF(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())]
        for path in (empty, full)
    ]
    belly = range(1 + 3 * len(pose.torso.before), 4 + 3 * len(pose.torso.before))
    moved = [i for i, (a, b) in enumerate(zip(*points, strict=True)) if a != b]
    # The two inner controls of the belly move; its ends, the chest and the rest stay put.
    assert moved == [belly[0], belly[1]]


def test_the_pigeon_sits_low_between_a_folded_leg_and_a_long_one() -> None:
    pigeon = POSE_BY_NAME["pigeon"]
    legs = [
        part
        for part in (*pigeon.under, *pigeon.over)
        if isinstance(part, Limb) and part.width in (THIGH_W, SHIN_W, FOOT_W)
    ]
    # Every part of both legs lies on the floor, none of it through it.
    for leg in legs:
        lowest = max(y for _, y in leg.points) + leg.width / 2
        assert pigeon.floor - 4.0 <= lowest <= pigeon.floor, leg
    # The pelvis sits lower than a thigh is thick, the torso upright above it.
    seat = torso_path(pigeon, 0.0).boundingRect().bottom()
    assert 0.0 < pigeon.floor - seat < THIGH_W
    assert pigeon.torso == POSE_BY_NAME["lunge"].torso
    # The front leg (the near one) folds: its shin runs from a knee well ahead of the hip
    # back under the pelvis (whose front is at x = 26). The back leg reaches far behind.
    (shin,) = [leg.points for leg in legs if leg in pigeon.over and leg.width == SHIN_W]
    assert max(x for x, _ in shin) > 60.0 and min(x for x, _ in shin) < 26.0
    assert min(x for leg in legs if leg in pigeon.under for x, _ in leg.points) < -150.0


# -- which way the body faces ----------------------------------------------------------------
# As in the step panel's drawings beside the figure (assets/illustrations): on the back the
# head is on the left, face down it is on the right; upright, the body faces right.
LYING_HEAD_SIDE = {"supine": "left", "prone": "right"}
UPRIGHT_POSES = ("seated", "lunge", "standing", "pigeon")


def test_every_pose_has_its_facing_checked() -> None:
    assert sorted((*LYING_HEAD_SIDE, *UPRIGHT_POSES)) == sorted(POSES)


@pytest.mark.parametrize(("name", "side"), LYING_HEAD_SIDE.items())
def test_lying_down_the_head_is_on_the_side_the_drawings_have_it(name: str, side: str) -> None:
    pose = POSE_BY_NAME[name]
    head = _design_x(pose, _head(pose).centre)
    pelvis = _design_x(pose, _leg(pose, THIGH_W).points[0])  # the hip end of the thigh
    toes = _design_x(pose, _leg(pose, FOOT_W).points[-1])
    belly = _design_x(pose, belly_point(pose, 0.0))
    if side == "right":
        assert toes < pelvis < belly < head
    else:
        assert head < belly < pelvis < toes
    # The diaphragm arches toward the head at rest and flattens away from it when full.
    dome = pose.dome
    ends = (dome.start[0], dome.end[0])
    toward_head = 1.0 if side == "right" else -1.0
    assert all(toward_head * (c[0] - e) > 0 for c in dome.controls for e in ends)
    assert toward_head * dome.shift[0] < 0


def test_face_down_the_head_is_right_and_the_legs_reach_left() -> None:
    prone = POSE_BY_NAME["prone"]
    head = _head(prone)
    pelvis = _design_x(prone, _leg(prone, THIGH_W).points[0])
    assert _design_x(prone, head.centre) > pelvis + DESIGN_W / 3
    # Every point of the legs is left of the pelvis, the feet near the floor's left end.
    legs = [_leg(prone, width) for width in (THIGH_W, SHIN_W, FOOT_W)]
    assert all(_design_x(prone, point) <= pelvis for leg in legs for point in leg.points)
    assert min(_design_x(prone, point) for point in legs[-1].points) < DESIGN_W / 8
    # The folded arms and the hand lie by the head, on the right.
    arms = [part for part in prone.over if not isinstance(part, Head)]
    for part in arms:
        assert prone.to_design().mapRect(part_bounds(part, 0.0)).left() > DESIGN_W / 2
    # The area a frame repaints covers the low back, and neither the head nor the feet.
    moving = layer_areas(prone)[2]
    head_box = prone.to_design().mapRect(part_bounds(head, 0.0))
    assert moving.right() < head_box.left()
    assert moving.left() > max(_design_x(prone, point) for point in legs[-1].points)
    assert moving.left() < _design_x(prone, belly_point(prone, 0.0)) < moving.right()


@pytest.mark.parametrize("name", UPRIGHT_POSES)
def test_upright_the_body_faces_right(name: str) -> None:
    pose = POSE_BY_NAME[name]
    assert pose.torso.belly.rise == (1.0, 0.0)  # the belly moves forward: to the right
    back = min(x for segment in pose.torso.before for x, _ in segment)
    front = max(x for x, _ in pose.torso.belly.controls)
    assert back < 0.0 < front  # about the hip joint


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_prone_head_is_drawn_on_the_right(make_figure: MakeFigure, theme: str) -> None:
    figure = make_figure("prone", theme=theme)
    prone = POSE_BY_NAME["prone"]
    pixels = _grab(figure, 0.0)
    centre = prone.to_design().map(QPointF(*_head(prone).centre))
    at = _device_box(figure, QRectF(centre, centre)).topLeft()
    x, y = at.x(), at.y()
    assert x > figure.width() * 3 / 4
    paper = pixels[4, 4]
    assert pixels[y, x] != paper  # the head is here, on the right
    assert pixels[y, figure.width() - 1 - x] == paper  # and nothing at its mirror image


# -- what is drawn --------------------------------------------------------------------------
@pytest.mark.parametrize("name", POSES)
@pytest.mark.parametrize("size", [(360, 180), (720, 360), (1000, 400), (500, 640)])
def test_every_pose_paints_at_any_size(
    make_figure: MakeFigure, name: str, size: tuple[int, int]
) -> None:
    figure = make_figure(name, size)
    empty = _grab(figure, 0.0)
    full = _grab(figure, 1.0)
    assert empty.shape == (size[1], size[0])
    box = _device_box(figure, _belly_box(POSE_BY_NAME[name]))
    assert _changed(empty, full, box) > 20


@pytest.mark.parametrize("name", POSES)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_belly_moves_and_the_chest_stays_still(
    make_figure: MakeFigure, name: str, theme: str
) -> None:
    figure = make_figure(name, theme=theme)
    figure.set_active(True)
    pose = POSE_BY_NAME[name]
    empty, half, full = (_grab(figure, lung) for lung in (0.0, 0.5, 1.0))
    belly = _device_box(figure, _belly_box(pose))
    assert _changed(empty, half, belly) > 50
    assert _changed(half, full, belly) > 50
    for chest in _chest_boxes(pose):
        assert _changed(empty, full, _device_box(figure, chest)) == 0
    # Nothing changes outside the area a frame repaints.
    moving = _device_box(figure, layer_areas(pose)[2])
    assert _changed(empty, full, moving) == int(np.count_nonzero(empty != full))


@pytest.mark.parametrize("name", POSES)
def test_every_pose_paints_at_twice_the_pixel_ratio(
    make_figure: MakeFigure, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    figure = make_figure(name, (480, 240))
    at_1x = figure.pixels_per_lung()
    monkeypatch.setattr(figure, "devicePixelRatioF", lambda: 2.0)
    assert figure.pixels_per_lung() == pytest.approx(2 * at_1x)
    pose = POSE_BY_NAME[name]
    empty, full = _render_2x(figure, 0.0), _render_2x(figure, 1.0)
    assert empty.shape == (480, 960)
    assert _changed(empty, full, _device_box(figure, _belly_box(pose), 2.0)) > 50
    for chest in _chest_boxes(pose):
        assert _changed(empty, full, _device_box(figure, chest, 2.0)) == 0


# -- the supine figure, as it was -----------------------------------------------------------
@pytest.fixture(scope="module")
def figure_before(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The figure module as it was before poses, from the repository's history."""
    try:
        shown = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{BEFORE_POSES}:coach/ui/pacer/figure.py"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"no git history to compare with: {error}")
    if shown.returncode != 0:
        pytest.skip(f"no git history to compare with: {shown.stderr.strip()}")
    path = tmp_path_factory.mktemp("before") / "figure_before_poses.py"
    path.write_text(shown.stdout)
    spec = importlib.util.spec_from_file_location("figure_before_poses", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(360, 180), (733, 377), (1000, 400)])
def test_the_supine_figure_is_drawn_as_before(
    qtbot: QtBot, make_figure: MakeFigure, figure_before: ModuleType, theme: str, size: Any
) -> None:
    before = figure_before.BreathFigure()
    qtbot.addWidget(before)
    before.setPalette(make_palette(theme))
    before.resize(*size)
    now = make_figure("seated", size, theme)
    now.set_pose("supine")  # back from another pose, too
    for active in (False, True):
        before.set_active(active)
        now.set_active(active)
        for lung in (0.0, 0.37, 0.5, 1.0):
            assert np.array_equal(_grab(before, lung), _grab(now, lung)), (active, lung)


def test_the_supine_geometry_is_as_before() -> None:
    """Key numbers of the figure before poses (for when there is no history to draw it)."""
    supine = POSE_BY_NAME["supine"]
    assert supine.scale == 1.0
    assert supine.offset() == QPointF(0.0, 0.0)
    assert belly_point(supine, 0.0).x() == 258.0
    assert belly_point(supine, 0.0).y() == pytest.approx(136.772004, abs=1e-6)
    assert belly_point(supine, 1.0).y() == pytest.approx(122.457362, abs=1e-6)
    assert belly_travel(supine) == pytest.approx(14.314642589969452, abs=1e-9)
    full = torso_path(supine, 1.0)
    assert [(full.elementAt(i).x, full.elementAt(i).y) for i in (10, 11, 12)] == [
        (285.0, 140.0 - 1.25 * 19.0),
        (238.0, 140.0 - 1.3 * 19.0),
        (214.0, 139.0),
    ]


def test_a_mirrored_figure_is_the_same_picture_left_for_right(qtbot: QtBot) -> None:
    """The left side of a sided step: the figure faces the way the step's drawing does."""
    figure = BreathFigure()
    qtbot.addWidget(figure)
    figure.resize(480, 240)
    figure.set_pose("prone")
    figure.set_lung(0.6)
    plain = _pixels(figure.grab().toImage())
    figure.set_mirrored(True)
    assert figure.mirrored()
    flipped = _pixels(figure.grab().toImage())
    # Left for right; antialiased edges may fall a shade differently on the other side.
    channels = (
        np.ascontiguousarray(flipped[:, ::-1]).view(np.uint8).astype(int),
        plain.view(np.uint8).astype(int),
    )
    differ = np.abs(channels[0] - channels[1]) > 48
    assert differ.mean() < 0.002
    assert not np.array_equal(flipped, plain)
