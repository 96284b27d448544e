"""One running coach per data folder.

A `QLockFile` in the data folder guards the store. A second launch on the same folder
leaves a small request file there and exits; the running coach watches the folder and
comes to the front. No sockets: the coach opens no connection of any kind, not even a
local one. A lock left by a killed process names a process that no longer exists, and
QLockFile treats it as stale, so it never blocks the next start.

Signals:
    raise_requested(): another launch asked this instance to come forward.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, Signal

LOCK_NAME = "coach.lock"
REQUEST_NAME = "raise-request"


class SingleInstance(QObject):
    raise_requested = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._lock = QLockFile(str(folder / LOCK_NAME))
        # Never stale by age (a long session is not a dead one); only by a dead owner.
        self._lock.setStaleLockTime(0)
        self._watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        """True when this process now owns the folder; False when another coach does.

        A folder the lock cannot even be written to (read-only) is not another coach:
        the store reports that folder's trouble, and this one runs on in memory.
        """
        if not self._lock.tryLock(300):
            return self._lock.error() != QLockFile.LockError.LockFailedError
        # A request left over from an earlier run means nothing now.
        with contextlib.suppress(FileNotFoundError):
            (self.folder / REQUEST_NAME).unlink()
        self._watcher = QFileSystemWatcher([str(self.folder)], self)
        self._watcher.directoryChanged.connect(self._on_folder_changed)
        return True

    def ask_owner_to_come_forward(self) -> None:
        path = self.folder / REQUEST_NAME
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        try:
            os.write(fd, str(os.getpid()).encode())
        finally:
            os.close(fd)

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.removePaths(self._watcher.directories())
        self._lock.unlock()

    def _on_folder_changed(self, _path: str) -> None:
        request = self.folder / REQUEST_NAME
        if request.exists():
            with contextlib.suppress(FileNotFoundError):
                request.unlink()
            self.raise_requested.emit()
