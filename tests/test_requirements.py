"""The declared ranges, the floors CI tries and the locked versions agree with each other.

pyproject.toml says which versions the coach works with; requirements/floor.txt holds the
lowest of them (CI runs the tests there); requirements/{run,test,dev}.txt lock the exact
versions `make run` and `make test` install. A range changed without the others would
leave a floor nobody tests or a lock outside the range.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
REQ = ROOT / "requirements"
LOCKS = ("run.txt", "test.txt", "dev.txt")


def declared(with_tests: bool = True) -> list[Requirement]:
    """The requirements in pyproject.toml: the app's, and the test extra's too."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"]
    if with_tests:
        lines = lines + project["optional-dependencies"]["test"]
    return [Requirement(line) for line in lines]


def pins(path: Path) -> dict[str, Version]:
    """name -> version of each `name==version` line of a requirements file."""
    found: dict[str, Version] = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", line)
        if match:
            found[canonicalize_name(match[1])] = Version(match[2])
    return found


def floor_of(requirement: Requirement) -> Version:
    (lowest,) = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
    return lowest


def test_every_declared_range_has_a_floor_and_floor_txt_holds_exactly_those() -> None:
    floors: dict[str, Version] = {}
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        lowest = floor_of(requirement)
        # A name declared twice (one range per Python) has one floor for both.
        assert floors.setdefault(name, lowest) == lowest, name
    assert pins(REQ / "floor.txt") == floors


@pytest.mark.parametrize("lock", LOCKS)
def test_the_locked_versions_lie_inside_every_declared_range(lock: str) -> None:
    locked = pins(REQ / lock)
    for requirement in declared(with_tests=lock != "run.txt"):
        name = canonicalize_name(requirement.name)
        assert name in locked, (lock, name)
        # One set of versions serves every Python, so it meets every range, markers aside.
        assert requirement.specifier.contains(locked[name], prereleases=True), (lock, name)


def test_the_locks_agree_on_every_package_they_share() -> None:
    run, test, dev = (pins(REQ / lock) for lock in LOCKS)
    assert run.items() <= test.items()
    assert test.items() <= dev.items()


@pytest.mark.parametrize("lock", [*LOCKS, "pip.txt", "lock-tools.txt"])
def test_every_locked_package_carries_hashes_and_no_marker(lock: str) -> None:
    text = (REQ / lock).read_text()
    entries = re.findall(r"^([A-Za-z0-9._-]+==\S+)(.*?)(?=^\S|\Z)", text, re.M | re.S)
    assert entries
    for head, rest in entries:
        assert "--hash=sha256:" in rest, head
        # `make lock` strips the markers pip-compile copies from pyproject.toml: with one
        # left in, a newer Python would skip the package and install without it.
        assert ";" not in head and not rest.lstrip().startswith(";"), head
