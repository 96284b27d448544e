"""File menu data actions against a real store: restore a backup and undo it."""

from datetime import timedelta
from pathlib import Path

import pytest

from coach.core.clock import FakeWallClock
from coach.core.store.backup import take_backup
from coach.core.store.opening import open_store
from coach.core.store.records import SessionRecord
from coach.core.store.store import Store
from coach.ui.window.main_window import MainWindow
from tests.support.records import new_record
from tests.support.window import MakeWindow


@pytest.fixture
def window(make_window: MakeWindow, store: Store) -> MainWindow:
    return make_window(store=store)


def backed_up_then_one_more(
    store: Store, wall: FakeWallClock
) -> tuple[SessionRecord, SessionRecord, Path]:
    """A session, a backup of it, and a day later a second session (not in the backup)."""
    first = new_record(wall, status="completed")
    store.begin_session(first)
    backup = take_backup(store, wall)
    wall.advance(timedelta(days=1))
    second = new_record(wall, status="completed")
    store.begin_session(second)
    return first, second, backup


def test_restore_brings_back_the_old_sessions_and_can_be_undone(
    window: MainWindow, store: Store, wall: FakeWallClock
) -> None:
    first, second, backup = backed_up_then_one_more(store, wall)
    assert len(store.session_ids()) == 2

    wall.advance(timedelta(minutes=5))
    safety = window.data.restore(backup, confirmed=True)
    assert safety is not None and safety.exists()
    assert store.session_ids() == [first.id]
    assert "restored" in window.notices.message.text()

    wall.advance(timedelta(minutes=5))
    window.data.restore(safety, confirmed=True)
    assert sorted(store.session_ids()) == sorted([first.id, second.id])


def test_restore_without_backups_says_so(window: MainWindow) -> None:
    assert window.data.restore() is None
    assert "no backups yet" in window.notices.message.text()


def test_a_damaged_backup_is_refused_and_nothing_changes(
    window: MainWindow, store: Store, wall: FakeWallClock, tmp_path: Path
) -> None:
    store.begin_session(new_record(wall, status="completed"))
    bogus = tmp_path / "data" / "backups" / "coach-20260101T000000Z.db"
    bogus.parent.mkdir(exist_ok=True)
    bogus.write_bytes(b"not a database at all" * 100)
    before = store.session_ids()
    assert window.data.restore(bogus, confirmed=True) is None
    assert store.session_ids() == before
    assert "Nothing was changed" in window.notices.message.text() or "not" in (
        window.notices.message.text()
    )


def test_without_a_store_the_data_actions_are_off(make_window: MakeWindow) -> None:
    win = make_window()
    assert not win.data.import_action.isEnabled()
    assert not win.data.restore_action.isEnabled()
    assert not win.export_current_action.isEnabled()


def test_no_restore_while_a_session_runs(
    window: MainWindow, store: Store, wall: FakeWallClock
) -> None:
    store.begin_session(new_record(wall, status="completed"))
    backup = take_backup(store, wall)
    window.start_session()
    assert window.data.restore(backup, confirmed=True) is None
    assert "A session is running" in window.notices.message.text()
    window.stop_session()


def test_export_then_import_from_the_menu(
    make_window: MakeWindow,
    window: MainWindow,
    store: Store,
    wall: FakeWallClock,
    tmp_path: Path,
) -> None:
    record = new_record(wall, status="completed")
    store.begin_session(record)
    out = window.data.export_sessions(tmp_path / "all.json")
    assert out is not None and out.exists()
    assert window.notices.message.text().startswith("Exported 1 session")

    other_store = open_store(tmp_path / "other", wall).store
    other = make_window(store=other_store)
    try:
        assert other.data.import_sessions(out)
        assert other_store.session_ids() == [record.id]
        assert other.notices.message.text().startswith("Imported 1 session")
        assert other.data.import_sessions(out)  # again: nothing new
        assert other_store.session_ids() == [record.id]
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": "coach-export", "schema_version": 1, "sessions": [')
        assert not other.data.import_sessions(bad)
        assert "Nothing was imported" in other.notices.message.text()
    finally:
        other_store.close()


def test_an_open_review_follows_a_restore(
    window: MainWindow, store: Store, wall: FakeWallClock
) -> None:
    first, _, backup = backed_up_then_one_more(store, wall)
    review = window.open_review("history")
    assert review is not None and review.history.model.total == 2
    # A deletion still waiting on Undo happens before the restore, into its safety copy;
    # a file that is no backup changes nothing, the Undo window included.
    review.history.delete_sessions([first.id])
    bogus = backup.with_name("coach-20200101T000000Z.db")
    bogus.write_bytes(b"not a database at all" * 100)
    assert window.data.restore(bogus, confirmed=True) is None
    assert review.history.pending == (first.id,)
    wall.advance(timedelta(minutes=5))
    safety = window.data.restore(backup, confirmed=True)
    assert safety is not None
    model = review.history.model
    assert [model.row_at(r).id for r in range(model.rowCount())] == [first.id]
    assert not review.history.pending


@pytest.mark.parametrize(
    ("name", "chosen", "expected"),
    [
        ("/tmp/out", "Sessions and samples, CSV (*.csv)", "/tmp/out.csv"),
        ("/tmp/out", "All sessions, JSON (*.json)", "/tmp/out.json"),
        ("/tmp/out.JSON", "Sessions and samples, CSV (*.csv)", "/tmp/out.JSON"),
        ("/tmp/my.notes", "Spreadsheet, CSV (*.csv)", "/tmp/my.notes.csv"),
    ],
)
def test_a_bare_file_name_takes_the_chosen_type(name: str, chosen: str, expected: str) -> None:
    from coach.ui.widgets.files import typed_path

    assert typed_path(name, chosen) == Path(expected)
