"""What a laid-out window must never show, checked from the real widget geometries.

Every visible control and text lies inside the window and inside the widget that holds it;
no two of them overlap; no label is cut short of its text (elided, or squeezed below the
height its wrapped lines need); and while a session runs, the breath cue is the largest
text on the screen. Widgets inside a scroll area are checked against the area's content,
which scrolls, not against the visible part.
"""

from __future__ import annotations

from itertools import combinations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QMainWindow,
    QScrollBar,
    QWidget,
)

TOLERANCE = 1  # pixels of rounding


def _text_of(label: QLabel) -> str:
    return label.text() if label.textFormat() != Qt.TextFormat.RichText else ""


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _in_scroll_content(widget: QWidget, stop: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _rect_in(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _leaves(window: QMainWindow) -> list[QWidget]:
    """The things a person reads or presses: labels with words, buttons, pickers, the
    painted parts (figure, slider, progress), not the containers around them."""
    leaves: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if not _shown(widget) or isinstance(widget, QScrollBar):
            continue
        if isinstance(widget, QLabel):
            if widget.text().strip():
                leaves.append(widget)
        elif isinstance(widget, (QAbstractButton, QComboBox)) or type(widget).__name__ in (
            "BreathFigure",
            "CyclePlot",
            "IntensitySlider",
            "StepProgress",
            "Illustration",
        ):
            leaves.append(widget)
    return leaves


def problems(window: QMainWindow, session_running: bool = False) -> list[str]:
    found: list[str] = []
    bounds = window.rect()
    leaves = _leaves(window)

    def name(widget: QWidget) -> str:
        label = widget.objectName() or type(widget).__name__
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
        return f"{label} {text[:30]!r}" if text else label

    for widget in leaves:
        rect = _rect_in(widget, window)
        scrolled = _in_scroll_content(widget, window)
        if not scrolled and not bounds.adjusted(
            -TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE
        ).contains(rect):
            found.append(f"outside the window: {name(widget)} at {rect.getRect()}")
        parent = widget.parentWidget()
        if parent is not None and not isinstance(parent, QAbstractScrollArea):
            inner = parent.rect().adjusted(-TOLERANCE, -TOLERANCE, TOLERANCE, TOLERANCE)
            if not inner.contains(widget.geometry()):
                found.append(f"cut by its container: {name(widget)} in {name(parent)}")
        if isinstance(widget, QLabel) and widget.pixmap().isNull():
            text = _text_of(widget)
            metrics = widget.fontMetrics()
            margins = widget.contentsMargins()
            width = widget.width() - margins.left() - margins.right()
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + TOLERANCE:
                    found.append(
                        f"squeezed: {name(widget)} is {widget.height()} px high, needs {needed}"
                    )
            elif text:
                longest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
                if longest > width + TOLERANCE:
                    found.append(f"cut short: {name(widget)} is {width} px, needs {longest}")
    for a, b in combinations(leaves, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        if _in_scroll_content(a, window) != _in_scroll_content(b, window):
            continue  # one scrolls under the other's frame: the viewport clips it
        overlap = _rect_in(a, window).intersected(_rect_in(b, window))
        if overlap.width() > TOLERANCE and overlap.height() > TOLERANCE:
            found.append(f"overlap: {name(a)} and {name(b)} ({overlap.getRect()})")
    if session_running:
        cue = window.findChild(QLabel, "cue")
        assert cue is not None
        size = QFontInfo(cue.font()).pixelSize()
        for widget in leaves:
            drawn = widget.value_font() if hasattr(widget, "value_font") else None
            if drawn is not None and QFontInfo(drawn).pixelSize() >= size:
                found.append(f"the slider's number is as large as the cue ({size} px)")
            if isinstance(widget, QLabel) and widget is not cue:
                other = QFontInfo(widget.font()).pixelSize()
                if other >= size:
                    found.append(f"larger than the cue ({size} px): {name(widget)} {other} px")
    return found
