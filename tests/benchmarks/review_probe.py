"""Opening the review screens on a big store, measured from inside a real Qt process.

Run as a script by `review.py`:
    review_probe.py STORE_DIR RUNS
Times, in milliseconds, from the call to the screen painted once (events are processed
until a paint of the window has happened): the history list, one session's timeline, the
trends. The first opening of
each is reported on its own (it includes building the page) and so is the import of the
review code with pyqtgraph and numpy, which happens once, when a review screen is first
opened. Prints one `result {json}` line.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from coach.core.clock import FakeWallClock, parse_iso_utc
from coach.core.store.opening import open_store
from coach.ui.app import make_application


def ms_since(began: float) -> float:
    return (time.perf_counter() - began) * 1000


class PaintSeen(QObject):
    """Counts paints of widgets in one window (an application-wide event filter)."""

    def __init__(self) -> None:
        super().__init__()
        self.window: QWidget | None = None
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and self.window is not None
            and watched.window() is self.window
        ):
            self.paints += 1
        return False


def settle(app: QApplication, seen: PaintSeen) -> None:
    """Process events until the window has painted since the call began."""
    before = seen.paints
    deadline = time.perf_counter() + 5
    while seen.paints == before and time.perf_counter() < deadline:
        app.processEvents()
    app.processEvents()  # whatever the same paint pass still had queued


def main() -> None:
    folder, runs = Path(sys.argv[1]), int(sys.argv[2])
    app = make_application(["coach"], "light")
    store = open_store(folder, FakeWallClock(), recover=False).store
    # "Today" is the day after the last session, as for someone who practised daily.
    (last,) = store.conn.execute("SELECT MAX(started_at) FROM sessions").fetchone()
    wall = FakeWallClock(parse_iso_utc(last) + timedelta(days=1))
    began = time.perf_counter()
    from coach.ui.review.review_window import ReviewWindow  # pyqtgraph and numpy load here

    import_ms = ms_since(began)
    from coach.core.store.history import HistoryFilter, HistoryQuery

    query = HistoryQuery(store)

    seen = PaintSeen()
    app.installEventFilter(seen)
    routines = [r.id for r in query.rows(HistoryFilter(), limit=200) if r.kind == "routine"]
    history: list[float] = []
    session_first: list[float] = []
    session: list[float] = []
    trends: list[float] = []
    for run in range(runs):
        began = time.perf_counter()
        window = ReviewWindow(store, wall=wall)
        seen.window = window
        window.resize(1100, 720)
        window.show()
        window.show_history()
        settle(app, seen)
        history.append(ms_since(began))
        # The first session builds the timeline page; later ones reuse it, as when a
        # person goes through their sessions one after another.
        for n, session_id in enumerate(routines[run * 4 : run * 4 + 4]):
            began = time.perf_counter()
            window.open_session(session_id)
            settle(app, seen)
            (session_first if n == 0 else session).append(ms_since(began))
            window.back()
            settle(app, seen)
        began = time.perf_counter()
        window.show_trends()
        settle(app, seen)
        trends.append(ms_since(began))
        window.close()
        window.deleteLater()
        # Really gone before the next round (processEvents alone leaves deferred deletes
        # queued, and every round would pay for the windows of the rounds before).
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        app.processEvents()
    store.close()
    print(
        "result "
        + json.dumps(
            {
                "import_ms": import_ms,
                "history_ms": history,
                "session_ms": session,
                "session_first_ms": session_first,
                "trends_ms": trends,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
