"""The presets section of the timing panel: the list, and saving, renaming, duplicating,
deleting, exporting and importing the person's own presets.

Nothing here asks anything in a dialog: a name is typed in a row under the list, a problem
is said under it, and where a file goes is the window's question.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coach.core.breath.pattern import BreathPattern
from coach.core.breath.presets import NamedPattern, PresetBook, PresetError, preset_by_id
from coach.ui.timing.parts import Toner, section
from coach.ui.timing.preset_list import CUSTOM_ID, META_ROLE, PRESET_ID_ROLE, PresetList

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
            self.list.setCurrentRow(self.row_of(self._selected_id))
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

    def row_of(self, preset_id: str | None) -> int:
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
