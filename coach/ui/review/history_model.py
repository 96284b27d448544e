"""The session list as a table model that asks the store for one page at a time.

Qt's views call `canFetchMore`/`fetchMore` as the person scrolls, so opening history
with thousands of sessions reads only the first page. Sorting and filtering are handed to
the query (SQL with indexes), never done over every row in Python. Rows waiting to be
deleted (the undo window) are left out by the query itself (`hidden`), so page offsets
stay right while they are gone from view.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from coach.core.store.history import HistoryFilter
from coach.ui.review import labels
from coach.ui.theme import blend

if TYPE_CHECKING:
    from coach.core.store.history import HistoryRow, SortKey

PAGE = 200

Index = QModelIndex | QPersistentModelIndex

# (heading, sort key or None when the query cannot sort by it, numeric)
COLUMNS: tuple[tuple[str, str | None, bool], ...] = (
    ("Date and time", "started_at", False),
    ("Routine or pattern", "source", False),
    ("Length", "minutes", True),
    ("Status", "status", False),
    ("Breaths", "breaths", True),
    ("Average", "avg_intensity", True),
    ("Peak", "peak_intensity", True),
    ("Tightness", None, True),
)
DATE, SOURCE, LENGTH, STATUS, BREATHS, AVERAGE, PEAK, TIGHTNESS = range(len(COLUMNS))

SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""str: the session id of a row (any column)."""

_TOOLTIPS = {
    AVERAGE: "Average intensity you reported (0-10)",
    PEAK: "Highest intensity you reported (0-10)",
    TIGHTNESS: "How tight it felt before → after (0-10)",
    LENGTH: "Active time, pauses left out",
}


class RowSource(Protocol):
    """What the model needs from `coach.core.store.history.HistoryQuery`."""

    def count(self, flt: HistoryFilter, hidden: frozenset[str] = ...) -> int: ...

    def rows(
        self,
        flt: HistoryFilter,
        sort: SortKey = ...,
        descending: bool = ...,
        offset: int = ...,
        limit: int = ...,
        hidden: frozenset[str] = ...,
        names: Mapping[str, str] | None = ...,
    ) -> list[HistoryRow]: ...

    def sources(self) -> list[tuple[str, int]]: ...


class HistoryModel(QAbstractTableModel):
    """Sessions, newest first, a page at a time.

    No signals of its own beyond QAbstractTableModel's.
    """

    def __init__(
        self,
        query: RowSource,
        titles: Mapping[str, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.query = query
        self._titles: Mapping[str, str] = titles or {}
        self._filter: HistoryFilter = HistoryFilter()
        self._sort_column = DATE
        self._names: dict[str, str] | None = None
        self._descending = True
        self._hidden: frozenset[str] = frozenset()
        self._rows: list[HistoryRow] = []
        self._total = 0
        self.page_size = PAGE

    # -- what is shown ----------------------------------------------------------------------
    @property
    def filter(self) -> HistoryFilter:
        return self._filter

    @property
    def total(self) -> int:
        """Sessions matching the filter (not hidden), loaded or not."""
        return self._total

    @property
    def hidden(self) -> frozenset[str]:
        return self._hidden

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def descending(self) -> bool:
        return self._descending

    def set_titles(self, titles: Mapping[str, str]) -> None:
        self._titles = titles
        if self._rows:
            self.dataChanged.emit(self.index(0, SOURCE), self.index(len(self._rows) - 1, SOURCE))

    def set_filter(self, flt: HistoryFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.reload()

    def reload(self, keep_loaded: bool = False) -> None:
        """Read the first page again (or as many rows as were loaded, to keep the place)."""
        limit = max(self.page_size, len(self._rows)) if keep_loaded else self.page_size
        self.beginResetModel()
        self._total = self.query.count(self._filter, hidden=self._hidden)
        # A sort by source follows the names shown, not the ids behind them: read once
        # per ordering, and kept for the pages fetched after it.
        self._names = (
            {s: labels.title_of(s, self._titles) for s, _ in self.query.sources()}
            if self._sort_key() == "source"
            else None
        )
        self._rows = self._fetch(0, limit)
        self.endResetModel()

    def _sort_key(self) -> str:
        return COLUMNS[self._sort_column][1] or "started_at"

    def _fetch(self, offset: int, limit: int) -> list[HistoryRow]:
        return self.query.rows(
            self._filter,
            sort=self._sort_key(),  # type: ignore[arg-type]
            descending=self._descending,
            offset=offset,
            limit=limit,
            hidden=self._hidden,
            names=self._names,
        )

    # -- hiding (the undo window of a delete) -----------------------------------------------
    def hide_sessions(self, ids: Iterable[str]) -> int:
        """Take these sessions out of view at once, without a reset (selection and scroll
        stay put for the rest). Returns how many loaded rows went."""
        new = frozenset(ids) - self._hidden
        if not new:
            return 0
        self._hidden |= new
        doomed = [i for i, row in enumerate(self._rows) if row.id in new]
        # Remove runs from the bottom up, so earlier row numbers stay valid.
        for first, last in reversed(_runs(doomed)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()
        # Those not loaded yet leave the count too: the query no longer returns them.
        self._total = self.query.count(self._filter, hidden=self._hidden)
        return len(doomed)

    def show_sessions(self, ids: Iterable[str]) -> None:
        """Bring hidden sessions back (undo): read again, keeping as many rows loaded."""
        back = self._hidden & frozenset(ids)
        if back:
            self._hidden -= back
            self.reload(keep_loaded=True)

    def forget_hidden(self, ids: Iterable[str]) -> None:
        """These sessions are gone from the store: no need to keep leaving them out."""
        self._hidden -= frozenset(ids)

    # -- Qt's model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        fetched = self._fetch(len(self._rows), self.page_size)
        if not fetched:
            # The store changed under us (fewer rows than counted): stop asking.
            self._total = len(self._rows)
            return
        # A session started since the first page pushes every later row down one place:
        # the rows already listed are not listed twice.
        loaded = {r.id for r in self._rows}
        more = [r for r in fetched if r.id not in loaded]
        if not more:
            self.reload(keep_loaded=True)  # all of it shifted in: read the place again
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][1] is None:
            return  # the query cannot sort by it; the view puts the indicator back
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending):
            return
        self._sort_column, self._descending = column, descending
        self.reload()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _TOOLTIPS.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == SESSION_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and self._soft(row, column):
            palette = QApplication.palette()
            return blend(
                palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.4
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # -- helpers ----------------------------------------------------------------------------
    def row_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    def rows_of(self) -> dict[str, int]:
        """Each loaded session's row number, by id."""
        return {r.id: i for i, r in enumerate(self._rows)}

    def row_of(self, session_id: str) -> int:
        """The row number of a loaded session, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.id == session_id), -1)

    def _text(self, row: HistoryRow, column: int) -> str:
        if column == DATE:
            return labels.when(row.started_at)
        if column == SOURCE:
            return labels.title_of(row.source, self._titles)
        if column == LENGTH:
            return labels.length(row.minutes)
        if column == STATUS:
            return labels.status(row)
        if column == BREATHS:
            return str(row.breaths)
        if column == AVERAGE:
            return labels.average(row.avg_intensity)
        if column == PEAK:
            return labels.peak(row.peak_intensity)
        return labels.tightness(row.rating_before, row.rating_after)

    def _tooltip(self, row: HistoryRow, column: int) -> str | None:
        if column == STATUS and row.end_reason and row.status != "completed":
            return row.end_reason
        if row.notes:
            return row.notes if len(row.notes) < 400 else row.notes[:400] + "…"
        return None

    def _soft(self, row: HistoryRow, column: int) -> bool:
        """Empty values and cut-short sessions in a quieter tone: the eye goes to the rest."""
        if column == STATUS:
            return row.status == "interrupted"
        return self._text(row, column) == labels.NONE


def _alignment(column: int) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if COLUMNS[column][2] else Qt.AlignmentFlag.AlignLeft
    if column == TIGHTNESS:
        horizontal = Qt.AlignmentFlag.AlignHCenter
    return horizontal | Qt.AlignmentFlag.AlignVCenter


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of neighbours."""
    runs: list[tuple[int, int]] = []
    for r in sorted(rows):
        if runs and runs[-1][1] == r - 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs
