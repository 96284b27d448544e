"""The bar asked when the person stops during a session: why, in one click.

Safety reasons come first and are marked with a dot as well as a tint; "Just stopping" is
focused, so Enter stops plainly. Space is not taken: elsewhere it pauses and resumes, and
here a Space pressed out of habit must not end the session (the window ignores it while
the question is up).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from coach.core.content.safety import STOP_REASONS
from coach.ui.guided.prompt_buttons import ButtonFlow, PromptButton
from coach.ui.guided.prompt_card import REASON_MNEMONICS, PromptCard, with_mnemonic


class StopReasonBar(PromptCard):
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
        self._claim_space = False
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleDescription(
            "The session is paused. Choose why you are stopping, or keep going."
        )
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
        row = ButtonFlow()
        # Safety reasons first, "Just stopping" last, whatever order the core lists them in.
        for reason in sorted(STOP_REASONS, key=lambda r: not r.safety):
            text = with_mnemonic(reason.label, REASON_MNEMONICS.get(reason.key, ""))
            button = PromptButton(text, "safety" if reason.safety else "primary")
            button.setAccessibleName(reason.label)
            if reason.safety:
                button.setAccessibleDescription(
                    "Stop because of this: the coach eases you out and says what to do next"
                )
            else:
                button.setAccessibleDescription("End the session here; nothing was wrong")
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
        """Show the question with "Just stopping" focused, so Enter stops plainly."""
        self._open(self.plain_stop)

    def _choose(self, key: str) -> None:
        self.hide()
        self.reason_chosen.emit(key)

    def _keep_going(self) -> None:
        self.hide()
        self.cancelled.emit()
