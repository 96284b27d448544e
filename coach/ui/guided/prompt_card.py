"""Inline prompts for guided sessions: the card they all share, and their mnemonic letters.

None of them is modal and none keeps time: the window shows one with `show_...()`, hides it
with `hide()`, and listens to its signals. Colours are worked out from the palette at paint
time (like the notice bar), so every prompt follows a theme switch while it is on screen.

The prompts themselves live beside this module: `stop_reason_bar`, `ease_off_bar`,
`safety_checklist` and `rating_card`; their buttons and keys are in `prompt_buttons`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import (
    QFont,
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
    QFrame,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from coach.ui.guided.prompt_buttons import (
    ARROW_STEPS,
    ENTER_KEYS,
    prompt_scale,
    rescale_prompts,
    set_prompt_font,
    soft_label,
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

INSET = 6  # the card floats a little inside the slot the window gives it
PAD = 18  # generous padding inside the card
RADIUS = 12.0
STRIPE = 6.0  # the ease-off bar's accent stripe


def with_mnemonic(label: str, letter: str) -> str:
    """`label` with '&' before the first `letter`, preferring the start of a word."""
    text = label.replace("&", "&&")
    anywhere = [i for i, ch in enumerate(text) if ch.lower() == letter]
    starts = [i for i in anywhere if i == 0 or text[i - 1] == " "]
    at = (starts or anywhere or [-1])[0]
    return text if at < 0 else text[:at] + "&" + text[at:]


class PromptCard(QFrame):
    """What every prompt shares: the card, soft labels, arrow keys, giving focus back."""

    def __init__(self, name: str, tint: str = "accent", stripe: bool = False) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(name)
        self._tint, self._stripe = tint, stripe
        self._soft_labels: list[QLabel] = []
        self._nav: list[QAbstractButton] = []
        self._claim_space = True
        self._scale = 1.0
        self._return_to: QWidget | None = None
        # As tall as its words and buttons need at the width it is given (they wrap): the
        # slot that holds it sets that height (see the window's SideColumn).
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.column = QVBoxLayout(self)
        left = INSET + PAD + (round(STRIPE) if stripe else 0)
        self.column.setContentsMargins(left, INSET + PAD - 4, INSET + PAD, INSET + PAD - 4)
        self.column.setSpacing(8)
        self.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        scale = prompt_scale(self.window().height())
        if abs(scale - self._scale) > 0.02:
            self._scale = scale
            rescale_prompts(self, scale)

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
        set_prompt_font(label, factor, weight, self._scale)
        if soft:
            self._soft_labels.append(label)
            self._recolour()
        return label

    def _recolour(self) -> None:
        # A palette with only WindowText set: everything else still follows the theme.
        soft = QPalette()
        soft.setColor(QPalette.ColorRole.WindowText, soft_label(self.palette()))
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
        if event.key() in ARROW_STEPS and any(b.isVisibleTo(self) for b in self._nav):
            return True  # arrows move among these buttons, not through the routine
        return event.key() in ENTER_KEYS or (event.key() == Qt.Key.Key_Space and self._claim_space)

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
        step = ARROW_STEPS.get(event.key())
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
