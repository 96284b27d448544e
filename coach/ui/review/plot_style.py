"""How the review screens' plots look: colours from the palette, fonts from the desktop.

pyqtgraph keeps global defaults (`setConfigOption`) that every plot in the process would
share; the review screens never touch them. Each plot is styled from its own widget's
palette instead, so light and dark (and a theme switch while a window is open) just work,
and the rest of the app is unaffected.

Importing this module imports pyqtgraph (and numpy): only the review window does.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import YEAR_MONTH_ZOOM_LEVEL, TickSpec, ZoomLevel
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette, QPen
from PySide6.QtWidgets import QApplication

from coach.ui.theme import blend, is_dark, pressure_colour, zone_colour

# Tick spacings for a clock axis (seconds): each reads as a round time on a watch.
CLOCK_STEPS: tuple[float, ...] = (
    1,
    2,
    5,
    10,
    15,
    30,
    60,
    120,
    300,
    600,
    900,
    1800,
    3600,
    7200,
)
MIN_TICK_GAP_PX = 70.0
DAY = 86400.0  # room for "12:30" and a breath of space either side


def with_alpha(colour: QColor, alpha: float) -> QColor:
    faded = QColor(colour)
    faded.setAlphaF(alpha)
    return faded


def ink(palette: QPalette) -> QColor:
    return QColor(palette.color(QPalette.ColorRole.Text))


def paper(palette: QPalette) -> QColor:
    """The plot background: the same paper as the app's lists and cards."""
    return QColor(palette.color(QPalette.ColorRole.Base))


def accent(palette: QPalette) -> QColor:
    return QColor(palette.color(QPalette.ColorRole.Highlight))


def line_colour(palette: QPalette) -> QColor:
    """The intensity line: text with a little of the accent, the strongest mark on a plot."""
    return blend(ink(palette), accent(palette), 0.35)


def soft_ink(palette: QPalette) -> QColor:
    """Axis words and secondary labels: quieter than text, still readable (>4.5:1)."""
    return blend(ink(palette), paper(palette), 0.32)


def faint_ink(palette: QPalette) -> QColor:
    """Axis lines, grid and step boundaries: present, never loud."""
    return blend(ink(palette), paper(palette), 0.78)


def before_colour(palette: QPalette) -> QColor:
    """Tightness before a session: the warm pressure tone, softened toward the text."""
    return blend(pressure_colour(palette), ink(palette), 0.15)


def after_colour(palette: QPalette) -> QColor:
    """Tightness after: the calm accent."""
    return accent(palette)


def side_colours(palette: QPalette) -> dict[str, QColor]:
    """Left and right told apart by hue and by lightness (for colour-blind eyes)."""
    base = accent(palette)
    return {
        "left": base,
        "right": blend(pressure_colour(palette), ink(palette), 0.1),
        "both": blend(base, paper(palette), 0.45),
        "none": blend(ink(palette), paper(palette), 0.55),
    }


def phase_colours(palette: QPalette) -> dict[str, QColor]:
    """The breath strip: in-breath strong, out-breath light, holds neutral."""
    dark = is_dark(palette)
    base, page = accent(palette), paper(palette)
    hold = blend(ink(palette), page, 0.8 if dark else 0.83)
    return {
        "inhale": blend(base, page, 0.25 if dark else 0.15),
        "exhale": blend(base, page, 0.65 if dark else 0.62),
        "hold_in": hold,
        "hold_out": hold,
    }


def marker_colours(palette: QPalette) -> dict[str, QColor]:
    too_much = zone_colour(palette, "too_much")
    return {
        "ease_off": blend(zone_colour(palette, "working"), ink(palette), 0.2),
        "stop_offer": too_much,
        "safety_stop": too_much,
        "stop": ink(palette),
        "pause": soft_ink(palette),
        "resume": soft_ink(palette),
        "pace": soft_ink(palette),
    }


def scaled_font(factor: float = 1.0, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """The desktop's font scaled, so larger system text makes the plots larger too."""
    font = QFont(QApplication.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(max(9, round(font.pixelSize() * factor)))
    font.setWeight(weight)
    return font


def pixel_ratio() -> float:
    """Device pixels per logical pixel (2 on a 2x screen or with QT_SCALE_FACTOR=2)."""
    app = QGuiApplication.instance()
    return app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0


def pen(colour: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A cosmetic (zoom-proof) pen with round caps, `width` in logical pixels.

    Cosmetic widths are device pixels, so on a 2x screen a line would come out half as
    thick as everything around it: the width is scaled by the pixel ratio.
    """
    width *= pixel_ratio()
    result = QPen(colour, width, style, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    result.setCosmetic(True)
    return result


def style_axes(axes: Sequence[pg.AxisItem], palette: QPalette, density: float | None = 0.6) -> None:
    """Lines, tick labels and fonts of `axes` from the palette. `density` below 1 asks
    for fewer, rounder ticks (a tall chart need not count by tens)."""
    font = scaled_font(0.92)
    line, text = pen(faint_ink(palette)), pen(soft_ink(palette))
    for axis in axes:
        axis.setPen(line)
        axis.setTextPen(text)
        axis.setTickPen(line)
        axis.setStyle(tickFont=font, tickTextOffset=6, tickLength=-4)
        if density is not None:
            axis.setTickDensity(density)
        axis.label.setFont(font)


def clock_text(seconds: float) -> str:
    """Seconds from the start as m:ss (minutes run on past 59: a session is not a day)."""
    total = max(0, round(seconds))
    return f"{total // 60}:{total % 60:02d}"


class ClockAxis(pg.AxisItem):
    """A time axis that reads as a stopwatch, with ticks on round minutes and seconds."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, float]]:
        span = abs(maxVal - minVal)
        if span <= 0 or size <= 0:
            return []
        wanted = span * MIN_TICK_GAP_PX / size
        major = next((s for s in CLOCK_STEPS if s >= wanted), CLOCK_STEPS[-1])
        index = CLOCK_STEPS.index(major)
        minor = CLOCK_STEPS[index - 1] if index > 0 else major / 2
        return [(major, 0.0), (minor, 0.0)]

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        return [clock_text(v) for v in values]


def _day_stepper(val: float, n: int, first: bool) -> float:
    """The next day tick after `val`, every `n` days; weekly and longer steps land on
    Mondays (1970-01-05 was one), so ticks line up with the weeks of the bars."""
    step = n * DAY
    anchor = 4 * DAY if n % 7 == 0 else 0.0
    return ((val - anchor) // step + 1) * step + anchor


class _UtcZoomLevel(ZoomLevel):
    """Ticks for an axis shown in UTC, which need no moving into local time: pyqtgraph
    would ask Qt for the computer's zone at every tick only to add an offset of 0."""

    def moveTicksToLocalTimeCoords(
        self, ticks: np.ndarray, spacing: int, skipFactor: int
    ) -> np.ndarray:
        return ticks


class DayAxis(pg.DateAxisItem):
    """A DateAxisItem for local calendar days, labelled the way people write dates
    ("9 Oct", "Nov", "2026") with no hours: trends are about days and weeks.

    Values are local wall time written as UTC seconds (`trend_charts.day_seconds`), so
    the axis shows UTC (utcOffset=0) and daylight saving never shifts a label.
    """

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation, utcOffset=0)
        days = _UtcZoomLevel(
            [TickSpec(DAY, _day_stepper, "%d %b", autoSkip=[1, 2, 7, 14])], "30 Sep"
        )
        months = _UtcZoomLevel(YEAR_MONTH_ZOOM_LEVEL.tickSpecs, YEAR_MONTH_ZOOM_LEVEL.exampleText)
        self.zoomLevels = OrderedDict([(np.inf, months), (21 * DAY, days)])

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        moments = [datetime.fromtimestamp(v, UTC) for v in values]
        if spacing >= 360 * DAY:
            return [f"{m:%Y}" for m in moments]
        if spacing >= 28 * DAY:
            # A January tick says which year the months belong to.
            return [f"{m:%b %Y}" if m.month == 1 else f"{m:%b}" for m in moments]
        return [f"{m.day} {m:%b}" for m in moments]


class CategoryAxis(pg.AxisItem):
    """Named rows (techniques) on an axis; values are row numbers."""

    def __init__(self, orientation: str = "left") -> None:
        super().__init__(orientation)
        self.names: list[str] = []

    def set_names(self, names: Sequence[str]) -> None:
        self.names = list(names)
        self.setTicks([[(float(i), name) for i, name in enumerate(self.names)], []])


def nice_ceiling(value: float) -> float:
    """A round upper bound for an axis (12.5 -> 15, 47 -> 50, 130 -> 150)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * power:
            return float(step * power)
    return 10.0 * power
