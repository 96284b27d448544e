"""Looking back: the history list, one session's timeline, and trends, in one window.

Importing this module imports pyqtgraph (and numpy), about half a second: the main
window imports it only when the person first opens the review. The pages that plot are
built on first use, so opening the history list costs only the list.

Keys: Ctrl+F search notes, Delete delete the selected sessions, Ctrl+Z undo the delete,
Enter open the selected session, Esc back from a session to the list.
"""

from __future__ import annotations

import sys
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLayout, QStackedWidget, QVBoxLayout, QWidget

from coach.core.clock import SystemWallClock, WallClock
from coach.core.store.history import HistoryFilter, HistoryQuery, load_detail
from coach.ui.review.history_view import HistoryView
from coach.ui.review.labels import source_titles
from coach.ui.review.session_view import SessionView
from coach.ui.review.trends_view import TrendsView
from coach.ui.review.widgets import PageTabs

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.store.store import Store

HISTORY_TAB, TRENDS_TAB = 0, 1
MIN_WIDTH, MIN_HEIGHT = 760, 480


class ReviewWindow(QWidget):
    """History, a session's timeline and trends, with a tab bar for the first and last.

    Signals:
        start_requested(): an empty state's "Start a session" was pressed; the owner
            brings the session screen forward.
        notes_kept(str): notes the store would not take were written elsewhere (or,
            failing that, to the error output); the words say where, for a notice.
    """

    start_requested = Signal()
    notes_kept = Signal(str)

    def __init__(
        self,
        store: Store,
        library: Library | None = None,
        wall: WallClock | None = None,
        tz: tzinfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Looking back")
        self.store, self.library, self.tz = store, library, tz
        self.wall = wall or SystemWallClock()
        self.titles = source_titles(store, library)
        self.query = HistoryQuery(store, tz)
        self._trends_stale = True
        self._history_stale = False

        self.tabs = PageTabs(["History", "Trends"])
        self.tabs.buttons[HISTORY_TAB].setAccessibleDescription("The list of your sessions")
        self.tabs.buttons[TRENDS_TAB].setAccessibleDescription(
            "Practice, tightness and the two sides across weeks"
        )
        self.tabs.page_chosen.connect(self._tab_chosen)

        self.history = HistoryView(store, self.query, self.titles)
        self.history.session_opened.connect(self.open_session)
        self.history.start_requested.connect(self.start_requested)
        self.history.sessions_deleted.connect(self._deleted)
        # The plotting pages are made on first use: history alone opens fastest.
        self._session: SessionView | None = None
        self._trends: TrendsView | None = None

        self.pages = QStackedWidget()
        self.pages.addWidget(self.history)
        top = QHBoxLayout()
        top.addWidget(self.tabs)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 18)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        # One minimum set here, not one worked out by the layout each time a page or bar
        # comes and goes: a window whose minimum keeps moving jumps about on some desktops
        # (and the offscreen platform warns about each change).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumSize(MIN_WIDTH, MIN_HEIGHT)

        for keys, slot in (
            (QKeySequence(QKeySequence.StandardKey.Find), self.focus_search),
            (QKeySequence(QKeySequence.StandardKey.Undo), self.undo),
            (QKeySequence(Qt.Key.Key_Escape), self.back),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # -- pages ------------------------------------------------------------------------------
    @property
    def session_view(self) -> SessionView:
        if self._session is None:
            self._session = SessionView(self.store, self.library, self.tz, self.wall, self.titles)
            self._session.back_requested.connect(self.back)
            self._session.notes_saved.connect(self._notes_saved)
            self.pages.addWidget(self._session)
        return self._session

    @property
    def trends_view(self) -> TrendsView:
        if self._trends is None:
            self._trends = TrendsView(self.store, self.library, self.wall, self.tz, self.titles)
            self._trends.start_requested.connect(self.start_requested)
            self.pages.addWidget(self._trends)
        return self._trends

    def current_page(self) -> str:
        """'history', 'session' or 'trends'."""
        page = self.pages.currentWidget()
        if page is self._session:
            return "session"
        return "trends" if page is self._trends else "history"

    def _leave_page(self) -> None:
        """Finish what the page being left has pending (deletions waiting on Undo, notes
        typed), so the page shown next reads the store as it is about to be."""
        page = self.current_page()
        if page == "session" and self._session is not None:
            self._session.save_notes()
        elif page == "history" and self.pages.currentWidget() is self.history:
            self.history.commit_pending()

    def show_history(self) -> None:
        if self.current_page() != "history":
            self._leave_page()
        if self._history_stale:
            self._history_stale = False
            self.history.refresh()
        self.pages.setCurrentWidget(self.history)
        self._select_tab(HISTORY_TAB)

    def show_trends(self) -> None:
        if self.current_page() != "trends":
            self._leave_page()
        view = self.trends_view
        if self._trends_stale:
            self._trends_stale = False
            view.refresh()
        self.pages.setCurrentWidget(view)
        self._select_tab(TRENDS_TAB)

    def open_session(self, session_id: str) -> bool:
        """Show one session's timeline. False (and a word on the list) when it is gone."""
        view = self.session_view
        try:
            view.show_session(session_id)
        except KeyError:
            self.show_history()
            self.history.undo_bar.show_message("That session is no longer in the store.")
            return False
        self.pages.setCurrentWidget(view)
        self._select_tab(HISTORY_TAB)
        return True

    def back(self) -> None:
        """From a session back to the list, with that session selected."""
        if self.current_page() != "session":
            return
        opened = self.session_view.session_id
        self.show_history()
        row = -1 if opened is None else self.history.model.row_of(opened)
        if row >= 0:
            self.history.table.selectRow(row)
            self.history.table.scrollTo(self.history.model.index(row, 0))
        self.history.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tab_chosen(self, index: int) -> None:
        if index == TRENDS_TAB:
            self.show_trends()
        else:
            self.show_history()

    def _select_tab(self, index: int) -> None:
        self.tabs.set_current(index)

    # -- keys -------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.show_history()
        self.history.focus_search()

    def undo(self) -> None:
        if self.current_page() == "history":
            self.history.undo()

    # -- keeping up with the store ----------------------------------------------------------
    def refresh(self, reopen: bool = False) -> None:
        """New sessions were recorded (or presets renamed): read everything again.
        `reopen` also reads the session shown again (after a restore its notes and
        ratings may differ; otherwise a new session leaves it, and its zoom, alone)."""
        self.titles = source_titles(self.store, self.library)
        self.history.refresh(self.titles)
        self._history_stale = False
        for view in (self._session, self._trends):
            if view is not None:
                view.titles = self.titles
        self._trends_stale = True
        if self.current_page() == "trends":
            self.show_trends()
        elif self.current_page() == "session" and not self._shown_session_exists():
            self.show_history()  # restored away from under the page
            self.history.undo_bar.show_message("That session is no longer in the store.")
        elif reopen and self.current_page() == "session" and self._session is not None:
            shown = self._session.session_id
            if shown is not None:
                self._session.show_session(shown)

    def _shown_session_exists(self) -> bool:
        session_id = None if self._session is None else self._session.session_id
        return session_id is None or self.store.has_session(session_id)

    def close_pending(self) -> int:
        """Delete now what waits in the undo window and save unsaved notes; notes the
        store still refuses go to a text file beside it (`notes_kept` says where).
        Returns how many sessions were deleted. The owner calls this when the review
        closes."""
        if self._session is not None:
            kept = self._session.unsaved_notes()
            if kept:
                self._keep_notes(kept)
        return self.history.commit_pending()

    def _keep_notes(self, notes: list[tuple[str, str]]) -> None:
        from coach.core.store.history import keep_unsaved_notes

        try:
            path = keep_unsaved_notes(self.store.path.parent, notes, self.wall.utc_now())
        except OSError as error:
            words = "\n\n".join(f"{session}:\n{text}" for session, text in notes)
            print(f"coach: notes that could not be saved anywhere:\n{words}", file=sys.stderr)
            message = (
                f"Notes could not be saved ({error.strerror or error}); they were written "
                "to the error output."
            )
        else:
            message = f"Notes the store could not take were written to {path}."
            print(f"coach: {message}", file=sys.stderr)
        self.notes_kept.emit(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_pending()
        super().closeEvent(event)

    def _deleted(self, count: int) -> None:
        self._trends_stale = True

    def _notes_saved(self, session_id: str) -> None:
        self._history_stale = True  # the notes column feeds search and tooltips


def pick_example_session(store: Store, library: Library | None = None) -> str | None:
    """A session worth a screenshot: the latest stopped routine with prompts, else the
    latest routine, else the latest session (None when there are none)."""
    query = HistoryQuery(store)
    stopped = [
        row
        for row in query.rows(HistoryFilter(statuses=frozenset({"stopped"})), limit=50)
        if row.kind == "routine"
    ]
    details = [(row, load_detail(store, row.id, library)) for row in stopped]
    for row, detail in details:
        if any(m.kind in ("ease_off", "stop_offer") for m in detail.markers):
            return row.id
    for row, detail in details:  # a stop with its reason is worth showing on its own
        if any(m.kind in ("stop", "safety_stop") for m in detail.markers):
            return row.id
    rows = query.rows(HistoryFilter(), limit=50)
    routine = next((r for r in rows if r.kind == "routine"), None)
    chosen = routine or (rows[0] if rows else None)
    return None if chosen is None else chosen.id
