"""Trends across weeks: practice, tightness before and after, and the two sides.

Answers the questions people come with: how much did I practise, is the tightness
easing, is one side tighter than the other. Every figure comes from `coach.core.store.stats`
(SQL over per-session summaries); the sentences are the core's too, worded as trends,
never as a verdict on one session.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coach.core.clock import SystemWallClock, WallClock
from coach.core.store import stats
from coach.ui.review import labels
from coach.ui.review import plot_style as ps
from coach.ui.review.chart import ChartWidget
from coach.ui.review.chart_data import sides_data, tightness_data, weeks_data
from coach.ui.review.trend_charts import ChartCard, draw_sides, draw_tightness, draw_weeks
from coach.ui.review.widgets import EmptyState, font, soft

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.store.store import Store

# (words, days back; None: everything)
RANGES: tuple[tuple[str, int | None], ...] = (
    ("Last 4 weeks", 28),
    ("Last 3 months", 91),
    ("Last year", 365),
    ("Everything", None),
)
DEFAULT_RANGE = 1


class TrendsView(QWidget):
    """Totals, minutes per week, tightness before and after, intensity per side.

    Signals:
        start_requested(): the empty state's "Start a session" was pressed.
    """

    start_requested = Signal()

    def __init__(
        self,
        store: Store,
        library: Library | None = None,
        wall: WallClock | None = None,
        tz: tzinfo | None = None,
        titles: Mapping[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._library, self._tz = store, library, tz
        self._wall = wall or SystemWallClock()
        self.titles: Mapping[str, str] = titles or {}
        self._points: list[stats.TightnessPoint] = []
        self.totals: stats.Totals | None = None

        self.tiles = [_Tile() for _ in range(4)]
        self.range = QComboBox()
        self.range.setAccessibleName("Time span")
        for words, _ in RANGES:
            self.range.addItem(words)
        self.range.setCurrentIndex(DEFAULT_RANGE)
        self.range.currentIndexChanged.connect(self.refresh)
        self.routine = QComboBox()
        self.routine.setAccessibleName("Routine for the tightness chart")
        self.routine.currentIndexChanged.connect(self._show_tightness)
        # The figures of every chart as tables: for a screen reader, or to read exact values.
        self.tables_button = QPushButton()
        self.tables_button.setAccessibleDescription(
            "Swap the charts for tables of their figures, and back"
        )
        self.tables_shown = False
        self.tables_button.clicked.connect(lambda: self.show_tables(not self.tables_shown))

        self.weeks_card = ChartCard("Minutes per week", ChartWidget(bottom=ps.DayAxis("bottom")))
        self.tightness_card = ChartCard(
            "Tightness before and after",
            ChartWidget(bottom=ps.DayAxis("bottom")),
        )
        self.sides_axis = ps.CategoryAxis("left")
        self.sides_card = ChartCard(
            "Working intensity by technique and side", ChartWidget(left=self.sides_axis)
        )
        tightness_top = QHBoxLayout()
        tightness_top.addWidget(self.tightness_card.heading, 1)
        tightness_top.addWidget(self.routine)
        self.tightness_card.top.insertLayout(0, tightness_top)

        header = QHBoxLayout()
        header.setSpacing(28)
        for tile in self.tiles:
            header.addWidget(tile)
        header.addStretch(1)
        views = QHBoxLayout()  # how the figures are shown, and which span: one group
        views.setSpacing(8)
        views.addWidget(self.tables_button, 0, Qt.AlignmentFlag.AlignBottom)
        views.addWidget(self.range, 0, Qt.AlignmentFlag.AlignBottom)
        header.addLayout(views)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(22)
        grid.addWidget(self.weeks_card, 0, 0)
        grid.addWidget(self.tightness_card, 1, 0)
        grid.addWidget(self.sides_card, 0, 1, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(20)
        column.addLayout(header)
        column.addLayout(grid, 1)

        self.empty = EmptyState(
            "No trends yet",
            "After a few sessions this page shows how much you practised each week, "
            "how tightness changes from before to after, and how your two sides compare.",
            "Start a session",
        )
        self.empty.action_requested.connect(self.start_requested)
        self.pages = QStackedWidget()
        self.pages.addWidget(content)
        self.pages.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._content = content
        self.show_tables(False)

    @property
    def cards(self) -> tuple[ChartCard, ...]:
        return (self.weeks_card, self.tightness_card, self.sides_card)

    def show_tables(self, shown: bool) -> None:
        """Every chart as a table of its figures (True), or as a chart again."""
        self.tables_shown = shown
        self.tables_button.setText("Show as charts" if shown else "Show as tables")
        for card in self.cards:
            card.show_table(shown)

    # -- reading ----------------------------------------------------------------------------
    def today(self) -> date:
        # astimezone(None) is this computer's zone: the same rule the core follows.
        return self._wall.utc_now().astimezone(self._tz).date()

    def since(self) -> date | None:
        days = RANGES[max(0, self.range.currentIndex())][1]
        return None if days is None else self.today() - timedelta(days=days - 1)

    def refresh(self) -> None:
        """Read every figure again (sessions recorded or deleted, the span changed)."""
        today = self.today()
        days = stats.practice_days(self._store, self._tz)
        self.totals = totals = stats.totals(days, today)
        if totals.sessions == 0:
            self.pages.setCurrentWidget(self.empty)
            return
        self.pages.setCurrentWidget(self._content)
        self._show_totals(totals)
        since = self.since()
        palette = self.palette()

        # Monday-based weeks: a span usually touches one more week than its length says.
        weeks_back = None if since is None else (_monday(today) - _monday(since)).days // 7 + 1
        weeks = stats.weekly_minutes(days, weeks=weeks_back, today=today)
        weeks = [(w, m) for w, m in weeks if since is None or w + timedelta(days=6) >= since]
        card = self.weeks_card
        if weeks and any(m > 0 for _, m in weeks):
            draw_weeks(card.plot, weeks, palette)
            card.set_data(weeks_data(weeks))
            card.note.setText(_weeks_sentence(weeks))
            card.show_plot(True)
        else:
            card.note.setText("")
            card.show_plot(False, "No practice in this span. Choose a longer one above.")

        self._points = stats.tightness(self._store, self._tz, since=since)
        self._fill_routines()
        self._show_tightness()

        rows = stats.intensity_by_technique(self._store, since, self._tz)
        card = self.sides_card
        titles = {t: labels.technique_title(self._library, t) for t in {r.technique for r in rows}}
        card.note.setText(stats.sides_note(rows, titles))
        if rows:
            draw_sides(card.plot, self.sides_axis, rows, titles, palette)
            card.set_data(sides_data(rows, titles))
            colours = ps.side_colours(palette)
            present = {r.side for r in rows}
            card.set_legend(
                [(colours[s], s, "■") for s in ("left", "right") if s in present]
                or [(colours["both"], "no side", "■")]
            )
            card.show_plot(True)
        else:
            card.show_plot(
                False,
                "No pressure readings in this span. Techniques ask how the pressure feels "
                "with the slider; those readings are averaged here, per side.",
            )

    def _show_totals(self, totals: stats.Totals) -> None:
        streak = totals.streak_days
        values = (
            (f"{totals.sessions:,}", "session" if totals.sessions == 1 else "sessions"),
            (labels.duration_words(totals.minutes), "practised"),
            (f"{totals.active_days:,}", "day" if totals.active_days == 1 else "days"),
            (
                labels.plural(streak, "day") if streak else labels.NONE,
                f"streak · longest {labels.plural(totals.longest_streak, 'day')}",
            ),
        )
        for tile, (value, caption) in zip(self.tiles, values, strict=True):
            tile.set(value, caption)

    def _fill_routines(self) -> None:
        keep = self.routine.currentData()
        counts: dict[str, int] = {}
        for point in self._points:
            counts[point.source] = counts.get(point.source, 0) + 1
        self.routine.blockSignals(True)
        self.routine.clear()
        self.routine.addItem("All routines", "")
        for source in sorted(counts, key=lambda s: labels.title_of(s, self.titles).lower()):
            self.routine.addItem(labels.title_of(source, self.titles), source)
        self.routine.setCurrentIndex(max(0, self.routine.findData(keep)) if keep else 0)
        self.routine.blockSignals(False)
        self.routine.setVisible(len(counts) > 1)

    def _show_tightness(self) -> None:
        source = self.routine.currentData() or None
        points = [p for p in self._points if source is None or p.source == source]
        card = self.tightness_card
        title = None if source is None else labels.title_of(source, self.titles)
        card.note.setText(stats.change_note(self._points, source, title))
        if not points:
            card.show_plot(
                False,
                "No tightness ratings in this span. Routines ask how tight things feel "
                "before and after (0-10); the ratings show here.",
            )
            return
        palette = self.palette()
        draw_tightness(card.plot, points, palette)
        card.set_data(tightness_data(points, self.titles))
        card.set_legend(
            [(ps.before_colour(palette), "before", "●"), (ps.after_colour(palette), "after", "●")]
        )
        card.show_plot(True)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.totals is not None:
            self.refresh()


class _Tile(QWidget):
    """One figure in the header: a large number over a small caption."""

    def __init__(self) -> None:
        super().__init__()
        self.value = QLabel()
        self.value.setFont(font(1.6, QFont.Weight.Light))
        self.caption = soft()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str, caption: str) -> None:
        self.value.setText(value)
        self.caption.setText(caption)
        self.setAccessibleName(labels.spoken(f"{value} {caption}"))


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weeks_sentence(weeks: list[tuple[date, float]]) -> str:
    """'This week so far: 45 min. Over the 4 weeks before: about 1 h 2 min a week.'"""
    this_week = weeks[-1][1]
    text = f"This week so far: {labels.duration_words(this_week)}."
    before = [m for _, m in weeks[-5:-1]]
    if not any(before):
        return text  # nothing earlier to compare with: no average of zeros
    span = "week" if len(before) == 1 else f"{len(before)} weeks"
    average = sum(before) / len(before)
    return f"{text} Over the {span} before: about {labels.duration_words(average)} a week."
