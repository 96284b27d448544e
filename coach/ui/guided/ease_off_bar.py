"""The ease-off bar: a calm word when the feel scale sits high, or an offer to stop.

It never takes focus from the window: the hands are busy and the window keeps its keys.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout

from coach.core.content.intensity import SCALE_MAX
from coach.ui.guided.prompt_buttons import ButtonFlow, PromptButton
from coach.ui.guided.prompt_card import PromptCard


class EaseOffBar(PromptCard):
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
        # Words above, answers below (in a row that wraps): the card sits in the side
        # column, where a row of words and buttons side by side would squeeze the words.
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.title)
        words.addWidget(self.body)
        answers = ButtonFlow(10)
        for button in self._nav:
            answers.add(button)
        self.column.addLayout(words)
        self.column.addWidget(answers)

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
