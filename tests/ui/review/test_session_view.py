"""One session's page: the timeline's steps and markers, notes saved, export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt
from pytestqt.qtbot import QtBot

from coach.core.store.errors import StoreLockedError
from coach.core.store.exchange import read_export
from coach.core.store.history import UNSAVED_NOTES_FILE, HistoryFilter, HistoryQuery, load_detail
from coach.core.store.records import NOTES_MAX_CHARS
from coach.core.store.store import Store
from coach.ui.review import labels
from coach.ui.review.plot_style import ClockAxis, clock_text
from coach.ui.review.review_window import ReviewWindow, pick_example_session

# The shared fixtures, by assignment (an import would read as unused to linters).


def open_example(window: ReviewWindow, demo_store: Store) -> str:
    session_id = pick_example_session(demo_store, window.library)
    assert session_id is not None
    assert window.open_session(session_id)
    return session_id


def test_timeline_shows_steps_bands_and_markers(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    session_id = open_example(window, demo_store)
    view = window.session_view
    assert window.current_page() == "session"
    detail = view.detail
    assert detail is not None and detail.row.id == session_id
    assert detail.row.status == "stopped"
    plot = view.plot
    texts = [label.item.text() for label in plot.step_labels]
    assert "Ball release · right" in texts and "Ball release · left" in texts
    assert "Change sides" in texts
    assert plot.band_items, "each step's target band is shaded"
    assert plot.line is not None
    # The stop with its reason, and the prompts that came before it.
    words = [item.toPlainText() for item in plot.marker_labels]
    reason = detail.row.end_reason
    assert f"Stopped: {reason}" in words
    stops = [m for m in detail.markers if m.kind in ("stop", "safety_stop")]
    assert stops and all(any(line.value() == m.t for line in plot.boundaries) for m in stops)
    kinds = {m.kind for m in detail.markers}
    assert {k for k in ("ease_off", "stop_offer") if k in kinds} <= set(plot.markers)
    assert plot.markers, "at least one prompt before the stop"
    # Labels that fit are shown; the layout never stacks more than two rows.
    shown = [label for label in plot.step_labels if label.item.isVisible()]
    assert shown
    assert view.tightness.text() == labels.tightness(
        detail.row.rating_before, detail.row.rating_after
    )
    assert reason in view.subtitle.text()


def test_drawing_a_session_again_leaves_nothing_behind(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    open_example(window, demo_store)
    plot = window.session_view.plot
    assert plot.detail is not None
    count = len(plot.scene().items())
    plot.set_detail(plot.detail, plot.library)
    plot.set_detail(plot.detail, plot.library)
    assert len(plot.scene().items()) == count


def test_zoom_keeps_the_scale_and_the_time_reads_as_a_clock(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    open_example(window, demo_store)
    plot = window.session_view.plot
    view = plot.main.getViewBox()
    (_, _), (y0, y1) = view.viewRange()
    assert view.state["mouseEnabled"] == [True, False]
    view.scaleBy(x=0.5)
    (x0, x1), (z0, z1) = view.viewRange()
    assert (z0, z1) == (y0, y1), "only time zooms"
    assert plot.strip.getViewBox().viewRange()[0] == [x0, x1], "the breath strip follows"
    axis = plot.strip.getAxis("bottom")
    assert isinstance(axis, ClockAxis)
    assert axis.tickStrings([0, 65, 600], 1, 60) == ["0:00", "1:05", "10:00"]
    assert clock_text(3599.6) == "60:00"


def test_notes_are_saved_after_a_pause_and_on_leaving(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    session_id = open_example(window, demo_store)
    view = window.session_view
    view.notes.setFocus()
    view.notes.selectAll()
    qtbot.keyClicks(view.notes, "Left side eased a lot")
    timer = view.save_timer
    assert timer.isActive() and timer.isSingleShot() and timer.parent() is view
    assert demo_store.session(session_id).notes != "Left side eased a lot"
    with qtbot.waitSignal(view.notes_saved):
        timer.timeout.emit()  # the typing paused
    assert demo_store.session(session_id).notes == "Left side eased a lot"
    assert view.saved_label.text() == "Saved"

    qtbot.keyClicks(view.notes, ", then tight again")
    assert timer.isActive()
    window.back()  # leaving the page saves at once
    assert not timer.isActive()
    assert demo_store.session(session_id).notes == "Left side eased a lot, then tight again"
    # The list reads the new words (search finds them).
    window.history.filters.search.setText("tight again")
    window.history.filters.flush()
    assert window.history.model.total == 1


def test_export_this_session_as_json_and_csv(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store, tmp_path: Path
) -> None:
    session_id = open_example(window, demo_store)
    view = window.session_view
    written = view.export_session(tmp_path / "one.json")
    assert written == tmp_path / "one.json"
    export = read_export(written)
    assert [s.session.id for s in export.sessions] == [session_id]
    assert len(export.sessions[0].samples) == len(demo_store.samples(session_id))
    assert "one.json" in view.export_status.text()

    written = view.export_session(tmp_path / "one.csv")
    assert written is not None
    with written.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["id"] for r in rows] == [session_id]
    with (tmp_path / "one-samples.csv").open(newline="") as handle:
        samples = list(csv.DictReader(handle))
    assert len(samples) == len(demo_store.samples(session_id))

    assert view.export_session(tmp_path / "missing" / "x.json") is None
    assert "Could not export" in view.export_status.text()


def test_a_breathing_session_opens_without_readings(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    query = HistoryQuery(demo_store)
    row = next(r for r in query.rows(HistoryFilter()) if r.kind == "breathing")
    assert window.open_session(row.id)
    plot = window.session_view.plot
    assert plot.line is None
    assert any("No pressure readings" in t.toPlainText() for t in plot.marker_labels)
    assert window.session_view.tightness.text() == "\u2013"
    detail = load_detail(demo_store, row.id)
    assert detail.phases, "the breath strip still has its phases"


def test_a_session_gone_from_the_store_is_said_so(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    assert not window.open_session("00000000-0000-4000-8000-000000000000")
    assert window.current_page() == "history"
    assert "no longer" in window.history.undo_bar.message.text()


def test_notes_stop_at_the_stores_limit_and_nothing_written_is_cut(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store, tmp_path: Path
) -> None:
    session_id = open_example(window, demo_store)
    view = window.session_view
    notes = view.notes
    mine = "a" * 9000 + "MY-ENDING"
    notes.setPlainText(mine)
    assert view.save_notes()
    # A paste at the start: only what fits goes in, the words already there stay whole.
    cursor = notes.textCursor()
    cursor.setPosition(0)
    notes.setTextCursor(cursor)
    pasted = QMimeData()
    pasted.setText("P" * 2000)
    notes.insertFromMimeData(pasted)
    text = notes.toPlainText()
    assert len(text) == NOTES_MAX_CHARS and text.endswith("MY-ENDING")
    assert text.startswith("P" * (NOTES_MAX_CHARS - len(mine)) + "a")
    assert "did not fit" in view.saved_label.text()
    # Undo is an ordinary undo.
    notes.undo()
    assert notes.toPlainText() == mine
    notes.redo()
    # Typing into a full box is refused; deleting still works.
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_X)
    assert notes.toPlainText() == text
    qtbot.keyClick(notes, Qt.Key.Key_Delete)
    assert len(notes.toPlainText()) == NOTES_MAX_CHARS - 1
    # Characters outside the basic plane count once, as the store counts them.
    pasted.setText("\U0001f642\U0001f642")
    notes.insertFromMimeData(pasted)
    assert len(notes.toPlainText()) == NOTES_MAX_CHARS
    assert view.save_notes()
    assert "did not fit" in view.saved_label.text()
    assert demo_store.session(session_id).notes == notes.toPlainText()
    assert view.export_session(tmp_path / "long.json") is not None


def test_notes_the_store_refuses_are_kept_and_saved_later(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_example(window, demo_store)
    view = window.session_view
    real = demo_store.set_ratings_and_notes

    def locked(*args: object, **kwargs: object) -> None:
        raise StoreLockedError("Another program is holding the session store locked")

    monkeypatch.setattr(demo_store, "set_ratings_and_notes", locked)
    view.notes.setFocus()
    view.notes.selectAll()
    qtbot.keyClicks(view.notes, "important words")
    assert not view.save_notes()
    assert view.saved_label.text() == "Not saved"
    # Another session opened: the words wait, and come back with their session.
    other = next(r.id for r in HistoryQuery(demo_store).rows(HistoryFilter()) if r.id != first)
    assert window.open_session(other)
    assert window.open_session(first)
    assert view.notes.toPlainText() == "important words"
    assert view.saved_label.text() == "Not saved yet"
    # The store works again: the next save writes them.
    monkeypatch.setattr(demo_store, "set_ratings_and_notes", real)
    assert window.open_session(other)
    assert demo_store.session(first).notes == "important words"


def test_notes_still_refused_on_closing_go_to_a_file(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_example(window, demo_store)
    view = window.session_view

    def locked(*args: object, **kwargs: object) -> None:
        raise StoreLockedError("Another program is holding the session store locked")

    monkeypatch.setattr(demo_store, "set_ratings_and_notes", locked)
    view.notes.setPlainText("words worth keeping")
    with qtbot.waitSignal(window.notes_kept) as said:
        window.close()
    kept = demo_store.path.parent / UNSAVED_NOTES_FILE
    assert str(kept) in said.args[0]
    assert "words worth keeping" in kept.read_text(encoding="utf-8")


def test_a_session_restored_away_leaves_its_page(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    session_id = open_example(window, demo_store)
    demo_store.delete_sessions([session_id])  # as a restored backup without it would
    window.refresh()
    assert window.current_page() == "history"
    assert "no longer" in window.history.undo_bar.message.text()


def test_a_block_run_twice_ends_where_its_second_run_ends() -> None:
    """After Back the same routine item runs again: each label lasts as long as its run."""
    from coach.core.store.history import SessionDetail, StepSpan
    from coach.ui.review import timeline_marks as marks

    def span(start: float, end: float, index: int, kind: str, side: str | None) -> StepSpan:
        technique = "ball-release" if kind == "step" else None
        return StepSpan(start, end, index, kind, technique, side, "", None)

    steps = [
        span(0, 30, 0, "step", "right"),
        span(30, 40, 1, "switch", None),
        span(40, 70, 2, "step", "left"),
        span(70, 80, 1, "switch", None),  # Back: the change of sides again
        span(80, 120, 2, "step", "left"),
    ]
    detail = SessionDetail(row=None, steps=steps, duration=120)  # type: ignore[arg-type]
    ends, previous = [], None
    for at, step in enumerate(steps):
        key = marks.block_key(step, previous)
        if key != previous:
            ends.append((step.start, marks.block_end(detail, at, key)))
            previous = key
    assert ends == [(0, 30), (30, 40), (40, 70), (70, 80), (80, 120)]


def test_the_timeline_zooms_and_moves_by_keys(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    open_example(window, demo_store)
    plot = window.session_view.plot
    view = plot.main.getViewBox()
    window.activateWindow()
    plot.setFocus()
    assert plot.hasFocus()
    (a0, a1), _ = view.viewRange()
    qtbot.keyClick(plot, Qt.Key.Key_Plus)
    (b0, b1), _ = view.viewRange()
    assert abs((b1 - b0) - (a1 - a0) / 2) < 1e-6 * (a1 - a0)
    qtbot.keyClick(plot, Qt.Key.Key_Right)
    (c0, c1), _ = view.viewRange()
    assert c0 > b0 and abs((c1 - c0) - (b1 - b0)) < 1e-6 * (a1 - a0)
    qtbot.keyClick(plot, Qt.Key.Key_Home)
    (d0, d1), _ = view.viewRange()
    assert abs(d0 - a0) < 1e-6 * (a1 - a0) and abs(d1 - a1) < 1e-6 * (a1 - a0)
    assert window.current_page() == "session", "no key here left the page"


def test_a_pause_says_how_long_it_lasted(
    qtbot: QtBot, window: ReviewWindow, demo_store: Store
) -> None:
    query = HistoryQuery(demo_store)
    paused = next(
        r.id
        for r in query.rows(HistoryFilter(), limit=500)
        if any(p.seconds for p in load_detail(demo_store, r.id).pauses)
    )
    assert window.open_session(paused)
    plot = window.session_view.plot
    words = [item.toPlainText() for item in plot.marker_labels]
    assert any(w.startswith("paused ") and ":" in w for w in words), words
