"""Free breathing's timing in the window: quick pickers, the timing panel, live changes.

Holds the `TimingChoice` the next free-breathing session will use, the person's presets
(in the store once it is open), and the two quick pickers under the pacer (pattern and
length). The full panel (typed phases, pace and ratio, length in minutes or breaths, the
settle-in, the glide, presets) is built the first time it is opened.

During a session a new pattern, from the panel, the pattern picker, or `[` / `]` (half a
breath a minute slower / faster), starts with the next breath; the pacer says so until
that breath begins. The last timing used is remembered for the next start.

The window hands this class what it may use of it (`SessionHost`, `PageHost`), adds its
`actions` to itself, and connects its signals.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton

from coach.core.breath.pattern import BreathPattern
from coach.core.breath.presets import preset_by_id
from coach.core.breath.timing import (
    PACE_STEP_BPM,
    Length,
    TimingChoice,
    TimingError,
    build_schedule,
    faster,
    length_summary,
)
from coach.core.clock import Clock, WallClock
from coach.core.session.runner import PaceChanged, RunState, SessionRunner

if TYPE_CHECKING:
    from coach.core.breath.presets import NamedPattern, PresetBook
    from coach.core.store.store import Store
    from coach.ui.host import PageHost, SessionHost
    from coach.ui.settings import SettingsKeeper
    from coach.ui.timing.panel import TimingPanel

LENGTHS_MIN: tuple[float | None, ...] = (3.0, 5.0, 10.0, 15.0, 20.0, None)
CUSTOM = "custom"


def _index_of(box: QComboBox, data: object) -> int:
    """findData, which does not find None: compare the items' data ourselves."""
    for i in range(box.count()):
        if box.itemData(i) == data:
            return i
    return 0


class TimingFlow(QObject):
    """Free breathing's timing, from the quick pickers to the panel.

    Signals:
        notice_requested(str, str, object): words for the notice bar, with an optional
            action label and what it does (Undo).
        page_requested(str): show the side panel's "timing" page (placed through the
            `PageHost`), or "picker" when the panel is done.
        free_timing_changed(): between sessions, what Start would run has changed.
        validity_changed(bool): the panel holds a value that can (True) or can't be used.
        presets_export_requested(list[NamedPattern]): save these presets to a file.
        import_requested(): import sessions and presets from a file.
    """

    notice_requested = Signal(str, str, object)
    page_requested = Signal(str)
    free_timing_changed = Signal()
    validity_changed = Signal(bool)
    presets_export_requested = Signal(list)
    import_requested = Signal()

    def __init__(
        self,
        session: SessionHost,
        pages: PageHost,
        clock: Clock,
        wall: WallClock,
        settings: SettingsKeeper,
        preset_id: str,
        length_min: float | None,
        lead_in: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._pages = pages
        self._clock = clock
        self._wall = wall
        self._settings = settings
        pattern = preset_by_id(preset_id).pattern
        length = Length("open") if length_min is None else Length("minutes", float(length_min))
        self._choice = TimingChoice(pattern, length, lead_in)
        self.source = preset_id
        self._book: PresetBook | None = None
        self._panel: TimingPanel | None = None
        self._pending_breath: int | None = None  # a pace change waiting for its breath

        self.preset_box = QComboBox()
        self.preset_box.setAccessibleName("Breathing pattern")
        self.preset_box.setAccessibleDescription("The pattern free breathing follows")
        self.length_box = QComboBox()
        self.length_box.setAccessibleName("Session length")
        self.length_box.setAccessibleDescription("How long free breathing runs")
        for box in (self.preset_box, self.length_box):
            # As wide as the longest entry ("Custom · 4.5-1-7.5-0"): never cut short.
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.hint = QLabel()
        self.hint.setObjectName("lengthHint")
        self.hint.setWordWrap(True)  # "40 breaths, about 6:48, ends about 19:05 · gliding…"
        self.note = QLabel()
        self.note.setObjectName("paceNote")
        self.note.hide()
        self.panel_button = QPushButton("Timing… (T)")
        self.panel_button.setAccessibleName("Timing")
        self.panel_button.setAccessibleDescription(
            "Open the timing panel: your own pattern, pace, length, settle-in and glide (T)"
        )
        self.panel_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.panel_button.setToolTip("Your own pattern, pace, length, settle-in and glide")
        self.panel_button.clicked.connect(self.open_panel)
        self._fill_presets()
        self._fill_lengths()
        self.preset_box.currentIndexChanged.connect(self._on_preset_picked)
        self.length_box.currentIndexChanged.connect(self._on_length_picked)

        self.slower_action = self._action("Slower pace", "[", lambda: self.nudge(-1))
        self.faster_action = self._action("Faster pace", "]", lambda: self.nudge(+1))
        self.panel_action = self._action("Timing…", "T", self.open_panel)
        self.actions = (self.slower_action, self.faster_action, self.panel_action)
        """For the window to add to itself: their keys work wherever the focus is."""
        self.refresh_hint()

    def _action(self, text: str, key: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        return action

    def _notice(self, text: str, action: str = "", callback: object = None) -> None:
        self.notice_requested.emit(text, action, callback)

    # -- the choice -----------------------------------------------------------------------
    @property
    def pattern(self) -> BreathPattern:
        return self._choice.pattern

    @property
    def lead_in(self) -> float:
        return self._choice.lead_in

    def choice(self) -> TimingChoice:
        return self._choice

    def new_runner(self) -> SessionRunner:
        """An idle runner for the next free-breathing session."""
        return SessionRunner(build_schedule(self._choice), self._clock, self.lead_in)

    def set_choice(self, choice: TimingChoice, source: str) -> None:
        """A new timing (panel, pickers, remembered). Live during a session: the pattern
        changes from the next breath; length, settle-in and glide wait for the next one."""
        live = self._session.session_active() and not self._session.is_guided()
        old_pattern = self._choice.pattern
        self._choice = choice
        self.source = source
        self._sync_pickers()
        self.refresh_hint()
        self.validity_changed.emit(True)  # only whole, valid choices get here
        if live:
            if choice.pattern != old_pattern:
                self.change_pace(choice.pattern, choice)
        else:
            self.free_timing_changed.emit()

    # -- live changes ---------------------------------------------------------------------
    def nudge(self, direction: int) -> None:
        """`[` / `]`: half a breath a minute slower or faster."""
        runner = self._session.runner
        if self._session.is_guided():
            return
        live = self._session.session_active()
        base = runner.snapshot(self._clock.now()).pacer.pattern if live else self.pattern
        if live and self._pending_breath is not None:
            base = self.pattern  # a change is already waiting: build on it
        try:
            pattern = faster(base, direction * PACE_STEP_BPM)
        except TimingError as error:
            self._notice(str(error))
            return
        if pattern == base:
            return  # at the edge of what the pattern allows
        choice = dataclasses.replace(
            self._choice, pattern=pattern, ramp=None if live else self._choice.ramp
        )
        if live:
            if runner.state is RunState.RUNNING and self._last_breath_under_way():
                self.note.setText("No breaths left to change: the session is ending.")
                self.note.show()
                return
            self._choice = choice  # a pace chosen by hand ends the glide
            self.source = CUSTOM
            self._sync_pickers()
            self.refresh_hint()
            self.change_pace(pattern)
        else:
            self.set_choice(choice, CUSTOM)
        if self._panel is not None:
            self._panel.set_choice(self.choice(), None)

    def change_pace(self, pattern: BreathPattern, choice: TimingChoice | None = None) -> None:
        """From the next breath on: `pattern`, or (with a glide in `choice`) the rest of
        that glide in the new shape, so the pace never jumps past its target."""
        rest = None
        if choice is not None and choice.ramp is not None:
            try:
                rest = build_schedule(choice)
            except TimingError:
                rest = None
        events = self._session.runner.change_pace(pattern, self._clock.now(), rest)
        change = next((e for e in events if isinstance(e, PaceChanged)), None)
        self._session.apply_events(events)
        if change is None:
            self.note.setText("No breaths left to change: the session is ending.")
            self.note.show()
            return
        self._pending_breath = change.breath
        self.note.setText(
            f"New pace from the next breath: {pattern.breaths_per_minute:.1f} breaths/min"
        )
        self.note.show()

    def _last_breath_under_way(self) -> bool:
        runner = self._session.runner
        total = runner.timeline.breaths
        now = runner.snapshot(self._clock.now()).pacer.breath_index
        return total is not None and now >= total - 1

    def on_snapshot(self, breath_index: int, state: RunState) -> None:
        """Clears the note once the new pace has begun (or the session is over)."""
        if self._pending_breath is None:
            if self.note.isVisible() and state not in (RunState.RUNNING, RunState.LEAD_IN):
                self.note.hide()
            return
        if breath_index >= self._pending_breath or state in (
            RunState.FINISHED,
            RunState.STOPPED,
        ):
            self._pending_breath = None
            self.note.hide()

    # -- quick pickers ----------------------------------------------------------------------
    def _fill_presets(self) -> None:
        box = self.preset_box
        box.blockSignals(True)
        box.clear()
        from coach.core.breath.presets import PRESETS

        entries: list[tuple[str, str, BreathPattern, str]] = [
            (p.id, p.name, p.pattern, p.summary) for p in PRESETS
        ]
        if self._book is not None:
            entries = [
                (p.id, p.name, p.pattern, "Built in" if p.builtin else "Your own")
                for p in self._book.all()
            ]
        for preset_id, name, pattern, tip in entries:
            box.addItem(f"{name}  ·  {pattern.label}", preset_id)
            box.setItemData(box.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        box.blockSignals(False)
        self._sync_pickers()

    def _fill_lengths(self) -> None:
        box = self.length_box
        box.blockSignals(True)
        box.clear()
        for minutes in LENGTHS_MIN:
            label = "Until I stop" if minutes is None else f"{minutes:g} min"
            box.addItem(label, minutes)
        box.blockSignals(False)
        self._sync_pickers()

    def _sync_pickers(self) -> None:
        """Show the current choice in the pickers; a choice they don't hold is 'Custom'."""
        preset = self._matching_preset()
        length_found, length = self._matching_length()
        for box, found, key, custom_label in (
            (self.preset_box, preset is not None, preset, f"Custom  ·  {self.pattern.label}"),
            (self.length_box, length_found, length, self._length_label()),
        ):
            box.blockSignals(True)
            custom = box.findData(CUSTOM)
            if not found:
                if custom < 0:
                    box.insertItem(0, custom_label, CUSTOM)
                    custom = 0
                box.setItemText(custom, custom_label)
                box.setCurrentIndex(custom)
            else:
                if custom >= 0:
                    box.removeItem(custom)
                box.setCurrentIndex(_index_of(box, key))
            box.blockSignals(False)

    def _matching_preset(self) -> str | None:
        if self.source not in ("", CUSTOM):
            index = self.preset_box.findData(self.source)
            if index >= 0 and self._preset_pattern(self.source) == self.pattern:
                return self.source
        for i in range(self.preset_box.count()):
            preset_id = self.preset_box.itemData(i)
            if preset_id != CUSTOM and self._preset_pattern(preset_id) == self.pattern:
                return str(preset_id)
        return None

    def _preset_pattern(self, preset_id: str) -> BreathPattern | None:
        if self._book is not None:
            from coach.core.breath.presets import PresetError

            try:
                return self._book.get(preset_id).pattern
            except PresetError:
                return None
        try:
            return preset_by_id(preset_id).pattern
        except KeyError:
            return None

    def _matching_length(self) -> tuple[bool, float | None]:
        """(True, minutes or None for open-ended) when a quick length says it all."""
        mode, value = self._choice.length.mode, self._choice.length.value
        if self._choice.ramp is not None:
            return False, None
        if mode == "open":
            return True, None
        if mode == "minutes" and value in LENGTHS_MIN:
            return True, value
        return False, None

    def _length_label(self) -> str:
        mode, value = self._choice.length.mode, self._choice.length.value
        glide = " with a glide" if self._choice.ramp is not None else ""
        if mode == "breaths":
            return f"{int(value)} breaths{glide}"
        if mode == "open":
            return f"Until I stop{glide}"
        return f"{value:g} min{glide}"

    def _on_preset_picked(self) -> None:
        preset_id = self.preset_box.currentData()
        if preset_id == CUSTOM:
            return
        pattern = self._preset_pattern(str(preset_id))
        if pattern is None:
            return
        self.set_choice(dataclasses.replace(self._choice, pattern=pattern), str(preset_id))
        if self._panel is not None:
            self._panel.set_choice(self.choice(), str(preset_id))

    def _on_length_picked(self) -> None:
        value = self.length_box.currentData()
        if value == CUSTOM:
            return
        length = Length("open") if value is None else Length("minutes", float(value))
        self.set_choice(dataclasses.replace(self._choice, length=length), self.source)
        if self._panel is not None:
            self._panel.set_choice(self.choice(), self._matching_preset())

    def refresh_hint(self) -> None:
        try:
            text = length_summary(self.choice(), self._wall.utc_now())
        except TimingError as error:
            text = str(error)
        ramp = self._choice.ramp
        spoken = text
        if ramp is not None:
            text += f" · gliding {ramp.start_bpm:g}→{ramp.end_bpm:g}/min"
            spoken += f", gliding from {ramp.start_bpm:g} to {ramp.end_bpm:g} breaths a minute"
        self.hint.setText(text)
        # The arrow and the dot read badly aloud: a screen reader gets the words.
        self.hint.setAccessibleName(spoken)

    # -- presets and the panel --------------------------------------------------------------
    def attach_store(self, store: Store | None) -> None:
        from coach.core.breath.presets import PresetBook
        from coach.core.store.presets import store_binding

        if store is not None and not store.read_only:
            load, write = store_binding(store)
            try:
                self._book = PresetBook(self._wall, load, write)
            except Exception as error:
                self._notice(f"Your presets could not be read: {error}")
                self._book = PresetBook(self._wall)
        else:
            self._book = PresetBook(self._wall, load=store_binding(store)[0] if store else None)
        self._fill_presets()
        if self._panel is not None:
            self._panel.refresh_presets()

    @property
    def book(self) -> PresetBook:
        if self._book is None:
            from coach.core.breath.presets import PresetBook

            self._book = PresetBook(self._wall)
        return self._book

    @property
    def panel(self) -> TimingPanel:
        if self._panel is None:
            from coach.ui.timing.panel import TimingPanel

            self._panel = TimingPanel(self.book, self._wall.utc_now)
            self._panel.set_choice(self.choice(), self._matching_preset())
            self._panel.timing_changed.connect(self._on_panel_changed)
            self._panel.validity_changed.connect(self.validity_changed)
            self._panel.preset_deleted.connect(self._on_preset_deleted)
            self._panel.export_requested.connect(self._export_presets)
            self._panel.import_requested.connect(self._import_presets)
            self._panel.done.connect(self.close_panel)
            self._pages.place_side("timing", self._panel)
        return self._panel

    def open_panel(self) -> None:
        if self._session.is_guided() and self._session.session_active():
            return  # a routine brings its own timing
        panel = self.panel
        panel.set_live(self._session.session_active())
        panel.set_choice(self.choice(), self._matching_preset())
        self.page_requested.emit("timing")  # the window turns the start screen to free breathing
        panel.setFocus()

    def close_panel(self) -> None:
        self.page_requested.emit("picker")

    def panel_open(self) -> bool:
        return self._panel is not None and self._pages.side_page() == "timing"

    def _on_panel_changed(self, choice: TimingChoice) -> None:
        assert self._panel is not None
        self.set_choice(choice, self._panel.selected_preset_id() or CUSTOM)

    def _on_preset_deleted(self, item: NamedPattern) -> None:
        self._fill_presets()

        def undo() -> None:
            self.book.restore(item)
            self._fill_presets()
            if self._panel is not None:
                self._panel.refresh_presets()
            self._notice(f"“{item.name}” is back.")

        self._notice(f"Deleted “{item.name}”.", "Undo", undo)

    def _export_presets(self, items: list[NamedPattern]) -> None:
        self.presets_export_requested.emit(items)

    def _import_presets(self) -> None:
        self.import_requested.emit()  # what is imported reloads the presets

    def reload_presets(self) -> None:
        """After an import (from the panel or the File menu): the store has new presets."""
        self.book.reload()
        self._fill_presets()
        if self._panel is not None:
            self._panel.refresh_presets()

    # -- remembered -------------------------------------------------------------------------
    def remember(self) -> None:
        """The timing of the session that is starting, for the next start of the coach."""
        from coach.core.settings import remembered_timing

        self._settings.update(last_timing=remembered_timing(self.choice(), self.source))

    def restore(self) -> None:
        """The timing remembered in the settings (once they are read), between sessions."""
        from coach.core.settings import restored_timing

        restored = restored_timing(self._settings.current)
        if restored is None or self._session.session_active():
            return
        choice, source = restored
        self.set_choice(choice, source)
