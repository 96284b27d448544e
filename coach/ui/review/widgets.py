"""Small pieces the review pages share: the empty state, the undo bar, soft labels.

No plotting here: the history list uses these without pulling in pyqtgraph.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QInputMethodEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coach.ui.theme import blend
from coach.ui.widgets.announce import announce


def font(factor: float = 1.0, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """The desktop's font scaled: a person's larger system text makes these larger too."""
    result = QFont(QApplication.font())
    if result.pointSizeF() > 0:
        result.setPointSizeF(result.pointSizeF() * factor)
    else:
        result.setPixelSize(max(9, round(result.pixelSize() * factor)))
    result.setWeight(weight)
    return result


class ToneLabel(QLabel):
    """A label in a tone worked out from its parent's colours: "soft" (quieter text,
    still above 4.5:1 contrast) or "heading" (the start screen's small capitals in the
    accent's tone). Worked out again when the theme changes, so dark stays readable."""

    def __init__(self, text: str = "", tone: str = "soft", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._tone = tone
        if tone == "heading":
            bold = font(0.86, QFont.Weight.DemiBold)
            bold.setCapitalization(QFont.Capitalization.AllUppercase)
            bold.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
            self.setFont(bold)
        self._retint()

    def _retint(self) -> None:
        owner = self.parentWidget()
        source = owner.palette() if owner is not None else QApplication.palette()
        ink = source.color(QPalette.ColorRole.WindowText)
        if self._tone == "heading":
            wanted = blend(ink, source.color(QPalette.ColorRole.Highlight), 0.55)
        else:
            wanted = blend(ink, source.color(QPalette.ColorRole.Window), 0.3)
        if self.palette().color(QPalette.ColorRole.WindowText) != wanted:
            palette = QPalette()  # only WindowText set: the rest follows the theme
            palette.setColor(QPalette.ColorRole.WindowText, wanted)
            self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ParentChange):
            self._retint()  # settles at once: a second pass finds the colour already right


def soft(text: str = "") -> ToneLabel:
    return ToneLabel(text, "soft")


def heading(text: str) -> ToneLabel:
    return ToneLabel(text, "heading")


TEXT_WIDTH = 460


class EmptyState(QWidget):
    """A friendly message in the middle of the page, with one optional action.

    Signals:
        action_requested(): the action button was pressed.
    """

    action_requested = Signal()

    def __init__(
        self, title: str, text: str, action: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setFont(font(1.45, QFont.Weight.Light))
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title.setWordWrap(True)
        self.text = soft(text)
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text.setWordWrap(True)
        # A wrapped label laid out by its alignment asks for one line's width: give it a
        # comfortable measure instead (the window is never narrower than this).
        self.text.setFixedWidth(TEXT_WIDTH)
        self._fit_text()
        self.button = QPushButton(action)
        self.button.setFont(font(1.1))
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.button.setMinimumHeight(self.button.sizeHint().height() + 10)
        self.button.setMinimumWidth(self.button.sizeHint().width() + 32)
        self.button.setVisible(bool(action))
        self.button.clicked.connect(self.action_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(12)
        layout.addStretch(2)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def _fit_text(self) -> None:
        # Centred in its layout, the label would get one line's height: ask for all lines.
        self.text.setMinimumHeight(self.text.heightForWidth(TEXT_WIDTH))


class UndoBar(QWidget):
    """ "Deleted 3 sessions · Undo": a calm strip, never a dialog.

    Signals:
        undo_requested(): the Undo button was pressed.
    """

    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.dot = QLabel("·")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setFlat(True)
        self.undo_button.setToolTip("Bring them back (Ctrl+Z)")
        self.undo_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.undo_button.setFont(font(1.0, QFont.Weight.DemiBold))
        self.undo_button.clicked.connect(self.undo_requested)
        self.hint = soft("Ctrl+Z")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 4, 16, 4)
        layout.setSpacing(6)
        layout.addWidget(self.message)
        layout.addWidget(self.dot)
        layout.addWidget(self.undo_button)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        self._tint_button()
        self.hide()

    def show_deleted(self, n: int) -> None:
        noun = "session" if n == 1 else "sessions"
        self.message.setText(f"Deleted {n:,} {noun}")
        words = f"Deleted {n} {noun}. Undo with Control Z."
        self.message.setAccessibleName(words)
        for part in (self.dot, self.undo_button, self.hint):
            part.show()
        self._say(words)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setAccessibleName(text)
        for part in (self.dot, self.undo_button, self.hint):
            part.hide()
        self._say(text)

    def _say(self, words: str) -> None:
        self.setAccessibleName("Notice")
        self.setAccessibleDescription(words)
        self.show()
        announce(self, words)  # nothing takes the focus: a screen reader is told

    def _tint_button(self) -> None:
        # The action reads as a link in the accent's tone, worked out from the theme.
        source = self.palette()
        wanted = source.color(QPalette.ColorRole.Link)
        if self.undo_button.palette().color(QPalette.ColorRole.ButtonText) != wanted:
            palette = QPalette()
            palette.setColor(QPalette.ColorRole.ButtonText, wanted)
            self.undo_button.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "undo_button"):
            self._tint_button()

    def paintEvent(self, event: QPaintEvent) -> None:
        # The notice bar's wash, worked out at paint time so a theme switch follows.
        palette = self.palette()
        window = QColor(palette.color(QPalette.ColorRole.Window))
        accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(blend(window, accent, 0.16))
        painter.drawRoundedRect(self.rect(), 8, 8)
        painter.end()


class PageTab(QAbstractButton):
    """A page name that reads as a heading: the chosen one in full ink over an accent
    line, the other softer. Checkable; keyboard focus draws a rounded outline."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.setCheckable(True)
        # Exclusive among its siblings (the group makes it so too): a screen reader then
        # hears a choice of one, "History, selected", not a check box.
        self.setAutoExclusive(True)
        self.setFont(font(1.15))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.text()) + 24, metrics.height() + 16)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        window = palette.color(QPalette.ColorRole.Window)
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        if self.underMouse() and not self.isChecked():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(blend(window, accent, 0.07))
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -4), 7, 7)
        painter.setPen(ink if self.isChecked() else blend(ink, window, 0.4))
        painter.setFont(self.font())
        painter.drawText(rect.adjusted(0, 0, 0, -4), Qt.AlignmentFlag.AlignCenter, self.text())
        if self.isChecked():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(accent)
            line = QRectF(rect.left() + 10, rect.bottom() - 3, rect.width() - 20, 3)
            painter.drawRoundedRect(line, 1.5, 1.5)
        # The ring only after keyboard use, as Qt's own styles do.
        if self.hasFocus() and self.window().testAttribute(
            Qt.WidgetAttribute.WA_KeyboardFocusChange
        ):
            painter.setPen(QPen(blend(window, accent, 0.7), 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 7, 7)
        painter.end()


class PageTabs(QWidget):
    """Two or more PageTabs, one checked at a time.

    Signals:
        page_chosen(int): the person chose a page by click or key (not by `set_current`).
    """

    page_chosen = Signal(int)

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.buttons: list[PageTab] = []
        for i, name in enumerate(names):
            button = PageTab(name)
            self.group.addButton(button, i)
            layout.addWidget(button)
            self.buttons.append(button)
        self.buttons[0].setChecked(True)
        self.group.idClicked.connect(self.page_chosen)

    def current(self) -> int:
        return self.group.checkedId()

    def set_current(self, index: int) -> None:
        self.buttons[index].setChecked(True)


class NotesEdit(QPlainTextEdit):
    """Plain-text notes with a limit kept the way a line edit keeps its maximum length:
    a paste, a drop or input-method text is shortened to the room left, and typing stops
    at the limit. Nothing already written is ever cut, and undo stays an ordinary undo.

    Signals:
        refused(): some of what was typed or pasted did not fit.
    """

    refused = Signal()

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit

    def room(self) -> int:
        """Characters that still fit, counting the selection (it is about to be replaced)."""
        selected = len(self.textCursor().selectedText())
        return self.limit - len(self.toPlainText()) + selected

    def _fitted(self, text: str) -> str:
        room = max(0, self.room())
        if len(text) <= room:
            return text
        self.refused.emit()
        return text[:room]

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not source.hasText():
            super().insertFromMimeData(source)
            return
        fitted = self._fitted(source.text())
        if fitted:
            self.textCursor().insertText(fitted)
            self.ensureCursorVisible()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        typed = bool(text) and (text.isprintable() or text in ("\r", "\n"))
        if typed and len(text) > max(0, self.room()):
            self.refused.emit()
            event.accept()  # full: the key is refused (deleting and moving still work)
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        commit = event.commitString()
        fitted = self._fitted(commit) if commit else commit
        if fitted == commit:
            super().inputMethodEvent(event)
            return
        shortened = QInputMethodEvent(event.preeditString(), event.attributes())
        shortened.setCommitString(fitted, event.replacementStart(), event.replacementLength())
        super().inputMethodEvent(shortened)
