"""The safety questions asked before the first deep belly technique, and why belly work is off.

Every reason stays readable: the list takes two columns where there is room and scrolls
where the panel is too short, rather than dropping lines.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from coach.core.content.safety import CHECKLIST, CHECKLIST_INTRO, GATED_EXPLANATION, WELLNESS_NOTE
from coach.ui.guided.prompt_buttons import ButtonFlow, PromptButton, set_prompt_font
from coach.ui.guided.prompt_card import INSET, PromptCard


class Bullets(QWidget):
    """A readable bulleted list; two columns when there is room, one in a side panel."""

    TWO_COLUMNS_FROM = 720

    def __init__(self, items: tuple[str, ...], name: str = "Reasons") -> None:
        super().__init__()
        self._labels = []
        for text in items:
            label = QLabel(text, self)
            label.setWordWrap(True)
            set_prompt_font(label, 1.08)
            self._labels.append(label)
        # A short name; the items themselves, in order, as the description (the dots are
        # painted, so a screen reader would not know where one item ends).
        self.setAccessibleName(name)
        self.setAccessibleDescription("; ".join(items))
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
        return QSize(200, self.heightForWidth(2 * self.TWO_COLUMNS_FROM))  # as for ButtonFlow

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place(self.width(), apply=True)

    def relayout(self) -> None:
        """The labels' fonts changed (a larger window): measure and place them again."""
        self.updateGeometry()
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


class SafetyChecklist(PromptCard):
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
        self.items = Bullets(CHECKLIST, "Reasons belly work may not be safe")
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

        answers = ButtonFlow(8)
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
