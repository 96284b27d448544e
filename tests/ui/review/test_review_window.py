"""The review screens: the history list (lazy model, sort, filters, search, delete with
undo), keys, the empty state, and the lazy-import rule. The demo history and the review
window come from this folder's conftest.py.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, QPoint, Qt
from pytestqt.qtbot import QtBot

import coach.ui.review
from coach.core.clock import FakeWallClock
from coach.core.content.library import Library
from coach.core.store.history import HistoryFilter, HistoryQuery, HistoryRow
from coach.core.store.store import Store
from coach.ui.review import labels
from coach.ui.review.history_model import (
    AVERAGE,
    DATE,
    LENGTH,
    SOURCE,
    STATUS,
    TIGHTNESS,
    HistoryModel,
)
from coach.ui.review.history_view import HistoryView
from coach.ui.review.labels import NONE, source_titles
from coach.ui.review.review_window import ReviewWindow


def visible_ids(view: HistoryView) -> list[str]:
    model = view.model
    return [model.row_at(r).id for r in range(model.rowCount())]


def all_rows(view: HistoryView) -> list[HistoryRow]:
    model = view.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.row_at(r) for r in range(model.rowCount())]


# -- the model --------------------------------------------------------------------------------
def test_model_fetches_a_page_at_a_time(qtbot: QtBot, demo_store: Store) -> None:
    query = HistoryQuery(demo_store, UTC)
    model = HistoryModel(query)
    model.page_size = 10
    model.reload()
    total = query.count(HistoryFilter())
    assert total > 30
    assert model.total == total
    assert model.rowCount() == 10
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 20
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == total
    started = [model.row_at(r).started_at for r in range(total)]
    assert started == sorted(started, reverse=True), "newest first"
    assert len({model.row_at(r).id for r in range(total)}) == total


def test_a_session_started_while_scrolling_is_not_listed_twice(
    qtbot: QtBot, demo_store: Store, wall: FakeWallClock
) -> None:
    from tests.support.records import new_record

    model = HistoryModel(HistoryQuery(demo_store, UTC))
    model.page_size = 10
    model.reload()
    demo_store.begin_session(new_record(wall))  # the newest: every row moves down one
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert len(ids) == len(set(ids))


def test_model_cells_read_as_words(qtbot: QtBot, demo_store: Store, library: Library) -> None:
    model = HistoryModel(HistoryQuery(demo_store, UTC), source_titles(demo_store, library))
    model.reload()
    rows = [model.row_at(r) for r in range(model.rowCount())]
    at = next(i for i, r in enumerate(rows) if r.source == "desk-break" and r.rating_after)
    row = rows[at]

    def cell(column: int) -> str:
        return str(model.data(model.index(at, column)))

    assert cell(DATE) == f"{row.started_at:%a} {row.started_at.day} {row.started_at:%b %Y, %H:%M}"
    assert cell(SOURCE) == "Desk break"
    seconds = round(row.minutes * 60)
    assert cell(LENGTH) == f"{seconds // 60}:{seconds % 60:02d}"
    assert cell(TIGHTNESS) == f"{row.rating_before} → {row.rating_after}"
    assert cell(AVERAGE) == f"{row.avg_intensity:.1f}"
    breathing = next(i for i, r in enumerate(rows) if r.kind == "breathing")
    assert model.data(model.index(breathing, AVERAGE)) == NONE
    assert model.data(model.index(breathing, TIGHTNESS)) == NONE
    stopped = next(i for i, r in enumerate(rows) if r.status == "stopped")
    assert str(model.data(model.index(stopped, STATUS))).startswith("Stopped: ")
    assert labels.status(replace(row, status="interrupted")) == "Interrupted"


# -- sorting and filtering --------------------------------------------------------------------
def click_header(qtbot: QtBot, view: HistoryView, column: int) -> None:
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_header_click_sorts_through_the_query(qtbot: QtBot, window: ReviewWindow) -> None:
    view = window.history
    calls: list[tuple[object, ...]] = []
    real_rows = view.model.query.rows

    def spy(*args: object, **kwargs: object) -> list[HistoryRow]:
        calls.append((kwargs.get("sort"), kwargs.get("descending")))
        return real_rows(*args, **kwargs)  # type: ignore[arg-type]

    view.model.query.rows = spy  # type: ignore[method-assign]
    click_header(qtbot, view, LENGTH)
    minutes = [r.minutes for r in all_rows(view)]
    assert calls[0][0] == "minutes", "the order comes from SQL, not a sort in Python"
    first = minutes
    click_header(qtbot, view, LENGTH)
    minutes = [r.minutes for r in all_rows(view)]
    assert minutes != first
    assert sorted([first, minutes], key=lambda m: m[0]) == [
        sorted(first),
        sorted(first, reverse=True),
    ]
    # Tightness has no single order: clicking it leaves the sort where it was.
    before = visible_ids(view)
    click_header(qtbot, view, TIGHTNESS)
    assert visible_ids(view) == before
    assert view.table.horizontalHeader().sortIndicatorSection() == LENGTH


def test_each_filter_narrows_the_list(qtbot: QtBot, window: ReviewWindow) -> None:
    view = window.history
    total = view.model.total
    bar = view.filters

    assert bar.select_source("desk-break")
    desk = all_rows(view)
    assert 0 < len(desk) < total and {r.source for r in desk} == {"desk-break"}
    bar.clear()
    assert view.model.total == total

    bar.set_status(2)  # Stopped
    stopped = all_rows(view)
    assert 0 < len(stopped) < total and {r.status for r in stopped} == {"stopped"}
    bar.clear()

    first, last = date(2026, 10, 1), date(2026, 10, 14)
    bar.since.set_day(first)
    bar.until.set_day(last)
    fortnight = all_rows(view)
    assert 0 < len(fortnight) < total
    assert all(first <= r.started_at.date() <= last for r in fortnight)
    assert "match" in view.count_label.text()
    bar.clear()
    assert bar.since.text() == "any day" and bar.since.day() is None
    # Stepping out of "any" starts from today, not from the year 2000.
    bar.until.stepBy(1)
    assert bar.until.date() == QDate.currentDate()


def test_search_finds_notes_after_typing_pauses(qtbot: QtBot, window: ReviewWindow) -> None:
    view = window.history
    total = view.model.total
    bar = view.filters
    qtbot.keyClicks(bar.search, "tingling")
    # Nothing runs per key: a parented single-shot timer waits for the typing to pause.
    assert bar.search_timer.isActive()
    assert view.model.total == total
    bar.flush()
    assert not bar.search_timer.isActive()
    found = all_rows(view)
    assert found and all("tingling" in r.notes.lower() for r in found)


def test_filtered_to_nothing_says_so_and_clears(qtbot: QtBot, window: ReviewWindow) -> None:
    view = window.history
    view.filters.search.setText("no note says this")
    view.filters.flush()
    assert view.model.total == 0
    assert view.results.currentWidget() is view.no_match
    view.no_match.button.click()
    assert view.results.currentWidget() is view.table
    assert view.filters.search.text() == ""
    assert view.model.total > 0


# -- deleting with undo -----------------------------------------------------------------------
def test_delete_hides_at_once_and_undo_brings_back(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    view = window.history
    total = view.model.total
    ids = visible_ids(view)[1:4]
    view.table.selectRow(1)
    for row in (2, 3):
        view.table.selectionModel().select(
            view.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert view.delete_selected() == 3
    assert not set(ids) & set(visible_ids(view))
    assert view.model.total == total - 3
    assert view.undo_bar.isVisible() and "Deleted 3 sessions" in view.undo_bar.message.text()
    assert all(demo_store.has_session(i) for i in ids), "nothing leaves the disk yet"

    assert view.undo()
    assert visible_ids(view)[1:4] == ids
    assert view.model.total == total
    assert not view.undo_bar.isVisible()
    assert not view.undo_timer.isActive()
    assert all(demo_store.has_session(i) for i in ids)


def test_sessions_leave_the_disk_only_when_the_undo_window_closes(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    view = window.history
    deleted: list[int] = []
    view.sessions_deleted.connect(deleted.append)
    first = visible_ids(view)[0]
    view.delete_sessions([first])
    timer = view.undo_timer
    assert timer.isActive() and timer.isSingleShot() and timer.parent() is view
    assert 5000 <= timer.interval() <= 10000
    assert demo_store.has_session(first)
    with qtbot.waitSignal(view.sessions_deleted):
        timer.timeout.emit()  # the undo window runs out
    assert not demo_store.has_session(first)
    assert deleted == [1]
    assert not view.undo()

    # Another delete closes the first one's window.
    second, third = visible_ids(view)[:2]
    view.delete_sessions([second])
    view.delete_sessions([third])
    assert not demo_store.has_session(second) and demo_store.has_session(third)
    # Leaving the page closes it too.
    window.show_trends()
    assert not demo_store.has_session(third)
    assert not timer.isActive()

    # And the owner can close it on quitting.
    window.show_history()
    fourth = visible_ids(view)[0]
    view.delete_sessions([fourth])
    assert window.close_pending() == 1
    assert not demo_store.has_session(fourth)


def test_delete_and_undo_keys(qtbot: QtBot, window: ReviewWindow, demo_store: Store) -> None:
    view = window.history
    window.activateWindow()
    view.table.setFocus()
    view.table.selectRow(0)
    first = visible_ids(view)[0]
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert first not in visible_ids(view)
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert visible_ids(view)[0] == first
    assert demo_store.has_session(first)
    # Delete in the search box deletes letters, not sessions.
    view.filters.search.setFocus()
    view.filters.search.setText("ab")
    qtbot.keyClick(view.filters.search, Qt.Key.Key_Home)
    qtbot.keyClick(view.filters.search, Qt.Key.Key_Delete)
    assert view.filters.search.text() == "b"
    assert not view.pending


def test_keys_open_search_and_go_back(qtbot: QtBot, window: ReviewWindow) -> None:
    view = window.history
    window.activateWindow()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filters.search.hasFocus()
    view.table.setFocus()
    view.table.selectRow(2)
    chosen = visible_ids(view)[2]
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.current_page() == "session"
    assert window.session_view.session_id == chosen
    qtbot.keyClick(window.session_view.plot, Qt.Key.Key_Escape)
    assert window.current_page() == "history"
    assert visible_ids(view)[view.table.currentIndex().row()] == chosen


# -- empty and starting -----------------------------------------------------------------------
def test_empty_history_offers_to_start(
    show: Callable[..., None],
    qtbot: QtBot,
    empty_store: Store,
    library: Library,
    wall: FakeWallClock,
) -> None:
    win = ReviewWindow(empty_store, library, wall, tz=UTC)
    show(win)
    assert win.history.pages.currentWidget() is win.history.empty
    with qtbot.waitSignal(win.start_requested):
        win.history.empty.button.click()
    win.show_trends()
    assert win.trends_view.pages.currentWidget() is win.trends_view.empty
    with qtbot.waitSignal(win.start_requested):
        win.trends_view.empty.button.click()


def test_refresh_shows_new_sessions(
    show: Callable[..., None],
    qtbot: QtBot,
    empty_store: Store,
    library: Library,
    wall: FakeWallClock,
) -> None:
    from coach.core.demo import fill_demo

    win = ReviewWindow(empty_store, library, wall, tz=UTC)
    show(win)
    fill_demo(empty_store, wall, days=2, seed=3, tz=UTC)
    win.refresh()
    assert win.history.model.total == HistoryQuery(empty_store).count(HistoryFilter()) > 0
    assert win.history.pages.currentWidget() is not win.history.empty
    assert win.history.filters.routine.count() > 1


# -- start-up cost ----------------------------------------------------------------------------
def test_only_the_review_window_module_imports_pyqtgraph() -> None:
    code = (
        "import sys\n"
        "import coach.ui.review, coach.ui.review.history_view, coach.ui.review.labels\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyqtgraph', 'numpy')))\n"
        "import coach.ui.review.review_window\n"
        "print('pyqtgraph' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    first, second = done.stdout.split("\n")[:2]
    assert first == "[]"
    assert second == "True"
    package = Path(coach.ui.review.__file__).read_text()
    assert "import" not in package


def test_a_session_still_being_recorded_is_not_deleted_from_the_list(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store, wall: FakeWallClock
) -> None:
    from coach.core.breath.pacer import Timeline
    from coach.core.breath.pattern import BreathPattern
    from coach.core.store.recorder import new_session_record

    wall.advance(timedelta(days=30))  # newer than every demo session: the first row
    record = new_session_record(wall, Timeline(BreathPattern(), 10), "calm", 0.0)
    demo_store.begin_session(record)
    window.refresh()
    view = window.history
    assert view.model.row_at(0).status == "in_progress"
    view.table.selectRow(0)
    assert view.delete_selected() == 0
    assert demo_store.has_session(record.id)
    assert "still being recorded" in view.undo_bar.message.text()


def test_a_page_shown_after_a_delete_reads_the_store_without_it(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    window.show_trends()
    view = window.trends_view
    assert view.totals is not None
    before = view.totals.sessions
    window.show_history()
    first = visible_ids(window.history)[0]
    window.history.delete_sessions([first])
    window.show_trends()  # leaving the list deletes for good, before trends read
    assert not demo_store.has_session(first)
    assert view.totals.sessions == before - 1
    assert view.tiles[0].value.text() == f"{before - 1:,}"


def test_a_refresh_keeps_the_sessions_selected(qtbot: QtBot, window: ReviewWindow) -> None:
    view = window.history
    chosen = visible_ids(view)[2:4]
    view.table.selectRow(2)
    view.table.selectionModel().select(
        view.model.index(3, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    window.refresh()
    assert view.selected_ids() == chosen


def test_tab_leaves_the_list(qtbot: QtBot, window: ReviewWindow) -> None:
    view = window.history
    window.activateWindow()
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert not view.table.hasFocus()


def test_a_source_without_a_name_is_described() -> None:
    titles = {"desk-break": "Desk break"}
    assert labels.title_of("desk-break", titles) == "Desk break"
    assert labels.title_of("custom", titles) == "Custom pattern"
    assert labels.title_of("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", titles) == "A deleted preset"
    assert labels.title_of("old-routine", titles) == "Old routine"


def test_sorting_by_routine_follows_the_names_shown(qtbot: QtBot, window: ReviewWindow) -> None:
    view = window.history
    click_header(qtbot, view, SOURCE)
    model = view.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    names = [model.index(r, SOURCE).data() for r in range(model.rowCount())]
    assert len(set(names)) > 2
    keys = [n.casefold() for n in names]
    assert keys in (sorted(keys), sorted(keys, reverse=True))


def test_deleted_presets_are_told_apart_by_their_pattern(
    qtbot: QtBot, empty_store: Store, wall: FakeWallClock
) -> None:
    from coach.core.store.records import PatternRecord
    from tests.support.records import new_record

    first, second = (
        "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
        "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d",
    )
    empty_store.begin_session(new_record(wall, source=first))
    empty_store.begin_session(
        new_record(wall, source=second, pattern=PatternRecord(4.5, 1, 7.5, 0))
    )
    titles = source_titles(empty_store, None)
    assert labels.title_of(first, titles) == "Deleted preset · 4-0-6-0"
    assert labels.title_of(second, titles) == "Deleted preset · 4.5-1-7.5-0"
