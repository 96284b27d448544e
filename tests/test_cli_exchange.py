"""`coach export` / `coach import` as a user types them: real processes, no display, no Qt."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coach.core.clock import FakeWallClock
from coach.core.store.exchange import parse_export
from coach.core.store.opening import open_store
from coach.core.store.store import DB_NAME
from tests.support.sessions import dump, everything, fill

ALL = "4 sessions, 129 samples and 2 presets"


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    # No display at all: export and import must not need one (nor Qt).
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**base, **(env or {})},
    )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A data folder holding the same sessions as the core tests' store."""
    folder = tmp_path / "source"
    opened = open_store(folder, FakeWallClock())
    fill(opened.store, FakeWallClock())
    opened.store.close()
    return folder


def snapshot(folder: Path) -> list[str]:
    opened = open_store(folder, FakeWallClock())
    try:
        return dump(opened.store)
    finally:
        opened.store.close()


def test_export_to_a_file(source: Path, tmp_path: Path) -> None:
    result = run("--data-dir", str(source), "export", "--out", "backup.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"exported {ALL} to backup.json\n"
    export = parse_export((tmp_path / "backup.json").read_bytes())
    assert len(export.sessions) == 4
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "backup.json").stat().st_mode) == 0o600


@pytest.mark.parametrize("out", [[], ["--out", "-"]])
def test_export_to_standard_output(source: Path, tmp_path: Path, out: list[str]) -> None:
    result = run("--data-dir", str(source), "export", *out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"exported {ALL} to standard output\n"
    assert json.loads(result.stdout)["format"] == "coach-export"
    assert len(parse_export(result.stdout.encode()).sessions) == 4


def test_export_since_and_as_csv(source: Path, tmp_path: Path) -> None:
    args = ("--data-dir", str(source), "export", "--format", "csv", "--since", "2026-01-07")
    result = run(*args, "--out", "s.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "exported 3 sessions, 7 samples to s.csv and s-samples.csv\n"
    assert len((tmp_path / "s.csv").read_text().splitlines()) == 1 + 3
    assert len((tmp_path / "s-samples.csv").read_text().splitlines()) == 1 + 7


def test_import_into_an_empty_folder_then_again(source: Path, tmp_path: Path) -> None:
    run("--data-dir", str(source), "export", "--out", "backup.json", cwd=tmp_path)
    target = tmp_path / "target"
    first = run("--data-dir", str(target), "import", "backup.json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == "imported 4 sessions and 2 presets\n"
    assert first.stderr == ""
    after_first = snapshot(target)
    # COACH_DATA_DIR is the same folder by another route.
    again = run("import", "backup.json", cwd=tmp_path, env={"COACH_DATA_DIR": str(target)})
    assert again.returncode == 0, again.stderr
    assert again.stdout == (
        "imported 0 sessions and 0 presets (4 sessions and 2 presets were already here)\n"
    )
    assert snapshot(target) == after_first
    a, b = open_store(source, FakeWallClock()).store, open_store(target, FakeWallClock()).store
    try:
        assert everything(a) == everything(b)
    finally:
        a.close()
        b.close()


def test_a_bad_file_is_refused_with_status_1_and_nothing_changes(
    source: Path, tmp_path: Path
) -> None:
    run("--data-dir", str(source), "export", "--out", "backup.json", cwd=tmp_path)
    data = json.loads((tmp_path / "backup.json").read_text())
    data["sessions"][0]["samples"][10]["intensity"] = 11
    (tmp_path / "bad.json").write_text(json.dumps(data))
    before = snapshot(source)
    result = run("--data-dir", str(source), "import", "bad.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "coach import: bad.json: $.sessions[0].samples[10].intensity: Expected `int` <= 10\n"
    )
    assert snapshot(source) == before


def test_a_missing_file_is_refused_without_creating_a_store(tmp_path: Path) -> None:
    target = tmp_path / "target"
    result = run("--data-dir", str(target), "import", "nowhere.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "coach import: nowhere.json: No such file or directory\n"
    assert not (target / DB_NAME).exists()


def test_an_unwritable_destination_is_status_1(source: Path, tmp_path: Path) -> None:
    result = run("--data-dir", str(source), "export", "--out", "no/such/x.json", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        result.stderr == "coach export: could not write no/such/x.json: No such file or directory\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--format", "xml"], "coach export: error: argument --format: invalid choice"),
        (
            ["export", "--format", "csv"],
            "coach export: error: argument --out: a file is needed with --format csv",
        ),
        (
            ["export", "--format", "csv", "--out", "-"],
            "coach export: error: argument --out: a file is needed with --format csv",
        ),
        (
            ["export", "--since", "2026-1-5"],
            "coach export: error: argument --since: '2026-1-5' is not a date like 2026-01-05 "
            "(YYYY-MM-DD)",
        ),
        (
            ["export", "--since", "2026-02-30"],
            "coach export: error: argument --since: '2026-02-30' is not a date",
        ),
        (["import"], "coach import: error: the following arguments are required: FILE"),
        (["import", "a.json", "b.json"], "coach: error: unrecognized arguments: b.json"),
    ],
)
def test_bad_arguments_give_one_line_and_usage(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = run("--data-dir", str(tmp_path / "data"), *args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(message), result.stderr
    assert lines[1].startswith("usage: coach")
    assert not (tmp_path / "data" / DB_NAME).exists()


NO_QT_PROBE = """
import importlib.abc, sys

class NoQt(importlib.abc.MetaPathFinder):
    # Not merely unused: unavailable, as on a server without Qt installed.
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):
            raise ImportError(f'{name} is not available here')
        return None

sys.meta_path.insert(0, NoQt())
from coach.cli import main
codes = [
    main(['--data-dir', sys.argv[1], 'export', '--out', sys.argv[3]]),
    main(['--data-dir', sys.argv[1], 'export', '--format', 'csv', '--out', sys.argv[3] + '.csv']),
    main(['--data-dir', sys.argv[2], 'import', sys.argv[3]]),
]
loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'coach'))
print(codes, [m for m in loaded if not m.startswith('coach')], 'coach.ui' in loaded)
"""


def test_export_and_import_load_no_qt(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "backup.json"
    result = subprocess.run(
        [sys.executable, "-c", NO_QT_PROBE, str(source), str(tmp_path / "target"), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["imported 4 sessions and 2 presets", "[0, 0, 0] [] False"]
    assert out.exists() and out.with_name("backup.json-samples.csv").exists()
