"""A session's timeline with its key below, or the same figures as a table.

"Show as table" swaps the plot for a table of the session's steps (with how strong the
pressure felt in each) and its moments, in order; "Show as timeline" swaps back. The
plot's accessible description says the same in words, so a screen reader has it either
way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from coach.ui.review.chart_data import timeline_data
from coach.ui.review.data_table import DataTable
from coach.ui.review.timeline_plot import KEYS_HINT, TimelinePlot
from coach.ui.review.widgets import soft

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.store.history import SessionDetail


class TimelinePanel(QWidget):
    """The plot (or its table), the colour key, and the switch between the two. No
    signals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = TimelinePlot()
        self.plot.setMinimumHeight(240)
        self.table = DataTable()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.table)
        self.legend = soft()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.switch = QPushButton()
        self.switch.setAccessibleDescription(
            "Swap the timeline for a table of its steps and moments, and back"
        )
        self.table_shown = False
        self.switch.clicked.connect(lambda: self.show_table(not self.table_shown))

        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.legend, 1)
        below.addStretch(0)  # keeps the switch on the right while the key is hidden
        below.addWidget(self.switch, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.stack, 1)
        layout.addLayout(below)
        self.show_table(False)

    def set_detail(self, detail: SessionDetail, library: Library | None = None) -> None:
        self.plot.set_detail(detail, library)
        data = timeline_data(detail)
        self.table.show_data(data)
        self.plot.setAccessibleDescription(f"{data.description()} {KEYS_HINT}")

    def show_table(self, shown: bool) -> None:
        """The session's figures as a table (True), or the timeline again."""
        self.table_shown = shown
        self.stack.setCurrentWidget(self.table if shown else self.plot)
        self.switch.setText("Show as timeline" if shown else "Show as table")
        # The key explains the plot's colours; beside a table it only takes room.
        self.legend.setVisible(not shown)
