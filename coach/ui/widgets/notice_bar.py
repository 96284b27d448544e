"""A calm strip across the top of the window for things the person should know.

Never modal: a session in progress keeps going underneath it. However many notices come,
it takes the room of one: the newest is shown, with a count of the others ("+2 more")
that opens them all; closing it closes them all.

Signals:
    action_requested(): the optional action button was pressed (for a notice shown
        without its own callback).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from coach.ui.theme import blend


class NoticeBar(QWidget):
    action_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton()
        self.action.clicked.connect(self._on_action)
        self._callback: Callable[[], object] | None = None
        self.more = QToolButton()
        self.more.setAutoRaise(True)
        self.more.setCheckable(True)
        self.more.setToolTip("Show every notice")
        self.more.toggled.connect(self._refresh)
        self.more.hide()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName("Dismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 12, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.more)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self._messages: list[str] = []
        self.hide()

    def show_notice(
        self, text: str, action: str = "", callback: Callable[[], object] | None = None
    ) -> None:
        """Show a message (added under any still on screen) with an optional action.

        With a `callback`, the action button calls it (once) and the bar closes; without,
        the button emits `action_requested`.
        """
        self._callback = callback
        if self.isHidden():
            self._messages = []
            self.more.setChecked(False)
        if text in self._messages:
            self._messages.remove(text)
        self._messages.append(text)  # the newest is the one shown
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self._refresh()
        self.show()

    def _refresh(self) -> None:
        others = len(self._messages) - 1
        expanded = self.more.isChecked() and others > 0
        shown = reversed(self._messages) if expanded else self._messages[-1:]
        self.message.setText("\n\n".join(shown))
        self.message.setAccessibleName("Notice: " + " ".join(reversed(self._messages)))
        self.more.setVisible(others > 0)
        self.more.setText("Fewer" if expanded else f"+{others} more")

    def _on_action(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            self.action_requested.emit()
            return
        self.clear()
        callback()

    def clear(self) -> None:
        self._messages = []
        self.more.setChecked(False)
        self.hide()

    def messages(self) -> list[str]:
        """Every notice on the bar, the newest last."""
        return list(self._messages)

    def paintEvent(self, event: QPaintEvent) -> None:
        # A soft accent wash, worked out from the palette at paint time so it follows themes.
        palette = self.palette()
        window = QColor(palette.color(QPalette.ColorRole.Window))
        accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        painter = QPainter(self)
        painter.fillRect(self.rect(), blend(window, accent, 0.16))
        painter.end()
