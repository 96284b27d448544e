"""Render a view offscreen to a PNG, at a chosen theme and scale, for looking at it."""

from __future__ import annotations

import os
from pathlib import Path

from coach.core.breath import DEFAULT_PRESET_ID

VIEWS = ("pacer",)


def prepare_environment(scale: float) -> None:
    """Must run before the QApplication exists: platform and scale are read once."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"


def render(view: str, out: Path, theme: str, scale: float, data_dir: Path) -> Path:
    prepare_environment(scale)
    from coach.core.clock import FakeClock
    from coach.ui.app import make_application
    from coach.ui.main_window import MainWindow

    app = make_application(["coach"], theme)
    if view != "pacer":
        raise ValueError(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}")
    clock = FakeClock()
    window = MainWindow(clock, preset_id=DEFAULT_PRESET_ID, data_dir=data_dir)
    window.resize(1024, 640)
    window.show()
    # A moment worth seeing: the third breath, most of the way through the in-breath.
    window.start_session()
    window.toggle_session()  # skip the lead-in
    pattern = window.runner.timeline.pattern
    clock.advance(2 * pattern.cycle + pattern.inhale * 0.7)
    window.refresh()
    app.processEvents()
    image = window.grab()
    window.stop_session("screenshot taken")
    window.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out
