"""The history's filter bar: routine, status, a date range and a search over notes.

Signals:
    filter_changed(): the filter the bar describes changed (read it with `current()`).
        Typing in the search box emits it once the typing pauses (~250 ms), so each key
        does not run a query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from coach.core.store.history import HistoryFilter
from coach.ui.review import labels

SEARCH_PAUSE_MS = 250
ANY_DAY = QDate(2000, 1, 1)  # the bottom of each date box stands for "any"

STATUSES: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("Any status", None),
    ("Completed", frozenset({"completed"})),
    ("Stopped", frozenset({"stopped"})),
    ("Interrupted", frozenset({"interrupted"})),
    ("In progress", frozenset({"in_progress"})),
)


class DayEdit(QDateEdit):
    """A date box with an "any" state (its minimum, shown as words).

    Stepping or opening the calendar from "any" starts at today rather than in 2000.
    """

    def __init__(self, any_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("d MMM yyyy")
        self.setMinimumDate(ANY_DAY)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText(any_text)
        self.setDate(ANY_DAY)

    def day(self) -> date | None:
        current = self.date()
        if current == ANY_DAY:
            return None
        return date(current.year(), current.month(), current.day())

    def set_day(self, value: date | None) -> None:
        self.setDate(ANY_DAY if value is None else QDate(value.year, value.month, value.day))

    def stepBy(self, steps: int) -> None:
        if self.date() == ANY_DAY:
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        calendar = self.calendarWidget()
        if self.date() == ANY_DAY and calendar is not None and calendar.isVisible():
            today = QDate.currentDate()
            calendar.setCurrentPage(today.year(), today.month())


class FilterBar(QWidget):
    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine = QComboBox()
        self.routine.setAccessibleName("Routine or pattern")
        self.routine.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.routine.setMinimumContentsLength(12)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        for text, _ in STATUSES:
            self.status.addItem(text)
        self.since = DayEdit("any day")
        self.since.setAccessibleName("From")
        self.until = DayEdit("any day")
        self.until.setAccessibleName("To")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search notes  (Ctrl+F)")
        self.search.setAccessibleName("Search notes")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setFlat(True)
        self.clear_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.hide()  # shown once something is filtered

        # Parented and single-shot: stopped on hide, so no timer outlives the view.
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_PAUSE_MS)
        self.search_timer.timeout.connect(self._changed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.routine)
        layout.addWidget(self.status)
        layout.addSpacing(6)
        from_label = QLabel("From")
        from_label.setBuddy(self.since)
        to_label = QLabel("to")
        to_label.setBuddy(self.until)
        layout.addWidget(from_label)
        layout.addWidget(self.since)
        layout.addWidget(to_label)
        layout.addWidget(self.until)
        layout.addSpacing(6)
        layout.addWidget(self.search, 1)
        layout.addWidget(self.clear_button)

        self._quiet = False
        self.routine.currentIndexChanged.connect(self._changed)
        self.status.currentIndexChanged.connect(self._changed)
        self.since.dateChanged.connect(self._changed)
        self.until.dateChanged.connect(self._changed)
        self.search.textChanged.connect(self._search_edited)
        self.set_sources([], {})

    # -- the filter -------------------------------------------------------------------------
    def current(self) -> HistoryFilter:
        source = self.routine.currentData()
        statuses = STATUSES[max(0, self.status.currentIndex())][1]
        since, until = self.since.day(), self.until.day()
        if since is not None and until is not None and since > until:
            since, until = until, since  # a range typed backwards still means that range
        return HistoryFilter(
            sources=None if not source else frozenset({source}),
            statuses=statuses,  # type: ignore[arg-type]
            since=since,
            until=until,
            text=self.search.text().strip(),
        )

    def is_active(self) -> bool:
        return self.current() != HistoryFilter()

    def set_sources(self, sources: Sequence[tuple[str, int]], titles: Mapping[str, str]) -> None:
        """Fill the routine box (keeping the choice when it is still there)."""
        keep = self.routine.currentData()
        self._quiet = True
        try:
            self.routine.clear()
            self.routine.addItem("All routines", "")
            named = sorted(
                ((labels.title_of(s, titles), s, n) for s, n in sources),
                key=lambda item: item[0].lower(),
            )
            for title, source, n in named:
                self.routine.addItem(f"{title}  ({n:,})", source)
            at = self.routine.findData(keep) if keep else 0
            self.routine.setCurrentIndex(max(0, at))
        finally:
            self._quiet = False
        if keep and self.routine.currentData() != keep:
            self._changed()  # the chosen routine has no sessions left

    def select_source(self, source: str) -> bool:
        at = self.routine.findData(source)
        if at >= 0:
            self.routine.setCurrentIndex(at)
        return at >= 0

    def set_status(self, index: int) -> None:
        self.status.setCurrentIndex(index)

    def clear(self) -> None:
        """Back to everything: one filter_changed, not one per box."""
        self._quiet = True
        try:
            self.routine.setCurrentIndex(0)
            self.status.setCurrentIndex(0)
            self.since.set_day(None)
            self.until.set_day(None)
            self.search.clear()
        finally:
            self._quiet = False
        self.search_timer.stop()
        self._changed()

    def flush(self) -> None:
        """Apply a search still waiting for the typing to pause."""
        if self.search_timer.isActive():
            self.search_timer.stop()
            self._changed()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def _search_edited(self, _text: str) -> None:
        if not self._quiet:
            self.search_timer.start()  # again: the query waits for the typing to pause

    def _changed(self) -> None:
        if self._quiet:
            return
        self.clear_button.setVisible(self.is_active())
        self.filter_changed.emit()
