"""A light chart for the review screens: a view with a left and a bottom axis, no more.

pyqtgraph's `PlotItem` builds a whole settings form and two option menus for every plot
(about 15 ms each here), none of which the review screens show: their plots have no
menus and no hidden axes. `Chart` is the part they use (a `ViewBox`, linked axes, a
grid), about a fifth of the cost to build, and with two axes instead of four to restyle.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QGraphicsGridLayout,
    QGraphicsItem,
    QGraphicsSimpleTextItem,
    QSizePolicy,
    QWidget,
)

from coach.ui.review import plot_style as ps


class Chart(pg.GraphicsWidget):
    """A `ViewBox` with an axis on its left and (unless `with_bottom` is False) one under
    it, in a grid layout."""

    def __init__(
        self,
        left: pg.AxisItem | None = None,
        bottom: pg.AxisItem | None = None,
        with_bottom: bool = True,
    ) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.vb = pg.ViewBox(parent=self, enableMenu=False)
        self._items: list[QGraphicsItem] = []
        self.axes: dict[str, pg.AxisItem] = {"left": left or pg.AxisItem("left")}
        layout = QGraphicsGridLayout()
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addItem(self.vb, 0, 1)
        layout.addItem(self.axes["left"], 0, 0)
        if with_bottom:
            self.axes["bottom"] = bottom or pg.AxisItem("bottom")
            layout.addItem(self.axes["bottom"], 1, 1)
        layout.setRowStretchFactor(0, 100)
        layout.setColumnStretchFactor(1, 100)
        self.setLayout(layout)
        for axis in self.axes.values():
            axis.linkToView(self.vb)
            # Behind what is drawn in the view, so grid lines pass behind the bars and
            # dots instead of striking through them.
            axis.setZValue(-1)
            axis.setFlag(QGraphicsItem.GraphicsItemFlag.ItemNegativeZStacksBehindParent)

    def getViewBox(self) -> pg.ViewBox:
        return self.vb

    def getAxis(self, name: str) -> pg.AxisItem:
        return self.axes[name]

    def all_axes(self) -> list[pg.AxisItem]:
        return list(self.axes.values())

    def addItem(self, item: QGraphicsItem, ignoreBounds: bool = False) -> None:
        """Draw `item` in data coordinates; `ignoreBounds` leaves it out of auto-range."""
        self.vb.addItem(item, ignoreBounds=ignoreBounds)
        self._items.append(item)

    def clear(self) -> None:
        """Remove everything added, from the scene too (`ViewBox.clear` only unparents
        the items it does not range over and leaves the rest to garbage collection)."""
        for item in self._items:
            self.vb.removeItem(item)
        self._items = []

    def showGrid(self, x: bool, y: bool, alpha: float) -> None:
        """Grid lines across the view from the bottom (x) and left (y) axis ticks."""
        level = round(max(0.0, min(1.0, alpha)) * 255)
        for name, shown in (("bottom", x), ("left", y)):
            if name in self.axes:
                self.axes[name].setGrid(level if shown else False)


class PixelText(QGraphicsSimpleTextItem):
    """Words pinned by their top left corner to a point of the data, upright and of the
    same size at any zoom. Much cheaper than a `pg.TextItem`, which lays its text out as
    a rich-text document and moves it by hand on every change of view."""

    def __init__(self, text: str, colour: QColor, font: QFont) -> None:
        super().__init__(text)
        self.setBrush(colour)
        self.setFont(font)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)


class ChartWidget(pg.GraphicsView):
    """A `Chart` in a view of its own, styled from the palette (`restyle` on a change)."""

    def __init__(
        self,
        left: pg.AxisItem | None = None,
        bottom: pg.AxisItem | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.chart = Chart(left, bottom)
        self.setCentralItem(self.chart)
        self.setAntialiasing(True)
        # A plot in a scrolling or stacked page should not steal the wheel until clicked.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._styled: tuple[object, ...] | None = None
        self.restyle(self.palette())

    def restyle(self, palette: QPalette) -> None:
        """Background, axes and fonts from `palette` and the app's font (nothing to do
        when neither changed)."""
        key = (
            ps.paper(palette).rgba(),
            ps.soft_ink(palette).rgba(),
            ps.faint_ink(palette).rgba(),
            round(ps.pixel_ratio() * 100),
            ps.scaled_font(0.92).key(),
        )
        if key == self._styled:
            return
        self._styled = key
        self.setBackground(ps.paper(palette))
        ps.style_axes(self.chart.all_axes(), palette)
