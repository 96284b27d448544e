"""The history table's look: roomy cells, a soft selection, a quiet header.

Painted from the palette (like the start screen's list) instead of a style sheet, so a
theme switch needs nothing but a repaint, and the selection reads as chosen without a
loud block of colour.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from coach.ui.theme import blend

CELL_PAD = 10  # text stands clear of the cell edges


class RowDelegate(QStyledItemDelegate):
    """Cells with padding and the app's soft, rounded-feeling selection tint."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        palette = opt.palette
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        state = opt.state
        painter.save()
        fill: QColor | None = None
        if state & QStyle.StateFlag.State_Selected:
            focused = bool(state & QStyle.StateFlag.State_Active)
            fill = blend(base, accent, 0.22 if focused else 0.13)
        elif opt.features & QStyleOptionViewItem.ViewItemFeature.Alternate:
            fill = blend(base, palette.color(QPalette.ColorRole.AlternateBase), 0.55)
        if fill is not None:
            painter.fillRect(opt.rect, fill)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        colour = QColor(brush) if brush is not None else palette.color(QPalette.ColorRole.Text)
        painter.setPen(colour)
        painter.setFont(opt.font)
        rect = opt.rect.adjusted(CELL_PAD, 0, -CELL_PAD, 0)
        text = opt.fontMetrics.elidedText(opt.text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(opt.displayAlignment), text)
        painter.restore()


class SoftHeader(QHeaderView):
    """Column names in a softer tone on the paper, a thin rule below, a small arrow for
    the sorted column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(False)
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.setFont(bold)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setHeight(self.fontMetrics().height() + 18)
        return hint

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        painter.save()
        painter.fillRect(rect, base)
        painter.setPen(blend(text, base, 0.8))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        model = self.model()
        label = str(model.headerData(logicalIndex, Qt.Orientation.Horizontal) or "")
        align = model.headerData(
            logicalIndex, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole
        )
        alignment = Qt.AlignmentFlag(align) if align is not None else Qt.AlignmentFlag.AlignLeft
        sorted_here = self.isSortIndicatorShown() and self.sortIndicatorSection() == logicalIndex
        if sorted_here:
            down = self.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
            arrow = "↓" if down else "↑"
            # The arrow sits on the side away from the text's alignment.
            label = (
                f"{arrow} {label}"
                if alignment & Qt.AlignmentFlag.AlignRight
                else f"{label} {arrow}"
            )
        painter.setFont(self.font())
        painter.setPen(blend(text, base, 0.3 if sorted_here else 0.42))
        inner = rect.adjusted(CELL_PAD, 0, -CELL_PAD, 0)
        label = self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(inner, int(alignment | Qt.AlignmentFlag.AlignVCenter), label)
        painter.restore()
