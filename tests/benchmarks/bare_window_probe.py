"""Start-up baseline: a bare QMainWindow that reports its first paint the way the coach does.

Run as a script by `startup.py` with the coach's interpreter and environment. Prints
`painted <time.monotonic()>` at the first Paint event of the window, then quits. Only
PySide6 is imported: this is the floor the coach's start-up is measured against.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

# The coach's default size: the same number of pixels to paint and to back in memory.
WIDTH, HEIGHT = 1024, 640


class BareWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self._painted = False

    def event(self, event: QEvent) -> bool:
        # Same hook as the coach's MainWindow.event: after the base class handled the paint.
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            print(f"painted {time.monotonic():.6f}", flush=True)
            QTimer.singleShot(0, self.close)
        return handled


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = BareWindow()
    window.resize(WIDTH, HEIGHT)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
