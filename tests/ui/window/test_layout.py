"""Every guided state lays out without overlap or clipping, at every size people use.

From the smallest window the coach allows (800x560) to a 4K screen at 2x, light and dark:
every visible control and text inside the window and its container, no two overlapping,
no label cut short, the breath cue the largest text while a session runs
(tests/support/layout_check.py says exactly what is checked).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from pytestqt.qtbot import QtBot

from coach.ui.staging import GUIDED_STATES
from tests.support.layout_walk import walk

SIZES = [(800, 560), (1024, 640), (1366, 768), (1920, 1080)]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_guided_state_lays_out_cleanly(
    qtbot: QtBot, width: int, height: int, theme: str
) -> None:
    found = walk(width, height, theme)
    assert set(found) == set(GUIDED_STATES)
    assert {state: issues for state, issues in found.items() if issues} == {}


@pytest.mark.slow
def test_a_4k_screen_at_twice_the_pixels_lays_out_cleanly() -> None:
    """3840x2160 at 2x is 1920x1080 in logical pixels, drawn at twice the density: the
    scale factor is read once per process, so this runs in a child."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2")
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.layout_walk", "1920x1080", "dark"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert {state: issues for state, issues in found.items() if issues} == {}
