"""Render a view offscreen to a PNG, at a chosen theme and scale, for looking at it.

Views:
    pacer         free breathing, the third breath, most of the way in
    start         the start screen with the routines listed
    session       a guided routine at step N (`--routine`, `--step`), a reading in its band
    settle-in, guidance, step, info, ease-off, stop-offer, stop, side-change, cool-down,
    rating, safety, finished
                  each state of a guided routine (`--routine`; see coach.ui.staging)
    timing        the timing panel for free breathing, with a glide and a caution
    history, session-detail, trends
                  the review screens, on a temporary store: empty, or with `--demo`
                  sixty days of generated sessions (never the person's own store)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from coach.core.breath.presets import DEFAULT_PRESET_ID
from coach.ui.staging import GUIDED_STATES

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

VIEWS = (
    "pacer",
    "start",
    "session",
    *GUIDED_STATES,
    "timing",
    "history",
    "session-detail",
    "trends",
)
REVIEW_VIEWS = ("history", "session-detail", "trends")
DEFAULT_ROUTINE = "desk-break"


def prepare_environment(scale: float) -> None:
    """Must run before the QApplication exists: platform and scale are read once."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"


def render(
    view: str,
    out: Path,
    theme: str,
    scale: float,
    data_dir: Path,
    routine: str | None = None,
    step: int = 1,
    size: tuple[int, int] = (1024, 640),
    demo: bool = False,
) -> Path:
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}")
    prepare_environment(scale)
    if view in REVIEW_VIEWS:
        return _review(view, out, theme, size, demo)
    from coach.core.clock import FakeClock, FakeWallClock
    from coach.ui.app import make_application, read_content
    from coach.ui.settings import SettingsKeeper
    from coach.ui.window.main_window import MainWindow

    app = make_application(["coach"], theme)
    clock = FakeClock()
    # Never the person's own settings or store: nothing is read or written (data_dir is
    # only where the command would keep data; the window gets none). No sound either: a
    # picture needs no chime (nor QtMultimedia's start-up).
    settings = SettingsKeeper(None)
    window = MainWindow(clock, FakeWallClock(), settings, preset_id=DEFAULT_PRESET_ID, audio=None)
    window.resize(*size)
    window.show()
    window.attach_content(read_content(None), settings.load())
    window.notices.clear()  # the first-run note is not what these pictures are about
    if view == "pacer":
        _free_breathing(window, clock)
    elif view == "start":
        window.choose_routine(routine or DEFAULT_ROUTINE)
    elif view == "timing":
        _timing(window)
    elif view in GUIDED_STATES:
        from coach.ui.staging import stage

        stage(window, clock, view, routine or DEFAULT_ROUTINE)
    else:
        _guided(window, clock, routine or DEFAULT_ROUTINE, step, view)
    _settle(app)
    image = window.grab()
    window.quit_without_asking()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out


def _settle(app: QApplication, rounds: int = 5) -> None:
    """Let layouts finish before the picture: a resize sets new fonts, the fonts ask for
    a new layout, and each step is an event of its own. One pass would catch the labels
    half-way (squeezed into the heights of the old fonts)."""
    for _ in range(rounds):
        app.sendPostedEvents()
        app.processEvents()


def _free_breathing(window: object, clock: object) -> None:
    from coach.core.clock import FakeClock
    from coach.ui.window.main_window import MainWindow

    assert isinstance(window, MainWindow) and isinstance(clock, FakeClock)
    window.start_session()
    window.toggle_session()  # skip the lead-in
    pattern = window.runner.timeline.pattern
    clock.advance(2 * pattern.cycle + pattern.inhale * 0.7)
    window.refresh()


def _guided(window: object, clock: object, routine_id: str, step: int, view: str) -> None:
    """A routine at item `step` (1-based), 40% through it, with a reading in its band."""
    from coach.core.clock import FakeClock
    from coach.core.content.plan import build_plan
    from coach.core.session.routine import RoutineRunner
    from coach.ui.window.main_window import MainWindow

    assert isinstance(window, MainWindow) and isinstance(clock, FakeClock)
    library = window.guide.library
    assert library is not None
    if routine_id not in library.routines:
        known = ", ".join(sorted(library.routines))
        raise ValueError(f"unknown routine {routine_id!r}; choose one of: {known}")
    plan = build_plan(library.routine(routine_id), library)
    if not 1 <= step <= len(plan.items):
        raise ValueError(f"step {step} is out of range; {routine_id} has 1-{len(plan.items)}")
    window.choose_routine(routine_id)
    window.begin_guided(RoutineRunner(plan, clock, 0.0), None)
    runner = window.runner
    assert isinstance(runner, RoutineRunner)
    start = sum(item.duration for item in plan.items[: step - 1])
    item = plan.items[step - 1]
    clock.advance(start + item.duration * 0.4 + item.pattern.inhale * 0.6)
    window.refresh()
    if item.target is not None:
        window.guide.set_reading(item.target[0] + (item.target[1] - item.target[0]) // 2)
    window.refresh()


def _timing(window: object) -> None:
    """The panel with the issue's own example: 4.5-1-7.5-0, 40 breaths, a glide 8 -> 5.5."""
    from coach.core.breath.pattern import BreathPattern
    from coach.core.breath.timing import Length, Ramp, TimingChoice
    from coach.ui.window.main_window import MainWindow

    assert isinstance(window, MainWindow)
    choice = TimingChoice(BreathPattern(4.5, 1, 7.5, 0), Length("breaths", 40), 20, Ramp(8, 5.5, 2))
    window.timing.set_choice(choice, "custom")
    window.timing.open_panel()


def _review(view: str, out: Path, theme: str, size: tuple[int, int], demo: bool) -> Path:
    """A review screen over a throwaway store (generated sessions with --demo)."""
    import tempfile

    from coach.core.assets import assets_dir, illustration_ids
    from coach.core.clock import SystemWallClock
    from coach.core.content.library import load_library
    from coach.core.store.opening import open_store
    from coach.ui.app import make_application

    app = make_application(["coach"], theme)
    wall = SystemWallClock()
    library = load_library(assets_dir() / "content", None, illustration_ids())
    with tempfile.TemporaryDirectory(prefix="coach-demo-") as folder:
        store = open_store(Path(folder), wall).store
        try:
            if demo:
                from coach.core.demo import fill_demo

                fill_demo(store, wall)
            from coach.ui.review.review_window import ReviewWindow, pick_example_session

            window = ReviewWindow(store, library, wall)
            window.resize(*size)
            window.show()
            if view == "trends":
                window.show_trends()
            elif view == "session-detail":
                chosen = pick_example_session(store, library)
                if chosen is None:
                    raise ValueError("no session to show: add --demo for generated sessions")
                window.open_session(chosen)
            else:
                window.show_history()
            _settle(app)
            image = window.grab()
            window.close_pending()
            window.close()
            window.deleteLater()
            app.processEvents()
        finally:
            store.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise OSError(f"could not write {out}")
    return out
