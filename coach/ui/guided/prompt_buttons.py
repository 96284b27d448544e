"""The buttons the guided prompts are made of, the keys they answer to, and the row holding them.

Shared by every prompt. Colours are worked out from the palette at paint time, so a button
follows a theme switch while it is on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QPushButton, QSizePolicy, QStyle, QWidget

from coach.ui.theme import blend, zone_colour

RING = 3.0  # room kept round every button for its focus ring
DOT = 7.0  # the marker on safety reasons: a shape as well as a tint, for colour-blind eyes

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# By key code (what QKeyEvent.key() gives): the arrows move between a prompt's answers.
ARROW_STEPS: dict[int, int] = {
    Qt.Key.Key_Left.value: -1,
    Qt.Key.Key_Up.value: -1,
    Qt.Key.Key_Right.value: 1,
    Qt.Key.Key_Down.value: 1,
}


# Prompts read from the mat as the step text does: on a large window their type grows (up
# to twice the desktop's size); never smaller than the desktop's own.
PROMPT_FACTOR = "promptFactor"
PROMPT_WEIGHT = "promptWeight"


def prompt_scale(window_height: int) -> float:
    return max(1.0, min(2.0, window_height / 720.0))


def set_prompt_font(
    widget: QWidget, factor: float, weight: QFont.Weight = QFont.Weight.Normal, scale: float = 1.0
) -> None:
    """Give `widget` a prompt font, remembering its factor so `rescale_prompts` can grow it."""
    widget.setProperty(PROMPT_FACTOR, factor)
    widget.setProperty(PROMPT_WEIGHT, weight.value)
    widget.setFont(prompt_font(factor * scale, weight))


def rescale_prompts(root: QWidget, scale: float) -> None:
    """Every prompt font under `root` (itself included) at `scale` times its factor."""
    for widget in [root, *root.findChildren(QWidget)]:
        factor = widget.property(PROMPT_FACTOR)
        if isinstance(factor, float):
            weight = QFont.Weight(int(widget.property(PROMPT_WEIGHT)))
            font = prompt_font(factor * scale, weight)
            if font != widget.font():
                widget.setFont(font)
                widget.updateGeometry()
    for widget in root.findChildren(QWidget):
        relayout = getattr(widget, "relayout", None)
        if callable(relayout):
            relayout()  # a widget that places its children itself (a list of bullets)


def prompt_font(factor: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    # Relative to the desktop's own font size, so a person who set larger text gets it here.
    font = QFont(QApplication.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setWeight(weight)
    return font


def soft_label(palette: QPalette) -> QColor:
    # Quieter than body text, still well above 4.5:1 contrast on both papers.
    return blend(
        palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.28
    )


class PromptButton(QPushButton):
    """A rounded, padded button drawn from the palette.

    kind: "plain", "primary" (the default answer), "safety" (a reason that needs care),
    "quiet" (a small way out) or "scale" (one number of the rating row).
    """

    def __init__(self, text: str, kind: str = "plain", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.kind = kind
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)  # repaint on hover in and out
        set_prompt_font(self, 1.0 if kind == "quiet" else 1.15)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        if kind != "scale":
            # A button as wide as its words: a full-width bar would shout.
            self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _plain_text(self) -> str:
        return self.text().replace("&&", "\0").replace("&", "").replace("\0", "&")

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        if self.kind == "quiet":  # small print's own size: it sits beside small print
            pad_x, height = 10, metrics.height() + 2 * 6 + 2 * RING
        else:  # as tall as a plain button whatever the font, so mixed rows line up
            pad_x, height = 16, metrics.height() + 2 * 9 + 2 * RING
        width = metrics.horizontalAdvance(self._plain_text()) + 2 * pad_x + 2 * RING
        if self.kind == "safety":
            width += DOT + 8
        if self.kind == "scale":
            width = height + 8
        return QSize(round(max(width, height)), round(height))

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        # The rating row must fit the side panel of the smallest window (about 430 px).
        return QSize(30, hint.height()) if self.kind == "scale" else hint

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ENTER_KEYS and self.isEnabled():
            # Outside a dialog QPushButton ignores Enter; here Enter means "this one".
            self.click()
            return
        if event.key() in ARROW_STEPS:
            event.ignore()  # the prompt moves focus among its own buttons, never out
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        window = pal.color(QPalette.ColorRole.Window)
        base = pal.color(QPalette.ColorRole.Base)
        mid = pal.color(QPalette.ColorRole.Mid)
        accent = pal.color(QPalette.ColorRole.Highlight)
        text = pal.color(QPalette.ColorRole.ButtonText)
        strong = self.kind == "primary" or (self.kind == "scale" and self.isChecked())
        fill: QColor | None = base
        border: QColor | None = mid
        if not self.isEnabled():
            fill = blend(window, accent if strong else base, 0.3 if strong else 0.5)
            border = blend(mid, window, 0.4)
            text = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        elif strong:
            fill = border = accent
            text = pal.color(QPalette.ColorRole.HighlightedText)
        elif self.kind == "safety":
            care = zone_colour(pal, "too_much")
            fill, border = blend(base, care, 0.10), blend(mid, care, 0.55)
        elif self.kind == "quiet":
            fill, border, text = None, None, soft_label(pal)
        if self.isEnabled() and (self.isDown() or self.underMouse()):
            ink = pal.color(QPalette.ColorRole.WindowText) if strong else accent
            shade = 0.22 if self.isDown() else 0.10
            fill = blend(fill if fill is not None else window, ink, shade)

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(RING + 0.5, RING + 0.5, -RING - 0.5, -RING - 0.5)
        painter.setPen(QPen(border, 1.0) if border is not None else Qt.PenStyle.NoPen)
        painter.setBrush(fill if fill is not None else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 8.0, 8.0)
        if self.hasFocus():
            painter.setPen(QPen(accent, 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 10.0, 10.0)

        underline = self.style().styleHint(QStyle.StyleHint.SH_UnderlineShortcut, None, self)
        flags = Qt.TextFlag.TextShowMnemonic if underline else Qt.TextFlag.TextHideMnemonic
        painter.setFont(self.font())
        if self.kind == "safety":
            # Dot and words centred together as one group.
            words = self.fontMetrics().horizontalAdvance(self._plain_text())
            left = box.center().x() - (DOT + 8 + words) / 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(zone_colour(pal, "too_much") if self.isEnabled() else text)
            painter.drawEllipse(QRectF(left, box.center().y() - DOT / 2, DOT, DOT))
            box = QRectF(left + DOT + 8, box.top(), words + 2, box.height())
        painter.setPen(text)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter) | int(flags), self.text())
        painter.end()


class ButtonFlow(QWidget):
    """Buttons in a row that wraps onto more lines when the slot is narrow."""

    def __init__(self, spacing: int = 8) -> None:
        super().__init__()
        self._spacing = spacing
        self._items: list[QWidget] = []
        self._trailing: QWidget | None = None
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, widget: QWidget, trailing: bool = False) -> None:
        """`trailing`: the last item keeps to the right-hand end (a quiet way out)."""
        widget.setParent(self)
        self._items.append(widget)
        if trailing:
            self._trailing = widget
        self.updateGeometry()

    def _place(self, width: int, apply: bool) -> int:
        x = y = line = 0
        for item in (w for w in self._items if not w.isHidden()):
            hint = item.sizeHint()
            if x > 0 and x + hint.width() > width:
                x, y, line = 0, y + line + self._spacing, 0
            left, top = x, y
            if item is self._trailing:
                left = max(x, width - hint.width())
                top = y + max(0, line - hint.height()) // 2  # centred on the line it joins
            if apply:
                item.setGeometry(left, top, min(hint.width(), width), hint.height())
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(width, apply=False)

    def sizeHint(self) -> QSize:
        hints = [w.sizeHint() for w in self._items if not w.isHidden()]
        width = sum(h.width() for h in hints) + self._spacing * max(0, len(hints) - 1)
        return QSize(width, max((h.height() for h in hints), default=0))

    def minimumSizeHint(self) -> QSize:
        # Height at its widest (one line): heightForWidth gives the real one. A minimum
        # worked out at the narrowest width would make a scroll area scroll for nothing.
        hints = [w.sizeHint() for w in self._items if not w.isHidden()]
        return QSize(
            max((h.width() for h in hints), default=0), max((h.height() for h in hints), default=0)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place(self.width(), apply=True)

    def relayout(self) -> None:
        """The buttons' fonts changed: measure and place them again."""
        self.updateGeometry()
        self._place(self.width(), apply=True)
