"""The rules of the house that the import contracts (`make lint`) cannot see.

docs/architecture.md describes them; these tests keep the description true.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coach"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


# The root package is the exception: it holds the version (read by the build) and the
# app's names, which every layer may import.
SUBPACKAGES = sorted(p for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE)


@pytest.mark.parametrize("init", SUBPACKAGES, ids=_name)
def test_every_package_init_is_one_docstring_and_nothing_else(init: Path) -> None:
    body = _tree(init).body
    assert len(body) == 1, f"{_name(init)} holds more than its docstring"
    docstring = ast.get_docstring(_tree(init))
    assert docstring and len(docstring.split()) >= 8, f"{_name(init)} says too little"


def test_no_module_outside_the_store_touches_a_connection() -> None:
    """SQL lives in `coach.core.store`: nobody else reaches for `store.conn`."""
    offenders = []
    for path in MODULES:
        if _name(path).startswith("coach.core.store"):
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and node.attr in ("conn", "execute", "cursor"):
                offenders.append(f"{_name(path)}:{node.lineno} .{node.attr}")
    assert offenders == []


# Where the environment may be read: the entry points, which pass what it says down.
READS_ENVIRONMENT = {"coach.cli", "coach.ui.app", "coach.ui.screenshot"}


def test_the_environment_is_read_only_at_the_entry_points() -> None:
    readers = set()
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("environ", "getenv")
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
            ):
                readers.add(_name(path))
    assert readers <= READS_ENVIRONMENT, readers - READS_ENVIRONMENT
