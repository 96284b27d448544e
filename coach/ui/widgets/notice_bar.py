"""A calm strip across the top of the window for things the person should know.

Never modal: a session in progress keeps going underneath it. However many notices come,
it takes the room of one: the newest is shown, with a count of the others ("+2 more")
that opens them all. Closing dismisses the one shown and brings up the next (each keeps
its own action); with the list opened, closing dismisses them all.

Signals:
    action_requested(): the optional action button was pressed (for a notice shown
        without its own callback).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from coach.ui.theme import blend
from coach.ui.widgets.announce import announce


@dataclass(frozen=True)
class _Notice:
    text: str
    action: str
    callback: Callable[[], object] | None


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
        self.more = QToolButton()
        self.more.setAutoRaise(True)
        self.more.setCheckable(True)
        self.more.setToolTip("Show every notice")
        self.more.toggled.connect(self._refresh)
        self.more.hide()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName("Dismiss")
        self.close_button.setAccessibleDescription("Close this notice")
        self.setAccessibleName("Notice")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 12, 8)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.more)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)
        self._notices: list[_Notice] = []
        self.hide()

    def show_notice(
        self, text: str, action: str = "", callback: Callable[[], object] | None = None
    ) -> None:
        """Show a message (added under any still on screen) with an optional action.

        With a `callback`, the action button calls it (once) and that notice goes; without,
        the button emits `action_requested`.
        """
        if self.isHidden():
            self._notices = []
            self.more.setChecked(False)
        self._notices = [n for n in self._notices if n.text != text]
        self._notices.append(_Notice(text, action, callback))  # the newest is the one shown
        self._refresh()
        self.show()
        # Nothing takes the focus for a notice: a screen reader is told it in words.
        announce(self, text)

    def dismiss(self) -> None:
        """Close the notice shown; the next newest takes its place (all, when opened)."""
        if self.more.isChecked() or len(self._notices) <= 1:
            self.clear()
            return
        self._notices.pop()
        self._refresh()

    def _refresh(self) -> None:
        if not self._notices:
            return
        others = len(self._notices) - 1
        expanded = self.more.isChecked() and others > 0
        texts = [n.text for n in self._notices]
        shown = reversed(texts) if expanded else texts[-1:]
        self.message.setText("\n\n".join(shown))
        self.message.setAccessibleName("Notice: " + " ".join(reversed(texts)))
        self.setAccessibleDescription(" ".join(reversed(texts)))
        self.more.setVisible(others > 0)
        self.more.setText("Fewer" if expanded else f"+{others} more")
        self.more.setAccessibleName(
            "Show fewer notices"
            if expanded
            else f"Show {others} more {'notice' if others == 1 else 'notices'}"
        )
        newest = self._notices[-1]
        self.action.setText(newest.action)
        self.action.setVisible(bool(newest.action))

    def _on_action(self) -> None:
        if not self._notices:
            return
        newest = self._notices[-1]
        if newest.callback is None:
            self.action_requested.emit()
            return
        # The callback runs once; its notice goes, and the next one (if any) shows.
        self._notices[-1] = _Notice(newest.text, "", None)
        self.more.setChecked(False)
        self.dismiss()
        newest.callback()

    def clear(self) -> None:
        self._notices = []
        self.more.setChecked(False)
        self.hide()

    def messages(self) -> list[str]:
        """Every notice on the bar, the newest last (none once it is closed)."""
        return [n.text for n in self._notices]

    def paintEvent(self, event: QPaintEvent) -> None:
        # A soft accent wash, worked out from the palette at paint time so it follows themes.
        palette = self.palette()
        window = QColor(palette.color(QPalette.ColorRole.Window))
        accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        painter = QPainter(self)
        painter.fillRect(self.rect(), blend(window, accent, 0.16))
        painter.end()
