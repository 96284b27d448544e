"""The window records into a real store; a failing store keeps the session in memory."""

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coach.core.clock import FakeClock
from coach.core.session.runner import RunState
from coach.core.store.store import Store
from coach.ui.window.main_window import MainWindow
from tests.support.window import MakeWindow


@pytest.fixture
def window(make_window: MakeWindow, store: Store) -> MainWindow:
    # Closed as the system closes it (make_window): a window holding an unsaved session
    # answers a plain close with a question.
    return make_window(store=store)


def step(window: MainWindow, clock: FakeClock, seconds: float, dt: float = 0.1) -> None:
    for _ in range(round(seconds / dt)):
        clock.advance(dt)
        window.refresh()


def test_a_session_row_exists_from_the_start(window: MainWindow, store: Store) -> None:
    window.start_session()
    (session_id,) = store.session_ids()
    record = store.session(session_id)
    assert record.status == "in_progress" and record.source == "calm"
    assert record.pattern.inhale == 4.0 and record.planned_breaths == 30 and record.lead_in == 2.0
    window.stop_session()


def test_samples_and_events_reach_the_store_within_a_second(
    window: MainWindow, clock: FakeClock, store: Store
) -> None:
    window.start_session()
    step(window, clock, 2.0 + 12.05)  # lead-in, then 12 s of breathing
    (session_id,) = store.session_ids()
    stored = store.samples(session_id)
    # One sample per whole second of breathing, each with its breath phase.
    assert [s.t for s in stored][:12] == [float(i) for i in range(12)]
    assert stored[0].phase == "inhale" and stored[5].phase == "exhale"
    assert stored[-1].t >= 11.0
    kinds = [e.kind for e in store.events(session_id)]
    assert kinds[:3] == ["lead_in", "breathing", "phase"]
    phases = [
        (e.breath, e.phase, e.scheduled) for e in store.events(session_id) if e.kind == "phase"
    ]
    assert (
        phases[:4]
        == [(0, "inhale", 0.0), (0, "exhale", 4.0), (1, "inhale", 10.0), (1, "exhale", 14.0)][
            : len(phases[:4])
        ]
    )
    window.stop_session("just stopping")
    record = store.session(session_id)
    assert record.status == "stopped" and record.end_reason == "just stopping"
    assert record.ended_at is not None and record.breaths_done == 1


def test_a_finished_session_is_completed(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, store: Store
) -> None:
    window.length_box.setCurrentIndex(window.length_box.findData(3.0))
    window.start_session()
    window.toggle_session()  # skip the lead-in
    step(window, clock, 181.0, dt=0.5)
    assert window.runner.state is RunState.FINISHED
    (session_id,) = store.session_ids()
    record = store.session(session_id)
    assert record.status == "completed" and record.breaths_done == 18
    assert len(store.samples(session_id)) == 180
    assert store.events(session_id)[-1].kind == "finish"


def test_pause_is_recorded_and_flushed(window: MainWindow, clock: FakeClock, store: Store) -> None:
    window.start_session()
    step(window, clock, 3.0)
    window.toggle_session()  # pause
    (session_id,) = store.session_ids()
    assert store.events(session_id)[-1].kind == "pause"
    window.toggle_session()
    assert window.runner.state is RunState.RUNNING
    window.stop_session()


def test_a_full_disk_keeps_the_session_in_memory_and_says_so(
    window: MainWindow, clock: FakeClock, store: Store
) -> None:
    window.length_box.setCurrentIndex(window.length_box.findData(None))  # until stopped
    window.start_session()
    step(window, clock, 3.0)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    step(window, clock, 900.0, dt=1.0)
    assert window.notices.isVisible()
    assert "full" in window.notices.message.text()
    assert window.notices.action.text() == "Export this session…"
    assert window.recording.unsaved
    log = window.recording.log
    assert log is not None and len(log.samples) >= 900
    # Space freed: the next flush stores everything that was held back.
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    step(window, clock, 1.0)
    assert not window.recording.unsaved
    (session_id,) = store.session_ids()
    assert len(store.samples(session_id)) == len(log.samples)
    assert "works again" in window.notices.message.text()
    window.stop_session()


def test_startup_notices_are_shown(window: MainWindow) -> None:
    window.show_notices(["The session store could not be read; it was moved aside."])
    assert window.notices.isVisible()
    assert "moved aside" in window.notices.message.text()
    window.notices.close_button.click()
    assert not window.notices.isVisible()


def test_a_start_waits_for_the_store(make_window: MakeWindow, store: Store) -> None:
    win = make_window(lead_in=5.0)
    win.expect_store()
    win.start_session()
    assert win.runner.state is RunState.IDLE
    win.attach_store(store, [])
    assert win.runner.state is RunState.LEAD_IN
    assert len(store.session_ids()) == 1
    win.stop_session()


def test_a_stopped_session_the_store_refused_is_retried_until_stored(
    qtbot: QtBot, window: MainWindow, clock: FakeClock, store: Store
) -> None:
    window.length_box.setCurrentIndex(window.length_box.findData(None))
    window.start_session()
    step(window, clock, 3.0)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    step(window, clock, 900.0, dt=1.0)
    window.stop_session("just stopping")
    assert window.recording.unsaved
    (session_id,) = store.session_ids()
    assert store.session(session_id).status == "in_progress"
    # A new session does not push the unsaved one out of memory.
    window.toggle_session()
    assert window.recording.unsaved_logs()[0].record.id == session_id
    window.stop_session()
    store.conn.execute("PRAGMA max_page_count = 1073741823")
    assert window.recording.retry()
    first = store.session(session_id)
    assert first.status == "stopped" and first.end_reason == "just stopping"
    assert len(store.samples(session_id)) >= 900
    assert len(store.session_ids()) == 2
    assert "works again" in window.notices.message.text()


def test_quitting_for_the_system_writes_unsaved_sessions_to_a_file(
    make_window: MakeWindow, clock: FakeClock, store: Store, tmp_path: Path
) -> None:
    win = make_window(store=store, lead_in=0.0, data_dir=tmp_path / "data")
    win.length_box.setCurrentIndex(win.length_box.findData(None))
    win.start_session()
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    step(win, clock, 900.0, dt=1.0)
    assert win.recording.unsaved
    win.quit_without_asking()
    assert not win.isVisible()
    (rescued,) = (tmp_path / "data").glob("unsaved-session-*.json")
    from coach.core.store.exchange import read_export

    export = read_export(rescued)
    assert len(export.sessions) == 1 and len(export.sessions[0].samples) >= 900
    assert export.sessions[0].session.status == "stopped"


def test_export_this_session_writes_what_the_store_lacks(
    qtbot: QtBot,
    window: MainWindow,
    clock: FakeClock,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from coach.core.store.exchange import read_export

    target = tmp_path / "rescued.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    window.length_box.setCurrentIndex(window.length_box.findData(None))
    window.start_session()
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    step(window, clock, 900.0, dt=1.0)
    window.notices.action.click()  # "Export this session…"
    export = read_export(target)
    assert len(export.sessions[0].samples) >= 890  # 900 s less the 2 s lead-in
    assert "exported to" in window.notices.message.text()
    window.stop_session()
