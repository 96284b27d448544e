"""Inline prompts for guided sessions: why a stop, ease off, the safety check, a rating.

None of them is modal and none keeps time: the window shows one with `show_...()`, hides it
with `hide()`, and listens to its signals. Colours are worked out from the palette at paint
time (like the notice bar), so every prompt follows a theme switch while it is on screen.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from coach.core.intensity import SCALE_MAX
from coach.core.safety import (
    CHECKLIST,
    CHECKLIST_INTRO,
    GATED_EXPLANATION,
    STOP_REASONS,
    WELLNESS_NOTE,
)
from coach.ui.theme import blend, zone_colour

#: Alt+letter keys the main window already owns (menus File/Session/Help, the Pattern and
#: Length labels). A prompt's mnemonic must differ, or Qt calls the key ambiguous and
#: neither fires.
WINDOW_MNEMONICS = frozenset("fshpl")
# One letter per stop reason, all distinct from each other and from every other prompt's.
REASON_MNEMONICS = {
    "sharp_pain": "r",
    "tingling": "t",
    "pulse": "u",
    "dizzy": "d",
    "just_stopping": "j",
}

RING = 3.0  # room kept round every button for its focus ring
INSET = 6  # the card floats a little inside the slot the window gives it
PAD = 18  # generous padding inside the card
RADIUS = 12.0
STRIPE = 6.0  # the ease-off bar's accent stripe
DOT = 7.0  # the marker on safety reasons: a shape as well as a tint, for colour-blind eyes

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ARROWS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}


def with_mnemonic(label: str, letter: str) -> str:
    """`label` with '&' before the first `letter`, preferring the start of a word."""
    text = label.replace("&", "&&")
    anywhere = [i for i, ch in enumerate(text) if ch.lower() == letter]
    starts = [i for i in anywhere if i == 0 or text[i - 1] == " "]
    at = (starts or anywhere or [-1])[0]
    return text if at < 0 else text[:at] + "&" + text[at:]


def _font(factor: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    # Relative to the desktop's own font size, so a person who set larger text gets it here.
    font = QFont(QApplication.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(round(font.pixelSize() * factor))
    font.setWeight(weight)
    return font


def _soft(palette: QPalette) -> QColor:
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
        self.setFont(_font(1.0 if kind == "quiet" else 1.15))
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
            pad_x, height = 16, QFontMetrics(_font(1.15)).height() + 2 * 9 + 2 * RING
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
        if event.key() in _ENTER and self.isEnabled():
            # Outside a dialog QPushButton ignores Enter; here Enter means "this one".
            self.click()
            return
        if event.key() in _ARROWS:
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
            fill, border, text = None, None, _soft(pal)
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


class _Flow(QWidget):
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


class _Bullets(QWidget):
    """A readable bulleted list; two columns when there is room, one in a side panel."""

    TWO_COLUMNS_FROM = 720

    def __init__(self, items: tuple[str, ...]) -> None:
        super().__init__()
        self._labels = []
        for text in items:
            label = QLabel(text, self)
            label.setWordWrap(True)
            label.setFont(_font(1.08))
            self._labels.append(label)
        self.setAccessibleName("Reasons: " + "; ".join(items))
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _columns(self, width: int) -> list[list[QLabel]]:
        if width < self.TWO_COLUMNS_FROM:
            return [self._labels]
        half = (len(self._labels) + 1) // 2
        return [self._labels[:half], self._labels[half:]]

    def _place(self, width: int, apply: bool) -> int:
        columns = self._columns(width)
        gap, indent, row_gap = 28, 20, 4
        col_width = (width - gap * (len(columns) - 1)) // len(columns)
        tallest = 0
        for index, column in enumerate(columns):
            x, y = index * (col_width + gap) + indent, 0
            for label in column:
                height = label.heightForWidth(col_width - indent)
                if apply:
                    label.setGeometry(x, y, col_width - indent, height)
                y += height + row_gap
            tallest = max(tallest, y - row_gap)
        return tallest

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(width, apply=False)

    def sizeHint(self) -> QSize:
        return QSize(self.TWO_COLUMNS_FROM, self.heightForWidth(self.TWO_COLUMNS_FROM))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(2 * self.TWO_COLUMNS_FROM))  # as for _Flow

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place(self.width(), apply=True)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Highlight))
        for label in self._labels:
            # On the middle of the first line, however many lines the item wraps to.
            middle = label.y() + label.fontMetrics().height() / 2 + 1
            painter.drawEllipse(QRectF(label.x() - 14, middle - 3, 6, 6))
        painter.end()


class _Prompt(QFrame):
    """What every prompt shares: the card, soft labels, arrow keys, giving focus back."""

    def __init__(self, name: str, tint: str = "accent", stripe: bool = False) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(name)
        self._tint, self._stripe = tint, stripe
        self._soft_labels: list[QLabel] = []
        self._nav: list[QAbstractButton] = []
        self._claim_space = True
        self._return_to: QWidget | None = None
        self.column = QVBoxLayout(self)
        left = INSET + PAD + (round(STRIPE) if stripe else 0)
        self.column.setContentsMargins(left, INSET + PAD - 4, INSET + PAD, INSET + PAD - 4)
        self.column.setSpacing(8)
        self.hide()

    def is_open(self) -> bool:
        """Shown by a `show_...()` call and not hidden since (whether or not on screen)."""
        return not self.isHidden()

    def _label(
        self,
        text: str,
        factor: float,
        soft: bool = False,
        weight: QFont.Weight = QFont.Weight.Normal,
    ) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setFont(_font(factor, weight))
        if soft:
            self._soft_labels.append(label)
            self._recolour()
        return label

    def _recolour(self) -> None:
        # A palette with only WindowText set: everything else still follows the theme.
        soft = QPalette()
        soft.setColor(QPalette.ColorRole.WindowText, _soft(self.palette()))
        for label in self._soft_labels:
            label.setPalette(soft)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()
        super().changeEvent(event)

    # -- focus ----------------------------------------------------------------------------
    def _open(self, focus: QWidget | None = None) -> None:
        held = self.window().focusWidget()
        if held is not None and held is not self and not self.isAncestorOf(held):
            self._return_to = held
        self.show()
        if focus is not None:
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _holds_focus(self) -> bool:
        held = self.window().focusWidget()
        return held is not None and (held is self or self.isAncestorOf(held))

    def setVisible(self, visible: bool) -> None:
        # Hiding a widget that holds focus lets Qt pass it to the next one in the chain,
        # maybe a combo box that would then eat the window's keys: give it back instead.
        give_back = not visible and self._holds_focus()
        super().setVisible(visible)
        if not give_back or self.isWindow():
            return
        target = self._return_to
        if target is not None and isValid(target) and target.isVisible() and target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        elif (held := self.window().focusWidget()) is not None:
            held.clearFocus()

    # -- keys -----------------------------------------------------------------------------
    def _claims(self, event: QKeyEvent) -> bool:
        """Keys taken from the window's shortcuts while focus is inside this prompt."""
        if not isinstance(self.window().focusWidget(), QAbstractButton):
            return False
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return False
        if event.key() in _ARROWS and any(b.isVisibleTo(self) for b in self._nav):
            return True  # arrows move among these buttons, not through the routine
        return event.key() in _ENTER or (event.key() == Qt.Key.Key_Space and self._claim_space)

    def event(self, event: QEvent) -> bool:
        # Space is the window's Start/Pause shortcut; a focused button here wants it itself.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._holds_focus()
            and self._claims(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = _ARROWS.get(event.key())
        buttons = [b for b in self._nav if b.isVisibleTo(self) and b.isEnabled()]
        if step is None or not buttons:
            super().keyPressEvent(event)
            return
        current = self.focusWidget()
        if current in buttons:
            target = buttons[(buttons.index(current) + step) % len(buttons)]
        else:
            target = buttons[0] if step > 0 else buttons[-1]
        target.setFocus(Qt.FocusReason.TabFocusReason)

    # -- the card -------------------------------------------------------------------------
    def _card_height(self) -> int:
        content = self.heightForWidth(self.width())
        if content < 0:
            content = self.sizeHint().height()
        # In a tall side panel the card ends under its content, not at the panel's foot.
        return min(self.height(), content)

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        window = pal.color(QPalette.ColorRole.Window)
        if self._tint == "accent":
            tint = pal.color(QPalette.ColorRole.Highlight)
        else:
            tint = zone_colour(pal, self._tint)
        rect = QRectF(
            INSET + 0.5,
            INSET + 0.5,
            self.width() - 2 * INSET - 1,
            self._card_height() - 2 * INSET - 1,
        )
        card = QPainterPath()
        card.addRoundedRect(rect, RADIUS, RADIUS)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(card, blend(window, tint, 0.08))
        painter.setPen(QPen(blend(window, tint, 0.32), 1.0))
        painter.drawPath(card)
        if self._stripe:
            painter.setClipPath(card)
            painter.fillRect(QRectF(rect.left(), rect.top(), STRIPE, rect.height()), tint)
        painter.end()


class StopReasonBar(_Prompt):
    """Asked when the person stops during a session: one click is the whole answer.

    Signals:
        reason_chosen(str): the key of the chosen `STOP_REASONS` entry.
        cancelled(): "Keep going": the session goes on.

    Esc is not taken here: a second Esc while the bar is open is the window's to handle
    (see `is_open()`).
    """

    reason_chosen = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__("Why are you stopping?")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.question = self._label("Why are you stopping?", 1.45)
        self.hint = self._label(
            "If something felt wrong, choose what it was: the coach will say what to do next.",
            1.0,
            soft=True,
        )
        self.keep_going = PromptButton("&Keep going")
        self.keep_going.setAccessibleDescription("Close this and carry on with the session")
        self.keep_going.clicked.connect(self._keep_going)
        self.buttons: dict[str, PromptButton] = {}
        row = _Flow()
        # Safety reasons first, "Just stopping" last, whatever order the core lists them in.
        for reason in sorted(STOP_REASONS, key=lambda r: not r.safety):
            text = with_mnemonic(reason.label, REASON_MNEMONICS.get(reason.key, ""))
            button = PromptButton(text, "safety" if reason.safety else "primary")
            button.setAccessibleName(reason.label)
            if reason.safety:
                button.setAccessibleDescription(
                    "Stop because of this: the coach eases you out and says what to do next"
                )
            button.clicked.connect(lambda _=False, key=reason.key: self._choose(key))
            self.buttons[reason.key] = button
            row.add(button)
        self.plain_stop = self.buttons["just_stopping"]
        self.plain_stop.setDefault(True)
        self._nav = [*self.buttons.values(), self.keep_going]

        header = QHBoxLayout()
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.question)
        words.addWidget(self.hint)
        header.addLayout(words, 1)
        header.addWidget(self.keep_going, 0, Qt.AlignmentFlag.AlignTop)
        self.column.addLayout(header)
        self.column.addSpacing(4)
        self.column.addWidget(row)
        # "Keep going" sits first on screen but last for Tab, after the reasons.
        for before, after in zip(self._nav, self._nav[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def show_reasons(self) -> None:
        """Show the question with "Just stopping" focused, so Enter or Space stops plainly."""
        self._open(self.plain_stop)

    def _choose(self, key: str) -> None:
        self.hide()
        self.reason_chosen.emit(key)

    def _keep_going(self) -> None:
        self.hide()
        self.cancelled.emit()


class EaseOffBar(_Prompt):
    """A calm word when the feel scale sits high: ease off (7+ held), or an offer to stop (9-10).

    Takes no keyboard focus: the hands are busy and the window keeps its keys. Its buttons
    are reachable with Tab and take Enter (never Space, which stays Start/Pause).

    Signals:
        dismissed(): "Got it" or "Ease off and go on".
        stop_requested(): "Stop now" on the stop offer.
    """

    dismissed = Signal()
    stop_requested = Signal()

    def __init__(self) -> None:
        super().__init__("Ease off", tint="too_much", stripe=True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._claim_space = False
        self.level: int | None = None
        self.title = self._label("", 1.3)
        self.body = self._label("", 1.12)
        self.got_it = PromptButton("&Got it")
        self.stop_now = PromptButton("Stop no&w")
        self.go_on = PromptButton("&Ease off and go on")
        self._nav = [self.got_it, self.stop_now, self.go_on]
        for button in self._nav:
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.got_it.clicked.connect(self._dismiss)
        self.go_on.clicked.connect(self._dismiss)
        self.stop_now.clicked.connect(self._stop)
        row = QHBoxLayout()
        row.setSpacing(16)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title)
        words.addWidget(self.body)
        row.addLayout(words, 1)
        for button in self._nav:
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.column.addLayout(row)

    def show_ease_off(self, level: int) -> None:
        self._show(level, offer_stop=False)

    def show_stop_offer(self, level: int) -> None:
        self._show(level, offer_stop=True)

    def is_stop_offer(self) -> bool:
        return not self.stop_now.isHidden()

    def _show(self, level: int, offer_stop: bool) -> None:
        self.level = level
        if offer_stop:
            title = f"That's a lot: {level} of {SCALE_MAX}."
            body = "Would you like to stop here? Easing right off and carrying on is fine too."
        else:
            title = f"That's strong: {level} of {SCALE_MAX}."
            body = "Ease off a little: lighter pressure, and a longer, slower out-breath."
        self.title.setText(title)
        self.body.setText(body)
        self.setAccessibleDescription(f"{title} {body}")
        self.got_it.setVisible(not offer_stop)
        self.stop_now.setVisible(offer_stop)
        self.go_on.setVisible(offer_stop)
        self._open(focus=None)  # never take focus from the window

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def _stop(self) -> None:
        self.hide()
        self.stop_requested.emit()


class SafetyChecklist(_Prompt):
    """The safety questions before the first deep belly technique; one answer covers all.

    Signals:
        answered(bool): True when one or more reasons apply (belly work is then off).
        cancelled(): "Not now".
        dismissed(): "OK" on the explanation shown by `show_gated()`.
    """

    answered = Signal(bool)
    cancelled = Signal()
    dismissed = Signal()

    def __init__(self) -> None:
        super().__init__("Safety questions")
        # The card itself takes focus on showing: neither answer is pre-selected, so Enter
        # cannot wave the questions through.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.intro = self._label(CHECKLIST_INTRO, 1.25)
        self.items = _Bullets(CHECKLIST)
        self.gated_title = self._label("Belly work stays off for now", 1.3)
        self.explanation = self._label(GATED_EXPLANATION, 1.12)
        self.none_apply = PromptButton("&None of these apply")
        self.some_apply = PromptButton("One or &more applies")
        self.not_now = PromptButton("N&ot now", "quiet")
        self.ok = PromptButton("OK", "primary")  # O and K belong to other prompts
        self.none_apply.clicked.connect(lambda: self._answer(False))
        self.some_apply.clicked.connect(lambda: self._answer(True))
        self.not_now.clicked.connect(self._cancel)
        self.ok.clicked.connect(self._dismiss)
        self.note = self._label(WELLNESS_NOTE, 0.95, soft=True)
        self._nav = [self.none_apply, self.some_apply, self.not_now, self.ok]

        answers = _Flow(8)
        for button in (self.none_apply, self.some_apply, self.ok):
            answers.add(button)
        answers.add(self.not_now, trailing=True)  # the quiet way out, away from the answers
        self._answers = answers
        self.body = QWidget()
        content = QVBoxLayout(self.body)
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(5)
        for widget in (self.intro, self.gated_title, self.items, self.explanation):
            content.addWidget(widget)
        content.addSpacing(4)
        content.addWidget(answers)
        content.addWidget(self.note)
        content.addStretch(1)
        # Every reason must stay readable: where the panel is too short for the list (the
        # smallest window, a large desktop font) it scrolls rather than dropping lines.
        self.scroller = QScrollArea()
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.body)
        self.body.setAutoFillBackground(False)  # setWidget turns it on; the card shows through
        self.scroller.viewport().setAutoFillBackground(False)
        self.column.addWidget(self.scroller)
        # A little less air above and below than the bars: the list is long.
        margins = self.column.contentsMargins()
        self.column.setContentsMargins(margins.left(), INSET + 12, margins.right(), INSET + 10)
        self._set_gated(False)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # What the content needs; the scroll area would only report its own small hint.
        margins = self.column.contentsMargins()
        inner = width - margins.left() - margins.right()
        return self.body.heightForWidth(inner) + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:
        return QSize(720, self.heightForWidth(720))

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 160)

    def show_checklist(self) -> None:
        self._set_gated(False)
        self.setAccessibleDescription(CHECKLIST_INTRO + " " + "; ".join(CHECKLIST))
        self._open(self)

    def show_gated(self, explanation: str = GATED_EXPLANATION) -> None:
        """Say why belly work is off, with a single OK."""
        self.explanation.setText(explanation)
        self._set_gated(True)
        self.setAccessibleDescription(f"{self.gated_title.text()}. {explanation}")
        self._open(self.ok)

    def is_gated(self) -> bool:
        return not self.explanation.isHidden()

    def _set_gated(self, gated: bool) -> None:
        for widget in (self.intro, self.items, self.none_apply, self.some_apply, self.not_now):
            widget.setVisible(not gated)
        for widget in (self.gated_title, self.explanation, self.ok):
            widget.setVisible(gated)
        self._answers.updateGeometry()

    def _answer(self, applies: bool) -> None:
        self.hide()
        self.answered.emit(applies)

    def _cancel(self) -> None:
        self.hide()
        self.cancelled.emit()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()


class _Scale(QWidget):
    """The row of 0-10 as one focus stop, like a slider: keys go to the card."""

    def __init__(self, card: RatingCard) -> None:
        super().__init__()
        self._card = card
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._card.handle_key(event.key()):
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.hasFocus():
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pal = self.palette()
            ring = blend(
                pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.Highlight), 0.7
            )
            painter.setPen(QPen(ring, 1.5))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 12.0, 12.0)
            painter.end()


class RatingCard(_Prompt):
    """How tight the hips feel, 0-10, before or after a session.

    Keys (also forwarded by the window through `handle_key`): 0-9 choose, 9 again gives 10,
    Left/Right (and Down/Up) move by one, Enter saves, Esc skips.

    Signals:
        rated(int): the saved value, 0-10.
        skipped(): "Skip" or Esc.
    """

    rated = Signal(int)
    skipped = Signal()

    TITLES: ClassVar[dict[str, str]] = {"before": "Before you start", "after": "After the session"}
    LOOSE, TIGHT = "loose and easy", "as tight as they get"

    def __init__(self) -> None:
        super().__init__("Tightness rating")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.moment = ""
        self.title = self._label("", 1.45)
        self.question = self._label("How tight do your hips feel right now?", 1.2)
        self.scale = _Scale(self)
        self.scale.setAccessibleName(
            "Tightness from 0, loose and easy, to 10, as tight as they get"
        )
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        numbers = QHBoxLayout()
        numbers.setSpacing(2)
        for value in range(SCALE_MAX + 1):
            button = PromptButton(str(value), "scale")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row is one focus stop
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMaximumWidth(64)
            words = {0: f", {self.LOOSE}", SCALE_MAX: f", {self.TIGHT}"}.get(value, "")
            button.setAccessibleName(f"{value}{words}")
            self.group.addButton(button, value)
            numbers.addWidget(button)
        self.group.idClicked.connect(self._select)
        anchors = QHBoxLayout()
        anchors.setContentsMargins(int(RING), 0, int(RING), 0)
        anchors.addWidget(self._label(self.LOOSE, 1.0, soft=True))
        anchors.addStretch(1)
        tight = self._label(self.TIGHT, 1.0, soft=True)
        tight.setAlignment(Qt.AlignmentFlag.AlignRight)
        anchors.addWidget(tight)
        scale_column = QVBoxLayout(self.scale)
        scale_column.setContentsMargins(4, 4, 4, 4)
        scale_column.setSpacing(0)
        scale_column.addLayout(numbers)
        scale_column.addLayout(anchors)
        scale_row = QHBoxLayout()
        scale_row.setContentsMargins(-4, 0, 0, 0)  # the numbers line up with the words
        scale_row.addWidget(self.scale)
        scale_row.addStretch(1)

        self.hint = self._label(
            "Type 0 to 9 (9 twice for 10), \u2190 \u2192 to adjust, Enter saves, Esc skips.",
            1.0,
            soft=True,
        )
        self.skip = PromptButton("Sk&ip")
        self.save = PromptButton("Sa&ve", "primary")
        self.skip.clicked.connect(self._skip)
        self.save.clicked.connect(self._save)
        self._nav = [self.skip, self.save]
        footer = QHBoxLayout()
        footer.setSpacing(8)
        footer.addWidget(self.hint, 1)
        footer.addWidget(self.skip, 0, Qt.AlignmentFlag.AlignBottom)
        footer.addWidget(self.save, 0, Qt.AlignmentFlag.AlignBottom)

        self.column.addWidget(self.title)
        self.column.addWidget(self.question)
        self.column.addSpacing(4)
        self.column.addLayout(scale_row)
        self.column.addLayout(footer)
        self.column.addStretch(1)
        self._select(None)

    def show_rating(self, moment: str) -> None:
        """Open the card empty for `moment` ("before" or "after"), the scale focused."""
        if moment not in self.TITLES:
            raise ValueError(f"moment: {moment!r} is not one of {', '.join(self.TITLES)}")
        self.moment = moment
        self.title.setText(self.TITLES[moment])
        self.setAccessibleDescription(f"{self.TITLES[moment]}. {self.question.text()}")
        self._select(None)
        self._open(self.scale)

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def handle_key(self, key: int) -> bool:
        """Use a key meant for the card; False when it means nothing here."""
        if self.isHidden():
            return False
        value = self.value()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            digit = key - Qt.Key.Key_0
            # The same rule as the feel slider: 10 has no key of its own, so 9 twice.
            self._select(SCALE_MAX if digit == 9 and value == 9 else digit)
        elif key in _ARROWS:
            step = _ARROWS[Qt.Key(key)]
            start = SCALE_MAX // 2 - step if value is None else value  # start mid-scale
            self._select(min(SCALE_MAX, max(0, start + step)))
        elif key in _ENTER:
            if value is None:
                return False
            self._save()
        elif key == Qt.Key.Key_Escape:
            self._skip()
        else:
            return False
        return True

    def _claims(self, event: QKeyEvent) -> bool:
        # With focus in the card these keys are the card's, even where the window has
        # shortcuts for them (digits and arrows drive the feel slider in a session).
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or key in _ARROWS or key == Qt.Key.Key_Escape:
            return True
        return super()._claims(event) or key in _ENTER

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ARROWS and self.focusWidget() in self._nav:
            super().keyPressEvent(event)  # between Skip and Save
        elif not self.handle_key(event.key()):
            super().keyPressEvent(event)

    def _select(self, value: int | None) -> None:
        if value is None:
            # An exclusive group will not let go of its last check: lift it for a moment.
            self.group.setExclusive(False)
            for button in self.group.buttons():
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            button = self.group.button(value)
            button.setChecked(True)
        self.save.setEnabled(value is not None)
        chosen = "nothing chosen yet" if value is None else f"{value} of {SCALE_MAX}"
        self.scale.setAccessibleDescription(f"Chosen: {chosen}")

    def _save(self) -> None:
        value = self.value()
        if value is None:
            return
        self.hide()
        self.rated.emit(value)

    def _skip(self) -> None:
        self.hide()
        self.skipped.emit()
