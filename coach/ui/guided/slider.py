"""The feel slider: how strong the pressure feels now, on the 0-10 scale.

Self-report, not a gauge: the user tells the coach what they feel. The hands are often busy
(on a ball, on a tool), so every way in is a method the main window can also call: keys,
digits, the wheel. The widget only shows and reports; it keeps no time, records nothing and
never prompts. Geometry is float and measured in font heights, so it reads the same at 1x
and 2x and follows the user's font size.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractSlider, QSizePolicy, QWidget

from coach.core.content.intensity import SCALE_MAX, ZONES, zone_of
from coach.ui.theme import blend, is_dark, pressure_colour, zone_colour

DASH = "\N{EN DASH}"  # spelled out: ruff (RUF001) flags a literal en dash as a look-alike
TITLE = "How strong does it feel?"
HINT = f"↑ ↓ or 0{DASH}9 · 9 twice for 10 · wheel anywhere"
NO_READING = "no reading yet"
ACCESSIBLE_NAME = "How strong it feels"
# One notch of a classic mouse wheel in QWheelEvent.angleDelta() units (1/8 degree).
WHEEL_STEP = 120
# The track stops growing past this many font heights; wider windows centre it instead,
# because a 1.5 m-wide scale would only add mouse travel, not precision.
MAX_COLUMN_EM = 40.0

_DIGIT_KEYS = {getattr(Qt.Key, f"Key_{d}"): d for d in range(10)}


def spoken(level: int | None, target: tuple[int, int] | None = None) -> str:
    """The reading in words a screen reader says well: "3 of 10, comfortable. Aim for 2
    to 4." (no middle dots or dashes, which some read out as punctuation)."""
    if level is None:
        words = NO_READING.capitalize()
    else:
        words = f"{level} of {SCALE_MAX}, {zone_of(level).label.lower()}"
    if target is not None:
        low, high = target
        words += f". Aim for {low}" if low == high else f". Aim for {low} to {high}"
    return words


def _clamp(level: int, high: int = SCALE_MAX) -> int:
    return max(0, min(high, int(level)))


def _faded(colour: QColor, alpha: float) -> QColor:
    faded = QColor(colour)
    faded.setAlphaF(alpha)
    return faded


def _scaled(font: QFont, factor: float, weight: QFont.Weight | None = None) -> QFont:
    scaled = QFont(font)
    # A font set in pixels has no point size (-1); scale whichever unit it uses.
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    else:
        scaled.setPixelSize(max(1, round(font.pixelSize() * factor)))
    if weight is not None:
        scaled.setWeight(weight)
    return scaled


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where things go for the current size and font (all in logical pixels)."""

    panel: QRectF  # title and the big reading
    column: QRectF  # caption, track, numbers, hint
    x0: float  # centre of level 0
    step: float  # pixels per level
    caption_top: float
    track_y: float  # centre line of the track
    track_h: float
    band_h: float
    thumb_r: float
    numbers_top: float
    hint_top: float
    em: float

    def x(self, level: float) -> float:
        return self.x0 + self.step * level


class IntensitySlider(QAbstractSlider):
    """A horizontal 0-10 scale for "how strong does it feel?".

    Signals:
        intensity_changed(int): the reading the user just gave (0-10). Emitted only when the
            value changes through user input (keys, digits, wheel, mouse, or the input
            methods `step_up`, `step_down`, `press_digit`, `wheel` that the window forwards
            to); never from `set_value`.

    The value is None until the first reading; the input methods treat "no reading" as 0,
    so from None `step_up` gives 1 and `step_down` gives 0.

    A `QAbstractSlider` only so that screen readers meet a real slider: Qt's own
    accessible interface for it reports the role, the range and the current value (0
    while there is no reading; the description says "No reading yet"), and
    `QAbstractSlider.setValue` sends the value-change event. The reading itself is kept
    here (`value()`, with its None); the base's value follows it, and a value set through
    the base (by assistive technology) counts as the person's input.
    """

    intensity_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: int | None = None
        self._target: tuple[int, int] | None = None
        self._wheel_rest = 0  # touchpad deltas below one notch, carried to the next event
        self._dragging = False
        self._mirroring = False  # the base's value is being set from ours
        self.setOrientation(Qt.Orientation.Horizontal)
        self.setRange(0, SCALE_MAX)
        self.setSingleStep(1)
        self.setPageStep(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(ACCESSIBLE_NAME)
        self._refresh_description()
        self.valueChanged.connect(self._base_value_changed)

    # -- state -------------------------------------------------------------------------

    def value(self) -> int | None:  # type: ignore[override]  # None: no reading yet
        """The current reading, or None before the first one."""
        return self._value

    def target(self) -> tuple[int, int] | None:
        """The current step's target band (low, high), or None."""
        return self._target

    def set_value(self, level: int | None) -> None:
        """Show a reading from elsewhere (a restored session, the runner). No signal."""
        self._store(None if level is None else _clamp(level))

    def set_target(self, band: tuple[int, int] | None) -> None:
        """The band the current step aims at, drawn on the track; None hides it."""
        if band is not None:
            low, high = sorted((_clamp(band[0]), _clamp(band[1])))
            band = (low, high)
        if band != self._target:
            self._target = band
            self._refresh_description()
            self.update()

    # -- user input (the window forwards keys and wheel events to these) ---------------

    def step_up(self) -> None:
        self._move_by(1)

    def step_down(self) -> None:
        self._move_by(-1)

    def press_digit(self, d: int) -> None:
        """A digit key 0-9. Pressing 9 when the reading is already 9 gives 10."""
        digit = _clamp(d, 9)
        self._set_by_user(10 if digit == 9 and self._value == 9 else digit)

    def wheel(self, angle_delta_y: int) -> None:
        """A wheel turn in angleDelta units: 120 is one step, up is stronger.

        Touchpads send many small deltas; they add up until a whole step is reached. Pass
        the delta as the user means it (negated when `QWheelEvent.inverted()`), as
        `wheelEvent` here does.
        """
        if angle_delta_y == 0:
            return
        if self._wheel_rest and (self._wheel_rest > 0) != (angle_delta_y > 0):
            # A change of direction starts afresh: the leftover from the other way is noise.
            self._wheel_rest = 0
        self._wheel_rest += angle_delta_y
        steps = int(self._wheel_rest / WHEEL_STEP)  # toward zero, so the rest keeps its sign
        if steps:
            self._wheel_rest -= steps * WHEEL_STEP
            self._move_by(steps)

    def _move_by(self, steps: int) -> None:
        self._set_by_user(_clamp((self._value or 0) + steps))

    def _set_by_user(self, level: int) -> None:
        if self._store(level):
            self.intensity_changed.emit(level)

    def _store(self, level: int | None) -> bool:
        if level == self._value:
            return False
        self._value = level
        # The description first, so a screen reader hearing of the new value reads the
        # words that go with it; the base then sends the value-change event.
        self._refresh_description()
        self._mirroring = True
        try:
            QAbstractSlider.setValue(self, 0 if level is None else level)
        finally:
            self._mirroring = False
        self.update()
        return True

    def _base_value_changed(self, level: int) -> None:
        # Only a value set on the base from outside (a screen reader's "set value") gets
        # here: the person chose it, so it is reported like any other input.
        if not self._mirroring and level != self._value:
            self._set_by_user(_clamp(level))

    def _refresh_description(self) -> None:
        self.setAccessibleDescription(spoken(self._value, self._target))

    # -- Qt events ---------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        # Ctrl/Alt/Meta chords belong to the window's shortcuts, not to the reading.
        chord = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if event.modifiers() & (chord | Qt.KeyboardModifier.MetaModifier):
            QWidget.keyPressEvent(self, event)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Right):
            self.step_up()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Left):
            self.step_down()
        elif key == Qt.Key.Key_Home:
            self._set_by_user(0)
        elif key == Qt.Key.Key_End:
            self._set_by_user(SCALE_MAX)
        elif key in _DIGIT_KEYS:
            self.press_digit(_DIGIT_KEYS[key])
        else:
            # Not the base's keys (Page Up and the like would move its value, not ours).
            QWidget.keyPressEvent(self, event)
            return
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        # Like QSlider: follow the fingers on a touchpad whatever the "natural" setting.
        self.wheel(-delta if event.inverted() else delta)
        event.accept()  # never let a scroll area behind us scroll instead

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._on_scale(event.position()):
            self._dragging = True
            self._set_by_user(self._level_at(event.position().x()))
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._set_by_user(self._level_at(event.position().x()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging and event.button() == Qt.MouseButton.LeftButton:
            self._dragging = False
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # Every size here is measured in font heights: a new font is a new size hint.
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(520, self.minimumSizeHint().height())

    def minimumSizeHint(self) -> QSize:
        layout = self._layout(520.0)
        small_h = QFontMetricsF(self._small_font()).height()
        height = layout.hint_top + small_h + 0.6 * layout.em
        return QSize(round(layout.panel.width() + 16 * layout.em), round(height))

    # -- geometry ----------------------------------------------------------------------

    def value_point(self, level: int) -> QPointF:
        """Where a level sits on the track's centre line, in widget coordinates."""
        layout = self._layout(float(self.width()))
        return QPointF(layout.x(_clamp(level)), layout.track_y)

    def _level_at(self, x: float) -> int:
        layout = self._layout(float(self.width()))
        return _clamp(round((x - layout.x0) / layout.step))

    def _on_scale(self, pos: QPointF) -> bool:
        """The track and its numbers take clicks; half a step beyond the ends still counts."""
        layout = self._layout(float(self.width()))
        margin = layout.step / 2
        return (
            layout.x(0) - margin <= pos.x() <= layout.x(SCALE_MAX) + margin
            and layout.caption_top <= pos.y() < layout.hint_top
        )

    def _small_font(self) -> QFont:
        return _scaled(self.font(), 0.88)

    def _big_font(self) -> QFont:
        # Large enough to read from the mat, and a size below the pacer's breath cue.
        return _scaled(self.font(), 1.7, QFont.Weight.DemiBold)

    def value_font(self) -> QFont:
        """The font of the reading's number, the largest text the slider draws."""
        return self._big_font()

    def _zone_font(self) -> QFont:
        return _scaled(self.font(), 1.12, QFont.Weight.DemiBold)

    def _panel_width(self) -> float:
        big = QFontMetricsF(self._big_font())
        word = QFontMetricsF(self._zone_font())
        readouts = [
            big.horizontalAdvance(str(SCALE_MAX)) + word.horizontalAdvance(f" · {zone.label}")
            for zone in ZONES
        ]
        readouts.append(big.horizontalAdvance(DASH) + word.horizontalAdvance(f"  {NO_READING}"))
        title = QFontMetricsF(self.font()).horizontalAdvance(TITLE)
        return max([title, *readouts])

    def _layout(self, width: float) -> _Layout:
        em = QFontMetricsF(self.font()).height()
        small_h = QFontMetricsF(self._small_font()).height()
        margin = 0.75 * em
        gap = 1.6 * em
        panel_w = self._panel_width()
        available = max(1.0, width - 2 * margin)
        column_w = max(10 * em, min(available - panel_w - gap, MAX_COLUMN_EM * em))
        # Past the cap the whole group is centred, so wide windows stay balanced.
        left = margin + max(0.0, (available - (panel_w + gap + column_w)) / 2)
        column_left = left + panel_w + gap

        thumb_r = 0.62 * em
        track_h = 0.5 * em
        band_h = 2 * thumb_r + 0.45 * em
        caption_top = 0.55 * em
        track_y = caption_top + small_h + 0.25 * em + band_h / 2
        numbers_top = track_y + band_h / 2 + 0.45 * em
        hint_top = numbers_top + small_h + 0.35 * em
        # The end numbers ("0", "10") and the thumb must fit inside the column.
        pad = max(thumb_r, QFontMetricsF(self._small_font()).horizontalAdvance("10") / 2) + 2
        x0 = column_left + pad
        step = max(1.0, (column_w - 2 * pad) / SCALE_MAX)
        return _Layout(
            panel=QRectF(left, caption_top, panel_w, hint_top + small_h - caption_top),
            column=QRectF(column_left, caption_top, column_w, hint_top + small_h - caption_top),
            x0=x0,
            step=step,
            caption_top=caption_top,
            track_y=track_y,
            track_h=track_h,
            band_h=band_h,
            thumb_r=thumb_r,
            numbers_top=numbers_top,
            hint_top=hint_top,
            em=em,
        )

    # -- painting ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        layout = self._layout(float(self.width()))
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        if not self.isEnabled():
            painter.setOpacity(0.5)  # the zone colours do not come from a colour group
        if self.hasFocus():
            self._paint_focus_ring(painter, palette, layout)
        self._paint_readout(painter, palette, layout)
        self._paint_track(painter, palette, layout)
        self._paint_scale(painter, palette, layout)
        painter.end()

    def _paint_focus_ring(self, painter: QPainter, palette: QPalette, layout: _Layout) -> None:
        painter.setPen(QPen(_faded(palette.color(QPalette.ColorRole.Highlight), 0.7), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        area = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        painter.drawRoundedRect(area, 0.5 * layout.em, 0.5 * layout.em)

    def _paint_readout(self, painter: QPainter, palette: QPalette, layout: _Layout) -> None:
        ink = palette.color(QPalette.ColorRole.WindowText)
        soft = _faded(ink, 0.55)
        panel = layout.panel
        painter.setFont(self.font())
        painter.setPen(ink)
        title_h = QFontMetricsF(self.font()).height()
        painter.drawText(
            QRectF(panel.left(), panel.top(), panel.width(), title_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            TITLE,
        )

        big = self._big_font()
        big_m = QFontMetricsF(big)
        word_font = self._zone_font()
        if self._value is None:
            number, word, number_colour, word_colour = DASH, f"  {NO_READING}", soft, soft
            word_font = _scaled(self.font(), 1.0)
        else:
            zone = zone_of(self._value)
            # Zone colours are mid tones; pulled a little toward the ink they read as text.
            word_colour = blend(zone_colour(palette, zone.key), ink, 0.2)
            number, word, number_colour = str(self._value), f" · {zone.label}", ink
        # The big number sits on the track's centre line, so the eye reads across.
        baseline = layout.track_y + (big_m.ascent() - big_m.descent()) / 2
        painter.setFont(big)
        painter.setPen(number_colour)
        painter.drawText(QPointF(panel.left(), baseline), number)
        painter.setFont(word_font)
        painter.setPen(word_colour)
        painter.drawText(QPointF(panel.left() + big_m.horizontalAdvance(number), baseline), word)

    def _paint_track(self, painter: QPainter, palette: QPalette, layout: _Layout) -> None:
        paper = palette.color(QPalette.ColorRole.Window)
        y = layout.track_y
        half = layout.track_h / 2
        left = layout.x(0) - layout.thumb_r
        right = layout.x(SCALE_MAX) + layout.thumb_r
        pressure = pressure_colour(palette)

        band_rect: QRectF | None = None
        if self._target is not None:
            low, high = self._target
            reach = min(layout.step * 0.45, layout.thumb_r + 0.35 * layout.em)
            band_rect = QRectF(
                layout.x(low) - reach,
                y - layout.band_h / 2,
                layout.x(high) - layout.x(low) + 2 * reach,
                layout.band_h,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_faded(pressure, 0.12))
            painter.drawRoundedRect(band_rect, layout.band_h / 2, layout.band_h / 2)

        # The zones: soft tints of their colours; the part up to the reading a little deeper,
        # so the level reads at a glance even without the thumb.
        track = QPainterPath()
        track.addRoundedRect(QRectF(left, y - half, right - left, 2 * half), half, half)
        painter.save()
        painter.setClipPath(track)
        painter.setPen(Qt.PenStyle.NoPen)
        # A dark paper swallows a light tint: the resting zones need a little more colour there.
        rest = 0.4 if is_dark(palette) else 0.3
        for zone in ZONES:
            colour = zone_colour(palette, zone.key)
            start = left if zone.low == 0 else layout.x(zone.low - 0.5)
            end = right if zone.high == SCALE_MAX else layout.x(zone.high + 0.5)
            painter.setBrush(blend(paper, colour, rest))
            painter.drawRect(QRectF(start, y - half, end - start, 2 * half))
            if self._value is not None and self._value >= zone.low:
                filled_end = min(end, layout.x(self._value))
                painter.setBrush(blend(paper, colour, 0.6))
                painter.drawRect(QRectF(start, y - half, filled_end - start, 2 * half))
        # Thin paper-coloured seams keep the zones apart without hard lines.
        painter.setBrush(paper)
        for boundary in (ZONES[0].high + 0.5, ZONES[1].high + 0.5):
            bx = layout.x(boundary)
            painter.drawRect(QRectF(bx - 0.75, y - half, 1.5, 2 * half))
        painter.restore()

        if band_rect is not None:
            painter.setPen(QPen(pressure, 1.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(band_rect, layout.band_h / 2, layout.band_h / 2)

        if self._value is not None:
            self._paint_thumb(painter, palette, layout)

    def _paint_thumb(self, painter: QPainter, palette: QPalette, layout: _Layout) -> None:
        assert self._value is not None
        centre = QPointF(layout.x(self._value), layout.track_y)
        r = layout.thumb_r
        zone = zone_colour(palette, zone_of(self._value).key)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_faded(palette.color(QPalette.ColorRole.Shadow), 0.18))
        painter.drawEllipse(centre + QPointF(0, 0.08 * layout.em), r + 0.5, r + 0.5)
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(zone, 0.16 * layout.em))
        painter.drawEllipse(centre, r, r)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(zone)
        painter.drawEllipse(centre, r * 0.4, r * 0.4)

    def _paint_scale(self, painter: QPainter, palette: QPalette, layout: _Layout) -> None:
        ink = palette.color(QPalette.ColorRole.WindowText)
        soft, faint = _faded(ink, 0.55), _faded(ink, 0.3)
        small = self._small_font()
        small_m = QFontMetricsF(small)
        bold = QFont(small)
        bold.setWeight(QFont.Weight.Bold)

        tick_top = layout.track_y + layout.band_h / 2 - 0.05 * layout.em
        tick_len = 0.3 * layout.em
        painter.setPen(QPen(faint, 1.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for level in range(SCALE_MAX + 1):
            x = layout.x(level)
            painter.drawLine(QPointF(x, tick_top), QPointF(x, tick_top + tick_len))
        cell = max(layout.step, small_m.horizontalAdvance("10") + 4)
        for level in range(SCALE_MAX + 1):
            current = level == self._value
            painter.setFont(bold if current else small)
            painter.setPen(ink if current else soft)
            painter.drawText(
                QRectF(layout.x(level) - cell / 2, layout.numbers_top, cell, small_m.height()),
                Qt.AlignmentFlag.AlignCenter,
                str(level),
            )

        if self._target is not None:
            low, high = self._target
            caption = f"aim {low}" if low == high else f"aim {low}{DASH}{high}"
            width = small_m.horizontalAdvance(caption) + 4
            centre = (layout.x(low) + layout.x(high)) / 2
            # Kept inside the column, so a band at either end does not push it off the edge.
            x = max(layout.column.left(), min(centre - width / 2, layout.column.right() - width))
            painter.setFont(small)
            painter.setPen(blend(pressure_colour(palette), ink, 0.15))
            painter.drawText(
                QRectF(x, layout.caption_top, width, small_m.height()),
                Qt.AlignmentFlag.AlignCenter,
                caption,
            )

        painter.setFont(small)
        painter.setPen(soft)
        hint_rect = QRectF(
            layout.column.left(), layout.hint_top, layout.column.width(), small_m.height()
        )
        painter.drawText(
            hint_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_m.elidedText(HINT, Qt.TextElideMode.ElideRight, hint_rect.width()),
        )
