"""Reduced motion: the figure steps aside for a still bar that fills with the breath. The bar
paints in every theme and at 2x, its filling follows the lung fraction, nothing repaints
while nothing changes, holds say "Hold", and a screen reader hears the phase (once per
phase, not once per frame)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coach.core.breath.pacer import Timeline
from coach.core.breath.pattern import BreathPattern
from coach.core.clock import FakeClock
from coach.core.session.runner import RunnerSnapshot, SessionRunner
from coach.ui.pacer.bar import BreathBar
from coach.ui.pacer.view import PacerView
from coach.ui.theme import make_palette

# In 4 s, hold 2 s, out 6 s, hold 2 s: a breath of 14 s with both holds.
PATTERN = BreathPattern(4.0, 2.0, 6.0, 2.0)
THEMES = [("light", False), ("dark", False), ("light", True), ("dark", True)]
TOLERANCE = 24  # per channel: antialiased edges


class Moments:
    """Snapshots of one free-breathing session at chosen active seconds."""

    def __init__(self) -> None:
        self.clock = FakeClock()
        self.runner = SessionRunner(Timeline(PATTERN, 30), self.clock)
        self.runner.start()
        self._t = 0.0

    def at(self, t: float) -> RunnerSnapshot:
        assert t >= self._t, "moments go forward"
        self.clock.advance(t - self._t)
        self._t = t
        self.runner.tick()
        return self.runner.snapshot()


MakeView = Callable[..., PacerView]


@pytest.fixture
def make_view(qtbot: QtBot) -> Iterator[MakeView]:
    hosts: list[QWidget] = []  # qtbot holds its widgets weakly

    def make(
        theme: str = "light",
        high: bool = False,
        size: tuple[int, int] = (800, 560),
        reduced: bool = True,
    ) -> PacerView:
        # Inside a plain host, as inside the window: shown as a window of its own, the
        # view's layout would set a minimum size on a live offscreen window, which warns
        # ("does not support propagateSizeHints").
        host = QWidget()
        hosts.append(host)
        qtbot.addWidget(host)
        host.resize(*size)
        view = PacerView(host)
        view.setPalette(make_palette(theme, high))
        view.setGeometry(0, 0, *size)
        view.set_reduced_motion(reduced)
        host.show()
        qtbot.waitExposed(host)
        _settle()
        return view

    yield make


@pytest.fixture
def moments() -> Moments:
    return Moments()


def _pixels(image: QImage) -> np.ndarray[Any, Any]:
    """The image as a (height, width, 4) array of bytes (B, G, R, A)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def _grab(bar: BreathBar, lung: float, ratio: float = 1.0) -> np.ndarray[Any, Any]:
    bar.set_lung(lung)
    if ratio == 1.0:
        return _pixels(bar.grab().toImage())
    image = QImage(
        round(bar.width() * ratio), round(bar.height() * ratio), QImage.Format.Format_ARGB32
    )
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    bar.render(image)
    return _pixels(image)


def _box(rect: Any, ratio: float = 1.0) -> QRect:
    return QRect(
        round(rect.left() * ratio),
        round(rect.top() * ratio),
        round(rect.width() * ratio),
        round(rect.height() * ratio),
    )


def _near(pixels: np.ndarray[Any, Any], colour: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    return np.all(
        np.abs(pixels[..., :3].astype(int) - colour[:3].astype(int)) <= TOLERANCE, axis=-1
    )


def _filled(bar: BreathBar, lung: float, ratio: float = 1.0) -> tuple[float, int]:
    """How far along the track's middle row the filling reaches (0..1), and how many
    pixels of the bar's rectangle have the filling's colour."""
    full = _grab(bar, 1.0, ratio)
    track = _box(bar.track_rect(), ratio)
    mid = track.center().y()
    fill_colour = full[mid, track.center().x()]
    pixels = _grab(bar, lung, ratio)
    row = pixels[mid, track.left() : track.right() + 1]
    reach = float(np.count_nonzero(_near(row, fill_colour))) / track.width()
    area = pixels[track.top() : track.bottom() + 1, track.left() : track.right() + 1]
    return reach, int(np.count_nonzero(_near(area, fill_colour)))


# -- in the figure's place ----------------------------------------------------------------
def test_the_bar_takes_the_figures_place(make_view: MakeView) -> None:
    view = make_view(reduced=False)
    assert not view.reduced_motion() and view.bar.isHidden()
    figure_at = view.figure.geometry()
    view.set_reduced_motion(True)
    _settle()
    assert view.reduced_motion()
    assert view.figure.isHidden() and view.bar.isVisible()
    assert view.bar.geometry() == figure_at  # same place, same room
    view.set_reduced_motion(False)
    _settle()
    assert view.bar.isHidden() and view.figure.isVisible()
    assert view.figure.geometry() == figure_at


def test_the_figure_and_the_bar_show_the_same_breath(make_view: MakeView, moments: Moments) -> None:
    view = make_view()
    snapshot = moments.at(2.0)  # half-way through the in-breath
    view.show_snapshot(snapshot)
    assert view.bar.lung == pytest.approx(snapshot.pacer.lung)
    assert view.figure.lung == pytest.approx(snapshot.pacer.lung)  # kept, though hidden
    view.set_reduced_motion(False)
    assert view.figure.lung == pytest.approx(snapshot.pacer.lung)


# -- what is drawn --------------------------------------------------------------------------
@pytest.mark.parametrize(("theme", "high"), THEMES)
@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_the_bar_paints_in_every_theme_and_at_2x(
    make_view: MakeView, theme: str, high: bool, ratio: float
) -> None:
    view = make_view(theme, high)
    bar = view.bar
    empty, full = _grab(bar, 0.0, ratio), _grab(bar, 1.0, ratio)
    assert empty.shape[:2] == (round(bar.height() * ratio), round(bar.width() * ratio))
    track = _box(bar.track_rect(), ratio)
    inside = (slice(track.top(), track.bottom() + 1), slice(track.left(), track.right() + 1))
    assert np.count_nonzero(np.any(empty[inside] != full[inside], axis=-1)) > 0.8 * (
        track.width() * track.height()
    )
    # The outline is drawn in ink: it stands out from the paper left of the bar.
    outline = _box(bar.bar_rect(), ratio)
    paper = empty[outline.center().y(), 2]
    edge = empty[outline.center().y(), outline.left() + max(1, round(ratio))]
    assert np.abs(edge[:3].astype(int) - paper[:3].astype(int)).max() > 60


@pytest.mark.parametrize(("theme", "high"), THEMES)
@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_the_filling_follows_the_lung_fraction(
    make_view: MakeView, theme: str, high: bool, ratio: float
) -> None:
    bar = make_view(theme, high).bar
    bar.set_active(True)  # as while a session runs
    assert _filled(bar, 0.0, ratio) == (0.0, 0)
    reach_full, area_full = _filled(bar, 1.0, ratio)
    assert reach_full > 0.97
    reach_low, area_low = _filled(bar, 0.2, ratio)
    reach_high, area_high = _filled(bar, 0.8, ratio)
    assert reach_low == pytest.approx(0.2, abs=0.03)
    assert reach_high == pytest.approx(0.8, abs=0.03)
    # Four times the lung fraction, about four times the filled pixels.
    assert area_high / area_low == pytest.approx(4.0, rel=0.12)
    assert area_low < area_high < area_full


# -- only what changes repaints -------------------------------------------------------------
class PaintCounter(QObject):
    """Counts paint events on a widget and every widget inside it, with their areas."""

    def __init__(self, root: QWidget) -> None:
        super().__init__()
        self.painted: list[tuple[str, QRect]] = []
        for widget in (root, *root.findChildren(QWidget)):
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.append((type(watched).__name__, event.rect()))  # type: ignore[attr-defined]
        return False


@pytest.fixture
def counter(make_view: MakeView) -> Iterator[tuple[PacerView, PaintCounter]]:
    view = make_view()
    counting = PaintCounter(view)
    yield view, counting
    for widget in (view, *view.findChildren(QWidget)):
        widget.removeEventFilter(counting)


def _settle() -> None:
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


@pytest.mark.parametrize(("first", "second"), [(4.1, 4.4), (12.2, 12.7), (4.0 + 14.0, 4.5 + 14.0)])
def test_nothing_repaints_while_the_phase_and_the_fraction_stay(
    counter: tuple[PacerView, PaintCounter], moments: Moments, first: float, second: float
) -> None:
    """In a hold, two looks within the same second: the same words, the same bar."""
    view, counting = counter
    a, b = moments.at(first), moments.at(second)
    assert (a.pacer.phase, a.pacer.lung) == (b.pacer.phase, b.pacer.lung)
    view.show_snapshot(a)
    _settle()
    assert counting.painted  # the first look was drawn
    counting.painted.clear()
    view.show_snapshot(b)
    _settle()
    assert counting.painted == []


def test_the_figure_is_never_painted_in_reduced_motion(
    counter: tuple[PacerView, PaintCounter], moments: Moments
) -> None:
    view, counting = counter
    for t in (0.5, 1.0, 2.0, 3.0, 5.0, 7.0, 9.0):
        view.show_snapshot(moments.at(t))
        _settle()
    names = {name for name, _ in counting.painted}
    assert "BreathBar" in names and "BreathFigure" not in names


def test_a_moving_breath_repaints_only_the_stretch_that_changed(
    counter: tuple[PacerView, PaintCounter], moments: Moments
) -> None:
    view, counting = counter
    view.show_snapshot(moments.at(1.0))
    _settle()
    counting.painted.clear()
    view.show_snapshot(moments.at(1.05))  # the same second: only the filling moves
    _settle()
    # The bar, and the view behind it (the bar has no background of its own), only there.
    assert {name for name, _ in counting.painted} == {"BreathBar", "PacerView"}
    bar = view.bar.bar_rect().toAlignedRect()
    for name, rect in counting.painted:
        if name == "PacerView":
            rect = rect.translated(-view.bar.pos())
        assert bar.adjusted(-2, -2, 2, 2).contains(rect)
        assert rect.width() < bar.width() / 4


# -- words ----------------------------------------------------------------------------------
def test_holds_say_hold_over_a_still_full_or_empty_bar(
    make_view: MakeView, moments: Moments
) -> None:
    view = make_view()
    for t, lung in ((4.5, 1.0), (12.5, 0.0)):
        view.show_snapshot(moments.at(t))
        assert view.cue.text() == "Hold"
        assert view.bar.lung == lung
        assert view.bar.accessibleDescription().startswith("Hold, ")
        assert view.countdown.text() == "2"


def test_the_accessible_description_follows_the_phase(
    make_view: MakeView, moments: Moments
) -> None:
    view = make_view()
    assert view.bar.accessibleName() == view.figure.accessibleName() == "Breathing pacer"
    seen: list[str] = []
    for t in (0.0, 0.5, 1.5, 2.5, 3.5, 4.0, 4.5, 6.0, 8.0, 11.5, 12.0, 14.0, 15.0):
        view.show_snapshot(moments.at(t))
        description = view.bar.accessibleDescription()
        if not seen or seen[-1] != description:
            seen.append(description)
    # Once per phase, with the seconds it has at its start: not once per second.
    assert seen == [
        "In through the nose, 4 seconds left",
        "Hold, 2 seconds left",
        "Slowly out, 6 seconds left",
        "Hold, 2 seconds left",
        "In through the nose, 4 seconds left",
    ]
    # The figure says the same, then what it shows.
    assert view.figure.accessibleDescription().startswith("In through the nose, 4 seconds left. ")
    assert "lying on their back" in view.figure.accessibleDescription()


def test_the_words_beside_the_pacer_have_names(make_view: MakeView, moments: Moments) -> None:
    view = make_view()
    assert view.cue.accessibleName() == "Breathing cue"  # before anything is shown
    assert view.countdown.accessibleName() == "No countdown"
    view.show_snapshot(moments.at(4.5))
    assert view.cue.accessibleName() == "Hold"  # the cue itself, not a fixed name
    assert view.countdown.accessibleName() == "2 seconds left"
    view.show_snapshot(moments.at(5.5))
    assert view.countdown.accessibleName() == "1 second left"
    for label in (view.cue, view.detail, view.countdown, view.progress):
        assert label.accessibleDescription()
    assert view.cycle.accessibleName() == "One breath to scale"
    assert view.cycle.accessibleDescription() == (
        "One breath: in 4 s, hold 2 s, out 6 s, hold 2 s; now holding, full"
    )
    view.show_snapshot(moments.at(7.0))
    assert view.cycle.accessibleDescription().endswith("; now breathing out")


def test_the_next_frame_is_timed_by_what_is_shown(
    make_view: MakeView, moments: Moments, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mid-breath the next frame is due when the pacer on screen has moved a visible step:
    the bar's travel in reduced motion, the figure's otherwise."""
    view = make_view()
    monkeypatch.setattr(view.bar, "pixels_per_lung", lambda: 10.0)
    monkeypatch.setattr(view.figure, "pixels_per_lung", lambda: 4.0)
    snapshot = moments.at(2.05)
    in_bar = view.next_change_in(snapshot)
    view.set_reduced_motion(False)
    in_figure = view.next_change_in(snapshot)
    assert in_figure / in_bar == pytest.approx(10.0 / 4.0, rel=1e-6)
