"""Everything about a technique, on one page: what it is, what you need, how to lie or
kneel, what to take care of, when to stop at once, and the studies behind it.

Opened with I from the start screen (the techniques of the routine chosen) and during a
session (the technique under way, the session held meanwhile); Esc or Back closes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from coach.core.content.guidance import guidance_for, sources_for, stop_line
from coach.core.content.library import Technique
from coach.ui.guided.prompt_buttons import PromptButton
from coach.ui.guided.prompt_card import INSET, PromptCard


class TechniqueInfo(PromptCard):
    """The whole account of one or more techniques (a routine's, in its order).

    Signals:
        closed(): "Back" (or Esc, which the window routes here).
    """

    closed = Signal()

    def __init__(self) -> None:
        super().__init__("About this technique")
        self.back = PromptButton("Back  (Esc)", "primary")
        self.back.clicked.connect(self._close)
        self._nav = [self.back]
        self.body = QWidget()
        self._content = QVBoxLayout(self.body)
        self._content.setContentsMargins(0, 0, 0, 0)
        self._content.setSpacing(6)
        self.scroller = QScrollArea()
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(self.body)
        self.body.setAutoFillBackground(False)
        self.scroller.viewport().setAutoFillBackground(False)
        self.column.addWidget(self.scroller, 1)
        self.column.addWidget(self.back, 0, Qt.AlignmentFlag.AlignLeft)
        margins = self.column.contentsMargins()
        self.column.setContentsMargins(margins.left(), INSET + 12, margins.right(), INSET + 10)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        # What the account needs (see GuidanceCard.heightForWidth).
        margins = self.column.contentsMargins()
        inner = width - margins.left() - margins.right()
        return (
            self.body.heightForWidth(inner)
            + self.column.spacing()
            + self.back.sizeHint().height()
            + margins.top()
            + margins.bottom()
        )

    def sizeHint(self) -> QSize:
        return QSize(560, self.heightForWidth(560))

    def show_techniques(self, techniques: Sequence[Technique]) -> None:
        while self._content.count():
            item = self._content.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        words: list[str] = []
        for technique in techniques:
            for label in self._account(technique):
                self._content.addWidget(label)
                words.append(label.text())
        if not techniques:
            self._content.addWidget(self._label("This is breathing only: no technique.", 1.1))
        self._content.addStretch(1)
        self.setAccessibleDescription(" ".join(words))
        self.scroller.verticalScrollBar().setValue(0)
        self._open(self.back)

    def _account(self, technique: Technique) -> list[QLabel]:
        guidance = guidance_for(technique)
        labels = [
            self._label(technique.title, 1.3),
            self._label(technique.summary, 1.05),
            self._section("You need", technique.equipment or ["Nothing but a mat."]),
            self._section("Position", [technique.position]),
            self._section("Take care", technique.cautions),
            self._label(stop_line(guidance), 1.05),
        ]
        sources = sources_for(technique)
        if sources:
            cited = [f"{s.citation} doi:{s.doi}" for s in sources]
            labels.append(self._section("Sources", cited, factor=0.92))
        for label in labels:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return labels

    def _section(self, heading: str, lines: Sequence[str], factor: float = 1.0) -> QLabel:
        text = heading + "\n" + "\n".join(f"• {line}" for line in lines)
        return self._label(text, factor)

    def _close(self) -> None:
        self.hide()
        self.closed.emit()
