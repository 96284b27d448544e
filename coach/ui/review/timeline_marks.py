"""The moments on a session's timeline: prompts, pauses and stops (with the reason).

Kept apart from the plot itself so each stays small. Arrays are built once from the
markers (a few to a few hundred), never from a loop over samples.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette

from coach.core.content.intensity import EASE_OFF_LEVEL, SCALE_MAX
from coach.ui.review import plot_style as ps

if TYPE_CHECKING:
    from coach.core.store.history import SessionDetail, StepSpan
    from coach.ui.review.chart import Chart

Y_BOTTOM = -0.6  # a little room under 0 for the pause words
PAUSE_STRIPE_PX = 12.0
STOP_LABEL_Y = 9.0
PROMPT_SYMBOLS = {"ease_off": "t", "stop_offer": "d"}  # a down triangle, a diamond
BlockKey = tuple[str, str | None, str | None]


def stop_words(reason: str) -> str:
    """'Stopped: Sharp pain', or just 'Stopped' when the reason says no more."""
    reason = reason.strip()
    if not reason or reason.lower().startswith("stopped"):
        return "Stopped"
    return f"Stopped: {reason[:1].upper() + reason[1:]}"


def draw_pauses(
    main: Chart, strip: Chart, detail: SessionDetail, palette: QPalette
) -> tuple[list[pg.GraphicsObject], list[pg.TextItem]]:
    """Time on this axis is active time, so a pause is a moment: a soft wide stripe.
    One never resumed (stopped or cut short while paused) shades to the end. The word
    under it says how long it lasted, where that was recorded."""
    shade = ps.with_alpha(ps.ink(palette), 0.08)
    items: list[pg.GraphicsObject] = []
    words: list[pg.TextItem] = []
    for pause in detail.pauses:
        # A pause in the settle-in (before the first breath) shows at the start.
        a = max(0.0, pause.start)
        b = max(a, pause.end)
        for plot in (main, strip):
            if b - a < 1.0:
                item: pg.GraphicsObject = pg.InfiniteLine(
                    pos=a, angle=90, movable=False, pen=ps.pen(shade, PAUSE_STRIPE_PX)
                )
            else:
                item = pg.LinearRegionItem(
                    values=(a, b), movable=False, brush=shade, pen=ps.pen(ps.with_alpha(shade, 0))
                )
            item.setZValue(-20)
            plot.addItem(item, ignoreBounds=True)
            items.append(item)
        long_enough = pause.seconds is not None and pause.seconds >= 1
        said = f"paused {ps.clock_text(pause.seconds or 0)}" if long_enough else "paused"
        # On a soft patch of paper: the line at 0 often runs through here.
        word = pg.TextItem(
            said, ps.soft_ink(palette), anchor=(0.5, 1), fill=ps.with_alpha(ps.paper(palette), 0.85)
        )
        word.setFont(ps.scaled_font(0.85))
        word.setZValue(10)  # over the line and its dots
        word.setPos((a + b) / 2, Y_BOTTOM + 0.05)
        main.addItem(word, ignoreBounds=True)
        words.append(word)
    return items, words


def draw_markers(
    main: Chart, detail: SessionDetail, t: np.ndarray, y: np.ndarray, palette: QPalette
) -> tuple[dict[str, pg.ScatterPlotItem], list[pg.InfiniteLine], list[pg.TextItem]]:
    """Prompts as symbols just above the reading that caused them; stops as dashed lines
    with their reason in words. Returns the prompt symbols by kind, the stop lines and
    the stop words."""
    colours = ps.marker_colours(palette)
    found: dict[str, pg.ScatterPlotItem] = {}
    lines: list[pg.InfiniteLine] = []
    words: list[pg.TextItem] = []
    for kind, symbol in PROMPT_SYMBOLS.items():
        times = np.array([m.t for m in detail.markers if m.kind == kind], dtype=float)
        if not times.size:
            continue
        level = value_at(t, y, times)
        level = np.where(np.isnan(level), EASE_OFF_LEVEL, level) + 0.75
        item = pg.ScatterPlotItem(
            times,
            np.minimum(level, SCALE_MAX + 0.4),
            symbol=symbol,
            size=11,
            pen=ps.pen(ps.paper(palette), 1),
            brush=colours[kind],
            antialias=True,
        )
        main.addItem(item)
        found[kind] = item
    for marker in detail.markers:
        if marker.kind in ("stop", "safety_stop"):
            colour = colours[marker.kind]
            line = pg.InfiniteLine(
                pos=marker.t, angle=90, movable=False, pen=ps.pen(colour, 1.6, Qt.PenStyle.DashLine)
            )
            main.addItem(line, ignoreBounds=True)
            lines.append(line)
            # On a wash of paper: the words stay readable over a band or the line.
            # High on the scale, where readings seldom go (7+ asks to ease off), on the
            # side of the line with more room: after it, unless the stop came near the end.
            late = marker.t > 0.7 * max(detail.duration, 1.0)
            label = pg.TextItem(
                stop_words(marker.detail),
                colour,
                anchor=(1.0 if late else 0.0, 0.5),
                fill=ps.with_alpha(ps.paper(palette), 0.85),
            )
            label.setFont(ps.scaled_font(0.92, QFont.Weight.DemiBold))
            label.setPos(marker.t, STOP_LABEL_Y)
            main.addItem(label, ignoreBounds=True)
            words.append(label)
    return found, lines, words


def block_key(step: StepSpan, previous: BlockKey | None) -> BlockKey:
    """What a labelled block is: kind, technique and side. A step with no side of its own
    (a technique's closing rest) belongs to the side before it."""
    side = step.side if step.side in ("left", "right") else None
    if side is None and previous is not None and previous[:2] == (step.kind, step.technique):
        side = previous[2]
    return (step.kind, step.technique, side)


def block_end(detail: SessionDetail, at: int, key: BlockKey) -> float:
    """Where the block that starts at `detail.steps[at]` ends. A position in the list, not
    the routine's item number: after Back or Repeat an item runs more than once."""
    steps = detail.steps
    end = steps[at].end
    for step in steps[at + 1 :]:
        if block_key(step, key) != key:
            break
        end = step.end
    return end


def value_at(t: np.ndarray, y: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The reading in force at each time in `at` (nan before the first sample)."""
    if not t.size:
        return np.full(at.shape, np.nan)
    index = np.searchsorted(t, at, side="right") - 1
    values = y[np.clip(index, 0, t.size - 1)]
    return np.where(index >= 0, values, np.nan)
