"""One session in detail: its timeline, the ratings, the notes, and an export.

Notes save themselves: after a pause in typing (~0.8 s), when the box loses focus, and
when the page is left, with a quiet "Saved" beside the heading. The save timer is
parented and stopped on hide, so it never outlives the page. Notes the store refuses
(a full disk, say) are kept here, shown again with their session, retried with every
later save, and handed to the window when it closes (`unsaved_notes`).
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QHideEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coach.core.clock import SystemWallClock, WallClock, iso_utc
from coach.core.store.records import NOTES_MAX_CHARS
from coach.ui.review import labels
from coach.ui.review import plot_style as ps
from coach.ui.review.session_timeline import TimelinePanel
from coach.ui.review.widgets import NotesEdit, font, heading, soft
from coach.ui.theme import pressure_colour

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.store.history import SessionDetail
    from coach.core.store.store import Store

NOTES_PAUSE_MS = 800
LIMIT_WORDS = f"Notes hold up to {NOTES_MAX_CHARS:,} characters; the rest did not fit."
SIDE_WIDTH = 230


class SessionView(QWidget):
    """The timeline page of one session.

    Signals:
        back_requested(): the Back button was pressed (Esc is handled by the window).
        notes_saved(str): the notes of a session were written to the store; its id.
    """

    back_requested = Signal()
    notes_saved = Signal(str)

    def __init__(
        self,
        store: Store,
        library: Library | None = None,
        tz: tzinfo | None = None,
        wall: WallClock | None = None,
        titles: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store, self._library, self._tz = store, library, tz
        self._wall = wall or SystemWallClock()
        self.titles = titles or {}
        self.detail: SessionDetail | None = None
        self._loading = False
        self._dirty = False

        self.back_button = QPushButton("←  History")
        self.back_button.setAccessibleName("Back to history")
        self.back_button.setToolTip("Back to the list (Esc)")
        self.back_button.setFlat(True)
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.back_button.clicked.connect(self.back_requested)
        self.title = QLabel()
        self.title.setFont(font(1.45, QFont.Weight.Light))
        self.subtitle = soft()
        self.subtitle.setWordWrap(True)

        self.timeline = TimelinePanel()
        self.plot = self.timeline.plot
        self.legend = self.timeline.legend

        self.tightness = QLabel()
        self.tightness.setFont(font(1.9, QFont.Weight.Light))
        self.tightness_note = soft()
        self.tightness_note.setWordWrap(True)
        self.intensity = QLabel()
        self.intensity.setWordWrap(True)
        self.moments = soft()
        self.moments.setWordWrap(True)
        self.export_button = QPushButton("Export this session…")
        self.export_button.clicked.connect(lambda: self.export_session())
        self.export_status = soft()
        self.export_status.setWordWrap(True)
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.notes = NotesEdit(NOTES_MAX_CHARS)
        self.notes.refused.connect(self._notes_refused)
        self.notes.setPlaceholderText(
            "How did it feel? Anything to remember next time (which spot, what helped)…"
        )
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 4 + 18)
        self.notes.textChanged.connect(self._notes_edited)
        self.notes.installEventFilter(self)
        self.saved_label = soft()
        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(NOTES_PAUSE_MS)
        self.save_timer.timeout.connect(self.save_notes)
        self._refused = False  # part of the last paste or key did not fit
        self._limit_said = False  # ... and the label says so until the next edit
        self._unsaved: dict[str, tuple[str, str]] = {}
        """Notes the store refused, by session id: (the session's start, the text)."""

        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)

        side = QVBoxLayout()
        side.setSpacing(6)
        side.addWidget(heading("Tightness"))
        side.addWidget(self.tightness)
        side.addWidget(self.tightness_note)
        side.addSpacing(12)
        side.addWidget(heading("Intensity"))
        side.addWidget(self.intensity)
        side.addSpacing(12)
        side.addWidget(heading("Moments"))
        side.addWidget(self.moments)
        side.addStretch(1)
        side.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.export_status)
        side_panel = QWidget()
        side_panel.setFixedWidth(SIDE_WIDTH)
        side_panel.setLayout(side)

        middle = QGridLayout()
        middle.setHorizontalSpacing(18)
        middle.setVerticalSpacing(4)
        middle.addWidget(self.timeline, 0, 0, 2, 1)
        middle.addWidget(side_panel, 0, 1, 2, 1)
        middle.setColumnStretch(0, 1)
        middle.setRowStretch(0, 1)

        notes_head = QHBoxLayout()
        notes_head.addWidget(heading("Notes"))
        notes_head.addStretch(1)
        notes_head.addWidget(self.saved_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addSpacing(4)
        layout.addLayout(notes_head)
        layout.addWidget(self.notes)

    # -- showing a session ------------------------------------------------------------------
    @property
    def session_id(self) -> str | None:
        return None if self.detail is None else self.detail.row.id

    def show_session(self, session_id: str) -> None:
        """Read one session from the store and draw it. Raises KeyError when it is gone."""
        from coach.core.store.history import load_detail

        self.save_notes()  # the previous session's words first (kept here if refused)
        detail = load_detail(self._store, session_id, library=self._library, tz=self._tz)
        self.detail = detail
        row = detail.row
        self.title.setText(labels.title_of(row.source, self.titles))
        parts = [labels.when(row.started_at), labels.length(row.minutes), labels.status(row)]
        if row.breaths:
            parts.append(labels.plural(row.breaths, "breath"))
        self.subtitle.setText("  ·  ".join(parts))
        self.subtitle.setAccessibleName(labels.spoken(self.subtitle.text()))
        self._show_ratings(detail)
        self.timeline.set_detail(detail, self._library)
        self._show_legend()
        unsaved = self._unsaved.get(row.id)
        self._loading = True
        self.notes.setPlainText(row.notes if unsaved is None else unsaved[1])
        self._loading = False
        self._dirty = unsaved is not None
        self.notes.setReadOnly(self._store.read_only)
        self.saved_label.setText(
            "Read-only store"
            if self._store.read_only
            else "Not saved yet"
            if unsaved is not None
            else ""
        )
        self.export_status.setText("")

    def _show_ratings(self, detail: SessionDetail) -> None:
        row = detail.row
        before, after = row.rating_before, row.rating_after
        self.tightness.setText(labels.tightness(before, after))
        if before is not None and after is not None:
            change = after - before
            words = (
                "no change"
                if change == 0
                else f"{abs(change)} {'lower' if change < 0 else 'higher'} after"
            )
            self.tightness_note.setText(f"before → after, 0-10 · {words}")
        elif before is None and after is None and not detail.skipped_ratings:
            self.tightness_note.setText("Not asked in this session.")
        else:
            skipped = [m for m in ("before", "after") if m in detail.skipped_ratings]
            note = "before → after, 0-10"
            if skipped:
                note += " · skipped " + " and ".join(skipped)
            self.tightness_note.setText(note)
        self.intensity.setText(
            "No readings."
            if row.avg_intensity is None
            else f"Average {labels.average(row.avg_intensity)}  ·  "
            f"peak {labels.peak(row.peak_intensity)}"
        )
        for label in (self.tightness, self.tightness_note, self.intensity):
            label.setAccessibleName(labels.spoken(label.text()))  # no arrows or dots aloud
        counts = {kind: 0 for kind in ("ease_off", "stop_offer", "pause")}
        for marker in detail.markers:
            if marker.kind in counts:
                counts[marker.kind] += 1
        paused = [p.seconds for p in detail.pauses if p.seconds is not None]
        pauses = labels.plural(counts["pause"], "pause")
        if paused and counts["pause"]:
            pauses += f", {ps.clock_text(sum(paused))} in all"
        said = [
            labels.plural(counts["ease_off"], "ease-off prompt"),
            f"{counts['stop_offer']} offer{'' if counts['stop_offer'] == 1 else 's'} to stop",
            pauses,
        ]
        self.moments.setText("\n".join(s for s in said if not s.startswith("0 ")) or "None.")

    def _show_legend(self) -> None:
        palette = self.palette()
        phases = ps.phase_colours(palette)
        marks = ps.marker_colours(palette)

        said: list[str] = []

        def swatch(colour: QColor, text: str, glyph: str = "■") -> str:
            said.append(text)
            return f'<span style="color:{colour.name()}">{glyph}</span>&nbsp;{text}'

        detail = self.detail
        kinds = {m.kind for m in detail.markers} if detail is not None else set()
        present = {p[2] for p in detail.phases} if detail is not None else set()
        items = [swatch(phases["inhale"], "in")]
        if present & {"hold_in", "hold_out"}:
            items.append(swatch(phases["hold_in"], "hold"))
        items.append(swatch(phases["exhale"], "out"))
        if detail is not None and any(s.target for s in detail.steps):
            items.append(swatch(pressure_colour(palette), "target band", "▬"))
        if "ease_off" in kinds:
            items.append(swatch(marks["ease_off"], "ease-off prompt", "▼"))
        if "stop_offer" in kinds:
            items.append(swatch(marks["stop_offer"], "offered to stop", "◆"))
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(items))
        self.legend.setAccessibleName("Colour key: " + ", ".join(said))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.detail is not None:
            self._show_legend()

    # -- notes ------------------------------------------------------------------------------
    def _notes_edited(self) -> None:
        if self._loading or self.detail is None:
            return
        self._dirty = True
        refused, self._refused = self._refused, False
        self._limit_said = refused
        self.saved_label.setText(LIMIT_WORDS if refused else "")
        self.save_timer.start()

    def _notes_refused(self) -> None:
        """Part of a paste (or a key) did not fit: said until the next edit."""
        self._refused = self._limit_said = True
        self.saved_label.setText(LIMIT_WORDS)

    def save_notes(self) -> bool:
        """Write the notes now if they changed. False when they could not be saved; they
        are then kept here (see `unsaved_notes`) and tried again with the next save."""
        self.save_timer.stop()
        if not self._dirty or self.detail is None:
            return True
        row = self.detail.row
        text = self.notes.toPlainText()
        problem = self._write_notes(row.id, text)
        if problem is not None:
            self._unsaved[row.id] = (labels.when(row.started_at), text)
            too_long = len(text) > NOTES_MAX_CHARS  # written long by an older version
            self.saved_label.setText(
                f"Not saved: shorten the notes to {NOTES_MAX_CHARS:,} characters"
                if too_long
                else "Not saved"
            )
            self.saved_label.setToolTip(problem)
            return False
        self._unsaved.pop(row.id, None)
        self._dirty = False
        self.saved_label.setText(f"Saved. {LIMIT_WORDS}" if self._limit_said else "Saved")
        self.saved_label.setToolTip("")
        self.notes_saved.emit(row.id)
        self._retry_unsaved()
        return True

    def unsaved_notes(self) -> list[tuple[str, str]]:
        """Notes the store still refuses after one more try, as (session, text), the
        session named by its start; forgotten here once handed over."""
        self.save_notes()
        self._retry_unsaved()
        kept = dict(self._unsaved)
        self._unsaved.clear()
        if self.detail is not None and self.detail.row.id in kept:
            self._dirty = False  # handed over: not to be tried again on the way out
        return list(kept.values())

    def _retry_unsaved(self) -> None:
        for session_id, (_, text) in list(self._unsaved.items()):
            if self.detail is not None and session_id == self.detail.row.id and self._dirty:
                continue  # the open session: its box is the newer copy
            if self._write_notes(session_id, text) is None:
                del self._unsaved[session_id]
                self.notes_saved.emit(session_id)

    def _write_notes(self, session_id: str, text: str) -> str | None:
        """None when written, else why not."""
        from coach.core.store.errors import StoreError

        try:
            self._store.set_ratings_and_notes(session_id, notes=text)
        except KeyError:
            return "This session is no longer in the store."
        except (StoreError, ValueError) as error:
            return str(error)
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes and event.type() == QEvent.Type.FocusOut:
            self.save_notes()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_notes()
        super().hideEvent(event)

    # -- export -----------------------------------------------------------------------------
    def export_session(self, path: Path | None = None) -> Path | None:
        """This session to JSON (importable) or CSV (a `-samples.csv` file beside it).

        Asks for a file when `path` is None. Returns the file written, or None.
        """
        if self.detail is None:
            return None
        row = self.detail.row
        if path is None:
            from PySide6.QtWidgets import QFileDialog

            suggested = Path.home() / f"coach-session-{row.started_at:%Y-%m-%d-%H%M}.json"
            from coach.ui.widgets.files import typed_path

            name, chosen = QFileDialog.getSaveFileName(
                self,
                "Export this session",
                str(suggested),
                "Coach export, JSON (*.json);;Spreadsheet, CSV (*.csv)",
            )
            if not name:
                return None
            path = typed_path(name, chosen)
        from coach.core.store.errors import StoreError

        try:
            written = self._write_export(row.id, path)
        except (OSError, StoreError, KeyError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.export_status.setText(f"Could not export: {reason}")
            return None
        self.export_status.setText(f"Saved to {written}")
        return written

    def _write_export(self, session_id: str, path: Path) -> Path:
        from coach.core.paths import write_atomic
        from coach.core.store import exchange
        from coach.core.store.recorder import SessionLog

        record = self._store.session(session_id)
        samples, events = self._store.samples(session_id), self._store.events(session_id)
        if path.suffix.lower() != ".csv":
            log = SessionLog(record, samples, events)
            return exchange.export_log(log, path, self._wall)
        export = exchange.ExportFile(
            format=exchange.EXPORT_FORMAT,
            schema_version=exchange.EXPORT_SCHEMA_VERSION,
            exported_at=iso_utc(self._wall.utc_now()),
            sessions=[exchange.ExportedSession(record, samples, events)],
            presets=[],
        )
        write_atomic(path, exchange.sessions_csv(export))
        write_atomic(exchange.samples_csv_path(path), exchange.samples_csv(export))
        return path
