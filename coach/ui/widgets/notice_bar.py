"""A calm strip across the top of the window for things the person should know.

Never modal: a session in progress keeps going underneath it.

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
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName("Dismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 12, 8)
        layout.addWidget(self.message, 1)
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
        if text not in self._messages:
            self._messages.append(text)
        self.message.setText("\n\n".join(self._messages))
        self.message.setAccessibleName("Notice: " + " ".join(self._messages))
        self.action.setText(action)
        self.action.setVisible(bool(action))
        self.show()

    def _on_action(self) -> None:
        callback, self._callback = self._callback, None
        if callback is None:
            self.action_requested.emit()
            return
        self.clear()
        callback()

    def clear(self) -> None:
        self._messages = []
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        # A soft accent wash, worked out from the palette at paint time so it follows themes.
        palette = self.palette()
        window = QColor(palette.color(QPalette.ColorRole.Window))
        accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        painter = QPainter(self)
        painter.fillRect(self.rect(), blend(window, accent, 0.16))
        painter.end()
