"""Parts of the timing panel: titled sections, inline messages, labels coloured from the
palette, and the caution box.

Every colour is worked out from the palette when painted (or when the palette changes), so
the parts follow a theme switch while they are on screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from coach.ui.theme import blend, heading_colour, note_colour, soft_colour, zone_colour

W = TypeVar("W", bound=QWidget)


def scale_font(font: QFont, factor: float) -> QFont:
    # Relative to the desktop's font, so a person's larger system text makes all of it larger.
    out = QFont(font)
    if out.pointSizeF() > 0:
        out.setPointSizeF(out.pointSizeF() * factor)
    else:
        out.setPixelSize(max(9, round(out.pixelSize() * factor)))
    return out


class Message(QLabel):
    """An inline message under a field; it takes no room while empty."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setWordWrap(True)
        # Read by its words; the description says which field they are about.
        self.setAccessibleDescription(name)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a typed name or value is never markup
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def say(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


class Toner:
    """Labels coloured from the palette: section titles, soft hints and caution messages.

    `recolour()` runs again on every palette change of the host, so they follow the theme.
    Each label gets a palette with only WindowText set: every other role still inherits.
    """

    TITLE, SOFT, CAUTION = "title", "soft", "caution"
    _COLOURS: ClassVar[dict[str, Callable[[QPalette], QColor]]] = {
        TITLE: heading_colour,
        SOFT: soft_colour,
        CAUTION: note_colour,
    }

    def __init__(self, host: QWidget) -> None:
        self._host = host
        self._items: list[tuple[QWidget, str]] = []

    def add(self, widget: W, tone: str) -> W:
        self._items.append((widget, tone))
        self._paint(widget, tone)
        return widget

    def soft(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return self.add(label, self.SOFT)

    def message(self, name: str) -> Message:
        return self.add(Message(name), self.CAUTION)

    def recolour(self) -> None:
        for widget, tone in self._items:
            self._paint(widget, tone)

    def _paint(self, widget: QWidget, tone: str) -> None:
        palette = QPalette()
        colour = self._COLOURS[tone](self._host.palette())
        # Active and inactive only: a disabled label (settle-in during a session) takes the
        # theme's disabled text like everything around it.
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.WindowText, colour)
        widget.setPalette(palette)


class CautionBox(QFrame):
    """A soft amber card for the breathing caution: something to read, not a wall."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Caution")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 14, 10)
        layout.addWidget(self.label)
        self.hide()

    def say(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        window = pal.color(QPalette.ColorRole.Window)
        care = zone_colour(pal, "working")
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(blend(window, care, 0.45), 1.0))
        painter.setBrush(blend(window, care, 0.10))
        painter.drawRoundedRect(card, 8.0, 8.0)
        # A short amber stripe on the left: the box reads as a caution without colour too.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(care)
        painter.drawRoundedRect(
            QRectF(card.left() + 5, card.top() + 9, 3, card.height() - 18), 1.5, 1.5
        )
        painter.end()


def section(title: str, box: QWidget | None = None) -> tuple[QWidget, QVBoxLayout, QLabel]:
    """A titled block of the panel: its widget, the layout to fill and the title label."""
    box = box or QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    label = QLabel(title)
    label.setObjectName("timingSection")
    font = scale_font(label.font(), 0.86)
    font.setWeight(QFont.Weight.DemiBold)
    font.setCapitalization(QFont.Capitalization.AllUppercase)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    label.setFont(font)
    layout.addWidget(label)
    return box, layout, label
