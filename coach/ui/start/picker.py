"""The start screen's list of things to do: free breathing, then routines by kind.

One `QListView` over a `QStandardItemModel`, painted by a small delegate, so the list stays
cheap, scrolls smoothly and keeps Qt's keyboard handling (Up/Down, Home/End, Page keys,
type-ahead). Section headings are items that can be neither selected nor reached by keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractItemModel,
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
    QMouseEvent,
    QPainter,
    QPalette,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from coach.core.content.plan import RoutineSummary, format_minutes
from coach.ui.theme import blend, heading_colour, note_colour, soft_colour

FREE_BREATHING_ID = ""
FREE_BREATHING_TITLE = "Free breathing"
FREE_BREATHING_SUBTITLE = "Your pattern and length, no massage"
FREE_BREATHING_TOOLTIP = "Breathe with the pacer at the pattern and length set below."

# Section order on screen; routines of a group the picker does not know show under "More"
# rather than vanish.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("guided", "Guided routines"),
    ("breathing", "Breathing"),
    ("technique", "One technique"),
)
OTHER_SECTION = "More"

ROUTINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""str: the routine id of an entry ("" for free breathing); absent on headings."""
META_ROLE = Qt.ItemDataRole.UserRole + 2
"""str: the soft second line (length · equipment)."""
NOTE_ROLE = Qt.ItemDataRole.UserRole + 3
"""str: the caution line (why an entry is off, or what was left out)."""
HEADING_ROLE = Qt.ItemDataRole.UserRole + 4
"""bool: True on section headings."""

# Geometry at 1x in device-independent pixels; Qt scales it for 2x screens.
ROW_INSET_X = 6.0  # the rounded highlight stands a little clear of the viewport edge
ROW_INSET_Y = 2.0
TEXT_PAD_X = 14.0
TEXT_PAD_Y = 10.0
LINE_GAP = 2.0
HEADING_TOP = 18.0
HEADING_BOTTOM = 4.0
RADIUS = 9.0
META_MAX_LINES = 2  # long equipment lists wrap once, then elide; the tooltip has the summary
NOTE_MAX_LINES = 2


def meta_line(item: RoutineSummary) -> str:
    """'8 min · a tennis ball · hands', or '8 min · nothing needed'."""
    things = " · ".join(item.equipment) if item.equipment else "nothing needed"
    return f"{format_minutes(item.minutes)} · {things}"


def accessible_text(item: RoutineSummary) -> str:
    """What a screen reader says for an entry: title, length, equipment (and any note)."""
    things = ", ".join(item.equipment) if item.equipment else "nothing needed"
    text = f"{item.title}, {format_minutes(item.minutes)}, {things}"
    return f"{text}. {item.note}" if item.note else text


class RoutinePicker(QWidget):
    """The start screen's question, "What would you like to do?", and the list to answer it.

    Click an entry and press Start, or double-click it (or press Enter) to start at once.

    Signals:
        routine_selected(str): the person chose another entry; the routine id, "" for free
            breathing. `select()` and `set_routines()` never emit it, so a caller that
            mirrors the choice elsewhere cannot loop.
        routine_activated(str): the person asked to start an enabled entry at once, by
            double-click or Enter/Return; the routine id, "" for free breathing.
    """

    routine_selected = Signal(str)
    routine_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("What would you like to do?")
        self.title.setObjectName("pickerTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        font = QFont(self.title.font())
        _scale_font(font, 1.45)
        font.setWeight(QFont.Weight.Light)
        self.title.setFont(font)
        # Line the question up with the entries' text, not with their highlight.
        self.title.setIndent(round(ROW_INSET_X + TEXT_PAD_X))

        self.model = QStandardItemModel(self)
        self.view = _PickerList(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(RoutineDelegate(self.view))
        self.view.setAccessibleName("Sessions")
        self.view.setAccessibleDescription(
            "Free breathing and the routines; Enter starts the one chosen"
        )
        self.title.setBuddy(self.view)

        # One sheet of paper for the question and the list, so the two read as one panel.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 14, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)

        self._quiet = False  # True while the picker itself changes the selection
        self._last_id: str | None = None
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.view.entry_activated.connect(self._activate)
        self.set_routines(())

    # -- content --------------------------------------------------------------------------
    def set_routines(self, items: Sequence[RoutineSummary]) -> None:
        """Show these routines (in the order given, within each section).

        The selection is kept when its routine is still listed and enabled; otherwise free
        breathing is selected. No signal is emitted either way: read `selected_id()`.
        """
        keep = self._last_id
        self._quiet = True
        try:
            self.model.clear()
            self.model.appendRow(
                _entry(
                    FREE_BREATHING_ID,
                    FREE_BREATHING_TITLE,
                    FREE_BREATHING_SUBTITLE,
                    note="",
                    tooltip=FREE_BREATHING_TOOLTIP,
                    accessible=f"{FREE_BREATHING_TITLE}, {FREE_BREATHING_SUBTITLE.lower()}",
                    enabled=True,
                )
            )
            known = {group for group, _ in SECTIONS}
            sections = [
                (heading, [i for i in items if i.group == group]) for group, heading in SECTIONS
            ]
            sections.append((OTHER_SECTION, [i for i in items if i.group not in known]))
            for heading, members in sections:
                if members:
                    self.model.appendRow(_heading(heading))
                for item in members:
                    self.model.appendRow(
                        _entry(
                            item.id,
                            item.title,
                            meta_line(item),
                            note=item.note,
                            tooltip=item.summary,
                            accessible=accessible_text(item),
                            enabled=item.enabled,
                        )
                    )
        finally:
            self._quiet = False
        if keep is None or not self.select(keep):
            self.select(FREE_BREATHING_ID)

    # -- selection ------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        """The chosen routine's id ("" for free breathing), or None when nothing is."""
        for index in self.view.selectionModel().selectedIndexes():
            value = index.data(ROUTINE_ID_ROLE)
            if isinstance(value, str):
                return value
        return None

    def select(self, routine_id: str) -> bool:
        """Choose an entry without emitting `routine_selected`. False (and no change) when
        the id is not listed or its entry is off."""
        index = self.index_of(routine_id)
        if not index.isValid() or not _available(index):
            return False
        self._quiet = True
        try:
            self.view.setCurrentIndex(index)
        finally:
            self._quiet = False
        if self.isVisible():
            # Before the first show the viewport is tiny, and scrolling then would leave the
            # list opened part-way down; showEvent brings the choice into view instead.
            self.view.scrollTo(index)
        return True

    def index_of(self, routine_id: str) -> QModelIndex:
        """The model index of an entry (invalid when it is not listed)."""
        for row in range(self.model.rowCount()):
            index = self.model.index(row, 0)
            if index.data(ROUTINE_ID_ROLE) == routine_id:
                return index
        return QModelIndex()

    def set_enabled_choice(self, enabled: bool) -> None:
        """Allow or refuse picking; off while a session runs (the choice stays visible)."""
        self.view.setEnabled(enabled)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.view.scrollTo(self.view.currentIndex())

    # -- reacting to the person -----------------------------------------------------------
    def _on_selection_changed(self, *_: object) -> None:
        current = self.selected_id()
        if current is None and self._last_id is not None and not self._quiet:
            # Ctrl+click can clear a single selection; a picker always has a choice.
            self.select(self._last_id)
            return
        changed = current != self._last_id
        self._last_id = current
        if changed and current is not None and not self._quiet:
            self.routine_selected.emit(current)

    def _activate(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if not self.view.isEnabled() or not index.isValid() or not _available(index):
            return
        routine_id = index.data(ROUTINE_ID_ROLE)
        if isinstance(routine_id, str):
            self.routine_activated.emit(routine_id)


class _PickerList(QListView):
    """A list that reports Enter/Return and double-clicks itself, and never lands on a
    heading or an entry that is off."""

    entry_activated = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Rows differ in height (headings, wrapped lines) and re-wrap when the width changes.
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.verticalScrollBar().setSingleStep(16)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # QAbstractItemView emits activated() for Enter but then ignores the key, so a
        # default button in a parent would fire as well; and activated() also fires on a
        # single click under some desktop styles. Enter is handled here, and accepted.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~(
            Qt.KeyboardModifier.KeypadModifier
        ):
            self.entry_activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # doubleClicked() only fires when the press before it hit the same item; a double
        # click on an entry should start it however the clicks arrived, once selected.
        super().mouseDoubleClickEvent(event)
        index = self.indexAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index == self.currentIndex():
            self.entry_activated.emit(index)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        # QListView already steps over items that are off for Up/Down, but Home/End and the
        # Page keys can stop on them; walk on to the nearest entry that can be chosen.
        target = super().moveCursor(action, modifiers)
        if not target.isValid() or _available(target):
            return target
        # Heading down (End, Page Down) falls back toward the top, and the other way round.
        down = action in (
            QAbstractItemView.CursorAction.MoveEnd,
            QAbstractItemView.CursorAction.MovePageDown,
            QAbstractItemView.CursorAction.MoveDown,
        )
        step = -1 if down else 1
        found = _nearest_available(self.model(), target.row(), step)
        if not found.isValid():
            found = _nearest_available(self.model(), target.row(), -step)
        return found if found.isValid() else self.currentIndex()


@dataclass(frozen=True, slots=True)
class _Block:
    """One run of wrapped text in a row: its font, lines, and which colour to use."""

    font: QFont
    lines: tuple[str, ...]
    tone: str  # "title", "soft", "note", "heading"
    line_height: float


class RoutineDelegate(QStyledItemDelegate):
    """Paints headings and two- or three-line entries from the palette, nothing hard-coded
    but the caution tone (the theme's 'working' zone, shared with the feel scale)."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    # -- measuring ------------------------------------------------------------------------
    def _fonts(self, base: QFont) -> dict[str, QFont]:
        title = QFont(base)
        _scale_font(title, 1.18)
        soft = QFont(base)
        heading = QFont(base)
        _scale_font(heading, 0.86)
        heading.setWeight(QFont.Weight.DemiBold)
        heading.setCapitalization(QFont.Capitalization.AllUppercase)
        heading.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        return {"title": title, "soft": soft, "note": soft, "heading": heading}

    def _text_width(self, option: QStyleOptionViewItem) -> float:
        # The list asks for size hints with an empty rect: the viewport is the real width.
        width = option.rect.width() or self._view.viewport().width()
        return max(80.0, width - 2 * (ROW_INSET_X + TEXT_PAD_X))

    def _blocks(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> list[_Block]:
        fonts = self._fonts(option.font)
        width = self._text_width(option)
        if index.data(HEADING_ROLE):
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            return [_block(fonts["heading"], text, width, 1, "heading")]
        blocks = [_block(fonts["title"], str(index.data() or ""), width, 2, "title")]
        meta = index.data(META_ROLE)
        if meta:
            blocks.append(_block(fonts["soft"], str(meta), width, META_MAX_LINES, "soft"))
        note = index.data(NOTE_ROLE)
        if note:
            blocks.append(_block(fonts["note"], str(note), width, NOTE_MAX_LINES, "note"))
        return blocks

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        blocks = self._blocks(option, index)
        text = sum(len(b.lines) * b.line_height for b in blocks)
        if index.data(HEADING_ROLE):
            height = HEADING_TOP + text + HEADING_BOTTOM
        else:
            text += LINE_GAP * (len(blocks) - 1)
            height = 2 * (ROW_INSET_Y + TEXT_PAD_Y) + text
        width = option.rect.width() or self._view.viewport().width()
        return QSize(width, round(height))

    # -- painting -------------------------------------------------------------------------
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
        rect = QRectF(option.rect)
        heading = bool(index.data(HEADING_ROLE))
        item_on = bool(state & QStyle.StateFlag.State_Enabled)
        view_on = self._view.isEnabled()
        selected = bool(state & QStyle.StateFlag.State_Selected)
        # While a session runs every entry greys out but the one running, which stays legible.
        legible = item_on or (selected and not view_on and _available(index))
        group = QPalette.ColorGroup.Normal if legible else QPalette.ColorGroup.Disabled
        base = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Base)
        text = palette.color(group, QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Highlight)

        if not heading:
            card = rect.adjusted(ROW_INSET_X, ROW_INSET_Y, -ROW_INSET_X, -ROW_INSET_Y)
            hovered = bool(state & QStyle.StateFlag.State_MouseOver) and item_on
            fill: QColor | None = None
            if selected:
                # Softened highlight: the row reads as chosen without a loud block of colour;
                # while a session runs it fades further, still showing what is running.
                fill = blend(base, accent, 0.18 if view_on else 0.09)
            elif hovered:
                fill = blend(base, accent, 0.07)
            if fill is not None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawRoundedRect(card, RADIUS, RADIUS)
            if selected and state & QStyle.StateFlag.State_HasFocus and view_on:
                # The keyboard focus needs a visible edge, not only a tint.
                pen_colour = blend(base, accent, 0.7)
                painter.setPen(pen_colour)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)

        tones = {
            "title": text,
            "soft": soft_colour(palette, group),
            "note": note_colour(palette),
            "heading": heading_colour(palette)
            if view_on
            else blend(heading_colour(palette), base, 0.45),
        }
        x = rect.left() + ROW_INSET_X + TEXT_PAD_X
        y = rect.top() + (HEADING_TOP if heading else ROW_INSET_Y + TEXT_PAD_Y)
        for block in self._blocks(option, index):
            painter.setFont(block.font)
            painter.setPen(tones[block.tone])
            ascent = QFontMetricsF(block.font).ascent()
            leading = (block.line_height - QFontMetricsF(block.font).height()) / 2
            for line in block.lines:
                painter.drawText(QPointF(x, y + leading + ascent), line)
                y += block.line_height
            y += LINE_GAP
        painter.restore()


# -- colours: worked out from the palette so they follow light and dark --------------------
def _entry(
    routine_id: str,
    title: str,
    meta: str,
    note: str,
    tooltip: str,
    accessible: str,
    enabled: bool,
) -> QStandardItem:
    item = QStandardItem(title)
    item.setData(routine_id, ROUTINE_ID_ROLE)
    item.setData(meta, META_ROLE)
    item.setData(note, NOTE_ROLE)
    item.setData(False, HEADING_ROLE)
    item.setToolTip(tooltip)
    item.setAccessibleText(accessible)
    item.setAccessibleDescription(tooltip)
    flags = Qt.ItemFlag.ItemNeverHasChildren
    if enabled:
        flags |= Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    item.setFlags(flags)
    return item


def _heading(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(True, HEADING_ROLE)
    item.setAccessibleText(text)
    # Not enabled, not selectable: the keyboard and the mouse pass over it.
    item.setFlags(Qt.ItemFlag.ItemNeverHasChildren)
    return item


def _available(index: QModelIndex | QPersistentModelIndex) -> bool:
    flags = index.flags()
    return bool(flags & Qt.ItemFlag.ItemIsEnabled and flags & Qt.ItemFlag.ItemIsSelectable)


def _nearest_available(model: QAbstractItemModel, row: int, step: int) -> QModelIndex:
    while 0 <= row < model.rowCount():
        index = model.index(row, 0)
        if _available(index):
            return index
        row += step
    return QModelIndex()


def _scale_font(font: QFont, factor: float) -> None:
    # Relative to the desktop's font, so a person's larger system text makes the list larger.
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(max(9, round(font.pixelSize() * factor)))


def _block(font: QFont, text: str, width: float, max_lines: int, tone: str) -> _Block:
    metrics = QFontMetricsF(font)
    return _Block(font, _wrap(text, font, width, max_lines), tone, metrics.lineSpacing())


def _wrap(text: str, font: QFont, width: float, max_lines: int) -> tuple[str, ...]:
    """Word-wrap to at most `max_lines` lines, eliding the last one if text is left over."""
    if not text:
        return ()
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        start, length = line.textStart(), line.textLength()
        if len(lines) == max_lines - 1 and start + length < len(text):
            rest = text[start:]
            lines.append(QFontMetricsF(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        lines.append(text[start : start + length].rstrip())
    layout.endLayout()
    return tuple(lines)
