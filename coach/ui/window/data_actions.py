"""The File menu's data work: export and import sessions, restore a backup.

Kept out of the main window (which only wires). Every action reports its outcome in the
window's notice bar; nothing here can lose data: import validates before it writes, and a
restore backs up the current store first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from coach.core.clock import WallClock, iso_utc
from coach.ui.widgets.files import typed_path
from coach.ui.widgets.notice_bar import NoticeBar

if TYPE_CHECKING:
    from coach.core.breath.presets import NamedPattern
    from coach.core.store.recorder import SessionLog
    from coach.core.store.store import Store


class DataActions(QObject):
    """File menu actions on the store.

    Signals:
        imported(): an import added sessions or presets (lists showing them refresh).
        restoring(): a backup is about to replace the store (finish what is pending on
            the store as it is, so the copy taken first holds it).
        restored(): the store now holds the backup's sessions (everything showing them
            reads again).
    """

    imported = Signal()
    restoring = Signal()
    restored = Signal()

    def __init__(
        self,
        store: Store | None,
        wall: WallClock,
        notices: NoticeBar,
        window: QWidget,
        session_active: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(window)
        self.store = store
        self._session_active = session_active
        self._wall = wall
        self._notices = notices
        self._window = window
        self.export_action = QAction("&Export sessions…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_sessions)
        self.import_action = QAction("&Import sessions…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_sessions)
        self.restore_action = QAction("&Restore a backup…", self)
        self.restore_action.triggered.connect(self.restore)
        self.set_store(store)

    def set_store(self, store: Store | None) -> None:
        self.store = store
        writable = store is not None and not store.read_only
        self.export_action.setEnabled(store is not None)
        self.import_action.setEnabled(writable)
        self.restore_action.setEnabled(writable)

    @property
    def actions(self) -> list[QAction]:
        return [self.export_action, self.import_action, self.restore_action]

    # -- export / import ----------------------------------------------------------------
    def export_sessions(self, path: Path | None = None) -> Path | None:
        if self.store is None:
            return None
        from PySide6.QtWidgets import QFileDialog

        from coach.core.store.errors import StoreError
        from coach.core.store.exchange import export_store

        if path is None:
            name, chosen = QFileDialog.getSaveFileName(
                self._window,
                "Export sessions",
                str(Path.home() / "coach-sessions.json"),
                "All sessions, JSON (*.json);;Sessions and samples, CSV (*.csv)",
            )
            if not name:
                return None
            path = typed_path(name, chosen)
        fmt: Literal["json", "csv"] = "csv" if path.suffix.lower() == ".csv" else "json"
        try:
            written = export_store(self.store, path, fmt)
        except (OSError, StoreError) as error:
            self._notices.show_notice(f"Could not export to {path}: {_reason(error)}")
            return None
        self._notices.show_notice(_sentence(written.describe()))
        return Path(written)

    def import_sessions(self, path: Path | None = None) -> bool:
        if self.store is None:
            return False
        from PySide6.QtWidgets import QFileDialog

        from coach.core.store.errors import StoreError
        from coach.core.store.exchange import ImportRejected, import_file

        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self._window, "Import sessions", str(Path.home()), "Coach export (*.json)"
            )
            if not name:
                return False
            path = Path(name)
        try:
            summary = import_file(self.store, path)
        except ImportRejected as error:
            self._notices.show_notice(f"Nothing was imported. {error}")
            return False
        except (OSError, StoreError) as error:
            self._notices.show_notice(f"Nothing was imported: {_reason(error)}")
            return False
        self._notices.show_notice(_sentence(str(summary)))
        self.imported.emit()
        return True

    def export_presets(self, items: list[NamedPattern], path: Path | None = None) -> Path | None:
        """Presets to a JSON file the person picks (imported again with Import)."""
        if not items:
            self._notices.show_notice("There are no presets of your own to export yet.")
            return None
        from coach.core.store.exchange import export_presets
        from coach.core.store.records import PatternRecord, UserPreset

        if path is None:
            from PySide6.QtWidgets import QFileDialog

            default = "coach-presets.json" if len(items) > 1 else f"{items[0].name}.json"
            name, _ = QFileDialog.getSaveFileName(
                self._window, "Export presets", str(Path.home() / default), "JSON (*.json)"
            )
            if not name:
                return None
            path = Path(name)
        created = iso_utc(self._wall.utc_now())
        records = [
            UserPreset(
                p.id,
                p.name,
                PatternRecord(
                    p.pattern.inhale, p.pattern.hold_in, p.pattern.exhale, p.pattern.hold_out
                ),
                created,
            )
            for p in items
        ]
        try:
            export_presets(records, path, self._wall)
        except OSError as error:
            self._notices.show_notice(f"Could not export to {path}: {_reason(error)}")
            return None
        noun = "preset" if len(items) == 1 else "presets"
        self._notices.show_notice(f"Exported {len(items)} {noun} to {path}.")
        return path

    def export_logs(self, logs: list[SessionLog]) -> Path | None:
        """Sessions held in memory to a file the person picks (more: numbered beside it)."""
        if not logs:
            return None
        from PySide6.QtWidgets import QFileDialog

        from coach.core.store.exchange import export_log

        suggested = str(Path.home() / f"coach-session-{logs[-1].record.started_at[:10]}.json")
        name, _ = QFileDialog.getSaveFileName(
            self._window, "Export this session", suggested, "Coach export (*.json)"
        )
        if not name:
            return None
        first = Path(name)
        written: list[Path] = []
        try:
            for n, log in enumerate(logs):
                target = first if n == 0 else first.with_stem(f"{first.stem}-{n + 1}")
                written.append(export_log(log, target))
        except OSError as error:
            self._notices.show_notice(f"Could not write {name}: {_reason(error)}.")
            return None
        where = ", ".join(str(p) for p in written)
        noun = "This session was" if len(written) == 1 else f"{len(written)} sessions were"
        self._notices.show_notice(f"{noun} exported to {where}.")
        return written[0]

    def confirm_close_unsaved(self, export: Callable[[], Path | None]) -> bool:
        """The store could not take a session: offer to export it before quitting."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.warning(
            self._window,
            "Session not saved",
            "The last session could not be saved to the store. Export it to a file first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return export() is not None
        return answer == QMessageBox.StandardButton.Discard

    # -- backups ------------------------------------------------------------------------
    def restore(self, chosen: Path | None = None, confirmed: bool = False) -> Path | None:
        if self.store is None:
            return None
        if self._session_active():
            self._notices.show_notice(
                "A session is running. End it first, then restore the backup."
            )
            return None
        # Dialog classes load on first use: each costs start-up time to set up in Python.
        from PySide6.QtWidgets import QInputDialog, QMessageBox

        from coach.core.store.backup import backup_dir, check_backup, list_backups, restore_backup
        from coach.core.store.errors import StoreError

        if chosen is None:
            backups = list_backups(backup_dir(self.store))
            if not backups:
                self._notices.show_notice(
                    "There are no backups yet. One is taken each day the coach is used."
                )
                return None
            # The file name makes each entry unique: two backups can share a minute.
            labels = [
                f"{b.taken_at.astimezone().strftime('%a %d %b %Y, %H:%M:%S')}  ·  "
                f"{b.size / 1e6:.1f} MB  ·  {b.path.name}"
                for b in backups
            ]
            label, ok = QInputDialog.getItem(
                self._window, "Restore a backup", "Backup to restore:", labels, 0, False
            )
            if not ok:
                return None
            chosen = backups[labels.index(label)].path
        if not confirmed:
            answer = QMessageBox.question(
                self._window,
                "Restore this backup?",
                "Your sessions will be replaced by the ones in this backup. The store as it "
                "is now is backed up first, so you can go back by restoring that.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        try:
            check_backup(chosen)  # a damaged or foreign file changes nothing, Undo included
        except StoreError as error:
            self._notices.show_notice(str(error))
            return None
        self.restoring.emit()
        try:
            safety = restore_backup(self.store, chosen, self._wall)
        except StoreError as error:
            self._notices.show_notice(str(error))
            self.restored.emit()  # the contents may have changed before a check failed
            return None
        self.restored.emit()
        self._notices.show_notice(
            f"The backup was restored. Your sessions as they were just before are in {safety}."
        )
        return safety


def _sentence(text: str) -> str:
    """The command line's lower-case summaries, as a sentence for the window."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
