"""The main window's menu bar, its actions and the keys behind them.

Built once, when the window is. This module only makes the actions and fills the menus;
the window connects them (it is the one wiring place) and turns them on and off as a
session goes. Every key works with the menu bar hidden too: the actions are added to the
window itself as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget

from coach import APP_NAME, __version__
from coach.core.content.safety import WELLNESS_NOTE
from coach.core.session.sounds import MEANING, Sound

#: The guided session's keys, in menu order: the hands are busy, so everything has a key.
GUIDED_KEYS: tuple[tuple[str, str, str], ...] = (
    ("next", "Next step", "Right"),
    ("back", "Previous step", "Left"),
    ("repeat", "Repeat step", "R"),
    ("skip", "Skip technique", "S"),
    ("stronger", "Stronger", "Up"),
    ("softer", "Softer", "Down"),
    *((f"digit-{d}", f"Feels like {d}", str(d)) for d in range(10)),
)


@dataclass(frozen=True)
class WindowActions:
    """Every action of the window's menus and keys."""

    start: QAction
    stop: QAction
    guided: dict[str, QAction]
    """By name: next, back, repeat, skip, stronger, softer, digit-0 … digit-9."""
    quit: QAction
    sound: QAction
    export_current: QAction
    safety: QAction
    history: QAction
    trends: QAction
    about: QAction
    info: QAction
    voice: QAction
    cues: dict[str, QAction]
    """One per cue (`Sound` values), checkable."""
    breath_bed: QAction
    fullscreen: QAction
    reduced_motion: QAction
    shortcuts: QAction


def with_fallback(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """Qt's standard Quit/Preferences keys are empty on Linux and Windows: add our own."""
    keys = list(QKeySequence.keyBindings(standard))
    extra = QKeySequence(fallback)
    if extra not in keys:
        keys.append(extra)
    return keys


def build_menus(window: QMainWindow, file_actions: list[QAction]) -> WindowActions:
    """Make the window's actions and fill its menu bar: File, Session, Sound, View, Review
    and Help."""
    export_current = QAction("Export &this session…", window)
    start = QAction("Start", window)
    start.setShortcut(QKeySequence(Qt.Key.Key_Space))
    start.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    stop = QAction("Stop…", window)
    stop.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    guided = _make_guided_actions(window)
    quit_action = QAction("Quit", window)
    quit_action.setShortcuts(with_fallback(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
    about_action = QAction(f"About {APP_NAME}", window)
    for action in (start, stop, quit_action):
        window.addAction(action)  # shortcuts work even with the menu bar hidden

    menu = window.menuBar()
    file_menu = menu.addMenu("&File")
    for action in file_actions:
        file_menu.addAction(action)
    file_menu.addAction(export_current)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)
    session_menu = menu.addMenu("&Session")
    session_menu.addAction(start)
    session_menu.addAction(stop)
    session_menu.addSeparator()
    for name, _text, _key in GUIDED_KEYS[:6]:
        session_menu.addAction(guided[name])
    session_menu.addSeparator()
    safety_action = QAction("Safety questions…", window)
    session_menu.addAction(safety_action)
    info_action = QAction("About this technique", window)
    info_action.setShortcut(QKeySequence("I"))
    info_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    session_menu.addAction(info_action)
    window.addAction(info_action)
    sound, voice, cues, breath_bed = _sound_menu(window)
    view_menu = menu.addMenu("&View")
    fullscreen = QAction("&Full screen", window)
    fullscreen.setCheckable(True)
    fullscreen.setShortcuts(with_fallback(QKeySequence.StandardKey.FullScreen, "F11"))
    reduced_motion = QAction("&Reduced motion (a still pacer)", window)
    reduced_motion.setCheckable(True)
    for action in (fullscreen, reduced_motion):
        view_menu.addAction(action)
        window.addAction(action)
    review_menu = menu.addMenu("&Review")
    history_action = QAction("&History", window)
    history_action.setShortcut(QKeySequence("Ctrl+H"))
    trends_action = QAction("&Trends", window)
    trends_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
    for action in (history_action, trends_action):
        review_menu.addAction(action)
        window.addAction(action)
    help_menu = menu.addMenu("&Help")
    shortcuts = QAction("&Keyboard shortcuts", window)
    shortcuts.setShortcuts([QKeySequence("F1"), QKeySequence("?")])
    shortcuts.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.addAction(shortcuts)
    help_menu.addAction(shortcuts)
    help_menu.addAction(about_action)
    return WindowActions(
        start,
        stop,
        guided,
        quit_action,
        sound,
        export_current,
        safety_action,
        history_action,
        trends_action,
        about_action,
        info_action,
        voice,
        cues,
        breath_bed,
        fullscreen,
        reduced_motion,
        shortcuts,
    )


def _sound_menu(window: QMainWindow) -> tuple[QAction, QAction, dict[str, QAction], QAction]:
    """Sounds (M), the voice (V), each cue, the breath sound."""
    menu = window.menuBar().addMenu("S&ound")
    sound = QAction("&Sounds", window)
    sound.setCheckable(True)
    sound.setShortcut(QKeySequence("M"))
    voice = QAction("&Voice: read the steps aloud", window)
    voice.setCheckable(True)
    voice.setShortcut(QKeySequence("V"))
    for action in (sound, voice):
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        menu.addAction(action)
        window.addAction(action)
    menu.addSeparator()
    cue_menu = menu.addMenu("&Cues")
    cues: dict[str, QAction] = {}
    for cue in Sound:
        action = QAction(MEANING[cue][:1].upper() + MEANING[cue][1:], window)
        action.setCheckable(True)
        cue_menu.addAction(action)
        cues[cue.value] = action
    breath_bed = QAction("&Breath sound that follows the pacer", window)
    breath_bed.setCheckable(True)
    menu.addAction(breath_bed)
    return sound, voice, cues, breath_bed


def _make_guided_actions(window: QWidget) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for name, text, key in GUIDED_KEYS:
        action = QAction(text, window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setEnabled(False)
        window.addAction(action)
        actions[name] = action
    return actions


def about_text(data_dir: Path | None) -> str:
    """Help > About, as rich text: what the coach is and is not, and its sources."""
    from html import escape

    from coach.core.content.guidance import SOURCES

    # The DOIs as text, not links: the coach opens nothing on the network, not even a
    # browser; anyone can look them up.
    sources = "".join(
        f"<li>{escape(source.citation)} doi:{escape(source.doi)}</li>" for source in SOURCES
    )
    folder = "" if data_dir is None else f"<p>Your data folder: {escape(str(data_dir))}</p>"
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>A pacer for slow belly breathing, and step-by-step guidance for easing the "
        "psoas and the hip flexors yourself: with a ball, an arched massage tool, your hands, "
        "a foam roller, a low lunge and the pigeon pose, each step paced by the breath.</p>"
        f"<p>{escape(WELLNESS_NOTE)}</p>"
        "<p>It is not a treatment and not a diagnosis: it cannot tell whether pressure is "
        "safe for you. Stop at once on sharp pain, tingling or numbness, a pulse under your "
        "hand or tool, or dizziness, and ask a doctor if it does not pass.</p>"
        "<p>What the techniques draw on:</p>"
        f"<ul>{sources}</ul>"
        "<p>Everything stays on this computer. The coach opens no network connection.</p>" + folder
    )


def show_about(parent: QWidget, data_dir: Path | None) -> None:
    from PySide6.QtWidgets import QMessageBox  # rarely needed: keep it off start-up

    QMessageBox.about(parent, f"About {APP_NAME}", about_text(data_dir))
