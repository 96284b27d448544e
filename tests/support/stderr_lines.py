"""What a child process's stderr may hold, and what fails a test.

Tests that start the coach as a real process (the command line, the window under Xvfb)
read its stderr. Two kinds of lines appear there:

- Lines that point at the coach: a Python traceback or warning, a fatal error, or a Qt
  warning about how the coach uses Qt (`QObject::connect: ...`, `QWidget::...`,
  `QPainter::...`). Each is a bug to fix, so it fails the test.
- Lines in which Qt describes the machine it runs on, under a logging category for the
  platform, fonts, multimedia or accessibility (`qt.qpa.xcb: ...`, `qt.multimedia...`).
  Which of them appear depends on the machine, its libraries and the Qt release, not on
  the coach, so they are let through.
"""

from __future__ import annotations

import re

# Qt's logging categories for the machine around the app: the windowing system, fonts,
# input methods, sound, D-Bus and accessibility bridges.
# QStandardPaths speaks of the runtime folder the session gave the process (or did not).
MACHINE_LINES = re.compile(
    r"^(qt\.(qpa|text\.font|multimedia|accessibility|dbus|glx|xkb)[\w.]*: |QStandardPaths: )"
)


def complaints(stderr: str) -> list[str]:
    """The lines of `stderr` that say something is wrong with the coach."""
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not MACHINE_LINES.match(line.strip())
    ]
