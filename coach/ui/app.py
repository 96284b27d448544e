"""Composition root: builds the QApplication and everything the window shares (the clock,
the wall clock, the settings, then the store and the content library), and runs it.

The environment is read here and nowhere else in the app (besides `coach.cli`'s data
folder): what it says is passed down as plain values.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from coach import APP_ID, APP_NAME, __version__
from coach.core.assets import asset
from coach.core.breath.presets import DEFAULT_PRESET_ID
from coach.core.clock import MonotonicClock, SystemWallClock, WallClock
from coach.ui.settings import SettingsKeeper
from coach.ui.single_instance import SingleInstance
from coach.ui.sound.mixer import Mixer
from coach.ui.sound.session_audio import SessionAudio
from coach.ui.sound.voice import Voice
from coach.ui.theme import apply_theme, on_system_preferences_changed
from coach.ui.window.main_window import MainWindow

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.store.store import Store


@dataclass(frozen=True)
class GuiOptions:
    data_dir: Path
    theme: str = "system"
    start_preset: str | None = None


def make_audio(clock: MonotonicClock) -> SessionAudio:
    """The mixer (every cue, on time) and the voice (waiting for any cue to end)."""
    mixer = Mixer(clock)
    return SessionAudio(clock, mixer, Voice(clock, wait_for=mixer.busy_until))


def make_application(argv: list[str], theme: str) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(asset("icons", "coach.svg"))))
    apply_theme(app, theme)
    if theme == "system":
        # Follow the desktop when it switches between light and dark while we run.
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app, "system"))

    # High contrast switched on or off on the desktop: the palettes follow, live.
    def follow_contrast() -> None:
        apply_theme(app, theme)

    on_system_preferences_changed(app, follow_contrast)
    return app


class SignalBridge:
    """Turns SIGTERM/SIGINT into a clean window close inside the Qt event loop.

    Python only runs signal handlers between bytecodes, and Qt's loop sits in C; the
    handler's wake-up byte on a pipe gets the loop's attention at once. A pipe, not a
    socket pair: the coach creates no sockets at all. The handler only queues the close:
    before the event loop runs a direct close would be lost, and inside a paint it would close the
    window mid-flush.
    """

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._notifier: QSocketNotifier | None = None
        self._poll: QTimer | None = None
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self._on_signal)
        if os.name == "posix":
            read_fd, write_fd = os.pipe()
            os.set_blocking(read_fd, False)
            os.set_blocking(write_fd, False)
            self._fds: tuple[int, ...] = (read_fd, write_fd)
            signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
            self._notifier = QSocketNotifier(read_fd, QSocketNotifier.Type.Read, window)
            self._notifier.activated.connect(self._drain)
        else:  # Windows has no pipe wake-up for signals; let Python look now and then.
            self._fds = ()
            self._poll = QTimer(window)
            # The slot does nothing; running any Python at all lets the handler fire.
            self._poll.timeout.connect(lambda: None)
            self._poll.start(250)

    def _on_signal(self, signum: int, frame: object) -> None:
        QTimer.singleShot(0, self._window.quit_without_asking)

    def _drain(self) -> None:
        with contextlib.suppress(BlockingIOError):
            os.read(self._fds[0], 64)

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._poll is not None:
            self._poll.stop()
        for fd in self._fds:
            os.close(fd)
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)


def open_data(folder: Path, wall: WallClock) -> tuple[Store | None, list[str]]:
    """The store and what to tell the person about it; None when there can be no store."""
    from coach.core.store.errors import StoreError
    from coach.core.store.opening import open_store

    try:
        opened = open_store(folder, wall)
    except StoreError as error:
        return None, [str(error)]
    except OSError as error:  # the folder itself is missing or unusable
        return None, [
            f"The data folder {folder} can't be used ({error.strerror or error}). Sessions "
            "are kept in memory until you export them."
        ]
    return opened.store, opened.notices


def read_content(data_dir: Path | None) -> Library:
    """The built-in techniques and routines, and the person's own (in the data folder)."""
    from coach.core.assets import assets_dir, illustration_ids
    from coach.core.content.library import load_library, user_content_dir

    user = None if data_dir is None else user_content_dir(data_dir)
    return load_library(assets_dir() / "content", user, illustration_ids())


BACKUP_DELAY_MS = 3000


def take_daily_backup(window: MainWindow, store: Store, wall: WallClock) -> None:
    """At most daily; never while a session runs (a large store takes a second to copy)."""
    from coach.core.store.backup import maybe_backup
    from coach.core.store.errors import StoreError

    if window.session_active():
        return
    try:
        maybe_backup(store, wall)
    except StoreError as error:
        window.notices.show_notice(f"Today's backup could not be taken: {error}")


def bring_forward(window: MainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    if QGuiApplication.platformName() != "offscreen":  # which has no stacking to change
        window.raise_()
        window.activateWindow()


def run_gui(options: GuiOptions) -> int:
    app = make_application(sys.argv[:1], options.theme)
    instance = SingleInstance(options.data_dir)
    if not instance.acquire():
        instance.ask_owner_to_come_forward()
        print(
            f"coach: already running with the data folder {options.data_dir}; "
            "bringing that window forward.",
            file=sys.stderr,
        )
        return 0
    environ = os.environ
    wall = SystemWallClock()
    settings = SettingsKeeper(options.data_dir)
    clock = MonotonicClock()
    window = MainWindow(
        clock,
        wall,
        settings,
        preset_id=options.start_preset or DEFAULT_PRESET_ID,
        data_dir=options.data_dir,
        # One audio path for the window's life (its stream opens after the first paint;
        # QtMultimedia loads then, not at start-up). None in tests and wherever the
        # environment says so: no QtMultimedia, no speech engine at all.
        audio=make_audio(clock) if environ.get("COACH_SOUND", "on") != "off" else None,
    )
    instance.raise_requested.connect(lambda: bring_forward(window))
    on_system_preferences_changed(app, window.apply_motion_preference)
    bridge = SignalBridge(window)
    opened: list[Store | None] = []

    def open_store() -> None:
        # After the first paint: the window is on screen while SQLite checks the file.
        store, notices = open_data(options.data_dir, wall)
        opened.append(store)
        window.attach_store(store, notices)
        window.attach_content(read_content(options.data_dir), settings.load())
        if store is not None and not store.read_only:
            # Later still: a day's backup never delays the first breath.
            QTimer.singleShot(BACKUP_DELAY_MS, lambda: take_daily_backup(window, store, wall))

    window.expect_store()
    if options.start_preset:
        window.start_session()  # held by the window until the store is attached
    window.first_painted.connect(open_store, Qt.ConnectionType.QueuedConnection)
    if environ.get("COACH_BENCH_EXIT_ON_PAINT"):
        # Start-up benchmark: report the first paint on stdout and leave.
        def report() -> None:
            import time

            print(f"painted {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, window.close)

        window.first_painted.connect(report)
    window.show()
    try:
        status = app.exec()
    finally:
        bridge.close()
        for store in opened:
            if store is not None:
                if not store.read_only:
                    take_daily_backup(window, store, wall)  # the session is over: a good moment
                store.close()
        instance.release()
    return status
