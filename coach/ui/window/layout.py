"""How the main window is laid out, top to bottom:

    notices
    side panel | pacer
    bars (the stop question, the ease-off prompt)
    the slider row (guided sessions)
    the control row: pattern and length, the guided navigation, Stop and Start

The side panel shows one named page at a time: the start screen, the safety checklist,
the step panel, the rating card or the timing panel. The start screen's list of routines
is built after the first paint; until then a plain page of the same colour holds its place.
The window decides what is shown when; this module only builds and places.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


class SidePanel(QStackedWidget):
    """Named pages, one shown at a time; each page is placed once, on first use."""

    def __init__(self) -> None:
        super().__init__()
        self.setMinimumWidth(360)
        self._pages: dict[str, QWidget] = {}
        start_page = QWidget()
        start_page.setBackgroundRole(QPalette.ColorRole.Base)
        start_page.setAutoFillBackground(True)
        self.place("picker", start_page)

    def place(self, name: str, widget: QWidget) -> None:
        if name not in self._pages:
            self._pages[name] = widget
            self.addWidget(widget)

    def page(self, name: str) -> QWidget | None:
        return self._pages.get(name)

    def show_page(self, name: str) -> None:
        self.setCurrentWidget(self._pages[name])

    def showing(self, name: str) -> bool:
        return self.currentWidget() is self._pages.get(name)

    def current_name(self) -> str:
        current = self.currentWidget()
        return next((name for name, page in self._pages.items() if page is current), "")

    def replace_start_page(self, picker: QWidget) -> None:
        """The routine list takes the place of the plain start page (and its turn)."""
        placeholder = self._pages["picker"]
        showing = self.currentWidget() is placeholder
        self.insertWidget(self.indexOf(placeholder), picker)
        self.removeWidget(placeholder)
        placeholder.deleteLater()
        self._pages["picker"] = picker
        if showing:
            self.setCurrentWidget(self._pages["picker"])


class ControlRow:
    """The row at the bottom: free breathing's pattern and length pickers (with the timing
    panel's button, the length hint and the pace note), the guided navigation, Stop and
    Start. The window connects the buttons and shows what fits."""

    def __init__(
        self,
        preset_box: QWidget,
        length_box: QWidget,
        panel_button: QWidget,
        hint: QWidget,
        note: QWidget,
    ) -> None:
        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.stop_button = QPushButton("Stop")
        for button in (self.start_button, self.stop_button):
            # Space and Esc belong to the session, not to whichever button has focus.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setMinimumWidth(110)

        self.nav_buttons: dict[str, QPushButton] = {}
        for how, label in (
            ("back", "← Back"),
            ("repeat", "Repeat (R)"),
            ("skip", "Skip (S)"),
            ("next", "Next →"),
        ):
            button = QPushButton(label)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.hide()
            self.nav_buttons[how] = button
        self.nav_buttons["skip"].setToolTip("Leave this technique (both sides) for what follows")

        self.row = QHBoxLayout()
        self.row.setContentsMargins(24, 8, 24, 20)
        self.row.setSpacing(10)
        pattern_label = QLabel("&Pattern")
        pattern_label.setBuddy(preset_box)
        length_label = QLabel("&Length")
        length_label.setBuddy(length_box)
        self.row.addWidget(pattern_label)
        self.row.addWidget(preset_box)
        self.row.addSpacing(12)
        self.row.addWidget(length_label)
        self.row.addWidget(length_box)
        self.row.addWidget(panel_button)
        self.row.addWidget(hint, 1)
        self.row.addWidget(note, 1)
        for button in self.nav_buttons.values():
            self.row.addWidget(button)
        self.row.addSpacing(12)
        self.row.addWidget(self.stop_button)
        self.row.addWidget(self.start_button)
        self.choice_widgets: tuple[QWidget, ...] = (
            pattern_label,
            preset_box,
            length_label,
            length_box,
            panel_button,
            hint,
        )


def build_body(
    notices: QWidget, side: QWidget, pacer: QWidget, controls: QHBoxLayout
) -> tuple[QWidget, QVBoxLayout, QHBoxLayout]:
    """The window's central widget, with the rows where bars and the slider go later."""
    middle = QHBoxLayout()
    middle.setContentsMargins(16, 8, 0, 0)
    middle.setSpacing(8)
    middle.addWidget(side, 5)
    middle.addWidget(pacer, 4)
    bars = QVBoxLayout()
    bars.setContentsMargins(24, 4, 24, 4)
    bars.setSpacing(6)
    slider_row = QHBoxLayout()
    slider_row.setContentsMargins(24, 0, 24, 0)

    body = QWidget()
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(notices)
    column.addLayout(middle, 1)
    column.addLayout(bars)
    column.addLayout(slider_row)
    column.addLayout(controls)
    return body, bars, slider_row
