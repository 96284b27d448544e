"""The review screens on ten years of sessions: history, one session, trends.

Uses the ten-year store the store benchmark built (it must run first, see suite.py), in
a child process with offscreen Qt, each time until the screen has painted:
- history_open_ms: a new review window showing the history list;
- session_open_ms: opening a session from the list once the timeline page exists (the
  first session opened also builds that page: session_open_first_ms);
- trends_open_ms: the trends page, built and drawn the first time it is shown.
Medians over a few rounds; the one-off import of pyqtgraph and numpy (when a review
screen is first opened) is reported on its own.
"""

from __future__ import annotations

import json
import statistics
from typing import Any

from tests.benchmarks.children import ChildFailed, run_child
from tests.benchmarks.core import PACKAGE_DIR, BenchContext, Figure

RUNS = 5
QUICK_RUNS = 2
TIMEOUT_S = 180.0


def bench_review(ctx: BenchContext) -> list[Figure]:
    folder = ctx.scratch / "store-10y"
    if not (folder / "coach.db").exists():
        raise ChildFailed("the ten-year store is missing: bench_store must run before this")
    runs = QUICK_RUNS if ctx.quick else RUNS
    ctx.log(f"review: history, one session and trends on the ten-year store, {runs} openings")
    argv = [ctx.python, "-P", str(PACKAGE_DIR / "review_probe.py"), str(folder), str(runs)]
    result = run_child(argv, ctx.child_env(), ctx.scratch, TIMEOUT_S)
    line = result.line_starting("result ")
    try:
        data: dict[str, Any] = json.loads(line.removeprefix("result "))
    except json.JSONDecodeError as error:
        raise ChildFailed(f"unreadable review report: {error}") from None
    return [
        Figure(
            "history_open_ms", statistics.median(data["history_ms"]), "ms", target=300.0, digits=0
        ),
        Figure(
            "session_open_ms", statistics.median(data["session_ms"]), "ms", target=100.0, digits=0
        ),
        Figure(
            "trends_open_ms", statistics.median(data["trends_ms"]), "ms", target=300.0, digits=0
        ),
        Figure("history_open_first_ms", data["history_ms"][0], "ms", digits=0),
        Figure(
            "session_open_first_ms", statistics.median(data["session_first_ms"]), "ms", digits=0
        ),
        Figure("trends_open_first_ms", data["trends_ms"][0], "ms", digits=0),
        Figure("review_import_ms", data["import_ms"], "ms", digits=0),
    ]
