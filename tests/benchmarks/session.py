"""The pacer at work: CPU while a session animates, and phase changes' lateness.

Both come from one real session in a child process (`session_probe.py`), so the Qt of
the benchmark process, if any, never shares an event loop with what is measured.
"""

from __future__ import annotations

import json
from typing import Any

from tests.benchmarks.children import ChildFailed, run_child
from tests.benchmarks.core import PACKAGE_DIR, BenchContext, Figure, count, percentile

RUN_S, QUICK_RUN_S = 120.0, 20.0
CPU_S, QUICK_CPU_S = 10.0, 4.0
# Start-up and shut-down on top of the run, with room for a slow machine.
TIMEOUT_MARGIN_S = 60.0


def _probe(ctx: BenchContext, run_s: float, cpu_s: float) -> dict[str, Any]:
    argv = [
        ctx.python,
        "-P",  # keep this folder off sys.path: its module names are not the app's
        str(PACKAGE_DIR / "session_probe.py"),
        f"{run_s:g}",
        f"{cpu_s:g}",
        str(ctx.scratch / "session-data"),
    ]
    result = run_child(argv, ctx.child_env(), ctx.scratch, run_s + TIMEOUT_MARGIN_S)
    line = result.line_starting("result ")
    try:
        data: dict[str, Any] = json.loads(line.removeprefix("result "))
    except json.JSONDecodeError as error:
        raise ChildFailed(f"unreadable probe result: {error}\n{line[:400]}") from None
    return data


def bench_session(ctx: BenchContext) -> list[Figure]:
    run_s = QUICK_RUN_S if ctx.quick else RUN_S
    cpu_s = QUICK_CPU_S if ctx.quick else CPU_S
    ctx.log(f"session: a {run_s:g} s calm session, CPU over {cpu_s:g} s of it")
    data = _probe(ctx, run_s, cpu_s)
    cpu = data["cpu_window"]
    whole = data["whole_run"]
    late_ms = [late * 1000 for late in data["late_s"]]
    return [
        Figure("pacer_cpu_pct", cpu["cpu_pct"], "% core", target=5.0, digits=1),
        Figure("pacer_cpu_window_s", cpu["wall_s"], "s", digits=1, in_json=False),
        Figure("pacer_ticks_per_s", cpu["ticks_per_s"], "/s", digits=1),
        Figure("figure_paints_per_s", cpu["paints_per_s"], "/s", digits=1),
        Figure("pacer_cpu_pct_whole_run", whole["cpu_pct"], "% core", digits=1),
        Figure("phase_late_p99_ms", percentile(late_ms, 99), "ms", target=17.0, digits=1),
        Figure("phase_late_p50_ms", percentile(late_ms, 50), "ms", digits=1),
        Figure("phase_late_max_ms", max(late_ms, default=float("nan")), "ms", digits=1),
        count("phase_events", len(late_ms), "measured"),
        Figure("session_run_s", whole["wall_s"], "s", digits=1, in_json=False),
    ]
