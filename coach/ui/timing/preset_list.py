"""The preset list of the timing panel: one row per preset, drawn by its own delegate.

A row shows the name, and quietly on the right its pattern (and "built in"); the row of
the person's unsaved pattern reads "Custom" in italics. Colours are worked out from the
palette as each row is painted, so the list follows a theme switch.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QKeyEvent, QPainter, QPalette, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from coach.ui.theme import blend, soft_colour
from coach.ui.timing.fields import STEP_KEYS, claims_key

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
