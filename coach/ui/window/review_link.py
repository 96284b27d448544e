"""The review window as the main window sees it.

History and trends open in a window of their own, built on first use (pyqtgraph loads
then, not at start-up). Once open, it keeps in step: a session that ends, an after-rating,
an import or a restore shows up there. Deletions waiting on Undo happen before a restore
and when the main window closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from coach.core.clock import WallClock
from coach.ui.widgets.notice_bar import NoticeBar

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.store.store import Store
    from coach.ui.review.review_window import ReviewWindow


class ReviewLink(QObject):
    """Owned by the main window; `review` is None until the review is first opened."""

    def __init__(self, window: QWidget, notices: NoticeBar, wall: WallClock) -> None:
        super().__init__(window)
        self._window = window
        self._notices = notices
        self._wall = wall
        self.review: ReviewWindow | None = None

    def open(
        self, store: Store | None, library: Library | None, page: str, store_pending: bool
    ) -> ReviewWindow | None:
        """Show history or trends; without a store, say why nothing can be shown."""
        if store is None:
            self._notices.show_notice(
                "Saved sessions can't be shown: the store is not open"
                + (" yet." if store_pending else ".")
            )
            return None
        if self.review is None:
            from coach.ui.review.review_window import ReviewWindow

            self.review = ReviewWindow(store, library, self._wall, parent=self._window)
            self.review.setWindowFlag(Qt.WindowType.Window)
            self.review.resize(1100, 720)
            self.review.start_requested.connect(self._start_from_review)
            self.review.notes_kept.connect(self._notices.show_notice)
        else:
            self.review.refresh()
        if page == "trends":
            self.review.show_trends()
        else:
            self.review.show_history()
        self.review.show()
        bring_forward(self.review)
        return self.review

    def refresh_if_visible(self) -> None:
        """A session was just recorded or rated: the review shows it if it is open."""
        if self.review is not None and self.review.isVisible():
            self.review.refresh()

    def refresh(self, reopen: bool = False) -> None:
        """The store changed underneath (an import or a restore): read it again."""
        if self.review is not None:
            if reopen:
                self.review.refresh(reopen=True)  # a session shown may read differently now
            else:
                self.review.refresh()

    def close_pending(self) -> None:
        if self.review is not None:
            self.review.close_pending()  # deletions and notes land in the store as it is

    def close(self) -> None:
        """The main window closes: deletions waiting on Undo happen now."""
        if self.review is not None:
            self.review.close_pending()
            self.review.close()

    def _start_from_review(self) -> None:
        bring_forward(self._window)
        if self.review is not None:
            self.review.close()


def bring_forward(window: QWidget) -> None:
    if QGuiApplication.platformName() != "offscreen":  # which has no stacking to change
        window.raise_()
        window.activateWindow()
