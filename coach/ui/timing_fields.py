"""Parts of the timing panel: number fields that step, inline messages, the caution box,
and the presets section (the list and what can be done with presets).

Every colour is worked out from the palette when painted (or when the palette changes), so
the parts follow a theme switch while they are on screen.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import ClassVar, TypeVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coach.core.breath import BreathPattern, preset_by_id
from coach.core.presets import NamedPattern, PresetBook, PresetError
from coach.core.timing import parse_number
from coach.ui.routine_picker import heading_colour, note_colour, soft_colour
from coach.ui.theme import blend, zone_colour

W = TypeVar("W", bound=QWidget)

#: The ratio field's sane range (in:out = 1:x); the phases' own bounds are checked after.
RATIO_RANGE = (0.1, 10.0)

# Keys a focused field or list uses itself: the window's shortcuts on the same keys (Up and
# Down rate the pressure in a guided session) must not take them.
STEP_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)
WHEEL_NOTCH = 120  # angleDelta units per notch of an ordinary mouse wheel


def format_number(value: float, decimals: int = 1) -> str:
    """6.0 -> '6', 4.615 -> '4.6' (decimals=1), 1.6667 -> '1.67' (decimals=2)."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_ratio(ratio: float) -> str:
    """The inhale:exhale ratio as 1:x, the way the field and the preview show it."""
    return f"1:{format_number(ratio, 2)}"


def parse_ratio(text: str) -> float | None:
    """The x of in:out = 1:x from '1:1.5', '2:3', '2/3' (same as 2:3) or a bare '1.5'.

    None when it is not a ratio of two positive numbers. A bare number is the exhale per
    unit of inhale, as the field shows it after '1:'.
    """
    parts = re.split(r"[:/]", text)
    if len(parts) == 1:
        return parse_number(text)
    if len(parts) != 2:
        return None
    inhale, exhale = parse_number(parts[0]), parse_number(parts[1])
    if inhale is None or exhale is None or inhale <= 0:
        return None
    value = exhale / inhale
    return value if math.isfinite(value) else None


def claims_key(event: QKeyEvent, keys: tuple[Qt.Key, ...]) -> bool:
    """`event` is one of `keys` with no modifier but the keypad's."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return mods == Qt.KeyboardModifier.NoModifier and event.key() in keys


def scale_font(font: QFont, factor: float) -> QFont:
    # Relative to the desktop's font, so a person's larger system text makes all of it larger.
    out = QFont(font)
    if out.pointSizeF() > 0:
        out.setPointSizeF(out.pointSizeF() * factor)
    else:
        out.setPixelSize(max(9, round(out.pixelSize() * factor)))
    return out


class StepField(QLineEdit):
    """A number typed freely, stepped with Up/Down (fine) and PageUp/PageDown (coarse), and
    with the wheel while focused; steps stay inside [low, high].

    `set_value()` remembers the exact value behind the shown text (4.615 shows as "4.6"), so
    a value the program wrote reads back unrounded until the person edits the field.

    Signals:
        stepped(): the text changed by a key or wheel step; treat it like typing.
    """

    stepped = Signal()

    def __init__(
        self,
        accessible: str,
        *,
        step: float,
        page: float,
        low: float,
        high: float,
        fmt: Callable[[float], str] = format_number,
        parse: Callable[[str], float | None] = parse_number,
        width_chars: int = 6,
    ) -> None:
        super().__init__()
        self.setAccessibleName(accessible)
        self.step, self.page, self.low, self.high = step, page, low, high
        self._fmt, self._parse = fmt, parse
        self._shown: tuple[str, float] | None = None
        self._last_good: float | None = None
        self._wheel = 0
        self._problem = False
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        width = self.fontMetrics().horizontalAdvance("8" * width_chars) + 22
        self.setFixedWidth(width)
        self.textChanged.connect(self._remember)
        self.textEdited.connect(self._forget_exact)

    def set_value(self, value: float) -> None:
        text = self._fmt(value)
        self._shown = (text, value)
        self.setText(text)

    def value(self) -> float | None:
        text = self.text()
        if self._shown is not None and text == self._shown[0]:
            return self._shown[1]
        return self._parse(text)

    def set_problem(self, message: str | None) -> None:
        """Mark the field (a caution edge) and let screen readers hear why."""
        self._problem = message is not None
        self.setAccessibleDescription(message or "")
        self.update()

    @property
    def has_problem(self) -> bool:
        return self._problem

    def step_by(self, delta: float) -> None:
        current = self.value()
        if current is None or not math.isfinite(current):
            current = self._last_good
        if current is None:
            return
        ticks = round((current + delta) / self.step)
        target = min(self.high, max(self.low, ticks * self.step))
        if self._fmt(target) != self.text():
            self.set_value(target)
            self.stepped.emit()

    def _forget_exact(self, text: str) -> None:
        self._shown = None  # typed by the person: what they typed is what they meant

    def _remember(self, text: str) -> None:
        value = self.value()
        if value is not None and self.low <= value <= self.high:
            self._last_good = value

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and claims_key(event, STEP_KEYS)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        deltas = {
            Qt.Key.Key_Up: self.step,
            Qt.Key.Key_Down: -self.step,
            Qt.Key.Key_PageUp: self.page,
            Qt.Key.Key_PageDown: -self.page,
        }
        if claims_key(event, STEP_KEYS) and not self.isReadOnly():
            self.step_by(deltas[Qt.Key(event.key())])
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus() or not self.isEnabled():
            event.ignore()  # an unfocused field lets the panel scroll under the pointer
            return
        # Touchpads send small deltas: add them up and step once per whole notch.
        self._wheel += event.angleDelta().y()
        notches = int(self._wheel / WHEEL_NOTCH)
        if notches:
            self._wheel -= notches * WHEEL_NOTCH
            self.step_by(notches * self.step)
        event.accept()

    def focusOutEvent(self, event: object) -> None:
        self._wheel = 0
        super().focusOutEvent(event)  # type: ignore[arg-type]

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._problem:
            return
        # A caution edge over the style's frame: a tint alone would not do for every eye,
        # and the message under the field says the rest.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(zone_colour(self.palette(), "working"), 2.0))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3.0, 3.0)
        painter.end()


class QuietSpinBox(QSpinBox):
    """A spin box that leaves the wheel to the scroll area unless it has focus."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class QuietCombo(QComboBox):
    """A combo box that leaves the wheel to the scroll area unless it has focus."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class Message(QLabel):
    """An inline message under a field; it takes no room while empty."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setAccessibleName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)  # a typed name or value is never markup
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def say(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))


class Toner:
    """Labels coloured from the palette: section titles, soft hints and caution messages.

    `recolour()` runs again on every palette change of the host, so they follow the theme.
    Each label gets a palette with only WindowText set: every other role still inherits.
    """

    TITLE, SOFT, CAUTION = "title", "soft", "caution"
    _COLOURS: ClassVar[dict[str, Callable[[QPalette], QColor]]] = {
        TITLE: heading_colour,
        SOFT: soft_colour,
        CAUTION: note_colour,
    }

    def __init__(self, host: QWidget) -> None:
        self._host = host
        self._items: list[tuple[QWidget, str]] = []

    def add(self, widget: W, tone: str) -> W:
        self._items.append((widget, tone))
        self._paint(widget, tone)
        return widget

    def soft(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return self.add(label, self.SOFT)

    def message(self, name: str) -> Message:
        return self.add(Message(name), self.CAUTION)

    def recolour(self) -> None:
        for widget, tone in self._items:
            self._paint(widget, tone)

    def _paint(self, widget: QWidget, tone: str) -> None:
        palette = QPalette()
        colour = self._COLOURS[tone](self._host.palette())
        # Active and inactive only: a disabled label (settle-in during a session) takes the
        # theme's disabled text like everything around it.
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.WindowText, colour)
        widget.setPalette(palette)


class CautionBox(QFrame):
    """A soft amber card for the breathing caution: something to read, not a wall."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Caution")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 14, 10)
        layout.addWidget(self.label)
        self.hide()

    def say(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        window = pal.color(QPalette.ColorRole.Window)
        care = zone_colour(pal, "working")
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(blend(window, care, 0.45), 1.0))
        painter.setBrush(blend(window, care, 0.10))
        painter.drawRoundedRect(card, 8.0, 8.0)
        # A short amber stripe on the left: the box reads as a caution without colour too.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(care)
        painter.drawRoundedRect(
            QRectF(card.left() + 5, card.top() + 9, 3, card.height() - 18), 1.5, 1.5
        )
        painter.end()


# -- the preset list ------------------------------------------------------------------------
PRESET_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""str: the preset id, or CUSTOM_ID for the row of the person's unsaved pattern."""
META_ROLE = Qt.ItemDataRole.UserRole + 2
"""str: the quiet right-hand text ('4-0-6-0 · built in')."""
CUSTOM_ID = ""

ROW_PAD_X = 12.0
ROW_PAD_Y = 7.0
ROW_INSET = 2.0
ROW_RADIUS = 7.0


class PresetList(QListWidget):
    """One line per preset: the name, and quietly its pattern (and "built in")."""

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Presets")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)
        self.setItemDelegate(PresetDelegate(self))
        self.visible_rows = 6

    def row_height(self) -> int:
        return round(QFontMetricsF(self.font()).height() + 2 * (ROW_PAD_Y + ROW_INSET))

    def sizeHint(self) -> QSize:
        rows = max(3, min(self.visible_rows, self.count()))
        return QSize(320, rows * self.row_height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 3 * self.row_height() + 2 * self.frameWidth())

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and claims_key(event, (*STEP_KEYS, Qt.Key.Key_Home, Qt.Key.Key_End))
        ):
            event.accept()  # the list's own keys, not the window's Up/Down shortcuts
            return True
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        # At either end of the list, let the panel scroll on instead of swallowing the wheel.
        bar = self.verticalScrollBar()
        up = event.angleDelta().y() > 0
        if (up and bar.value() == bar.minimum()) or (not up and bar.value() == bar.maximum()):
            event.ignore()
            return
        super().wheelEvent(event)


class PresetDelegate(QStyledItemDelegate):
    """Paints a row: the name on the left, the pattern and "built in" quietly on the right."""

    def __init__(self, view: PresetList) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(option.rect.width(), self._view.row_height())

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        state = option.state
        enabled = bool(state & QStyle.StateFlag.State_Enabled) and self._view.isEnabled()
        group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
        base = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Highlight)
        text = palette.color(group, QPalette.ColorRole.Text)
        card = QRectF(option.rect).adjusted(ROW_INSET, ROW_INSET, -ROW_INSET, -ROW_INSET)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver) and enabled
        if selected or hovered:
            # A softened highlight, as in the start screen's list: chosen, not shouting.
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(blend(base, accent, 0.18 if selected else 0.07))
            painter.drawRoundedRect(card, ROW_RADIUS, ROW_RADIUS)
        if selected and state & QStyle.StateFlag.State_HasFocus and enabled:
            painter.setPen(blend(base, accent, 0.7))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), ROW_RADIUS, ROW_RADIUS)

        custom = index.data(PRESET_ID_ROLE) == CUSTOM_ID
        name_font = QFont(option.font)
        name_font.setItalic(custom)  # the unsaved pattern reads as different from a preset
        meta_font = option.font
        metrics = QFontMetricsF(option.font)
        inner = card.adjusted(ROW_PAD_X, 0, -ROW_PAD_X, 0)
        baseline = card.center().y() + (metrics.ascent() - metrics.descent()) / 2
        meta = str(index.data(META_ROLE) or "")
        meta_width = min(metrics.horizontalAdvance(meta), inner.width() * 0.55)
        meta = metrics.elidedText(meta, Qt.TextElideMode.ElideLeft, meta_width + 1)
        name_width = inner.width() - meta_width - 12
        name = QFontMetricsF(name_font).elidedText(
            str(index.data() or ""), Qt.TextElideMode.ElideRight, name_width
        )
        painter.setFont(name_font)
        painter.setPen(soft_colour(palette, group) if custom else text)
        painter.drawText(QPointF(inner.left(), baseline), name)
        painter.setFont(meta_font)
        painter.setPen(soft_colour(palette, group))
        painter.drawText(QPointF(inner.right() - metrics.horizontalAdvance(meta), baseline), meta)
        painter.restore()


def section(title: str, box: QWidget | None = None) -> tuple[QWidget, QVBoxLayout, QLabel]:
    """A titled block of the panel: its widget, the layout to fill and the title label."""
    box = box or QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    label = QLabel(title)
    label.setObjectName("timingSection")
    font = scale_font(label.font(), 0.86)
    font.setWeight(QFont.Weight.DemiBold)
    font.setCapitalization(QFont.Capitalization.AllUppercase)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    label.setFont(font)
    layout.addWidget(label)
    return box, layout, label


BUILTIN_TIP = "Built-in presets are duplicated, not edited: Duplicate makes one of your own"


class PresetSection(QWidget):
    """The preset list and what can be done with presets, without asking anything modal.

    The panel tells it the pattern the fields hold (`show_pattern`) after every change; it
    selects the preset with that pattern (the one the fields came from), or "Custom".

    Signals:
        pattern_chosen(BreathPattern): the person picked a row; the fields should show it.
        deleted(NamedPattern): an own preset was deleted (the window offers Undo).
        export_requested(list[NamedPattern]): presets to write to a file.
        import_requested(): presets to read from a file.
    """

    pattern_chosen = Signal(object)
    deleted = Signal(object)
    export_requested = Signal(list)
    import_requested = Signal()

    def __init__(self, book: PresetBook, toner: Toner) -> None:
        super().__init__()
        self._book = book
        self._base_id: str | None = None  # the preset the fields came from
        self._custom: tuple[BreathPattern, str | None] | None = None  # unsaved + its base
        self._selected_id: str | None = None
        self._pattern: BreathPattern | None = None
        self._naming: str | None = None  # "new" or "rename" while the name row is open
        self._quiet = False
        _, layout, self.title = section("P&resets", self)
        toner.add(self.title, Toner.TITLE)
        self.list = PresetList()
        self.title.setBuddy(self.list)
        self.list.currentRowChanged.connect(self._on_row)
        layout.addWidget(self.list)
        self.update_button = QPushButton()
        self.update_button.clicked.connect(self._update)
        self.update_button.hide()
        layout.addWidget(self.update_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.save_new_button = QPushButton("Sa&ve as new…")
        self.duplicate_button = QPushButton("Dupli&cate")
        self.rename_button = QPushButton("Rename…")
        self.delete_button = QPushButton("Delete")
        self.export_button = QToolButton()
        self.export_button.setText("E&xport…")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.export_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # tool buttons skip Tab
        self.export_button.setToolTip(
            "Export this preset to a file; with Shift (or from the arrow) all your own"
        )
        self.export_menu = QMenu(self.export_button)
        self.export_this = self.export_menu.addAction("This preset")
        self.export_all = self.export_menu.addAction("All my presets")
        self.export_button.setMenu(self.export_menu)
        self.import_button = QPushButton("Import…")
        self.import_button.setToolTip("Add presets from a file; a name already taken gets a number")
        self.save_new_button.clicked.connect(lambda: self.open_naming("new"))
        self.rename_button.clicked.connect(lambda: self.open_naming("rename"))
        self.duplicate_button.clicked.connect(self._duplicate)
        self.delete_button.clicked.connect(self._delete)
        self.export_button.clicked.connect(self._export_clicked)
        self.export_this.triggered.connect(lambda: self.export(everything=False))
        self.export_all.triggered.connect(lambda: self.export(everything=True))
        self.import_button.clicked.connect(self.import_requested.emit)
        self.buttons: tuple[QAbstractButton, ...] = (
            self.save_new_button,
            self.duplicate_button,
            self.rename_button,
            self.delete_button,
            self.export_button,
            self.import_button,
        )
        grid = QGridLayout()
        grid.setSpacing(8)
        for at, button in enumerate(self.buttons):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            grid.addWidget(button, at // 3, at % 3)
        layout.addLayout(grid)

        self.name_row = QWidget()
        self.name_label = QLabel("Name")  # no mnemonic: the field opens focused
        self.name_label.setFixedWidth(self.fontMetrics().horizontalAdvance("New name") + 4)
        self.name_field = QLineEdit()
        self.name_field.setAccessibleName("Preset name")
        self.name_label.setBuddy(self.name_field)
        self.name_save = QPushButton("Save")
        self.name_cancel = QPushButton("Cancel")
        self.name_message = toner.message("Name problem")
        self.name_message.setContentsMargins(self.name_label.width() + 8, 0, 0, 0)
        self.name_field.returnPressed.connect(self.save_name)
        self.name_field.textEdited.connect(lambda _t: self.name_message.say(None))
        self.name_save.clicked.connect(self.save_name)
        self.name_cancel.clicked.connect(self.close_naming)
        line = QHBoxLayout()
        line.setSpacing(8)
        for widget in (self.name_label, self.name_field, self.name_save, self.name_cancel):
            line.addWidget(widget, 1 if widget is self.name_field else 0)
        rows = QVBoxLayout(self.name_row)
        rows.setContentsMargins(0, 4, 0, 0)
        rows.setSpacing(4)
        rows.addLayout(line)
        rows.addWidget(self.name_message)
        self.name_row.hide()
        layout.addWidget(self.name_row)
        self.message = toner.message("Preset problem")
        layout.addWidget(self.message)

    # -- what the panel asks --------------------------------------------------------------
    @property
    def selected_id(self) -> str | None:
        return self._selected_id

    @property
    def naming(self) -> bool:
        return self._naming is not None

    def chain(self) -> list[QWidget]:
        """Its widgets in Tab order."""
        return [
            self.list,
            self.update_button,
            *self.buttons,
            self.name_field,
            self.name_save,
            self.name_cancel,
        ]

    def start_from(self, preset_id: str | None, pattern: BreathPattern) -> None:
        """The fields were filled from outside: `preset_id`, or a preset with `pattern`."""
        if preset_id is None:
            preset_id = next((p.id for p in self._book.all() if p.pattern == pattern), None)
        self._base_id = preset_id if self._get(preset_id) is not None else None
        self._custom = None
        self.close_naming()
        self.message.say(None)
        self.refresh(pattern)

    def refresh(self, pattern: BreathPattern | None) -> None:
        """Read the list again from the book, then select as `show_pattern` does."""
        self._quiet = True
        try:
            self.list.clear()
            self.list.addItem(self._row(CUSTOM_ID, "Custom", "", None))
            for item in self._book.all():
                meta = f"{item.pattern.label} · built in" if item.builtin else item.pattern.label
                tip = preset_by_id(item.id).summary if item.builtin else ""
                self.list.addItem(self._row(item.id, item.name, meta, tip))
        finally:
            self._quiet = False
        self.show_pattern(pattern)

    def show_pattern(self, pattern: BreathPattern | None) -> None:
        """Select the preset the fields match (the one they came from), or "Custom"."""
        self._pattern = pattern
        # A base that is gone (deleted) stays remembered: Undo brings the same id back.
        base = self._get(self._base_id)
        matched = base is not None and pattern == base.pattern
        self._selected_id = base.id if base is not None and matched else None
        if self._selected_id is None and pattern is not None:
            self._custom = (pattern, self._base_id)  # kept, so picking "Custom" brings it back
        shown = pattern if self._selected_id is None else None
        if shown is None and self._custom is not None:
            shown = self._custom[0]
        custom = self.list.item(0)
        if custom is not None:
            custom.setData(META_ROLE, shown.label if shown is not None else "unfinished")
            custom.setData(Qt.ItemDataRole.AccessibleTextRole, "Custom pattern, not saved")
            self.list.setRowHidden(0, self._custom is None and self._selected_id is not None)
        self._quiet = True
        try:
            self.list.setCurrentRow(self._row_of(self._selected_id))
        finally:
            self._quiet = False
        self._sync_buttons(base)

    # -- the buttons ----------------------------------------------------------------------
    def _sync_buttons(self, base: NamedPattern | None) -> None:
        selected = self._get(self._selected_id)
        own = selected is not None and not selected.builtin
        for button in (self.rename_button, self.delete_button):
            button.setEnabled(own)
            if selected is not None and selected.builtin:
                button.setToolTip(BUILTIN_TIP)
            elif selected is None:
                button.setToolTip("Choose one of your own presets first")
            else:
                button.setToolTip("")
        self.save_new_button.setEnabled(self._pattern is not None)
        self.save_new_button.setToolTip(
            "Save these timings under a name"
            if self._pattern is not None
            else "Fix the marked fields first: a preset needs a whole pattern"
        )
        self.duplicate_button.setEnabled(selected is not None)
        changed = (
            base is not None
            and not base.builtin
            and self._pattern is not None
            and self._pattern != base.pattern
        )
        if changed and base is not None:
            self.update_button.setText(f"Update “{base.name}”")
            self.update_button.setToolTip(f"Save the changed timings into “{base.name}”")
        self.update_button.setVisible(changed)
        has_own = any(not p.builtin for p in self._book.all())
        self.export_this.setEnabled(selected is not None)
        self.export_all.setEnabled(has_own)
        self.export_button.setEnabled(selected is not None or has_own)

    def open_naming(self, mode: str) -> None:
        """The inline name row: "new" saves the fields as a preset, "rename" the selected."""
        selected = self._get(self._selected_id)
        if mode == "rename" and (selected is None or selected.builtin):
            return
        self._naming = mode
        self.message.say(None)
        self.name_message.say(None)
        if mode == "rename" and selected is not None:
            self.name_label.setText("New name")
            self.name_field.setText(selected.name)
            self.name_field.setPlaceholderText("")
            self.name_save.setText("Rename")
        else:
            self.name_label.setText("Name")
            self.name_field.clear()
            self.name_field.setPlaceholderText("for example Evening")
            self.name_save.setText("Save")
        self.name_row.show()
        self.name_field.selectAll()
        self.name_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_naming(self) -> None:
        if self._naming is None:
            return
        opener = self.rename_button if self._naming == "rename" else self.save_new_button
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.name_row.isAncestorOf(focus)
        self._naming = None
        self.name_message.say(None)
        self.name_row.hide()
        if had_focus:
            (opener if opener.isEnabled() else self.list).setFocus(Qt.FocusReason.OtherFocusReason)

    def save_name(self) -> None:
        text = self.name_field.text()
        try:
            if self._naming == "rename" and self._selected_id is not None:
                item = self._book.rename(self._selected_id, text)
            elif self._naming == "new" and self._pattern is not None:
                item = self._book.add(text, self._pattern)
                self._custom = None  # now it has a name
            else:
                self.name_message.say("Fix the marked fields first: a preset needs a whole pattern")
                return
        except PresetError as error:
            self.name_message.say(str(error))
            self.name_field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._base_id = item.id
        self.close_naming()
        self.refresh(self._pattern)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _duplicate(self) -> None:
        if self._selected_id is None:
            return
        self._act(lambda: self._book.duplicate(str(self._selected_id)))

    def _update(self) -> None:
        if self._base_id is None or self._pattern is None:
            return
        pattern = self._pattern
        self._act(lambda: self._book.update(str(self._base_id), pattern))

    def _delete(self) -> None:
        selected = self._get(self._selected_id)
        if selected is None or selected.builtin:
            return
        try:
            item = self._book.delete(selected.id)
        except PresetError as error:
            self.message.say(str(error))
            return
        self.message.say(None)
        self.refresh(self._pattern)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.deleted.emit(item)

    def _act(self, change: Callable[[], NamedPattern]) -> None:
        self.close_naming()
        try:
            item = change()
        except PresetError as error:
            self.message.say(str(error))
            return
        self.message.say(None)
        self._base_id = item.id
        self.refresh(self._pattern)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _export_clicked(self) -> None:
        shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        self.export(everything=bool(shift) or self._selected_id is None)

    def export(self, everything: bool) -> None:
        """Ask the window to export the selected preset, or all of the person's own."""
        if everything:
            items = [p for p in self._book.all() if not p.builtin]
        else:
            selected = self._get(self._selected_id)
            items = [selected] if selected is not None else []
        if not items:
            self.message.say("There are no presets of your own to export yet.")
            return
        self.message.say(None)
        self.export_requested.emit(items)

    # -- the list -------------------------------------------------------------------------
    def _on_row(self, row: int) -> None:
        if self._quiet or row < 0:
            return
        item = self.list.item(row)
        preset_id = item.data(PRESET_ID_ROLE) if item is not None else None
        self.close_naming()
        self.message.say(None)
        if preset_id == CUSTOM_ID:
            if self._custom is None:
                return
            pattern, self._base_id = self._custom
        else:
            preset = self._get(preset_id)
            if preset is None:  # gone behind our back: read the book again
                self.refresh(self._pattern)
                return
            pattern, self._base_id = preset.pattern, preset.id
        self.pattern_chosen.emit(pattern)

    def _get(self, preset_id: object) -> NamedPattern | None:
        if not isinstance(preset_id, str) or preset_id == CUSTOM_ID:
            return None
        try:
            return self._book.get(preset_id)
        except PresetError:
            return None

    def _row_of(self, preset_id: str | None) -> int:
        for row in range(1, self.list.count()):
            item = self.list.item(row)
            if item is not None and item.data(PRESET_ID_ROLE) == preset_id:
                return row
        return 0

    @staticmethod
    def _row(preset_id: str, name: str, meta: str, tip: str | None) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setData(PRESET_ID_ROLE, preset_id)
        item.setData(META_ROLE, meta)
        built = ", built in" if meta.endswith("built in") else ""
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name}{built}")
        if tip:
            item.setToolTip(tip)
        return item
