"""`python -m tests.benchmarks`: run the suite, print the table, end with the JSON line.

Exit status 0 whether or not figures meet their targets (benchmarks report, tests judge);
1 only when a benchmark itself crashed, in which case its figures are missing.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

from tests.benchmarks.core import Figure, json_figures, make_context, table
from tests.benchmarks.suite import BENCHMARKS


def main() -> int:
    figures: list[Figure] = []
    crashed: list[str] = []
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as scratch:
        ctx = make_context(Path(scratch))
        if ctx.quick:
            ctx.log("quick mode (COACH_BENCH_QUICK): shorter runs, rougher figures")
        for bench in BENCHMARKS:
            try:
                figures.extend(bench(ctx))
            except Exception:
                # One broken benchmark should not hide the others' figures.
                crashed.append(bench.__name__)
                traceback.print_exc()
    ctx.log(f"benchmarks took {time.monotonic() - began:.0f} s")

    print(table(figures))
    if crashed:
        print(f"crashed: {', '.join(crashed)} (see stderr)")
    # Last line of stdout, alone: scripts read it with `tail -n 1`.
    print(json.dumps(json_figures(figures)), flush=True)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
