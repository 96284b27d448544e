"""What every benchmark shares: the figure record, the run context, the table, statistics."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

QUICK_ENV = "COACH_BENCH_QUICK"
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent.parent


@dataclass(frozen=True)
class Figure:
    """One measured number. `target` is an upper bound; None marks a count or a detail."""

    name: str
    value: float
    unit: str
    target: float | None = None
    digits: int = 2
    in_json: bool = True

    @property
    def status(self) -> str:
        if self.target is None:
            return ""
        # NaN (nothing measured) is never "ok".
        return "ok" if self.value <= self.target else "over"

    def shown(self, number: float | None = None) -> str:
        number = self.value if number is None else number
        if math.isnan(number):
            return "n/a"
        return f"{number:.{self.digits}f}"

    def json_value(self) -> float | int | None:
        if math.isnan(self.value):
            return None  # JSON has no NaN
        if self.digits == 0:
            return round(self.value)
        return round(self.value, max(self.digits, 4))


def count(name: str, value: int, unit: str = "", in_json: bool = True) -> Figure:
    return Figure(name, float(value), unit, None, 0, in_json)


@dataclass(frozen=True)
class BenchContext:
    """What a benchmark may use: the interpreter, a private environment, a scratch folder."""

    python: str
    scratch: Path
    quick: bool
    env: Mapping[str, str] = field(default_factory=dict)
    log: Callable[[str], None] = lambda message: print(message, file=sys.stderr, flush=True)

    def child_env(self, **extra: str) -> dict[str, str]:
        merged = dict(self.env)
        merged.update(extra)
        return merged


Benchmark = Callable[[BenchContext], list[Figure]]


def make_context(scratch: Path, environ: Mapping[str, str] = os.environ) -> BenchContext:
    """A context whose children see offscreen Qt and a throw-away home, never the user's."""
    quick = environ.get(QUICK_ENV, "") not in ("", "0")
    home = scratch / "home"
    env = dict(environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        # Shared by all children of one run, so the warm-up fills any font cache for all.
        XDG_CACHE_HOME=str(home / "cache"),
        COACH_DATA_DIR=str(scratch / "coach-data"),
    )
    # A scale factor or a bench switch from the caller's shell would skew the figures.
    for name in ("QT_SCALE_FACTOR", "COACH_BENCH_EXIT_ON_PAINT"):
        env.pop(name, None)
    return BenchContext(python=sys.executable, scratch=scratch, quick=quick, env=env)


# -- statistics ---------------------------------------------------------------------------
def median(values: Sequence[float]) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default); NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# -- output -------------------------------------------------------------------------------
HEADERS = ("figure", "value", "unit", "target", "")


def table(figures: Iterable[Figure]) -> str:
    rows = [
        (
            f.name,
            f.shown(),
            f.unit,
            "" if f.target is None else f"<= {f.shown(f.target)}",
            f.status,
        )
        for f in figures
    ]
    widths = [max(len(cell) for cell in column) for column in zip(HEADERS, *rows, strict=True)]
    right = (False, True, False, True, False)  # numbers line up on the right

    def line(cells: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if align else cell.ljust(width)
            for cell, width, align in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(HEADERS), rule, *(line(row) for row in rows)])


def json_figures(figures: Iterable[Figure]) -> dict[str, float | int | None]:
    return {f.name: f.json_value() for f in figures if f.in_json}
