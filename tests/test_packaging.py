"""The built wheel carries the assets, and the installed app finds them from anywhere."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (found,) = out.glob("*.whl")
    return found


def test_wheel_contains_the_assets(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "coach/assets/icons/coach.svg" in names
    assert "coach/cli.py" in names and "coach/core/breath/pacer.py" in names
    assert not any(name.startswith(("tests/", "assets/")) for name in names)


@pytest.mark.slow
def test_installed_wheel_finds_assets_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import coach.core.assets as a, coach\n"
        "print(coach.__file__)\n"
        "print(a.asset('icons', 'coach.svg'))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    module_file, icon = result.stdout.split()
    assert module_file.startswith(str(target))
    assert icon == str(target / "coach" / "assets" / "icons" / "coach.svg")
