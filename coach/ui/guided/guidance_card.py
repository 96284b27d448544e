"""The word before a technique: its cautions and the signs to stop at once.

Shown (and the session held) before a technique's first step, each time it comes in a
session; Space begins, I opens everything about the technique. Every line stays readable:
the card scrolls where the panel is too short, rather than dropping one.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from coach.core.content.guidance import Guidance, stop_line
from coach.ui.guided.prompt_buttons import PromptButton
from coach.ui.guided.prompt_card import INSET, PromptCard
from coach.ui.guided.safety_checklist import Bullets


class GuidanceCard(PromptCard):
    """Before a technique: take care of these, stop at once for those.

    Signals:
        begun(): "Begin" (or Space): the technique's first step goes on.
        more_requested(): "More about it (I)".
    """

    begun = Signal()
    more_requested = Signal()

    def __init__(self) -> None:
        super().__init__("Before you start")
        self.title = self._label("", 1.3)
        self.care_heading = self._label("Take care", 1.05, soft=True)
        self._bullets: Bullets | None = None
        self.stop = self._label("", 1.08)
        self.begin = PromptButton("Begin  (Space)", "primary")
        self.more = PromptButton("More about it  (I)", "quiet")
        self.begin.clicked.connect(self._begin)
        self.more.clicked.connect(self.more_requested)
        self._nav = [self.begin, self.more]
        self.body = QWidget()
        self._content = QVBoxLayout(self.body)
        self._content.setContentsMargins(0, 0, 0, 0)
        self._content.setSpacing(6)
        self._content.addWidget(self.title)
        self._content.addWidget(self.care_heading)
        self._content.addWidget(self.stop)
        self._content.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.body)
        self.body.setAutoFillBackground(False)
        self.scroller.viewport().setAutoFillBackground(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.begin)
        buttons.addStretch(1)
        buttons.addWidget(self.more)
        self.column.addWidget(self.scroller, 1)
        self.column.addLayout(buttons)
        margins = self.column.contentsMargins()
        self.column.setContentsMargins(margins.left(), INSET + 12, margins.right(), INSET + 10)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # What the words and buttons need (the scroll area would report only its own small
        # hint): the card is painted that tall, and scrolls where the panel is shorter.
        margins = self.column.contentsMargins()
        inner = width - margins.left() - margins.right()
        buttons = max(self.begin.sizeHint().height(), self.more.sizeHint().height())
        return (
            self.body.heightForWidth(inner)
            + self.column.spacing()
            + buttons
            + margins.top()
            + margins.bottom()
        )

    def sizeHint(self) -> QSize:
        return QSize(560, self.heightForWidth(560))

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 200)

    def show_guidance(self, guidance: Guidance) -> None:
        self.title.setText(f"Before you start: {guidance.title}")
        if self._bullets is not None:
            self._content.removeWidget(self._bullets)
            self._bullets.deleteLater()
        self._bullets = Bullets(guidance.cautions, "Take care")
        self._content.insertWidget(2, self._bullets)
        self.stop.setText(stop_line(guidance))
        self.setAccessibleDescription(
            f"Before you start: {guidance.title}. Take care: "
            + " ".join(guidance.cautions)
            + " "
            + stop_line(guidance)
        )
        self.scroller.verticalScrollBar().setValue(0)
        self._open(self.begin)  # Space (and Enter) begin

    def reopen(self) -> None:
        """Back from the technique's page: the same words, Begin focused again."""
        self._open(self.begin)

    def _begin(self) -> None:
        self.hide()
        self.begun.emit()
