"""The main window: wiring between the controls, the session runner and the pacer view.

Its parts are built elsewhere: the layout in `layout`, the menu bar and keys in `menus`,
the session's timers and recording in `session_driver`, the review window's upkeep in
`review_link`, the wheel in `wheel_filter`. The screens'
controllers (the guided flow, the timing flow) are given the window as a `SessionHost`
and a `PageHost`, and everything else they say arrives here as a signal.

Signals (payloads are `coach.core.session.runner` events):
    session_started(): a session left idle.
    phase_changed(PhaseChanged): a phase began (scheduled and observed times inside).
    breath_completed(BreathCompleted): a full breath ended.
    session_finished(Finished): the planned length was reached.
    session_stopped(StateChanged): the person ended the session early.
    first_painted(): the window was painted for the first time (start-up benchmark).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from coach import APP_NAME
from coach.core.breath.presets import DEFAULT_PRESET_ID, Preset, preset_by_id
from coach.core.clock import Clock, WallClock
from coach.core.session.cues import title_words
from coach.core.session.runner import (
    Event,
    Finished,
    RunnerSnapshot,
    RunState,
    SessionRunner,
    StateChanged,
)
from coach.core.session.sounds import Sound
from coach.ui.guided.flow import GuidedFlow
from coach.ui.pacer.view import PacerView
from coach.ui.settings import SettingsKeeper
from coach.ui.sound.session_audio import SessionAudio
from coach.ui.theme import system_prefers_reduced_motion
from coach.ui.timing.flow import TimingFlow
from coach.ui.widgets.notice_bar import NoticeBar
from coach.ui.window import menus as window_menus
from coach.ui.window.audio_link import AudioLink
from coach.ui.window.data_actions import DataActions
from coach.ui.window.layout import ControlRow, SideColumn, SidePanel, build_body
from coach.ui.window.recording import Recording
from coach.ui.window.review_link import ReviewLink
from coach.ui.window.session_driver import SessionDriver
from coach.ui.window.ticker import Ticker
from coach.ui.window.wheel_filter import WheelFilter

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.session.routine import GuidedEvent, RoutineRunner
    from coach.core.store.store import Store
    from coach.ui.review.review_window import ReviewWindow
    from coach.ui.start.picker import RoutinePicker

DEFAULT_LENGTH_MIN = 5.0
DEFAULT_LEAD_IN_S = 5.0
BREATH_BED_LEVEL = 0.5  # the breath sound, when on: quiet under the cues


class MainWindow(QMainWindow):
    session_started = Signal()
    phase_changed = Signal(object)
    breath_completed = Signal(object)
    session_finished = Signal(object)
    session_stopped = Signal(object)
    first_painted = Signal()

    def __init__(
        self,
        clock: Clock,
        wall: WallClock,
        settings: SettingsKeeper,
        *,
        preset_id: str = DEFAULT_PRESET_ID,
        length_min: float | None = DEFAULT_LENGTH_MIN,
        lead_in: float = DEFAULT_LEAD_IN_S,
        data_dir: Path | None = None,
        audio: SessionAudio | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`audio` plays the cues and speaks (built by the app); without it the coach is
        silent whatever the settings say (tests, or the environment said so)."""
        super().__init__(parent)
        self._clock = clock
        self._wall = wall
        self.settings = settings
        self._data_dir = data_dir
        self._lead_in = lead_in
        self.audio = AudioLink(audio, settings, self)
        self._painted = False
        self._asked_to_quit = False
        self._awaiting_store = False  # set by the app until the store is open
        self._start_when_ready = False
        self._timing_valid = True
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(800, 560)
        self.resize(1024, 640)

        self.side = SidePanel()
        self.notices = NoticeBar()
        self.pacer = PacerView()
        self.timing = TimingFlow(
            self, self, clock, wall, settings, preset_id, length_min, lead_in, parent=self
        )
        self.recording = Recording(None, wall, self)
        self.session = SessionDriver(
            clock,
            self.timing.new_runner(),
            self.recording,
            self.pacer.next_change_in,
            # Minimised windows stay "visible" to Qt: no frames for them either.
            lambda: self.isVisible() and not self.isMinimized(),
            parent=self,
        )
        self.guide = GuidedFlow(self, self, clock, wall, settings, lead_in, parent=self)
        self.picker: RoutinePicker | None = None  # built once the routines are loaded
        self.review_link = ReviewLink(self, self.notices, wall)
        self.wheel_filter = WheelFilter(self, self.guide.reading_wheel)
        self.data = DataActions(None, wall, self.notices, self, self.session_active)
        self.preset_box = self.timing.preset_box
        self.length_box = self.timing.length_box
        self.length_hint = self.timing.hint
        self.controls = ControlRow(
            self.timing.preset_box,
            self.timing.length_box,
            self.timing.panel_button,
            self.timing.hint,
            self.timing.note,
        )
        self.start_button = self.controls.start_button
        self.stop_button = self.controls.stop_button
        self.nav_buttons = self.controls.nav_buttons
        self.actions_ = window_menus.build_menus(self, self.data.actions)
        self.start_action = self.actions_.start
        self.stop_action = self.actions_.stop
        self.guided_actions = list(self.actions_.guided.values())
        self.quit_action = self.actions_.quit
        self.sound_action = self.actions_.sound
        self.voice_action = self.actions_.voice
        self.export_current_action = self.actions_.export_current
        self.addActions(list(self.timing.actions))
        self._wire()

        self.side_column = SideColumn(self.side)
        body, self._slider_row = build_body(
            self.notices, self.side_column, self.pacer, self.controls.row
        )
        self.setCentralWidget(body)
        self._refresh_controls()
        self.apply_motion_preference()
        self._sync_audio_actions()
        self._render()

    def _wire(self) -> None:
        """Every connection between the window's parts, in one place."""
        session = self.session
        session.applied.connect(self._on_applied)
        session.phase_changed.connect(self.phase_changed)
        session.breath_completed.connect(self.breath_completed)
        session.session_finished.connect(self.session_finished)
        session.session_stopped.connect(self.session_stopped)
        self.recording.store_failed.connect(self._on_store_failed)
        self.recording.store_recovered.connect(self._on_store_recovered)
        self.settings.save_failed.connect(self.notices.show_notice)
        self.audio.notice.connect(self.notices.show_notice)
        self.audio.changed.connect(self._sync_audio_actions)
        self.notices.action_requested.connect(self.export_current_session)
        self.data.imported.connect(self._after_import)
        self.data.restoring.connect(self.review_link.close_pending)
        self.data.restored.connect(self._after_restore)

        guide = self.guide
        guide.notice_requested.connect(self.notices.show_notice)
        guide.page_requested.connect(self.show_side)
        guide.routine_ready.connect(self.begin_guided)
        guide.routines_changed.connect(self.refresh_routines)
        guide.session_rated.connect(self.rate_last_session)
        guide.rating_skipped.connect(self.recording.rating_skipped)
        guide.stop_requested.connect(self.request_stop)
        guide.question_closed.connect(self._keep_going)

        timing = self.timing
        timing.notice_requested.connect(self._timing_notice)
        timing.page_requested.connect(self.show_side)
        timing.free_timing_changed.connect(self.free_timing_changed)
        timing.validity_changed.connect(self.timing_validity_changed)
        timing.presets_export_requested.connect(self.data.export_presets)
        timing.import_requested.connect(self.data.import_sessions)

        actions = self.actions_
        actions.start.triggered.connect(self.toggle_session)
        actions.stop.triggered.connect(self.request_stop)
        actions.quit.triggered.connect(self.close)
        actions.about.triggered.connect(self.show_about)
        actions.export_current.triggered.connect(self.export_current_session)
        actions.sound.toggled.connect(self.audio.set_sounds)
        actions.voice.toggled.connect(self.audio.set_voice)
        for name, action in actions.cues.items():
            action.toggled.connect(lambda on, n=name: self._set_cue(n, on))
        actions.breath_bed.toggled.connect(self._set_breath_bed)
        actions.fullscreen.toggled.connect(self._set_full_screen)
        actions.reduced_motion.toggled.connect(self.set_reduced_motion)
        actions.shortcuts.triggered.connect(self.show_shortcuts)
        actions.safety.triggered.connect(guide.ask_safety_again)
        actions.info.triggered.connect(lambda: guide.show_info(self.selected_routine()))
        actions.history.triggered.connect(lambda: self.open_review("history"))
        actions.trends.triggered.connect(lambda: self.open_review("trends"))
        for how in ("next", "back", "repeat", "skip"):
            actions.guided[how].triggered.connect(lambda _=False, h=how: guide.navigate(h))
            self.nav_buttons[how].clicked.connect(lambda _=False, h=how: guide.navigate(h))
        actions.guided["stronger"].triggered.connect(lambda: guide.reading_step(+1))
        actions.guided["softer"].triggered.connect(lambda: guide.reading_step(-1))
        for digit in range(10):
            actions.guided[f"digit-{digit}"].triggered.connect(
                lambda _=False, d=digit: self._digit(d)
            )
        self.start_button.clicked.connect(self._start_clicked)
        self.stop_button.clicked.connect(self.request_stop)

    def _start_clicked(self) -> None:
        held_for = self.runner.held_for
        if held_for == "question":
            self.guide.close_stop_bar()
            self._keep_going()
        elif held_for == "guidance":
            self.guide.begin_technique()
        elif held_for == "info":
            self.guide.close_info()
        else:
            self.toggle_session()

    def _timing_notice(self, text: str, action: str, callback: object) -> None:
        if action and callable(callback):
            self.notices.show_notice(text, action, callback)
        else:
            self.notices.show_notice(text)

    def _digit(self, digit: int) -> None:
        """A digit key: the rating card's answer when it is up, else the pressure feel."""
        if self.guide.rating_open():
            self.guide.rating.handle_key(int(Qt.Key.Key_0) + digit)
        else:
            self.guide.reading_digit(digit)

    def set_sound(self, on: bool) -> None:
        """M: every sound on or off, remembered."""
        self.sound_action.setChecked(on)

    def _set_cue(self, name: str, on: bool) -> None:
        current = self.settings.current.cues
        cues = set(current) if current is not None else {sound.value for sound in Sound}
        cues = cues | {name} if on else cues - {name}
        self.settings.update(cues=sorted(cues))
        self.audio.apply_settings()

    def _set_breath_bed(self, on: bool) -> None:
        self.settings.update(breath_bed=BREATH_BED_LEVEL if on else 0.0)
        self.audio.apply_settings()

    def _sync_audio_actions(self) -> None:
        """The menus and the screen say what is heard (after a key, a setting, a failure)."""
        current = self.settings.current
        enabled = set(current.cues) if current.cues is not None else None
        pairs = [
            (self.sound_action, bool(current.sound)),
            (self.voice_action, self.audio.voice_on()),
            (self.actions_.breath_bed, bool(current.breath_bed)),
        ]
        pairs += [
            (action, enabled is None or name in enabled)
            for name, action in self.actions_.cues.items()
        ]
        for action, on in pairs:
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        self.pacer.set_sound_state(self.audio.sounds_on(), self.audio.voice_on())

    def set_reduced_motion(self, on: bool) -> None:
        """View > Reduced motion: a still pacer (a filling bar and words), remembered."""
        self.pacer.set_reduced_motion(on)
        if self.settings.loaded:
            self.settings.update(reduced_motion=on)

    def apply_motion_preference(self) -> None:
        """The person's choice, or the desktop's where they made none (Qt 6.12+)."""
        chosen = self.settings.current.reduced_motion
        on = system_prefers_reduced_motion() if chosen is None else chosen
        self.pacer.set_reduced_motion(on)
        action = self.actions_.reduced_motion
        action.blockSignals(True)
        action.setChecked(on)
        action.blockSignals(False)

    def _set_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def show_shortcuts(self) -> None:
        from coach.ui.window.shortcut_sheet import ShortcutSheet

        ShortcutSheet(self.actions_, self).open()

    # -- intents --------------------------------------------------------------------------
    def toggle_session(self) -> None:
        """Space: start, skip the lead-in, pause or resume, by the runner's state."""
        if self._awaiting_store and self.runner.state is RunState.IDLE:
            self._start_when_ready = True  # a few milliseconds: start once it can be recorded
            return
        if self.runner.held_for == "guidance" and self.guide.guidance_open():
            self.guide.begin_technique()  # Space is what the card says begins
            return
        if self._question_on_screen() or self.runner.held:
            return  # a question is on screen: it is answered (or skipped) first
        idle = self.runner.state in (RunState.IDLE, RunState.FINISHED, RunState.STOPPED)
        routine_id = self.selected_routine()
        if idle and routine_id:
            self.guide.start(routine_id)
            return
        if idle and not self._timing_valid:
            self.notices.show_notice("The timing has a value that can't be used; see the panel.")
            return
        if self.runner.state in (RunState.FINISHED, RunState.STOPPED) or (
            idle and self._is_guided()
        ):
            self.runner = self.timing.new_runner()
        was_idle = self.runner.state is RunState.IDLE
        now = self._clock.now()
        if was_idle:
            self.recording.begin(self.runner, self.timing.source or "custom")
            if self.settings.loaded:
                self.timing.remember()
        self.session.apply(self.runner.toggle(now), now)
        if was_idle and self.runner.state is not RunState.IDLE:
            self.session_started.emit()

    def start_session(self) -> None:
        if self.runner.state is not RunState.IDLE:
            return
        self.toggle_session()

    def stop_session(self, reason: str = "stopped by the user") -> None:
        self.session.apply(self.runner.stop(reason, self._clock.now()))

    def request_stop(self) -> None:
        """Esc or Stop: during a session pause at once and ask why (one click or one key);
        Esc again keeps going from where it paused. In the cool-down the reason is known:
        Esc ends it without asking."""
        if self.guide.rating_open():
            self.guide.rating.handle_key(Qt.Key.Key_Escape)
            return
        if self.guide.info_open():
            self.guide.close_info()  # Esc leaves the technique's page, back where it was
            return
        if self.guide.stop_bar_open():
            self.guide.close_stop_bar()
            self._keep_going()
            return
        if self.session_active():
            if not self.runner.needs_reason():
                self.session.apply(self.runner.end_cool_down(self._clock.now()))
                return
            # (Held already for the word before a technique: now for the question.)
            self.session.apply(self.runner.hold_for_question(self._clock.now()))
            self.guide.ask_stop_reason()
        elif not self.side.showing("picker") and not self._is_guided_view():
            self.guide.cancel_pending()

    def _keep_going(self) -> None:
        """The stop question closed without a reason: on from where it paused (or back to
        the word before a technique, which still holds the session)."""
        if self.guide.guidance_open():
            self.runner.hold_for_question(self._clock.now(), "guidance")
            self._render()
            return
        self.session.apply(self.runner.release_hold(self._clock.now()))

    # -- the session ----------------------------------------------------------------------
    @property
    def clock(self) -> Clock:
        """The session's clock (monotonic seconds)."""
        return self._clock

    @property
    def runner(self) -> SessionRunner:
        """The session under way, or the one Start would run."""
        return self.session.runner

    @runner.setter
    def runner(self, runner: SessionRunner) -> None:
        self.session.runner = runner

    @property
    def ticker(self) -> Ticker:
        return self.session.ticker

    def begin_guided(self, runner: RoutineRunner, rating_before: int | None) -> None:
        """Run a routine (the guide asked everything it had to ask first)."""
        self.runner = runner
        self.place_side("step", self.guide.step_panel)
        self.show_side("step")
        now = self._clock.now()
        self.recording.begin(runner, runner.plan.routine_id, "routine", rating_before)
        self.session.apply(runner.toggle(now), now)
        self.session_started.emit()

    def apply_events(self, events: Sequence[Event | GuidedEvent]) -> None:
        self.session.apply(events)

    def rate_last_session(self, after: int) -> None:
        self.recording.rate(after=after)
        self.review_link.refresh_if_visible()  # the "after" shows in history and trends

    def place_side(self, name: str, widget: QWidget) -> None:
        self.side.place(name, widget)

    def show_side(self, name: str) -> None:
        if name == "timing":
            self.choose_routine("")  # the timing panel is free breathing's
        self.side.show_page(name)
        self._refresh_controls()

    def place_bar(self, widget: QWidget, takes_column: bool = False) -> None:
        self.side_column.add_prompt(widget, takes_column)

    def place_slider(self, widget: QWidget) -> None:
        self._slider_row.addWidget(widget)
        self._sync_slider()

    def _sync_stepping(self) -> None:
        """Back, Next, Repeat and Skip, and the guided keys: only while they can work (not
        in the settle-in's idle, not in the cool-down)."""
        stepping = (
            self._is_guided()
            and self.runner.state in (RunState.RUNNING, RunState.PAUSED)
            and self.runner.safety_stop is None
        )
        for button in self.nav_buttons.values():
            if button.isHidden() == stepping:  # (isHidden: what was asked, shown yet or not)
                button.setVisible(stepping)
        guided = self._is_guided() and self.session_active()
        for name, action in self.actions_.guided.items():
            steps = name in ("next", "back", "repeat", "skip")
            action.setEnabled(stepping if steps else guided)

    def _sync_slider(self) -> None:
        """The slider shows only while a technique's step takes readings."""
        slider = self.guide.slider_if_built()
        if slider is not None:
            # Always said outright: a widget just placed in a layout is shown by it later
            # unless it was told otherwise.
            slider.setVisible(self.session_active() and self.guide.readings_open())

    def refresh_routines(self) -> None:
        """Fill (or refill) the start screen from the guide's library and safety answer."""
        picker = self._ensure_picker()
        chosen = picker.selected_id()
        picker.set_routines(self.guide.summaries())
        if chosen is not None:
            picker.select(chosen)
        if picker.selected_id() != chosen:
            self._on_routine_selected(picker.selected_id() or "")  # it is gone now

    def _ensure_picker(self) -> RoutinePicker:
        if self.picker is None:
            from coach.ui.start.picker import RoutinePicker

            self.picker = RoutinePicker()
            self.picker.routine_activated.connect(self._on_routine_activated)
            self.picker.routine_selected.connect(self._on_routine_selected)
            self.side.replace_start_page(self.picker)
            self.picker.set_enabled_choice(not self.session_active())
        return self.picker

    def selected_routine(self) -> str:
        """The routine chosen on the start screen; "" for free breathing."""
        return "" if self.picker is None else (self.picker.selected_id() or "")

    def _is_guided(self) -> bool:
        return self.runner.kind == "routine"

    def _is_guided_view(self) -> bool:
        return self.side.showing("step")

    def choose_routine(self, routine_id: str) -> bool:
        """Select a routine on the start screen as a click would ("" for free breathing)."""
        if not self._ensure_picker().select(routine_id):
            return False
        self._on_routine_selected(routine_id)
        return True

    def _on_routine_selected(self, routine_id: str) -> None:
        if not self.session_active():
            # The pacer previews what Start will run: its breaths and its length.
            preview = self.guide.preview(routine_id) if routine_id else None
            self.runner = preview or self.timing.new_runner()
            self._render()
        self._refresh_controls()

    def _on_routine_activated(self, routine_id: str) -> None:
        if not self.session_active():
            self.toggle_session()

    def select_preset(self, preset_id: str) -> None:
        index = self.preset_box.findData(preset_id)
        if index < 0:
            raise KeyError(preset_id)
        self.preset_box.setCurrentIndex(index)

    def session_active(self) -> bool:
        return self.runner.state in (RunState.LEAD_IN, RunState.RUNNING, RunState.PAUSED)

    def current_preset(self) -> Preset:
        """The built-in preset picked (calm when the pattern is custom or the person's own)."""
        try:
            return preset_by_id(str(self.preset_box.currentData()))
        except KeyError:
            return preset_by_id(DEFAULT_PRESET_ID)

    def free_timing_changed(self) -> None:
        """The free-breathing timing changed between sessions: rebuild what Start runs."""
        if not self.session_active() and not self.selected_routine():
            self.runner = self.timing.new_runner()
            self._refresh_controls()
            self._render()

    def timing_validity_changed(self, valid: bool) -> None:
        self._timing_valid = valid
        self._refresh_controls()

    def is_guided(self) -> bool:
        return self._is_guided()

    def side_page(self) -> str:
        return self.side.current_name()

    def show_about(self) -> None:
        window_menus.show_about(self, self._data_dir)

    def refresh(self) -> None:
        """Catch up with the clock now (also what every tick does)."""
        self.session.tick(self._clock.now())

    def _on_applied(self, events: list[Event], snapshot: RunnerSnapshot, render: bool) -> None:
        """What the screens show of a step of the session (see SessionDriver.apply)."""
        self._sync_title(snapshot)
        if any(isinstance(event, StateChanged) for event in events):
            self._refresh_controls()
        if render or events:
            self.pacer.show_snapshot(snapshot)
            self.guide.show_snapshot(snapshot)
            self.timing.on_snapshot(snapshot.pacer.breath_index, snapshot.state)
        if events and self._is_guided():
            self._sync_slider()
            self._sync_stepping()
        if events:
            self.guide.on_events(events)
            self.audio.on_events(self.runner, events)
            ended = any(
                isinstance(e, Finished)
                or (isinstance(e, StateChanged) and e.new is RunState.STOPPED)
                for e in events
            )
            if ended:
                self.review_link.refresh_if_visible()  # the session just recorded shows up

    # -- the store ------------------------------------------------------------------------
    def expect_store(self) -> None:
        """The store is on its way: hold a session start until it is attached."""
        self._awaiting_store = True

    def attach_store(self, store: Store | None, notices: Sequence[str] = ()) -> None:
        """Give the window its store once it is open (the app: after the first paint)."""
        self.recording.store = store
        self.data.set_store(store)
        self.timing.attach_store(store)
        if store is None and notices:
            self.recording.mark_unavailable(notices[0])
        self.show_notices(notices)
        self._awaiting_store = False
        if self._start_when_ready:
            self._start_when_ready = False
            self.start_session()

    def attach_content(self, library: Library, notices: Sequence[str] = ()) -> None:
        """Techniques and routines, read by the app after the first paint with the settings
        (`notices`: what reading them found); the start screen fills in."""
        self.show_notices(list(notices) + self.guide.set_library(library))
        self.audio.apply_settings()
        self.audio.prepare()
        self.apply_motion_preference()
        self.timing.restore()
        self.refresh_routines()

    def show_notices(self, notices: Sequence[str]) -> None:
        for text in notices:
            self.notices.show_notice(text)

    @property
    def review(self) -> ReviewWindow | None:
        """The review window, once it has been opened."""
        return self.review_link.review

    def open_review(self, page: str = "history") -> ReviewWindow | None:
        """History or trends in a window of their own (pyqtgraph loads now, not at start)."""
        store, library = self.recording.store, self.guide.library
        return self.review_link.open(store, library, page, self._awaiting_store)

    def _after_restore(self) -> None:
        self.timing.reload_presets()
        self.review_link.refresh(reopen=True)  # a session shown may read differently now

    def _after_import(self) -> None:
        self.timing.reload_presets()
        self.review_link.refresh()

    def export_current_session(self) -> Path | None:
        """Save what the store could not take (or the last session) to a file of choice."""
        logs = self.recording.unsaved_logs() or (
            [self.recording.log] if self.recording.log is not None else []
        )
        return self.data.export_logs(logs)

    def _on_store_failed(self, message: str) -> None:
        self.notices.show_notice(message, "Export this session…")

    def _on_store_recovered(self) -> None:
        self.notices.show_notice("Saving works again: everything held in memory is now stored.")

    def _sync_title(self, snapshot: RunnerSnapshot) -> None:
        """The window title (and so the taskbar) says the phase and the time left, for a
        glance at a session minimised or behind other windows."""
        words = title_words(snapshot)
        title = f"{words} — {APP_NAME}" if words else APP_NAME
        if title != self.windowTitle():
            self.setWindowTitle(title)

    def _render(self) -> None:
        self.pacer.show_snapshot(self.session.refresh_snapshot())

    def sound_on(self) -> bool:
        """Sounds are on (M; remembered in the settings)."""
        return self.audio.sounds_on()

    def _question_on_screen(self) -> bool:
        """The safety checklist, a rating card, the word before a technique or a
        technique's page is the side panel's page: it takes the keys."""
        return self.side.current_name() in ("checklist", "rating", "guidance", "info")

    def _refresh_controls(self) -> None:
        state = self.runner.state
        labels = {
            RunState.IDLE: "Start",
            RunState.LEAD_IN: "Begin now",
            RunState.RUNNING: "Pause",
            RunState.PAUSED: "Resume",
            RunState.FINISHED: "Start again",
            RunState.STOPPED: "Start again",
        }
        # Space does what the screen says, and only that: while a question is up (the
        # safety checklist, a rating, why are you stopping) the answer takes the keys.
        asking = self._question_on_screen()
        notes = {
            "checklist": "Answer the safety questions first.",
            "rating": "Give a number, or Esc to skip.",
            "info": "Esc goes back.",
        }
        idle_now = state in (RunState.IDLE, RunState.FINISHED, RunState.STOPPED)
        self.pacer.set_note(notes.get(self.side_page(), "") if idle_now else "")
        self._render()
        held_words = {
            "question": "Keep going  (Esc)",
            "guidance": "Begin  (Space)",
            "info": "Back  (Esc)",
        }
        if self.runner.held_for:
            self.start_button.setText(held_words[self.runner.held_for])
        else:
            self.start_button.setText(labels[state] if asking else f"{labels[state]}  (Space)")
        self.start_action.setText(labels[state])
        in_session = state in (RunState.LEAD_IN, RunState.RUNNING, RunState.PAUSED)
        self.stop_button.setEnabled(in_session)
        # Esc also leaves a technique's page or skips a rating between sessions.
        self.stop_action.setEnabled(
            in_session or self.guide.info_open() or self.guide.rating_open()
        )
        free = not self.selected_routine()
        guided_pick = not free
        for widget in self.controls.choice_widgets:
            # Pattern and length belong to free breathing; a routine brings its own.
            widget.setVisible(free and not (in_session and self._is_guided()))
            widget.setEnabled(not in_session)
        if self.picker is not None:
            self.picker.set_enabled_choice(not in_session)
        guided = self._is_guided() and in_session
        self.wheel_filter.watch(guided)
        self._sync_stepping()
        self._sync_slider()
        # Free breathing: the pacer gets the whole width (a prompt still shows).
        self.side_column.set_pages_wanted(
            not (in_session and not guided and self.side_page() != "timing")
        )
        over = state in (RunState.FINISHED, RunState.STOPPED)
        if over and self._is_guided_view() and not self.guide.rating_open():
            self.side.show_page("picker")  # back to the start
        self.timing.refresh_hint()
        idle = state in (RunState.IDLE, RunState.FINISHED, RunState.STOPPED)
        self.start_button.setEnabled(
            bool(self.runner.held_for)
            or (not asking and not (idle and not self._timing_valid and not guided_pick))
        )
        self.timing.slower_action.setEnabled(not self._is_guided() or not in_session)
        self.timing.faster_action.setEnabled(not self._is_guided() or not in_session)
        self.export_current_action.setEnabled(self.recording.log is not None)

    # -- Qt overrides ---------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.first_painted.emit()
        return handled

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.session.sync_timers()
        self._render()

    def hideEvent(self, event: QHideEvent) -> None:
        # Hidden or minimised: no frames wanted. The clock keeps the session's time anyway.
        self.ticker.stop()
        super().hideEvent(event)

    def quit_without_asking(self) -> None:
        """Close for the system (SIGTERM, logout): no questions, the session ends stopped."""
        self._asked_to_quit = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        asked = self._asked_to_quit
        # With the store already failing, ask before anything ends: Cancel keeps it all.
        answered = self.recording.unsaved and not asked
        if answered and not self._confirm_close_unsaved():
            event.ignore()
            return
        if self.session_active():
            self.stop_session("the coach was asked to quit" if asked else "window closed")
        self.session.stop_timers()
        self.wheel_filter.watch(False)
        self.review_link.close()  # deletions waiting on Undo happen now
        if self.recording.unsaved:
            if asked:
                # No one to ask (SIGTERM, logout): write it where it can be found.
                for path in self.recording.rescue(self._data_dir or Path.home()):
                    print(
                        f"coach: a session the store could not take is in {path}", file=sys.stderr
                    )
            elif not answered and not self._confirm_close_unsaved():
                event.ignore()
                return
        self.recording.stop_retrying()
        super().closeEvent(event)

    def _confirm_close_unsaved(self) -> bool:
        return self.data.confirm_close_unsaved(self.export_current_session)
