"""Where the coach keeps its data (platformdirs by default, overridable per run), and how
its files are written there: owner-only, and whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from coach import APP_ID

ENV_DATA_DIR = "COACH_DATA_DIR"


def data_dir(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """--data-dir wins, then $COACH_DATA_DIR (from `environ`, which the entry point
    passes), then the platform's user data folder."""
    chosen = cli_value or environ.get(ENV_DATA_DIR)
    if not chosen:
        import platformdirs  # only when needed: it is a measurable part of start-up

        chosen = platformdirs.user_data_dir(APP_ID, False)
    return Path(chosen).expanduser().resolve()


def ensure_private_dir(path: Path) -> Path:
    """Create the folder owner-only (0700); tighten it if it already exists and is ours.

    Raises OSError only when the folder cannot be created; one that cannot be tightened
    (a read-only file system) is used as it is, and the store says what it can't do.
    """
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        info = path.stat()
        if info.st_uid == os.getuid() and info.st_mode & 0o077:
            with contextlib.suppress(OSError):
                path.chmod(0o700)
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once, owner-only (mkstemp creates files 0600)."""
    folder = path.parent
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    if os.name == "posix":
        # The rename itself is only durable once the folder's entry is on disk.
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
