"""The history page: every recorded session in a table, filtered, sorted, deletable.

Deleting is undoable: the rows leave the table at once, but the sessions stay on disk
until the undo window closes (about 8 s, another delete, leaving the page, or the owner
calling `commit_pending()`), so a slip of the Delete key costs nothing.

No pyqtgraph here: the list opens without any plotting library.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coach.ui.review import labels
from coach.ui.review.filter_bar import FilterBar
from coach.ui.review.history_model import (
    AVERAGE,
    BREATHS,
    COLUMNS,
    DATE,
    LENGTH,
    PEAK,
    SESSION_ID_ROLE,
    SOURCE,
    STATUS,
    TIGHTNESS,
    HistoryModel,
    RowSource,
)
from coach.ui.review.table_style import CELL_PAD, RowDelegate, SoftHeader
from coach.ui.review.widgets import EmptyState, UndoBar, soft

if TYPE_CHECKING:
    from coach.core.store.store import Store

UNDO_WINDOW_MS = 8000


class HistoryView(QWidget):
    """Filter bar, undo bar and the session table (or a friendly empty state).

    Signals:
        session_opened(str): the person asked to open a session (double-click, Enter);
            its id.
        start_requested(): the empty state's "Start a session" was pressed.
        sessions_deleted(int): sessions were removed from the store (the undo window
            closed); how many.
    """

    session_opened = Signal(str)
    start_requested = Signal()
    sessions_deleted = Signal(int)

    def __init__(
        self,
        store: Store,
        query: RowSource,
        titles: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._query = query
        self._titles: Mapping[str, str] = titles or {}
        self._pending: tuple[str, ...] = ()

        self.model = HistoryModel(query, self._titles, self)
        self.filters = FilterBar()
        self.filters.filter_changed.connect(self._apply_filters)
        self.undo_bar = UndoBar()
        self.undo_bar.undo_requested.connect(self.undo)
        self.table = _table(self.model)
        self.table.doubleClicked.connect(self._open_index)
        header = self.table.horizontalHeader()
        header.sortIndicatorChanged.connect(self._keep_sortable_indicator)
        self.count_label = soft()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)

        self.empty = EmptyState(
            "Nothing to look back on yet",
            "Each session you record shows up here: how long it was, how the pressure "
            "felt, and how tight things were before and after.",
            "Start a session",
        )
        self.empty.action_requested.connect(self.start_requested)
        self.no_match = EmptyState(
            "No sessions match these filters",
            "Try another routine or status, a wider date range, or other words.",
            "Clear filters",
        )
        self.no_match.action_requested.connect(self.filters.clear)

        self.results = QStackedWidget()
        self.results.addWidget(self.table)
        self.results.addWidget(self.no_match)
        listing = QWidget()
        column = QVBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.filters)
        column.addWidget(self.results, 1)
        column.addWidget(self.count_label)
        self.pages = QStackedWidget()
        self.listing = listing
        self.pages.addWidget(listing)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.pages, 1)

        # Parented and single-shot; stopped (by committing) whenever the page is left.
        self.undo_timer = QTimer(self)
        self.undo_timer.setSingleShot(True)
        self.undo_timer.setInterval(UNDO_WINDOW_MS)
        self.undo_timer.timeout.connect(self.commit_pending)

        # Table-only keys: Delete in the search box must delete letters, not sessions.
        for keys, slot in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected),
            (QKeySequence(Qt.Key.Key_Return), self.open_current),
            (QKeySequence(Qt.Key.Key_Enter), self.open_current),
        ):
            shortcut = QShortcut(keys, self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.refresh()

    # -- reading ----------------------------------------------------------------------------
    def refresh(self, titles: Mapping[str, str] | None = None) -> None:
        """Read the store again (new sessions recorded, notes changed), keeping the place."""
        if titles is not None:
            self._titles = titles
            self.model.set_titles(titles)
        chosen = self.selected_ids()
        current = self.table.currentIndex()
        current_id = str(current.data(SESSION_ID_ROLE)) if current.isValid() else None
        self.filters.set_sources(self._query.sources(), self._titles)
        flt = self.filters.current()
        if flt != self.model.filter:
            self.model.set_filter(flt)
        else:
            self.model.reload(keep_loaded=True)
        self._update_state()
        self._reselect(chosen, current_id)

    def _reselect(self, ids: list[str], current_id: str | None) -> None:
        """Select again the sessions that were selected (those still listed)."""
        if not ids and current_id is None:
            return
        rows = self.model.rows_of()
        if current_id is not None and current_id in rows:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(rows[current_id], 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        chosen = QItemSelection()
        last = self.model.columnCount() - 1
        for session_id in ids:
            row = rows.get(session_id)
            if row is not None:
                chosen.select(self.model.index(row, 0), self.model.index(row, last))
        self.table.selectionModel().select(chosen, QItemSelectionModel.SelectionFlag.Select)

    def _apply_filters(self) -> None:
        self.model.set_filter(self.filters.current())
        self._update_state()

    def _update_state(self) -> None:
        total = self.model.total
        if total == 0 and not self.filters.is_active():
            self.pages.setCurrentWidget(self.empty)
        else:
            self.pages.setCurrentWidget(self.listing)
            self.results.setCurrentWidget(self.table if total else self.no_match)
        noun = "session" if total == 1 else "sessions"
        matching = " match" if self.filters.is_active() else ""
        self.count_label.setText(f"{total:,} {noun}{matching}" if total else "")

    def _keep_sortable_indicator(self, column: int, order: Qt.SortOrder) -> None:
        # Tightness is a pair of numbers with no single order: leave the sort as it was.
        if COLUMNS[column][1] is None:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            descending = Qt.SortOrder.DescendingOrder
            header.setSortIndicator(
                self.model.sort_column,
                descending if self.model.descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)

    # -- opening ----------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r).id for r in rows]

    def open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.session_opened.emit(str(index.data(SESSION_ID_ROLE)))

    def focus_search(self) -> None:
        if self.pages.currentWidget() is not self.empty:
            self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.filters.search.selectAll()

    # -- deleting with undo -----------------------------------------------------------------
    @property
    def pending(self) -> tuple[str, ...]:
        """Sessions deleted from view but still on disk (the undo window is open)."""
        return self._pending

    def delete_selected(self) -> int:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        chosen = [self.model.row_at(r) for r in rows]
        # A session still being recorded (by this coach or another) is not the list's to
        # delete: it would vanish from under its recorder.
        recording = [r for r in chosen if r.status == "in_progress"]
        if recording and len(recording) == len(chosen):
            self.undo_bar.show_message(
                "That session is still being recorded; it can be deleted once it has ended."
            )
            return 0
        return self.delete_sessions(r.id for r in chosen if r.status != "in_progress")

    def delete_sessions(self, ids: Iterable[str]) -> int:
        """Hide these sessions now and delete them when the undo window closes."""
        chosen = tuple(dict.fromkeys(i for i in ids if i not in self._pending))
        if not chosen or self._store.read_only:
            if chosen:
                self.undo_bar.show_message("The store is read-only: nothing can be deleted.")
            return 0
        self.commit_pending()  # a second delete closes the first one's undo window
        current = self.table.currentIndex().row()
        self._pending = chosen
        self.model.hide_sessions(chosen)
        self.undo_bar.show_deleted(len(chosen))
        self.undo_timer.start()
        self._update_state()
        # Leave the cursor where the rows were, so Delete can be pressed again.
        if self.model.rowCount():
            row = min(max(0, current), self.model.rowCount() - 1)
            self.table.setCurrentIndex(self.model.index(row, 0))
        return len(chosen)

    def undo(self) -> bool:
        """Bring the last deleted sessions back (nothing was removed from disk)."""
        if not self._pending:
            return False
        self.undo_timer.stop()
        ids, self._pending = self._pending, ()
        self.model.show_sessions(ids)
        self.undo_bar.hide()
        self._update_state()
        row = self.model.row_of(ids[0])
        if row >= 0:
            self.table.clearSelection()
            for session_id in ids:
                at = self.model.row_of(session_id)
                if at >= 0:
                    self.table.selectRow(at)
            self.table.scrollTo(self.model.index(row, 0))
        return True

    def commit_pending(self) -> int:
        """Delete from disk what is waiting in the undo window, now."""
        self.undo_timer.stop()
        if not self._pending:
            return 0
        from coach.core.store.errors import StoreError

        ids, self._pending = self._pending, ()
        try:
            removed = self._store.delete_sessions(list(ids))
        except StoreError as error:
            self.model.show_sessions(ids)
            self.undo_bar.show_message(f"Nothing was deleted: {error}")
            self._update_state()
            return 0
        self.model.forget_hidden(ids)
        self.undo_bar.hide()
        self.filters.set_sources(self._query.sources(), self._titles)
        self.sessions_deleted.emit(removed)
        return removed

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page closes the undo window; a minimised window (spontaneous) does not.
        if not event.spontaneous():
            self.commit_pending()
        super().hideEvent(event)


def _table(model: HistoryModel) -> QTableView:
    table = QTableView()
    table.setHorizontalHeader(SoftHeader(table))
    table.setItemDelegate(RowDelegate(table))
    table.setModel(model)
    table.setFrameShape(QTableView.Shape.NoFrame)
    table.setAccessibleName("Sessions")
    table.setAccessibleDescription(
        "Enter opens the chosen session; Delete deletes the chosen ones, Control Z brings them back"
    )
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Tab moves on to the next control; the arrows move between sessions.
    table.setTabKeyNavigation(False)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.verticalHeader().hide()
    metrics = QFontMetrics(table.font())
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(metrics.height() + 16)  # roomy rows, like the start list
    header = table.horizontalHeader()
    header.setMinimumSectionSize(48)
    # Widths from the longest usual text, not from the rows (which arrive a page at a time).
    pad = 2 * CELL_PAD + 18  # room for the sort arrow
    samples = {
        STATUS: "Stopped: Just stopping",
        DATE: labels.when(datetime(2026, 11, 30, 23, 58)),  # the longest usual shape
        LENGTH: "1:00:00",
        BREATHS: "Breaths",
        AVERAGE: "Average",
        PEAK: "Peak",
        TIGHTNESS: "Tightness",
    }
    for column, text in samples.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, metrics.horizontalAdvance(text) + pad)
    # The routine takes the room left; a long stop reason elides (its tooltip has it all).
    header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
    header.setSortIndicator(DATE, Qt.SortOrder.DescendingOrder)
    table.setSortingEnabled(True)  # after the indicator: enabling sorts by it (a no-op)
    return table
