"""The `coach` command line, as a user types it (real processes)."""

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

import coach
from tests.support.stderr_lines import complaints


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"coach {coach.__version__}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "hurricane"], "coach: error: argument --start: unknown preset 'hurricane'"),
        (["--frobnicate"], "coach: error: unrecognized arguments: --frobnicate"),
        (["--theme", "purple"], "coach: error: argument --theme: invalid choice: 'purple'"),
        (["screenshot", "--view", "pacer"], "coach screenshot: error: the following arguments"),
        (
            ["screenshot", "--view", "pacer", "--out", "x.png", "--scale", "9"],
            "coach screenshot: error: argument --scale: scale '9' is out of range 0.5-4",
        ),
        (
            ["screenshot", "--view", "nowhere", "--out", "x.png"],
            "coach screenshot: error: argument --view: invalid choice: 'nowhere'",
        ),
    ],
)
def test_bad_arguments_give_one_line_and_usage(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(message)
    assert lines[1].startswith("usage: coach")
    assert "Traceback" not in result.stderr


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize(
    ("theme", "scale", "size"), [("light", "1", (1024, 640)), ("dark", "2", (2048, 1280))]
)
def test_screenshot_renders_the_pacer(
    tmp_path: Path, theme: str, scale: str, size: tuple[int, int]
) -> None:
    out = tmp_path / "shots" / f"pacer-{theme}.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = run(
        "screenshot",
        "--view",
        "pacer",
        "--theme",
        theme,
        "--scale",
        scale,
        "--out",
        str(out),
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert png_size(out) == size
    assert complaints(result.stderr) == []


def test_data_dir_is_created_private(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = run(
        "--data-dir",
        str(target),
        "screenshot",
        "--view",
        "pacer",
        "--out",
        str(tmp_path / "x.png"),
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert target.is_dir()
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o700


def test_data_dir_from_the_environment(tmp_path: Path) -> None:
    from coach.core.paths import data_dir

    assert data_dir(None, {"COACH_DATA_DIR": str(tmp_path)}) == tmp_path.resolve()
    assert (
        data_dir(str(tmp_path / "cli"), {"COACH_DATA_DIR": str(tmp_path)})
        == (tmp_path / "cli").resolve()
    )
    assert data_dir(None, {}).name == "coach"


def test_starting_the_app_does_not_import_pyqtgraph() -> None:
    probe = (
        "import sys\n"
        "import coach.cli, coach.ui.app, coach.ui.window.main_window\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pyqtgraph', 'numpy')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_the_guided_parts_load_only_when_first_used() -> None:
    """Content files, the SVG renderer and the session widgets cost nothing at start-up."""
    lazy = (
        "msgspec",
        "PySide6.QtSvg",
        "coach.core.content.library",
        "coach.ui.guided.step_panel",
        "coach.ui.guided.prompt_card",
        "coach.ui.guided.slider",
        "coach.ui.guided.illustration",
    )
    probe = (
        "import sys\n"
        "import coach.cli, coach.ui.app, coach.ui.window.main_window\n"
        f"print(sorted(m for m in {lazy!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_the_screenshot_views_the_command_offers_are_the_ones_it_renders() -> None:
    from coach.cli import SCREENSHOT_VIEWS
    from coach.ui.screenshot import VIEWS

    assert SCREENSHOT_VIEWS == VIEWS


def test_make_screenshots_renders_every_guided_state() -> None:
    from coach.ui.staging import GUIDED_STATES

    makefile = (Path(coach.__file__).resolve().parent.parent / "Makefile").read_text()
    line = makefile.split("GUIDED_STATES :=", 1)[1].split("\n\n", 1)[0]
    assert tuple(line.replace("\\", " ").split()) == GUIDED_STATES
