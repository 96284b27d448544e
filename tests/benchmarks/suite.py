"""The benchmarks `python -m tests.benchmarks` runs, in order. Add new ones here."""

from __future__ import annotations

from tests.benchmarks.core import Benchmark
from tests.benchmarks.review import bench_review
from tests.benchmarks.session import bench_session
from tests.benchmarks.startup import bench_startup
from tests.benchmarks.store import bench_store

BENCHMARKS: list[Benchmark] = [
    bench_startup,
    bench_session,
    bench_store,
    bench_review,  # uses the ten-year store bench_store leaves in the scratch folder
]
