"""Where the coach keeps its data: platformdirs by default, overridable per run."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from coach import APP_ID

ENV_DATA_DIR = "COACH_DATA_DIR"


def data_dir(cli_value: str | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """--data-dir wins, then $COACH_DATA_DIR, then the platform's user data folder."""
    chosen = cli_value or environ.get(ENV_DATA_DIR)
    if not chosen:
        import platformdirs  # only when needed: it is a measurable part of start-up

        chosen = platformdirs.user_data_dir(APP_ID, False)
    return Path(chosen).expanduser().resolve()


def ensure_private_dir(path: Path) -> Path:
    """Create the folder owner-only (0700); tighten it if it already exists and is ours."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and path.stat().st_uid == os.getuid():
        path.chmod(0o700)
    return path
