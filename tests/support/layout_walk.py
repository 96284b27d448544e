"""Walk every guided state at one window size and say what the layout check finds.

Used in-process by tests/ui/window/test_layout.py, and as a child process for sizes that
need another device pixel ratio (Qt reads the scale factor once, before the application):

    QT_SCALE_FACTOR=2 python -m tests.support.layout_walk 1920x1080 light
"""

from __future__ import annotations

import json
import os
import sys

from coach.core.clock import FakeClock, FakeWallClock
from coach.ui.staging import GUIDED_STATES, stage
from tests.support.layout_check import problems

RUNNING_STATES = frozenset({"step", "ease-off", "stop-offer", "side-change", "cool-down"})


def walk(width: int, height: int, theme: str) -> dict[str, list[str]]:
    """Each state in a fresh window of `width` x `height` (logical pixels)."""
    from PySide6.QtWidgets import QApplication

    from coach.ui.app import read_content
    from coach.ui.settings import SettingsKeeper
    from coach.ui.theme import make_palette
    from coach.ui.window.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setPalette(make_palette(theme))
    found: dict[str, list[str]] = {}
    content = read_content(None)
    for state in GUIDED_STATES:
        clock = FakeClock()
        settings = SettingsKeeper(None)
        window = MainWindow(clock, FakeWallClock(), settings, lead_in=5.0)
        window.resize(width, height)
        window.show()
        window.attach_content(content, settings.load())
        window.notices.clear()
        stage(window, clock, state)
        for _ in range(5):  # layouts settle over a few turns of the event loop
            app.sendPostedEvents()
            app.processEvents()
        if (window.width(), window.height()) != (width, height):
            found[state] = [f"the window is {window.width()}x{window.height()}"]
        found[state] = found.get(state, []) + problems(window, state in RUNNING_STATES)
        window.quit_without_asking()
        window.deleteLater()
        app.processEvents()
    return found


def main(argv: list[str]) -> int:
    from coach.ui.app import make_application

    width, height = (int(n) for n in argv[1].split("x"))
    app = make_application(argv[:1], argv[2])
    print(json.dumps(walk(width, height, argv[2])))
    app.processEvents()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main(sys.argv))
