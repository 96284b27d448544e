"""Issue 5's evening, end to end: type a pattern, save it, set length, settle-in and glide,
run it, speed it up mid-session with ], and find all of it the next day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coach.core.breath.pattern import PHASES, BreathPattern
from coach.core.clock import FakeClock, FakeWallClock
from coach.core.session.runner import RunState
from coach.core.store.opening import OpenResult
from coach.core.store.store import Store
from coach.ui.window.main_window import MainWindow
from tests.support.window import MakeWindow


@pytest.fixture
def first_store(stores: Callable[..., OpenResult], tmp_path: Path, wall: FakeWallClock) -> Store:
    return stores(tmp_path / "data", wall).store


@pytest.fixture
def first_day(make_window: MakeWindow, first_store: Store, tmp_path: Path) -> MainWindow:
    return make_window(store=first_store, data_dir=tmp_path / "data", content=True)


def retype(qtbot: QtBot, field: object, text: str) -> None:
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)


def run_for(window: MainWindow, seconds: float, dt: float = 0.25) -> None:
    clock = window.clock
    assert isinstance(clock, FakeClock)
    for _ in range(round(seconds / dt)):
        clock.advance(dt)
        window.refresh()


def test_an_evening_pattern_is_typed_saved_run_sped_up_and_remembered(
    qtbot: QtBot,
    first_day: MainWindow,
    first_store: Store,
    make_window: MakeWindow,
    stores: Callable[..., OpenResult],
    tmp_path: Path,
    wall: FakeWallClock,
) -> None:
    window = first_day
    qtbot.keyClick(window, Qt.Key.Key_T)  # the timing panel
    panel = window.timing.panel
    assert window.side_page() == "timing"
    for phase, text in zip(PHASES, ("4.5", "1", "7.5", "0"), strict=True):
        retype(qtbot, panel.phase_fields[phase], text)
    assert panel.choice() is not None and panel.choice().pattern == BreathPattern(4.5, 1, 7.5, 0)
    # A typo is shown where it is and blocks Start until it is mended.
    retype(qtbot, panel.phase_fields[PHASES[2]], "7.55")
    assert panel.choice() is None and not window.start_button.isEnabled()
    retype(qtbot, panel.phase_fields[PHASES[2]], "7.5")
    assert window.start_button.isEnabled()
    # Save it as "Evening".
    panel.presets.save_new_button.click()
    qtbot.keyClicks(panel.presets.name_field, "Evening")
    qtbot.keyClick(panel.presets.name_field, Qt.Key.Key_Return)
    assert "Evening" in window.timing.book.names()
    # 40 breaths, a 20 s settle-in, a glide from 8 to 5.5 breaths a minute.
    panel.length_radios["breaths"].click()
    retype(qtbot, panel.length_field, "40")
    panel.lead_in.setValue(20)
    panel.glide_check.click()
    retype(qtbot, panel.glide_from, "8")
    retype(qtbot, panel.glide_to, "5.5")
    choice = panel.choice()
    assert choice is not None and choice.ramp is not None
    assert (choice.ramp.start_bpm, choice.ramp.end_bpm) == (8, 5.5)
    assert window.length_hint.text().startswith("40 breaths, about ")
    panel.done_button.click()
    assert window.side_page() == "picker"
    # Run it: the settle-in, then the glide; ] speeds it up from the next breath.
    window.toggle_session()
    runner = window.runner
    assert runner.state is RunState.LEAD_IN and runner.lead_in == 20
    run_for(window, 20 + 30)
    assert runner.state is RunState.RUNNING
    assert "/min" in window.pacer.progress.text()  # the pace shows while it glides
    before = runner.snapshot(window.clock.now()).pacer
    qtbot.keyClick(window, Qt.Key.Key_BracketRight)
    assert window.timing.note.isVisible()
    assert window.timing.note.text().startswith("New pace from the next breath")
    run_for(window, 15)
    after = runner.snapshot(window.clock.now()).pacer
    assert after.breath_index > before.breath_index
    assert after.pattern.breaths_per_minute == pytest.approx(
        before.pattern.breaths_per_minute + 0.5, abs=0.1
    )
    assert not window.timing.note.isVisible()
    window.stop_session()
    (session_id,) = first_store.session_ids()
    events = first_store.events(session_id)
    (pace,) = [e for e in events if e.kind == "pace"]
    assert pace.breath == before.breath_index + 1  # the breath after the key press
    assert pace.scheduled is not None and pace.scheduled > pace.observed
    window.quit_without_asking()
    first_store.close()

    # The next day: the pattern, the length, the settle-in and the glide are back, and so
    # is the preset.
    wall.advance(timedelta(days=1))
    data = tmp_path / "data"
    again = make_window(store=stores(data, wall).store, data_dir=data, content=True)
    restored = again.timing.choice()
    assert restored.pattern == BreathPattern(4.5, 1, 7.5, 0)
    assert (restored.length.mode, restored.length.value) == ("breaths", 40)
    assert restored.lead_in == 20
    assert restored.ramp is not None and restored.ramp.end_bpm == 5.5
    assert "Evening" in again.timing.book.names()
    assert again.preset_box.currentText().startswith("Evening")
    assert again.runner.timeline.breaths == 40


def test_deleting_a_preset_can_be_undone(qtbot: QtBot, first_day: MainWindow) -> None:
    window = first_day
    book = window.timing.book
    item = book.add("Morning", BreathPattern(4, 0, 4, 0))
    panel = window.timing.panel
    panel.refresh_presets()
    book.delete(item.id)
    panel.preset_deleted.emit(item)
    assert "Morning" not in book.names()
    assert window.notices.action.text() == "Undo"
    window.notices.action.click()
    assert "Morning" in book.names()
    assert "Morning" in [
        window.preset_box.itemText(i).split("  ·")[0] for i in range(window.preset_box.count())
    ]


def test_bracket_keys_between_sessions_change_the_pattern_for_the_next(
    qtbot: QtBot, first_day: MainWindow
) -> None:
    window = first_day
    qtbot.keyClick(window, Qt.Key.Key_BracketLeft)
    assert window.runner.timeline.pattern.breaths_per_minute == pytest.approx(5.5, abs=0.05)
    assert window.preset_box.currentText().startswith("Custom")


def test_presets_export_to_a_file_and_import_back_renamed(
    qtbot: QtBot, first_day: MainWindow, tmp_path: Path
) -> None:
    window = first_day
    book = window.timing.book
    evening = book.add("Evening", BreathPattern(4.5, 1, 7.5, 0))
    path = window.data.export_presets([evening], tmp_path / "evening.json")
    assert path is not None and "Exported 1 preset" in window.notices.message.text()
    book.rename(evening.id, "Evening old")
    book.add("Evening", BreathPattern(3, 0, 7, 0))  # the name is taken meanwhile
    assert window.data.import_sessions(path)  # same id: already here, nothing added
    book.delete(evening.id)
    assert window.data.import_sessions(path)
    book.reload()
    assert sorted(n for n in book.names() if n.startswith("Evening")) == [
        "Evening",
        "Evening (2)",
    ]


def test_the_review_window_opens_from_the_main_window_and_closes_with_it(
    qtbot: QtBot, first_day: MainWindow
) -> None:
    window = first_day
    window.start_session()
    window.toggle_session()
    run_for(window, 30)
    window.stop_session()
    review = window.open_review("history")
    assert review is not None and review.isVisible()
    assert review.history.model.rowCount() == 1
    assert window.open_review("trends") is review and review.current_page() == "trends"
    # The after-rating given once the review is open shows up there too.
    review.show_history()
    window.rate_last_session(after=2)
    assert review.history.model.row_at(0).rating_after == 2
    window.quit_without_asking()
    assert not review.isVisible()


def test_the_review_needs_the_store(make_window: MakeWindow) -> None:
    win = make_window()
    win.expect_store()
    assert win.open_review() is None
    assert "not open yet" in win.notices.message.text()


def test_a_quick_pick_after_a_typo_in_the_panel_lets_start_work_again(
    qtbot: QtBot, first_day: MainWindow
) -> None:
    window = first_day
    window.timing.open_panel()
    panel = window.timing.panel
    retype(qtbot, panel.phase_fields[PHASES[2]], "abc")
    assert not window.start_button.isEnabled()
    window.timing.close_panel()
    window.select_preset("coherent")
    assert window.start_button.isEnabled()
    window.toggle_session()
    assert window.runner.state is RunState.LEAD_IN
    window.stop_session()


def test_an_import_from_the_file_menu_reaches_the_pickers_and_keeps_built_in_names(
    qtbot: QtBot, first_day: MainWindow, tmp_path: Path
) -> None:
    from coach.core.clock import FakeWallClock as Wall
    from coach.core.store.exchange import export_presets
    from coach.core.store.records import PatternRecord, UserPreset

    path = tmp_path / "mine.json"
    presets = [
        UserPreset(
            "0b0e0f5e-1d2c-4c3b-9a8a-0123456789ab",
            "Calm",
            PatternRecord(3, 0, 5, 0),
            "2026-01-05T07:30:00.000Z",
        ),
        UserPreset(
            "1b0e0f5e-1d2c-4c3b-9a8a-0123456789ab",
            "Evening",
            PatternRecord(4.5, 1, 7.5, 0),
            "2026-01-05T07:30:00.000Z",
        ),
    ]
    export_presets(presets, path, Wall())
    window = first_day
    assert window.data.import_sessions(path)
    names = [
        window.preset_box.itemText(i).split("  ·")[0] for i in range(window.preset_box.count())
    ]
    assert "Evening" in names and "Calm (2)" in names
    with pytest.raises(Exception, match="already a preset called “evening”"):
        window.timing.book.add("evening", BreathPattern(4, 0, 4, 0))
