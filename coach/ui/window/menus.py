"""The main window's menu bar, its actions and the keys behind them.

Built once, when the window is; the window keeps the actions it turns on and off as a
session goes (Start and Stop, the guided keys, the chime). Every key works with the menu
bar hidden too: the actions are added to the window itself as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from coach import APP_NAME, __version__
from coach.core.content.safety import WELLNESS_NOTE

if TYPE_CHECKING:
    from coach.ui.guided.flow import GuidedFlow
    from coach.ui.window.main_window import MainWindow


@dataclass(frozen=True)
class WindowActions:
    """The actions the window keeps: their state follows the session."""

    start: QAction
    stop: QAction
    guided: list[QAction]
    quit: QAction
    sound: QAction
    export_current: QAction


def with_fallback(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """Qt's standard Quit/Preferences keys are empty on Linux and Windows: add our own."""
    keys = list(QKeySequence.keyBindings(standard))
    extra = QKeySequence(fallback)
    if extra not in keys:
        keys.append(extra)
    return keys


def build_menus(window: MainWindow) -> WindowActions:
    """Make the window's actions and fill its menu bar: File, Session, Review and Help."""
    export_current = QAction("Export &this session…", window)
    export_current.triggered.connect(window.export_current_session)
    start = QAction("Start", window)
    start.setShortcut(QKeySequence(Qt.Key.Key_Space))
    start.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    start.triggered.connect(window.toggle_session)
    stop = QAction("Stop…", window)
    stop.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    stop.triggered.connect(window.request_stop)
    guided = _make_guided_actions(window, window.guide)
    quit_action = QAction("Quit", window)
    quit_action.setShortcuts(with_fallback(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
    quit_action.triggered.connect(window.close)
    about_action = QAction(f"About {APP_NAME}", window)
    about_action.triggered.connect(window.show_about)
    for action in (start, stop, quit_action):
        window.addAction(action)  # shortcuts work even with the menu bar hidden

    menu = window.menuBar()
    file_menu = menu.addMenu("&File")
    for action in window.data.actions:
        file_menu.addAction(action)
    file_menu.addAction(export_current)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)
    session_menu = menu.addMenu("&Session")
    session_menu.addAction(start)
    session_menu.addAction(stop)
    session_menu.addSeparator()
    for action in guided[:6]:
        session_menu.addAction(action)
    session_menu.addSeparator()
    sound = QAction("Chime between steps", window)
    sound.setCheckable(True)
    sound.setChecked(window.guide.sound_on)
    sound.toggled.connect(window.guide.set_sound)
    session_menu.addAction(sound)
    safety_action = QAction("Safety questions…", window)
    safety_action.triggered.connect(window.guide.ask_safety_again)
    session_menu.addAction(safety_action)
    review_menu = menu.addMenu("&Review")
    history_action = QAction("&History", window)
    history_action.setShortcut(QKeySequence("Ctrl+H"))
    history_action.triggered.connect(lambda: window.open_review("history"))
    trends_action = QAction("&Trends", window)
    trends_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
    trends_action.triggered.connect(lambda: window.open_review("trends"))
    for action in (history_action, trends_action):
        review_menu.addAction(action)
        window.addAction(action)
    help_menu = menu.addMenu("&Help")
    help_menu.addAction(about_action)
    return WindowActions(start, stop, guided, quit_action, sound, export_current)


def _make_guided_actions(window: QWidget, guide: GuidedFlow) -> list[QAction]:
    """Keys for a guided session: the hands are busy, so everything has a key."""
    specs: list[tuple[str, list[str], object]] = [
        ("Next step", ["Right"], lambda: guide.navigate("next")),
        ("Previous step", ["Left"], lambda: guide.navigate("back")),
        ("Repeat step", ["R"], lambda: guide.navigate("repeat")),
        ("Skip technique", ["S"], lambda: guide.navigate("skip")),
        ("Stronger", ["Up"], lambda: guide.reading_step(+1)),
        ("Softer", ["Down"], lambda: guide.reading_step(-1)),
    ]
    for digit in range(10):
        specs.append(
            (f"Feels like {digit}", [str(digit)], lambda _=False, d=digit: _digit(guide, d))
        )
    actions: list[QAction] = []
    for text, keys, slot in specs:
        action = QAction(text, window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        action.setEnabled(False)
        window.addAction(action)
        actions.append(action)
    return actions


def _digit(guide: GuidedFlow, digit: int) -> None:
    if guide.rating_open():
        guide.rating.handle_key(int(Qt.Key.Key_0) + digit)
    else:
        guide.reading_digit(digit)


def show_about(parent: QWidget, data_dir: Path | None) -> None:
    from PySide6.QtWidgets import QMessageBox  # rarely needed: keep it off start-up

    QMessageBox.about(
        parent,
        f"About {APP_NAME}",
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>A calm pacer for diaphragmatic breathing, with guided psoas and hip-flexor "
        "self-massage to come.</p>"
        f"<p>{WELLNESS_NOTE}</p>"
        "<p>Everything stays on this computer. The coach opens no network connection.</p>"
        + ("" if data_dir is None else f"<p>Your data folder: {data_dir}</p>"),
    )
