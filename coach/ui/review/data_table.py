"""A chart's figures as a table: what a screen reader (or anyone) reads instead of a plot.

Read-only, in the history table's look. Tab reaches it and leaves it; the arrows move from
cell to cell, and a screen reader reads each with its column. Ctrl+C copies the chosen
rows (all of them when none is chosen) as tab-separated text, with the column names.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from coach.ui.review import labels
from coach.ui.review.chart_data import ChartData
from coach.ui.review.table_style import CELL_PAD, RowDelegate, SoftHeader


class DataTable(QTableWidget):
    """The rows of a `ChartData` (`show_data`). No signals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(SoftHeader(self))
        self.horizontalHeader().setSectionsClickable(False)
        self.setItemDelegate(RowDelegate(self))
        self.setFrameShape(QTableWidget.Shape.NoFrame)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab moves on; the arrows move between cells
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # The widest column gives way (its cells elide; Ctrl+C copies them whole) rather
        # than a second scroll bar under a short table.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(QFontMetrics(self.font()).height() + 12)
        self.data: ChartData | None = None

    def show_data(self, data: ChartData) -> None:
        self.data = data
        self.clear()
        self.setColumnCount(len(data.columns))
        self.setHorizontalHeaderLabels(list(data.columns))
        self.setRowCount(len(data.rows))
        for r, row in enumerate(data.rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # a cell cut short by a narrow window, whole
                if text == labels.NONE:
                    item.setData(Qt.ItemDataRole.AccessibleTextRole, "none")  # not "en dash"
                self.setItem(r, c, item)
        self.setAccessibleName(f"{data.title}, as a table")
        self.setAccessibleDescription(
            f"{labels.plural(len(data.rows), 'row')}; Control C copies the chosen rows"
        )
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        metrics = QFontMetrics(self.font())
        widths = [
            max(metrics.horizontalAdvance(text) for text in (name, *(r[c] for r in data.rows)))
            + 2 * CELL_PAD
            + 8
            for c, name in enumerate(data.columns)
        ]
        widest = widths.index(max(widths)) if widths else 0
        for c, width in enumerate(widths):
            if c == widest:
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(c, width)

    def copy_text(self) -> str:
        """The chosen rows (or all), tab-separated, under the column names."""
        if self.data is None:
            return ""
        chosen = sorted({index.row() for index in self.selectedIndexes()})
        rows = [self.data.rows[r] for r in chosen] if chosen else list(self.data.rows)
        return "\n".join("\t".join(row) for row in [self.data.columns, *rows]) + "\n"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.copy_text())
            event.accept()
            return
        super().keyPressEvent(event)
