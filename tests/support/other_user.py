"""Running Python code as another user, `nobody`, wherever the clone and Python live.

Root ignores file permissions, so a test of a read-only folder must run its probe as
another user (CI runs as root). That user may be unable to read the clone, its virtual
environment, or even the Python installation (a `mktemp -d` folder, pyenv under root's
home). So everything the probe needs is copied into a folder anyone can read: the
interpreter with its shared library and standard library, the code under test, and the
packages it imports. Nothing of the original is needed afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

NOBODY = 65534
BECOME_NOBODY = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]

# Parts of the standard library no probe uses, and the largest: left out of the copy.
_STDLIB_SKIPPED = shutil.ignore_patterns(
    "site-packages", "dist-packages", "test", "tests", "idlelib", "tkinter", "turtledemo",
    "ensurepip", "config-*", "__pycache__",
)  # fmt: skip


class CannotBecomeNobody(Exception):
    """Why the probe cannot run as `nobody` here (a reason for a test's skip)."""


def packages_imported_by(statement: str) -> list[Path]:
    """The top-level packages (or single modules) outside the standard library that a
    fresh interpreter loads to run `statement`."""
    code = (
        f"{statement}\nimport json, sys\n"
        "print(json.dumps([getattr(m, '__file__', None) for n, m in sys.modules.items()"
        " if '.' not in n]))"
    )
    listing = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    stdlib = {Path(sysconfig.get_paths()[key]).resolve() for key in ("stdlib", "platstdlib")}
    found: set[Path] = set()
    for file in json.loads(listing.stdout):
        if file is None:
            continue  # built into the interpreter
        path = Path(file).resolve()
        in_stdlib = any(path.is_relative_to(folder) for folder in stdlib)
        if in_stdlib and not {"site-packages", "dist-packages"} & set(path.parts):
            continue
        found.add(path.parent if path.name.startswith("__init__.") else path)
    return sorted(found)


class NobodyPython:
    """A private copy of this Python and of what `imports` loads, runnable by `nobody`."""

    def __init__(self, imports: str) -> None:
        if os.name != "posix" or not shutil.which("setpriv"):
            raise CannotBecomeNobody("no setpriv here to become another user")
        self.root = Path(tempfile.mkdtemp(prefix="coach-nobody-"))
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        home = self.root / "python"
        self.interpreter = home / "bin" / f"python{version}"
        self.interpreter.parent.mkdir(parents=True)
        shutil.copy(os.path.realpath(sys._base_executable), self.interpreter)
        # The interpreter finds its standard library from where it lies (lib/pythonX.Y).
        shutil.copytree(
            sysconfig.get_paths()["stdlib"], home / "lib" / f"python{version}",
            ignore=_STDLIB_SKIPPED,
        )  # fmt: skip
        library = sysconfig.get_config_var("INSTSONAME")
        if sysconfig.get_config_var("Py_ENABLE_SHARED") and library:
            shutil.copy(Path(sysconfig.get_config_var("LIBDIR")) / library, home / "lib")
        self.packages = self.root / "packages"
        self.packages.mkdir()
        for package in packages_imported_by(imports):
            if package.is_dir():
                ignore = shutil.ignore_patterns("__pycache__")
                shutil.copytree(package, self.packages / package.name, ignore=ignore)
            else:
                shutil.copy(package, self.packages / package.name)
        for path in [self.root, *self.root.rglob("*")]:
            executable = path.is_dir() or path == self.interpreter
            path.chmod(0o755 if executable else 0o644)
        self.env = {
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            # Ahead of the interpreter's own RUNPATH, which may lie where nobody can read.
            "LD_LIBRARY_PATH": str(home / "lib"),
        }
        tried = self.run(f"{imports}\nprint('ready')", cwd=self.root)
        if tried.returncode != 0 or tried.stdout.strip() != "ready":
            self.remove()
            raise CannotBecomeNobody(
                f"a copy of Python {version} does not run as nobody: "
                + (tried.stderr or tried.stdout).strip()[-400:]
            )

    def run(self, code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run `code` as `nobody` (or as ourselves when we are not root)."""
        prefix = BECOME_NOBODY if os.geteuid() == 0 else []
        # -I: no environment variables, user site or current folder on the path.
        preamble = f"import sys\nsys.path.insert(0, {str(self.packages)!r})\n"
        return subprocess.run(
            [*prefix, str(self.interpreter), "-I", "-c", preamble + code],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=cwd,
            env=self.env,
        )

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
