"""The recorder against a real store that fails and recovers: nothing claimed, nothing lost."""

from collections.abc import Callable
from pathlib import Path

from coach.core.breath.pacer import Timeline
from coach.core.breath.pattern import BreathPattern
from coach.core.clock import FakeClock, FakeWallClock
from coach.core.session.runner import SessionRunner
from coach.core.store.errors import StoreError
from coach.core.store.opening import OpenResult, open_store
from coach.core.store.recorder import SessionRecorder, new_session_record
from coach.core.store.store import Store


def fill(store: Store) -> None:
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def free(store: Store) -> None:
    store.conn.execute("PRAGMA max_page_count = 1073741823")


def run(
    stores: Callable[..., OpenResult], tmp_path: Path
) -> tuple[Store, SessionRecorder, SessionRunner, FakeClock, list[str]]:
    wall = FakeWallClock()
    store = stores(tmp_path, wall).store
    clock = FakeClock()
    timeline = Timeline(BreathPattern(4, 0, 6, 0))
    runner = SessionRunner(timeline, clock)
    errors: list[str] = []

    def on_error(error: StoreError) -> None:
        errors.append(str(error))

    recorder = SessionRecorder(
        store, new_session_record(wall, timeline, "calm", 0.0), runner.sample_at, on_error
    )
    recorder.on_events(runner.start())
    return store, recorder, runner, clock, errors


def advance(recorder: SessionRecorder, runner: SessionRunner, clock: FakeClock, s: int) -> None:
    for _ in range(s):
        clock.advance(1.0)
        recorder.on_events(runner.tick())
        snap = runner.snapshot()
        recorder.on_progress(clock.now(), snap.pacer, snap.state)


def test_an_ending_after_a_failed_flush_is_not_called_saved(
    stores: Callable[..., OpenResult], tmp_path: Path
) -> None:
    store, recorder, runner, clock, errors = run(stores, tmp_path)
    fill(store)
    advance(recorder, runner, clock, 900)
    assert errors and "full" in errors[0]
    assert len(errors) == 1  # said once, not every half second
    free(store)
    # The ending alone would fit; the readings before it must go first.
    store.conn.execute(
        f"PRAGMA max_page_count = {store.conn.execute('PRAGMA page_count').fetchone()[0]}"
    )
    recorder.on_events(runner.stop("just stopping"))
    assert not recorder.finish("stopped", "just stopping")
    assert not recorder.saved and recorder.error is not None
    assert store.session(recorder.session_id).status == "in_progress"
    free(store)
    assert recorder.flush()
    assert recorder.saved and recorder.error is None
    record = store.session(recorder.session_id)
    assert record.status == "stopped" and record.end_reason == "just stopping"
    assert store.samples(recorder.session_id) == recorder.log.samples
    assert store.events(recorder.session_id) == recorder.log.events
    store.close()


def test_a_session_row_that_could_not_be_written_is_written_later(tmp_path: Path) -> None:
    wall = FakeWallClock()
    store = open_store(tmp_path, wall).store
    other = __import__("sqlite3").connect(tmp_path / "coach.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # someone else holds the write lock
    store.conn.execute("PRAGMA busy_timeout = 20")
    timeline = Timeline(BreathPattern())
    recorder = SessionRecorder(store, new_session_record(wall, timeline, "calm", 0.0))
    assert recorder.error is not None and "locked" in str(recorder.error)
    other.execute("ROLLBACK")
    other.close()
    assert recorder.flush()
    assert store.session(recorder.session_id).status == "in_progress"
    store.close()


def test_a_pause_keeps_its_length_and_a_stop_while_paused_is_a_stop(
    stores: Callable[..., OpenResult], tmp_path: Path
) -> None:
    from coach.core.store.history import Pause, load_detail

    store, recorder, runner, clock, _ = run(stores, tmp_path)
    advance(recorder, runner, clock, 10)
    recorder.on_events(runner.pause())
    clock.advance(44.0)
    recorder.on_events(runner.resume())
    advance(recorder, runner, clock, 5)
    recorder.on_events(runner.pause())
    clock.advance(600.0)
    recorder.on_events(runner.stop("Sharp pain"))
    recorder.finish("stopped", "Sharp pain")
    detail = load_detail(store, recorder.session_id)
    kinds = [(m.kind, m.t, m.detail) for m in detail.markers]
    assert kinds == [
        ("pause", 10.0, ""),
        ("resume", 10.0, "44.0"),
        ("pause", 15.0, ""),
        ("stop", 15.0, "Sharp pain"),  # not a resume: the reason shows on the timeline
    ]
    assert detail.pauses == [Pause(10.0, 10.0, 44.0), Pause(15.0, 15.0, None)]
