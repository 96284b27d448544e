"""Start-up time and peak memory of the coach against a bare PySide6 window.

Both are timed from just before spawning to the first paint of the main window, which
each process reports itself as a `time.monotonic()` reading (CLOCK_MONOTONIC on Linux,
so comparable across processes). Runs alternate app / baseline so that drift in the
machine's load hits both alike; the first pair only warms disk and font caches.

The coach's bytecode is compiled first, as installing a wheel does (PySide6's was, when
pip installed it). Otherwise, with PYTHONDONTWRITEBYTECODE set (as on some CI machines)
or after an edit, every run would compile our modules from source again: about 100 ms
that no installed copy pays.
"""

from __future__ import annotations

import compileall
from dataclasses import dataclass

from tests.benchmarks.children import ChildFailed, ChildResult, run_child
from tests.benchmarks.core import PACKAGE_DIR, REPO_ROOT, BenchContext, Figure, count, median

RUNS = 7
QUICK_RUNS = 3
WARM_UPS = 1
CHILD_TIMEOUT_S = 60.0
KIB_PER_MB = 1024.0


@dataclass(frozen=True)
class Sample:
    startup_s: float
    max_rss_kib: int


def _sample(result: ChildResult) -> Sample:
    line = result.line_starting("painted ")
    try:
        painted = float(line.split()[1])
    except (IndexError, ValueError):
        raise ChildFailed(f"unreadable paint report {line!r}") from None
    return Sample(painted - result.started, result.max_rss_kib)


def _run_app(ctx: BenchContext, run: int) -> Sample:
    data_dir = ctx.scratch / f"startup-data-{run}"  # fresh each run: a first start every time
    argv = [ctx.python, "-m", "coach", "--data-dir", str(data_dir)]
    env = ctx.child_env(COACH_BENCH_EXIT_ON_PAINT="1")
    return _sample(run_child(argv, env, ctx.scratch, CHILD_TIMEOUT_S))


def _run_baseline(ctx: BenchContext) -> Sample:
    # -P: like `-m coach` run from the scratch folder, nothing of ours shadows a module.
    argv = [ctx.python, "-P", str(PACKAGE_DIR / "bare_window_probe.py")]
    return _sample(run_child(argv, ctx.child_env(), ctx.scratch, CHILD_TIMEOUT_S))


def bench_startup(ctx: BenchContext) -> list[Figure]:
    runs = QUICK_RUNS if ctx.quick else RUNS
    if not compileall.compile_dir(REPO_ROOT / "coach", quiet=1):
        raise ChildFailed("the coach's modules did not compile")
    ctx.log(f"startup: {WARM_UPS} warm-up + {runs} interleaved runs of app and baseline")
    app: list[Sample] = []
    base: list[Sample] = []
    for run in range(WARM_UPS + runs):
        app_sample = _run_app(ctx, run)
        base_sample = _run_baseline(ctx)
        if run >= WARM_UPS:
            app.append(app_sample)
            base.append(base_sample)

    app_s = median([s.startup_s for s in app])
    base_s = median([s.startup_s for s in base])
    app_mb = median([s.max_rss_kib / KIB_PER_MB for s in app])
    base_mb = median([s.max_rss_kib / KIB_PER_MB for s in base])
    # Ratios of medians, not medians of per-pair ratios: each side's noise is damped alone.
    return [
        Figure("startup_ratio", app_s / base_s, "x", target=1.3),
        Figure("startup_ms_app", app_s * 1000, "ms", digits=0),
        Figure("startup_ms_baseline", base_s * 1000, "ms", digits=0),
        Figure("rss_ratio", app_mb / base_mb, "x", target=1.3),
        Figure("rss_mb_app", app_mb, "MB", digits=1),
        Figure("rss_mb_baseline", base_mb, "MB", digits=1),
        count("startup_runs", runs, "per side"),
    ]
