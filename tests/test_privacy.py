"""The coach stays offline: the suite's socket guard works, and no network module loads."""

import socket
import subprocess
import sys

import pytest

from tests.support.network import SOCKETS_OPENED, NetworkUsed


def test_the_guard_stops_a_socket() -> None:
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Forget this deliberate attempt so the session does not fail because of it.
    assert SOCKETS_OPENED and "socket.__new__" in SOCKETS_OPENED[-1]
    SOCKETS_OPENED.clear()


def test_the_app_loads_no_network_module() -> None:
    probe = (
        "import sys\n"
        "import coach.cli, coach.ui.app, coach.ui.window.main_window, coach.core.store.store\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6.QtNetwork', 'socket', "
        "'ssl', 'http', 'urllib.request'))]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_stored_data_is_never_unpickled_or_evaluated() -> None:
    import re
    from pathlib import Path

    # The builtins, not Qt's `app.exec()`.
    forbidden = re.compile(r"\bpickle\b|\bmarshal\b|\bshelve\b|(?<![.\w])(eval|exec)\(")
    root = Path(__file__).resolve().parents[1] / "coach"
    for path in root.rglob("*.py"):
        match = forbidden.search(path.read_text())
        assert match is None, f"{path}: {match.group(0) if match else ''}"
