"""What can go wrong with the store, in words the person can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class StoreError(Exception):
    """A problem with the store, worded for the person using the app."""


class StoreNewerError(StoreError):
    pass


class StoreFullError(StoreError):
    pass


class StoreReadOnlyError(StoreError):
    pass


class StoreLockedError(StoreError):
    pass


def explain(error: sqlite3.Error, path: Path) -> StoreError:
    """Turn an sqlite3 error into one the person can act on."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(error).lower()
    if primary == sqlite3.SQLITE_FULL or "full" in text:
        return StoreFullError(
            f"The disk holding {path.parent} is full, so the session can't be saved there "
            "right now. It is kept in memory: export it to another place, then free some space."
        )
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM) or (
        "readonly" in text or "read-only" in text
    ):
        return StoreReadOnlyError(
            f"The data folder {path.parent} can't be written to (it is read-only or not "
            "yours). Sessions are kept in memory until you export them or fix the folder."
        )
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return StoreLockedError(
            f"Another program is holding the session store {path} locked. The session is "
            "kept in memory; close the other program or export the session."
        )
    return StoreError(f"The session store {path} failed: {error}")
