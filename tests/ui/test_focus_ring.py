"""Keyboard focus is seen from the floor: after Tab, the focused button of the main window
has a clear ring (`FocusRingStyle`, coach/ui/theme.py) all round its edge, in the accent
colour, two pixels deep. Only a band just around the button is compared, so the words on
it (and their font) play no part."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from coach.core.store.store import Store
from coach.ui.theme import FocusRingStyle, apply_theme
from coach.ui.window.main_window import MainWindow
from tests.support.window import MakeWindow

RING_PX = 2  # FocusRingStyle's pen, drawn just inside the button's rectangle
CORNER_PX = 6  # the rounded corners are left out of the count
TOLERANCE = 48  # per channel, for antialiasing where the ring meets the button's own frame


@pytest.fixture(params=["light", "dark"])
def themed(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The app's look as `coach.ui.app` sets it (Fusion with focus rings, our palette);
    the style and palette the suite had are put back afterwards."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    apply_theme(qapp, request.param)
    assert isinstance(qapp.style(), FocusRingStyle)
    yield request.param
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.fixture
def window(themed: str, store: Store, make_window: MakeWindow, tmp_path: Path) -> MainWindow:
    return make_window(store=store, data_dir=tmp_path / "data", content=True)


def tab_to_a_button(qtbot: QtBot, window: MainWindow) -> QPushButton:
    for _ in range(20):
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
        focus = window.focusWidget()
        if isinstance(focus, QPushButton) and focus.isVisible():
            return focus
    raise AssertionError("Tab never reached a push button")


def rect_in_image(window: MainWindow, button: QPushButton, image: QImage) -> QRect:
    """The button's rectangle in the window's picture (in its device pixels)."""
    dpr = image.devicePixelRatio()
    top_left = button.mapTo(window, QPoint(0, 0))
    return QRect(
        round(top_left.x() * dpr),
        round(top_left.y() * dpr),
        round(button.width() * dpr),
        round(button.height() * dpr),
    )


def near(a: QColor, b: QColor, tolerance: int = TOLERANCE) -> bool:
    return (
        abs(a.red() - b.red()) <= tolerance
        and abs(a.green() - b.green()) <= tolerance
        and abs(a.blue() - b.blue()) <= tolerance
    )


def edge_points(rect: QRect, corner: int) -> list[tuple[QPoint, QPoint]]:
    """Every point along the straight parts of the edge, with the way into the button."""
    points: list[tuple[QPoint, QPoint]] = []
    for x in range(rect.left() + corner, rect.right() - corner + 1):
        points.append((QPoint(x, rect.top()), QPoint(0, 1)))
        points.append((QPoint(x, rect.bottom()), QPoint(0, -1)))
    for y in range(rect.top() + corner, rect.bottom() - corner + 1):
        points.append((QPoint(rect.left(), y), QPoint(1, 0)))
        points.append((QPoint(rect.right(), y), QPoint(-1, 0)))
    return points


def ringed_share(image: QImage, rect: QRect, colour: QColor) -> float:
    """How much of the edge is `colour` for the ring's full depth."""
    depth = max(1, round(RING_PX * image.devicePixelRatio()))
    points = edge_points(rect, round(CORNER_PX * image.devicePixelRatio()))
    ringed = sum(
        all(near(image.pixelColor(at + inward * d), colour) for d in range(depth))
        for at, inward in points
    )
    return ringed / len(points)


def band_changes(before: QImage, after: QImage, rect: QRect, margin: int = 3) -> int:
    """Pixels that differ in a band `margin` wide either side of the button's edge."""
    outer, inner = (
        rect.adjusted(-margin, -margin, margin, margin),
        rect.adjusted(margin, margin, -margin, -margin),
    )
    changed = 0
    for y in range(outer.top(), outer.bottom() + 1):
        for x in range(outer.left(), outer.right() + 1):
            if not inner.contains(x, y) and not near(
                before.pixelColor(x, y), after.pixelColor(x, y), 8
            ):
                changed += 1
    return changed


def test_tab_draws_a_ring_round_the_focused_button(
    qtbot: QtBot, window: MainWindow, themed: str
) -> None:
    button = tab_to_a_button(qtbot, window)
    # Away with Tab, and back with Shift+Tab: the same button, unfocused then focused, both
    # by the keyboard.
    qtbot.keyClick(button, Qt.Key.Key_Tab)
    assert window.focusWidget() is not button
    unfocused = window.grab().toImage()
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Backtab)
    assert window.focusWidget() is button
    focused = window.grab().toImage()

    rect = rect_in_image(window, button, focused)
    assert focused.rect().contains(rect)
    accent = QApplication.palette().color(QPalette.ColorRole.Highlight)
    assert band_changes(unfocused, focused, rect) > len(edge_points(rect, 0))
    assert ringed_share(unfocused, rect, accent) < 0.1, themed
    assert ringed_share(focused, rect, accent) > 0.9, themed
