"""The three trend charts, each a card: a heading, a sentence, and a plot (or words).

Dates are placed on the axis as local calendar days: each day's local midnight is written
as if it were UTC and the axis shows UTC (`utcOffset=0`), so a week always starts on a
Monday under its own label, whatever the daylight-saving rules did in between.

All arrays come from the short lists the statistics return (one entry per week, session
or technique): never a pass over samples.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date, datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from coach.core.store.stats import TechniqueSide, TightnessPoint
from coach.ui.review import plot_style as ps
from coach.ui.review.chart import Chart, ChartWidget
from coach.ui.review.chart_data import ChartData
from coach.ui.review.data_table import DataTable
from coach.ui.review.widgets import heading, soft

DAY = 86400.0
WEEK = 7 * DAY
ROLLING = 7  # sessions in the running average of tightness


def day_seconds(day: date | datetime) -> float:
    """A local day (or moment) as the axis's seconds (local wall time written as UTC)."""
    if isinstance(day, datetime):
        return calendar.timegm(day.replace(tzinfo=None).timetuple()) + day.microsecond / 1e6
    return float(calendar.timegm(day.timetuple()))


class ChartCard(QWidget):
    """A heading, a sentence, optional controls, and a plot that gives way to words when
    there is nothing to draw (so no axes are ever left empty), or to a table of its
    figures (`show_table`). The plot's accessible description says its figures too."""

    def __init__(self, title: str, plot: ChartWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading(title)
        self.setAccessibleName(title)
        self.note = soft()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = soft()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.hide()
        self.plot = plot
        self.plot.setMinimumHeight(150)
        self.plot.setAccessibleName(f"{title} chart")
        self.placeholder = soft()
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = DataTable()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.table)
        self._plotted = False
        self._as_table = False
        self.top = QVBoxLayout()
        self.top.setSpacing(4)
        self.top.addWidget(self.heading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(self.top)
        layout.addWidget(self.note)
        layout.addWidget(self.legend)
        layout.addWidget(self.stack, 1)

    def show_plot(self, shown: bool, words: str = "") -> None:
        self._plotted = shown
        self.placeholder.setText(words)
        self._show_current()

    def set_data(self, data: ChartData) -> None:
        """The figures drawn, for the table and for the plot's description."""
        self.table.show_data(data)
        self.plot.setAccessibleDescription(data.description())

    def show_table(self, as_table: bool) -> None:
        """The figures as a table instead of the plot (while there is a plot)."""
        self._as_table = as_table
        self._show_current()

    def _show_current(self) -> None:
        if not self._plotted:
            shown: QWidget = self.placeholder
        else:
            shown = self.table if self._as_table else self.plot
        self.stack.setCurrentWidget(shown)
        self.legend.setVisible(shown is self.plot and bool(self.legend.text()))

    def set_legend(self, items: Sequence[tuple[QColor, str, str]]) -> None:
        self.legend.setText(
            "&nbsp;&nbsp;&nbsp; ".join(
                f'<span style="color:{c.name()}">{glyph}</span>&nbsp;{text}'
                for c, text, glyph in items
            )
        )
        # The coloured glyphs mean nothing read aloud: the key in words.
        self.legend.setAccessibleName("Colour key: " + ", ".join(text for _, text, _ in items))


def prepare(plot: ChartWidget, palette: QPalette) -> Chart:
    """Clear and restyle a chart; only time pans and zooms."""
    plot.restyle(palette)
    item = plot.chart
    item.clear()
    item.getViewBox().setMouseEnabled(x=True, y=False)
    item.showGrid(x=False, y=True, alpha=0.25)
    return item


def draw_weeks(plot: ChartWidget, weeks: Sequence[tuple[date, float]], palette: QPalette) -> None:
    item = prepare(plot, palette)
    starts = np.array([day_seconds(w) for w, _ in weeks], dtype=float)
    minutes = np.array([m for _, m in weeks], dtype=float)
    bars = pg.BarGraphItem(
        x=starts + 3.5 * DAY,
        width=5.2 * DAY,
        height=minutes,
        brush=ps.with_alpha(ps.accent(palette), 0.75),
        pen=pg.mkPen(None),
    )
    item.addItem(bars)
    # At least 10 minutes high: a short first week should not count in half minutes.
    top = ps.nice_ceiling(max(10.0, float(minutes.max()) * 1.1 if minutes.size else 0.0))
    left = float(starts.min()) - (2 * WEEK if starts.size < 4 else 0.5 * WEEK)
    right = float(starts.max()) + (3 * WEEK if starts.size < 4 else 1.5 * WEEK)
    _limit(item, left, right, 0.0, top)
    shown = min(right - left, 27 * WEEK)  # about half a year in view; drag for older weeks
    item.getViewBox().setRange(xRange=(right - shown, right), yRange=(0, top), padding=0)
    item.getAxis("left").setLabel("minutes")


def draw_tightness(plot: ChartWidget, points: Sequence[TightnessPoint], palette: QPalette) -> None:
    item = prepare(plot, palette)
    x = np.array([day_seconds(p.started_at) for p in points], dtype=float)
    before = np.array([p.before for p in points], dtype=float)
    after = np.array([p.after for p in points], dtype=float)
    b_colour, a_colour = ps.before_colour(palette), ps.after_colour(palette)
    # Each session's change: a faint line from before down (or up) to after.
    pairs_x = np.repeat(x, 2)
    pairs_y = np.column_stack([before, after]).ravel()
    item.addItem(
        pg.PlotDataItem(
            pairs_x,
            pairs_y,
            connect="pairs",
            pen=ps.pen(ps.faint_ink(palette), 1.2),
            antialias=True,
        )
    )
    many = x.size >= ROLLING
    for values, colour in ((before, b_colour), (after, a_colour)):
        item.addItem(
            pg.ScatterPlotItem(
                x,
                values,
                size=6 if many else 9,
                antialias=True,
                brush=ps.with_alpha(colour, 0.55 if many else 1.0),
                pen=pg.mkPen(None),
            )
        )
        if many:
            # A running average over 7 sessions: the trend, not each day's ups and downs.
            kernel = np.ones(ROLLING) / ROLLING
            smooth = np.convolve(values, kernel, mode="valid")
            item.addItem(
                pg.PlotDataItem(x[ROLLING - 1 :], smooth, pen=ps.pen(colour, 2.4), antialias=True)
            )
    span = float(x.max() - x.min()) if x.size else 0.0
    pad = max(3 * DAY, span * 0.04)
    left, right = float(x.min()) - pad, float(x.max()) + pad
    _limit(item, left, right, -0.5, 10.5)
    shown = min(right - left, 120 * DAY)
    item.getViewBox().setRange(xRange=(right - shown, right), yRange=(-0.5, 10.5), padding=0)
    item.getAxis("left").setTicks([[(float(v), str(v)) for v in range(0, 11, 2)], []])


def draw_sides(
    plot: ChartWidget,
    axis: ps.CategoryAxis,
    rows: Sequence[TechniqueSide],
    titles: Mapping[str, str],
    palette: QPalette,
) -> list[str]:
    """Horizontal bars per technique, left and right side by side. Returns the techniques
    drawn, top to bottom."""
    item = prepare(plot, palette)
    item.showGrid(x=True, y=False, alpha=0.25)
    item.getViewBox().setMouseEnabled(x=False, y=False)
    by_technique: dict[str, dict[str, TechniqueSide]] = {}
    for row in rows:
        by_technique.setdefault(row.technique, {})[row.side] = row
    names = sorted(by_technique, key=lambda t: titles.get(t, t).lower())
    names.reverse()  # the first name at the top of the plot
    colours = ps.side_colours(palette)
    font = ps.scaled_font(0.85)
    for side, offset in (("left", 0.19), ("right", -0.19), ("neither", 0.0)):
        ys, widths = [], []
        for i, name in enumerate(names):
            sides = by_technique[name]
            if side == "neither":
                if "left" in sides or "right" in sides:
                    continue
                chosen = sides.get("both") or sides.get("none")
            else:
                chosen = sides.get(side)
            if chosen is None:
                continue
            ys.append(i + offset)
            widths.append(chosen.average)
            value = pg.TextItem(f"{chosen.average:.1f}", ps.soft_ink(palette), anchor=(0, 0.5))
            value.setFont(font)
            value.setPos(chosen.average + 0.12, i + offset)
            item.addItem(value, ignoreBounds=True)
        if ys:
            colour = colours["both" if side == "neither" else side]
            item.addItem(
                pg.BarGraphItem(
                    x0=np.zeros(len(ys)),
                    y=np.array(ys),
                    width=np.array(widths),
                    height=0.34 if side != "neither" else 0.4,
                    brush=colour,
                    pen=pg.mkPen(None),
                )
            )
    axis.set_names([titles.get(n, n) for n in names])
    top = len(names) - 0.4
    # Room for at least four techniques, filled from the top: one technique is a pair of
    # bars, not two slabs filling the card.
    low = min(-0.6, top - 4.2)
    item.getViewBox().setRange(xRange=(0, 10.4), yRange=(low, top), padding=0)
    item.getAxis("bottom").setTicks([[(float(v), str(v)) for v in range(0, 11, 2)], []])
    names.reverse()
    return names


def _limit(item: Chart, left: float, right: float, low: float, high: float) -> None:
    view = item.getViewBox()
    view.setLimits(xMin=left, xMax=right, yMin=low, yMax=high, minXRange=min(right - left, 7 * DAY))
    view.disableAutoRange()
