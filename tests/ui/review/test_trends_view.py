"""Trends with no sessions, one session, and a couple of months of them; light and dark."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

from pytestqt.qtbot import QtBot

from coach.core.clock import FakeWallClock
from coach.core.content.library import Library
from coach.core.demo import fill_demo
from coach.core.store.store import Store
from coach.ui.review.review_window import ReviewWindow
from coach.ui.review.trend_charts import DAY, day_seconds
from coach.ui.theme import make_palette

# The shared fixtures, by assignment (an import would read as unused to linters).


def test_trends_with_many_sessions(qtbot: QtBot, window: ReviewWindow) -> None:
    window.show_trends()
    view = window.trends_view
    assert view.pages.currentWidget() is not view.empty
    totals = view.totals
    assert totals is not None and totals.sessions > 20
    assert view.tiles[0].value.text() == f"{totals.sessions:,}"
    for card in (view.weeks_card, view.tightness_card, view.sides_card):
        assert card.stack.currentWidget() is card.plot
        assert card.note.text()
    assert "tightness averaged" in view.tightness_card.note.text()
    assert "left" in view.sides_card.note.text()
    assert "Ball release" in view.sides_axis.names

    # The span narrows what is counted; a routine can be looked at on its own.
    wide = view.tightness_card.note.text()
    view.range.setCurrentIndex(0)
    assert view.tightness_card.note.text() != wide
    view.range.setCurrentIndex(3)
    assert view.routine.isVisible()
    view.routine.setCurrentIndex(view.routine.findData("desk-break"))
    assert "sessions of Desk break," in view.tightness_card.note.text()  # its title


def test_trends_with_one_session_still_read(
    show: Callable[..., None],
    qtbot: QtBot,
    empty_store: Store,
    library: Library,
    wall: FakeWallClock,
) -> None:
    assert fill_demo(empty_store, wall, days=1, seed=3, tz=UTC) >= 1
    keep = empty_store.session_ids()[0]
    others = [i for i in empty_store.session_ids() if i != keep]
    empty_store.delete_sessions(others)
    win = ReviewWindow(empty_store, library, wall, tz=UTC)
    show(win)
    win.show_trends()
    view = win.trends_view
    assert view.tiles[0].value.text() == "1" and view.tiles[0].caption.text() == "session"
    weeks = view.weeks_card
    assert weeks.stack.currentWidget() is weeks.plot
    # One bar, with room either side: not an axis squeezed to a point.
    (left, right), _ = weeks.plot.chart.getViewBox().viewRange()
    assert right - left >= 4 * 7 * DAY
    assert "This week" in weeks.note.text()
    tight = view.tightness_card
    assert "trend needs a few more" in tight.note.text() or "Rate how tight" in tight.note.text()


def test_trends_follow_the_theme(qtbot: QtBot, window: ReviewWindow) -> None:
    window.show_trends()
    view = window.trends_view
    light = view.weeks_card.plot.backgroundBrush().color().name()
    window.setPalette(make_palette("dark"))
    dark = view.weeks_card.plot.backgroundBrush().color().name()
    assert light != dark
    assert view.weeks_card.stack.currentWidget() is view.weeks_card.plot


def test_day_axis_places_local_days() -> None:
    from datetime import date, datetime, timedelta, timezone

    from coach.ui.review.plot_style import DayAxis

    assert day_seconds(date(1970, 1, 2)) == DAY
    moment = datetime(2026, 3, 29, 7, 30, tzinfo=timezone(timedelta(hours=2)))
    assert day_seconds(moment) - day_seconds(date(2026, 3, 29)) == 7.5 * 3600
    axis = DayAxis()
    assert axis.tickStrings([day_seconds(date(2026, 10, 9))], 1, DAY) == ["9 Oct"]
    assert axis.tickStrings([day_seconds(date(2027, 1, 1))], 1, 30 * DAY) == ["Jan 2027"]


def test_drawing_again_leaves_nothing_behind(qtbot: QtBot, window: ReviewWindow) -> None:
    """A refresh replaces what each chart drew; nothing old stays in the scene."""
    window.show_trends()
    view = window.trends_view
    cards = (view.weeks_card, view.tightness_card, view.sides_card)
    counts = [len(card.plot.scene().items()) for card in cards]
    view.refresh()
    view.refresh()
    assert [len(card.plot.scene().items()) for card in cards] == counts
