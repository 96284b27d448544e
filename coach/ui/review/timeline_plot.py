"""One session drawn over time: intensity, target bands, steps, breath phases, moments.

Two plots share the time axis: the intensity (0-10) with each step's target band, step
boundaries and markers, and under it a thin strip of breath phases. Only the time axis
zooms and pans (wheel, drag); the 0-10 scale stays put, so a reading always sits at the
same height.

Built from a `SessionDetail` with numpy arrays made from its lists in one go: no Python
loop per sample, so a long session opens as fast as a short one. Loops run only over
steps, phase runs and markers (tens to hundreds).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QKeyEvent, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QWidget

from coach.core.content.intensity import EASE_OFF_LEVEL, SCALE_MAX
from coach.ui.review import labels
from coach.ui.review import plot_style as ps
from coach.ui.review import timeline_marks as marks
from coach.ui.review.chart import Chart, PixelText
from coach.ui.theme import pressure_colour, zone_colour

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.store.history import SessionDetail

LABEL_ROWS = 2  # step labels stagger over two rows above the 0-10 scale
STRIP_HEIGHT = 26
MAX_DOTS = 150  # more changes than this and dots would only blur the line


#: Where the step boundaries end: above anything the plot can show (the room for labels
#: above the scale is at most a few dozen points at the smallest height).
VERTICAL_TOP = 100.0
KEY_PAN_SHARE = 0.25  # of the view, per arrow key
KEYS_HINT = "Plus and minus zoom in time, the arrow keys move along it, Home shows it all."
DENSE_LINE = 600  # points; above this the intensity line is drawn without antialiasing


@dataclass
class _StepLabel:
    item: PixelText
    start: float
    end: float
    width_px: float


class TimelinePlot(pg.GraphicsView):
    """The session's timeline. No signals; `set_detail()` draws a session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        # A GraphicsView with a layout of our own, not a GraphicsLayoutWidget: pyqtgraph
        # 0.13's GraphicsLayoutWidget connects to the application's style hints with a
        # unique connection, which PySide6 before 6.11 rejects with a Qt warning.
        self.ci = pg.GraphicsLayout()
        self.setCentralItem(self.ci)
        self.setAntialiasing(True)
        # Tab reaches it (zoom and pan by keys); the wheel only once clicked or tabbed to.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Timeline of the session")
        # The figures in words come with each session (`TimelinePanel.set_detail`).
        self.setAccessibleDescription(KEYS_HINT)
        self.ci.layout.setContentsMargins(4, 8, 12, 4)
        self.ci.layout.setVerticalSpacing(4)
        self.main = Chart(with_bottom=False)
        self.strip = Chart(bottom=ps.ClockAxis("bottom"))
        self.ci.addItem(self.main, row=0, col=0)
        self.ci.addItem(self.strip, row=1, col=0)
        self.ci.layout.setRowFixedHeight(1, STRIP_HEIGHT + 34)  # the strip plus its axis
        for plot in (self.main, self.strip):
            plot.getViewBox().setMouseEnabled(x=True, y=False)
        self.strip.getViewBox().setXLink(self.main.getViewBox())
        self.strip.getViewBox().setRange(yRange=(0, 1), padding=0)
        self.main.getViewBox().sigResized.connect(self._fit)
        self.main.getViewBox().sigXRangeChanged.connect(self._layout_labels)
        self.detail: SessionDetail | None = None
        self.library: Library | None = None
        self.step_labels: list[_StepLabel] = []
        self.marker_labels: list[pg.TextItem] = []
        """Words drawn on the plot for stops and pauses (the reason included)."""
        self.markers: dict[str, pg.ScatterPlotItem] = {}
        self.boundaries: list[pg.InfiniteLine] = []
        """Stops and pauses: a line each, at their moment."""
        self.step_lines: list[pg.PlotCurveItem] = []
        """Where techniques, sides and steps change: one item per kind of line."""
        self.band_items: list[QGraphicsRectItem] = []
        self.pause_items: list[pg.GraphicsObject] = []
        self.line: pg.PlotDataItem | None = None
        self._t = np.zeros(0)
        self._y = np.zeros(0)
        self._whole: tuple[float, float] | None = None
        """The session's whole span in time, for Home."""
        self._style()

    # -- drawing ----------------------------------------------------------------------------
    def set_detail(self, detail: SessionDetail, library: Library | None = None) -> None:
        self.detail, self.library = detail, library
        self._draw()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # GraphicsView's own __init__ changes the palette before the plots exist.
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "strip"):
            self._style()
            if self.detail is not None:
                self._draw()

    def _style(self) -> None:
        palette = self.palette()
        self.setBackground(ps.paper(palette))
        font = ps.scaled_font(0.92)
        width = QFontMetricsF(font).horizontalAdvance("breath") + 16
        for plot in (self.main, self.strip):
            ps.style_axes(plot.all_axes(), palette, density=None)
            # Equal left axes line the two plots up in time.
            plot.getAxis("left").setWidth(round(width))
        self.main.getAxis("left").setTicks([[(float(v), str(v)) for v in range(0, 11, 2)], []])
        self.strip.getAxis("left").setTicks([[(0.5, "breath")], []])
        self.strip.getAxis("left").setStyle(tickLength=0)

    def _draw(self) -> None:
        detail = self.detail
        assert detail is not None
        palette = self.palette()
        for plot in (self.main, self.strip):
            plot.clear()
        self.step_labels, self.marker_labels, self.boundaries = [], [], []
        self.step_lines = []
        self.band_items, self.pause_items = [], []
        self.markers = {}
        self.line = None
        # numpy turns None (no reading yet) into nan, with no Python loop per sample.
        self._t = np.asarray(detail.times, dtype=float)
        self._y = np.asarray(detail.intensities, dtype=float)
        start = min([0.0, *(p[0] for p in detail.phases[:1])])
        end = max(detail.duration, detail.times[-1] if detail.times else 0.0, start + 1.0)

        limit = pg.InfiniteLine(
            pos=EASE_OFF_LEVEL,
            angle=0,
            movable=False,
            pen=ps.pen(ps.faint_ink(palette), 1, Qt.PenStyle.DashLine),
        )
        self.main.addItem(limit, ignoreBounds=True)
        self._draw_pauses()
        self._draw_steps()
        self._draw_intensity()
        self._draw_markers()
        self._draw_phases()
        if np.isnan(self._y).all():
            note = pg.TextItem("No pressure readings in this session", ps.soft_ink(palette))
            note.setAnchor((0.5, 0.5))
            note.setFont(ps.scaled_font(1.0))
            note.setPos((start + end) / 2, 5)
            self.main.addItem(note, ignoreBounds=True)
            self.marker_labels.append(note)

        for plot in (self.main, self.strip):
            view = plot.getViewBox()
            view.setLimits(xMin=start, xMax=end, minXRange=min(10.0, end - start))
            view.disableAutoRange()
        self.main.getViewBox().setXRange(start, end, padding=0)
        self._whole = (start, end)
        self._fit()

    # -- keys -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        view = self.main.getViewBox()
        (x0, x1), _ = view.viewRange()
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            factor = 0.5 if key != Qt.Key.Key_Minus else 2.0
            view.scaleBy(x=factor, y=1.0, center=QPointF((x0 + x1) / 2, 0))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = (x1 - x0) * KEY_PAN_SHARE
            view.translateBy(x=-step if key == Qt.Key.Key_Left else step, y=0)
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_0) and self._whole is not None:
            view.setXRange(*self._whole, padding=0)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _draw_intensity(self) -> None:
        detail = self.detail
        assert detail is not None
        t, y = self._t, self._y
        if np.isnan(y).all():
            return
        palette = self.palette()
        # The slider reports every second; only the changes shape the line. Keeping just
        # those (and the last sample) gives the same picture with far fewer points.
        finite = ~np.isnan(y)
        changed = np.zeros(y.shape, dtype=bool)
        changed[0] = True
        changed[1:] = (y[1:] != y[:-1]) & ~(np.isnan(y[1:]) & np.isnan(y[:-1]))
        keep = changed.copy()
        keep[-1] = True
        kt, ky = t[keep], y[keep]
        # A reading holds until the next one: draw it as steps (x doubled, y shifted).
        xs = np.repeat(kt, 2)[1:]
        ys = np.repeat(ky, 2)[:-1]
        # Antialiasing a path of thousands of steps costs tens of milliseconds a paint;
        # a line that busy (a reading every second) looks the same without it.
        smooth = len(xs) <= DENSE_LINE
        self.line = pg.PlotDataItem(
            xs, ys, pen=ps.pen(ps.line_colour(palette), 2.0), connect="finite", antialias=smooth
        )
        self.main.addItem(self.line)
        # A dot where the reading changed (the moments the person moved the slider), in the
        # feel scale's zone colours; a reading that moves every second would be a smear of
        # dots, so then the line speaks alone.
        moved = changed & finite
        if moved.sum() > MAX_DOTS:
            return
        for key, low, high in (("comfortable", 0, 3), ("working", 4, 6), ("too_much", 7, 10)):
            mask = moved & (y >= low) & (y <= high)
            if mask.any():
                dots = pg.ScatterPlotItem(
                    t[mask],
                    y[mask],
                    size=7,
                    symbol="o",
                    antialias=True,
                    pen=ps.pen(zone_colour(palette, key), 1.5),
                    brush=ps.paper(palette),
                )
                self.main.addItem(dots)

    def _draw_steps(self) -> None:
        detail = self.detail
        assert detail is not None
        palette = self.palette()
        band = ps.with_alpha(pressure_colour(palette), 0.16)
        edge = ps.with_alpha(pressure_colour(palette), 0.35)
        font = ps.scaled_font(0.92)
        metrics = QFontMetricsF(font)
        ink = ps.soft_ink(palette)
        previous: marks.BlockKey | None = None
        block_starts: list[float] = []
        step_starts: list[float] = []
        for at, step in enumerate(detail.steps):
            if step.target is not None and step.end > step.start:
                low, high = step.target
                rect = QGraphicsRectItem(QRectF(step.start, low, step.end - step.start, high - low))
                rect.setBrush(QBrush(band))
                rect.setPen(ps.pen(edge, 0.8))
                self.main.addItem(rect, ignoreBounds=True)
                self.band_items.append(rect)
            block = marks.block_key(step, previous)
            if block == previous:
                step_starts.append(step.start)  # the same technique and side goes on
                continue
            previous = block
            if step.start > 0:
                block_starts.append(step.start)
            text = labels.step_label(step, self.library)
            item = PixelText(text, ink, font)
            self.main.addItem(item, ignoreBounds=True)
            end = marks.block_end(detail, at, block)
            self.step_labels.append(
                _StepLabel(item, step.start, end, metrics.horizontalAdvance(text) + 12)
            )
        # All boundaries of one kind in one item: a new technique or side a quiet line, a
        # new step within one a dotted line.
        quiet = ps.pen(ps.faint_ink(palette), 1)
        dotted = ps.pen(ps.with_alpha(ps.faint_ink(palette), 0.6), 1, Qt.PenStyle.DotLine)
        for starts, pen in ((block_starts, quiet), (step_starts, dotted)):
            if starts:
                self.step_lines.append(self._verticals(starts, pen))

    def _verticals(self, xs: list[float], pen: QPen) -> pg.PlotCurveItem:
        """Lines from the bottom of the plot to past its top at `xs`, as one item."""
        x = np.repeat(np.asarray(xs, dtype=float), 2)
        y = np.tile([marks.Y_BOTTOM, VERTICAL_TOP], len(xs))
        item = pg.PlotCurveItem(x, y, connect="pairs", pen=pen, antialias=True)
        self.main.addItem(item, ignoreBounds=True)
        return item

    def _draw_pauses(self) -> None:
        assert self.detail is not None
        items, words = marks.draw_pauses(self.main, self.strip, self.detail, self.palette())
        self.pause_items += items
        self.marker_labels += words

    def _draw_markers(self) -> None:
        assert self.detail is not None
        found, lines, words = marks.draw_markers(
            self.main, self.detail, self._t, self._y, self.palette()
        )
        self.markers.update(found)
        self.boundaries += lines
        self.marker_labels += words

    def _draw_phases(self) -> None:
        detail = self.detail
        assert detail is not None
        if not detail.phases:
            return
        colours = ps.phase_colours(self.palette())
        starts = np.array([p[0] for p in detail.phases], dtype=float)
        ends = np.array([p[1] for p in detail.phases], dtype=float)
        names = np.array([p[2] for p in detail.phases])
        for name, colour in colours.items():
            mask = names == name
            if mask.any():
                bars = pg.BarGraphItem(
                    x0=starts[mask],
                    width=ends[mask] - starts[mask],
                    y0=0.08,
                    height=0.84,
                    brush=colour,
                    pen=pg.mkPen(None),
                )
                self.strip.addItem(bars)

    # -- keeping labels readable ------------------------------------------------------------
    def _fit(self, *_: object) -> None:
        """Keep room above the 0-10 scale for the step labels, whatever the height."""
        view = self.main.getViewBox()
        height = view.height()
        if height <= 0:
            return
        room = LABEL_ROWS * self._line_height() + 10
        scale = max(20.0, height - room) / (SCALE_MAX - marks.Y_BOTTOM)
        view.setYRange(marks.Y_BOTTOM, SCALE_MAX + room / scale, padding=0)
        self._layout_labels()

    def _line_height(self) -> float:
        return QFontMetricsF(ps.scaled_font(0.92)).height() + 2

    def _layout_labels(self, *_: object) -> None:
        """Put each step label in the first of two rows where it fits; hide the rest
        (zooming in makes room). A block that began off-screen keeps its label at the
        left edge while it lasts."""
        view = self.main.getViewBox()
        if view.width() <= 0 or view.height() <= 0 or not self.step_labels:
            return
        (x0, x1), (_y0, y1) = view.viewRange()
        per_px = (x1 - x0) / view.width()
        per_px_y = (y1 - _y0) / view.height()
        row_ends = [-np.inf] * LABEL_ROWS
        line = self._line_height()
        for label in self.step_labels:
            left = max(label.start, x0)
            if label.end <= x0 or left >= x1:
                label.item.hide()
                continue
            right = left + label.width_px * per_px
            row = next((r for r in range(LABEL_ROWS) if row_ends[r] <= left), None)
            # A label cut by the right edge would read as another word: zooming shows it.
            if row is None or right > x1:
                label.item.hide()
                continue
            row_ends[row] = right
            label.item.setPos(left + 6 * per_px, y1 - (5 + row * line) * per_px_y)
            label.item.show()
