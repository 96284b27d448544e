"""Benchmarks: figures (speed, memory, CPU, timing) printed as a table, never asserted.

`python -m tests.benchmarks` runs every benchmark in `suite.BENCHMARKS`, prints one table
row per figure and, as the very last line of stdout, one JSON object of the named figures.
Progress goes to stderr so stdout stays machine-readable. Set `COACH_BENCH_QUICK=1` for a
short smoke run.

Adding a figure: write a function `(BenchContext) -> list[Figure]` in a module here and
append it to `suite.BENCHMARKS`. Anything a benchmark measures inside Qt runs in a child
process (a `*_probe.py` script), so the benchmark process itself never imports Qt.
"""
