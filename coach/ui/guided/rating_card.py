"""The rating card: how tight the hips feel, 0-10, before or after a session.

The row of numbers is one focus stop, like a slider: digits choose (9 twice for 10, as on
the feel slider), the arrows move by one, Enter saves and Esc skips.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from coach.core.content.intensity import SCALE_MAX
from coach.ui.guided.prompt_buttons import ARROW_STEPS, ENTER_KEYS, RING, PromptButton
from coach.ui.guided.prompt_card import PromptCard
from coach.ui.theme import blend


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


class RatingCard(PromptCard):
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
        elif key in ARROW_STEPS:
            step = ARROW_STEPS[Qt.Key(key)]
            start = SCALE_MAX // 2 - step if value is None else value  # start mid-scale
            self._select(min(SCALE_MAX, max(0, start + step)))
        elif key in ENTER_KEYS:
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
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or key in ARROW_STEPS or key == Qt.Key.Key_Escape:
            return True
        return super()._claims(event) or key in ENTER_KEYS

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ARROW_STEPS and self.focusWidget() in self._nav:
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
