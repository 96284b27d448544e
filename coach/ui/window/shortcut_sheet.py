"""Every key of the coach on one sheet (F1 or ?), read from the menus themselves.

The sheet lists each menu's actions with their keys, as the menus have them at the moment
it opens, so it can never disagree with what the keys do. A few keys that belong to the
screens rather than to a menu (Space and Esc on a question, Tab) are added in words.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coach.ui.window.menus import WindowActions

#: Keys of the screens themselves, in words.
SCREEN_KEYS: tuple[tuple[str, str], ...] = (
    ("Space", "What the start button says: start, begin now, pause, carry on, begin a technique"),
    ("Esc", "Pause at once and ask why you are stopping; again: keep going; back from a page"),
    ("Enter", "The focused answer on a question"),
    ("Tab / Shift+Tab", "Move between controls (the focused one has a ring)"),
    ("← / →", "Between the answers of a question, or steps of a routine"),
    ("Alt + underlined letter", "Open a menu"),
)


def rows(window: QMainWindow, actions: WindowActions) -> list[tuple[str, str, str]]:
    """(group, keys, what it does) for every menu action with a key, then the screens'."""
    out: list[tuple[str, str, str]] = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if isinstance(menu, QMenu):
            out += _menu_rows(menu, menu_action.text().replace("&", ""))
    seen = {text for _, _, text in out}
    for action in actions.guided.values():  # the digits are not in a menu
        keys = _keys(action)
        if keys and action.text() not in seen:
            out.append(("Session", keys, action.text()))
    out += [("Screens", keys, text) for keys, text in SCREEN_KEYS]
    return out


def _menu_rows(menu: QMenu, group: str) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            found += _menu_rows(sub, group)
        elif not action.isSeparator():
            keys = _keys(action)
            if keys:
                found.append((group, keys, action.text().replace("&", "")))
    return found


def _keys(action: QAction) -> str:
    return " or ".join(
        k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if k
    )


class ShortcutSheet(QDialog):
    def __init__(self, actions: WindowActions, window: QMainWindow, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        found = rows(window, actions)
        table = QTableWidget(len(found), 3, self)
        table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        table.setAccessibleName("Every key and what it does")
        for i, row in enumerate(found):
            for j, text in enumerate(row):
                table.setItem(i, j, QTableWidgetItem(text))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(True)
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(640, 560)
