"""Remember every QTimer started while a test runs, to find the ones left running."""

from __future__ import annotations

import weakref
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer


class TimerWatch:
    def __init__(self) -> None:
        self._started: list[weakref.ref[QTimer]] = []
        self._original = QTimer.start

    def __enter__(self) -> TimerWatch:
        started = self._started
        original = self._original

        def start(timer: QTimer, *args: Any) -> None:
            started.append(weakref.ref(timer))
            original(timer, *args)

        QTimer.start = start  # type: ignore[method-assign]
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        QTimer.start = self._original  # type: ignore[method-assign]

    def active(self) -> list[str]:
        app = QCoreApplication.instance()
        if app is not None:
            # Let deferred deletes and close events land before judging.
            app.processEvents()
        found = []
        for ref in self._started:
            timer = ref()
            try:
                if timer is not None and timer.isActive():
                    found.append(_describe(timer))
            except RuntimeError:  # the C++ side is already gone: not running
                continue
        return found


def _describe(timer: QTimer) -> str:
    parent = timer.parent()
    owner = type(parent).__name__ if parent is not None else "no parent"
    return f"QTimer({timer.interval()} ms, owner {owner})"
