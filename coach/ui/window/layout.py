"""How the main window is laid out, top to bottom:

    notices
    side column | pacer
    the slider row (guided sessions)
    the control row: pattern and length, the guided navigation, Stop and Start

The side column holds the prompts (the stop question, the ease-off prompt, the cautions
before a technique) above the side panel's pages. A prompt takes space from what can give
it, never from the pacer or the controls: one that asks a question (the session waits for
the answer) takes the whole column; one that only informs takes what the step's drawing
can give.

The side panel shows one named page at a time: the start screen, the safety checklist,
the step panel, the rating card or the timing panel. The start screen's list of routines
is built after the first paint; until then a plain page of the same colour holds its place.
The window decides what is shown when; this module only builds and places.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette, QResizeEvent
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


class SideColumn(QWidget):
    """Prompts on top, the side panel's pages below (see the module's docstring)."""

    def __init__(self, pages: SidePanel) -> None:
        super().__init__()
        self.pages = pages
        self._prompts: dict[QWidget, bool] = {}  # prompt -> takes the whole column
        self._pages_wanted = True
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._prompt_area = QVBoxLayout()
        self._prompt_area.setSpacing(4)
        self._column.addLayout(self._prompt_area)
        self._column.addWidget(pages, 1)
        self._filler = QWidget()  # keeps a question at the top when the pages step aside
        self._column.addWidget(self._filler, 1)
        self._filler.hide()

    def add_prompt(self, widget: QWidget, takes_column: bool) -> None:
        """Place a prompt (shown and hidden by its owner) at the top of the column."""
        if widget in self._prompts:
            return
        self._prompts[widget] = takes_column
        self._prompt_area.addWidget(widget)
        widget.installEventFilter(self)
        self._update()

    def set_pages_wanted(self, wanted: bool) -> None:
        """False while free breathing runs: the pacer gets the width, unless a prompt is
        up (the column then shows only the prompt)."""
        self._pages_wanted = wanted
        self._update()

    def question_open(self) -> bool:
        return any(takes and not w.isHidden() for w, takes in self._prompts.items())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._update()
        if kind in (QEvent.Type.Show, QEvent.Type.LayoutRequest) and watched in self._prompts:
            self._fit(watched)
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for prompt in self._prompts:
            self._fit(prompt)

    def _fit(self, prompt: QWidget) -> None:
        """A prompt is as tall as its wrapped words and buttons need at the column's width
        (a box layout does not ask a child for its height-for-width reliably)."""
        margins = self._column.contentsMargins()
        width = max(1, self.width() - margins.left() - margins.right())
        needed = prompt.heightForWidth(width)
        if needed > 0 and prompt.minimumHeight() != needed:
            prompt.setFixedHeight(needed)

    def _update(self) -> None:
        prompt_up = any(not w.isHidden() for w in self._prompts)
        pages = self._pages_wanted and not self.question_open()
        if self.pages.isHidden() == pages:
            self.pages.setVisible(pages)
        self._filler.setVisible(not pages)
        visible = self._pages_wanted or prompt_up
        if self.isHidden() == visible:
            self.setVisible(visible)


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
        self.stop_button.setAccessibleDescription(
            "Pause the session and ask why you are stopping (Esc)"
        )
        for button in (self.start_button, self.stop_button):
            # Space and Esc belong to the session, not to whichever button has focus.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setMinimumWidth(110)

        self.nav_buttons: dict[str, QPushButton] = {}
        # The arrows are for the eye; a screen reader hears the words (and the key).
        for how, label, name, description in (
            ("back", "← Back", "Back", "Go back to the step before (Left arrow)"),
            ("repeat", "Repeat (R)", "Repeat", "Start this step again (R)"),
            ("skip", "Skip (S)", "Skip", "Leave this technique, both sides, for what follows (S)"),
            ("next", "Next →", "Next", "Go on to the next step (Right arrow)"),
        ):
            button = QPushButton(label)
            button.setAccessibleName(name)
            button.setAccessibleDescription(description)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.hide()
            self.nav_buttons[how] = button
        self.nav_buttons["skip"].setToolTip("Leave this technique (both sides) for what follows")

        # Two rows: free breathing's pickers above; the hint (or the pace note), the guided
        # navigation, Stop and Start below. A row whose widgets are all hidden takes no
        # room, so a running session keeps one row.
        self.row = QVBoxLayout()
        self.row.setContentsMargins(24, 6, 24, 14)
        self.row.setSpacing(6)
        pickers = QHBoxLayout()
        pickers.setSpacing(10)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        pattern_label = QLabel("&Pattern")
        pattern_label.setBuddy(preset_box)
        length_label = QLabel("&Length")
        length_label.setBuddy(length_box)
        pickers.addWidget(pattern_label)
        pickers.addWidget(preset_box)
        pickers.addSpacing(12)
        pickers.addWidget(length_label)
        pickers.addWidget(length_box)
        pickers.addWidget(panel_button)
        pickers.addStretch(1)
        for button in self.nav_buttons.values():
            buttons.addWidget(button)
        buttons.addWidget(hint, 100)
        buttons.addWidget(note, 100)
        buttons.addStretch(1)  # the buttons keep their size when nothing else is in the row
        buttons.addSpacing(12)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.start_button)
        self.row.addLayout(pickers)
        self.row.addLayout(buttons)
        self.choice_widgets: tuple[QWidget, ...] = (
            pattern_label,
            preset_box,
            length_label,
            length_box,
            panel_button,
            hint,
        )


def build_body(
    notices: QWidget, side: SideColumn, pacer: QWidget, controls: QVBoxLayout
) -> tuple[QWidget, QHBoxLayout]:
    """The window's central widget, with the row where the slider goes later."""
    middle = QHBoxLayout()
    middle.setContentsMargins(16, 8, 0, 0)
    middle.setSpacing(8)
    middle.addWidget(side, 5)
    middle.addWidget(pacer, 4)
    slider_row = QHBoxLayout()
    slider_row.setContentsMargins(24, 0, 24, 0)

    body = QWidget()
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(notices)
    column.addLayout(middle, 1)
    column.addLayout(slider_row)
    column.addLayout(controls)
    return body, slider_row
