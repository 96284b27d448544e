"""Every review chart can be read without seeing it: its accessible description states its
figures in words, and "Show as table(s)" puts the same figures in a table that Tab reaches.
The demo history and the review window come from this folder's conftest.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.core.store.history import HistoryRow, Marker, SessionDetail, StepSpan
from coach.core.store.stats import TechniqueSide
from coach.core.store.store import Store
from coach.ui.review.chart_data import (
    ChartData,
    sides_data,
    timeline_data,
    weeks_data,
)
from coach.ui.review.data_table import DataTable
from coach.ui.review.labels import NONE
from coach.ui.review.review_window import ReviewWindow, pick_example_session


# -- the words -------------------------------------------------------------------------------
def test_minutes_per_week_in_words() -> None:
    data = weeks_data([(date(2026, 10, 12), 0.0), (date(2026, 10, 19), 24.4)])
    assert data.description() == "Minutes per week: 12 Oct 0 min, 19 Oct 24 min."
    assert data.columns == ("Week of", "Minutes")
    assert data.rows == (("Mon 12 Oct 2026", "0"), ("Mon 19 Oct 2026", "24"))


def test_a_long_chart_says_its_latest_rows_and_points_to_the_table() -> None:
    data = ChartData(
        "Numbers", ("n",), tuple((str(n),) for n in range(30)), tuple(str(n) for n in range(30))
    )
    words = data.description(limit=3)
    assert words == "Numbers, the latest 3 of 30: 27, 28, 29. The table has them all."
    first = replace(data, keep="first").description(limit=2)
    assert first.startswith("Numbers, the first 2 of 30: 0, 1.")
    assert ChartData("Nothing", ("n",)).description() == "Nothing: nothing to show."


def test_sides_in_words_and_a_column_for_no_side_only_when_needed() -> None:
    rows = [
        TechniqueSide("ball-release", "left", 4.1, 10, 2),
        TechniqueSide("ball-release", "right", 3.4, 10, 2),
        TechniqueSide("lunge", "right", 3.0, 5, 1),
    ]
    titles = {"ball-release": "Ball release", "lunge": "Low lunge"}
    data = sides_data(rows, titles)
    assert data.columns == ("Technique", "Left", "Right")
    assert data.rows == (("Ball release", "4.1", "3.4"), ("Low lunge", NONE, "3.0"))
    assert data.description() == (
        "Working intensity by technique and side, 0 to 10: "
        "Ball release left 4.1, right 3.4; Low lunge right 3.0."
    )
    both = sides_data([*rows, TechniqueSide("roller", "both", 5.0, 3, 1)], titles)
    assert both.columns[-1] == "No side"
    assert both.rows[-1] == ("roller", NONE, NONE, "5.0")


def test_a_session_in_words_and_rows() -> None:
    row = HistoryRow(
        id="x",
        started_at=datetime(2026, 9, 11, 14, 36, tzinfo=UTC),
        kind="routine",
        source="desk-break",
        minutes=2.0,
        status="stopped",
        end_reason="Sharp pain",
        breaths=12,
        avg_intensity=3.5,
        peak_intensity=8,
        rating_before=None,
        rating_after=None,
        notes="",
    )
    steps = [
        StepSpan(0.0, 30.0, 0, "breathing", None, None, "Breathing", None),
        StepSpan(
            30.0, 60.0, 1, "step", "ball", "right", "Ball release: step 1 of 2 · right", (2, 4)
        ),
        StepSpan(
            60.0, 90.0, 2, "step", "ball", "right", "Ball release: step 2 of 2 · right", (2, 4)
        ),
        StepSpan(90.0, 120.0, 3, "cooldown", None, None, "Cool-down", None),
    ]
    detail = SessionDetail(
        row=row,
        times=[35.0, 40.0, 65.0, 70.0],
        intensities=[2, 4, None, 8],
        steps=steps,
        markers=[Marker(72.0, "ease_off", "8"), Marker(90.0, "safety_stop", "Sharp pain")],
        duration=120.0,
    )
    data = timeline_data(detail)
    assert data.rows == (
        ("0:00 to 0:30", "Breathing", NONE),
        ("0:30 to 1:00", "Ball release: step 1 of 2, right", "3.0 on average, at most 4"),
        ("1:00 to 1:30", "Ball release: step 2 of 2, right", "8.0 on average, at most 8"),
        ("1:12", "Ease-off prompt", "8"),
        ("1:30", "Stopped for safety: Sharp pain", NONE),  # before the cool-down it began
        ("1:30 to 2:00", "Cool-down", NONE),
    )
    assert data.description() == (
        "Timeline of the session: 2:00 in all. Breathing, then Ball release right, then "
        "Cool-down. Pressure felt 3.5 on average, at most 8. At 1:12 ease-off prompt at 8. "
        "At 1:30 stopped for safety: sharp pain."
    )


# -- on screen --------------------------------------------------------------------------------
def test_trend_charts_describe_their_figures_and_swap_for_tables(
    qtbot: QtBot, window: ReviewWindow
) -> None:
    window.show_trends()
    view = window.trends_view
    for card in view.cards:
        assert card.stack.currentWidget() is card.plot
        assert card.plot.accessibleName().endswith("chart")
        assert card.plot.accessibleDescription().startswith(card.table.data.title)  # type: ignore[union-attr]
    weeks = view.weeks_card
    last_week = weeks.table.data.rows[-1][1]  # type: ignore[union-attr]
    assert f" {last_week} min." in weeks.plot.accessibleDescription()
    assert "Ball release left" in view.sides_card.plot.accessibleDescription()

    assert view.tables_button.text() == "Show as tables"
    qtbot.mouseClick(view.tables_button, Qt.MouseButton.LeftButton)
    assert view.tables_button.text() == "Show as charts"
    for card in view.cards:
        table = card.stack.currentWidget()
        assert isinstance(table, DataTable) and table.isVisible()
        assert table.accessibleName().endswith(", as a table")
        assert table.rowCount() == len(table.data.rows) > 0  # type: ignore[union-attr]
        assert not card.legend.isVisible()
    # A refresh (another span) keeps the tables, with the new figures.
    view.range.setCurrentIndex(0)
    assert view.weeks_card.stack.currentWidget() is view.weeks_card.table
    assert view.weeks_card.table.rowCount() <= 5
    qtbot.mouseClick(view.tables_button, Qt.MouseButton.LeftButton)
    assert all(card.stack.currentWidget() is card.plot for card in view.cards)


def test_tab_reaches_the_tables(qtbot: QtBot, window: ReviewWindow) -> None:
    window.show_trends()
    view = window.trends_view
    view.show_tables(True)
    view.tables_button.setFocus()
    reached = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert {card.table for card in view.cards} <= set(reached)


def test_the_table_copies_as_text(qtbot: QtBot, window: ReviewWindow) -> None:
    window.show_trends()
    table = window.trends_view.weeks_card.table
    window.trends_view.show_tables(True)
    text = table.copy_text()
    lines = text.splitlines()
    assert lines[0] == "Week of\tMinutes" and len(lines) == table.rowCount() + 1
    table.selectRow(0)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text().splitlines()[1].split("\t") == list(
        table.data.rows[0]  # type: ignore[union-attr]
    )


def test_a_session_timeline_in_words_and_as_a_table(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    session_id = pick_example_session(demo_store, window.library)
    assert session_id is not None and window.open_session(session_id)
    panel = window.session_view.timeline
    words = panel.plot.accessibleDescription()
    assert words.startswith("Timeline of the session: ")
    assert "Pressure felt" in words and "stopped" in words.lower()
    assert words.endswith("Home shows it all.")  # the keys still said
    assert panel.switch.text() == "Show as table" and panel.legend.isVisible()
    qtbot.mouseClick(panel.switch, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.table and panel.table.isVisible()
    assert panel.switch.text() == "Show as timeline"
    cells = [panel.table.item(r, 1) for r in range(panel.table.rowCount())]
    whats = [cell.text() for cell in cells if cell is not None]
    assert "Cool-down" in whats and any(w.startswith("Stopped") for w in whats)
    qtbot.mouseClick(panel.switch, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.plot
