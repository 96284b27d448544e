"""`coach.core` must stay free of Qt, pyqtgraph and the UI: every module, in a clean process."""

import json
import pkgutil
import subprocess
import sys

import coach.core

FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "coach.ui")


def test_every_core_module_imports_without_qt() -> None:
    modules = sorted(
        info.name for info in pkgutil.walk_packages(coach.core.__path__, "coach.core.")
    )
    assert "coach.core.breath.pacer" in modules and "coach.core.session.runner" in modules
    probe = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = json.loads(result.stdout)
    leaked = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert leaked == []


def test_cli_parsing_imports_no_qt() -> None:
    """`coach --version` and argument errors answer without loading Qt."""
    probe = (
        "import sys\n"
        "from coach.cli import build_parser\n"
        "build_parser().parse_args(['--start', 'calm'])\n"
        "print('PySide6' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"
