"""What was skipped reads back as skipped: a tightness rating offered and skipped is not
one never asked, and a routine finished with techniques skipped says how many."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC

import pytest

from coach.core.assets import assets_dir
from coach.core.clock import FakeClock, FakeWallClock
from coach.core.content.library import Library, load_library
from coach.core.content.plan import build_plan
from coach.core.session.routine import RatingSkipped, RoutineRunner
from coach.core.session.runner import Finished, RunState
from coach.core.store.history import HistoryFilter, HistoryQuery, load_detail
from coach.core.store.recorder import SessionRecorder, new_session_record
from coach.core.store.store import Store
from coach.ui.review.labels import status


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(assets_dir() / "content", None)


def run_desk_break(
    store: Store,
    wall: FakeWallClock,
    clock: FakeClock,
    library: Library,
    before_skipped: bool = False,
    skip: Iterable[str] = (),
) -> tuple[RoutineRunner, SessionRecorder]:
    """A desk break run to its end by the real runner and recorder, second by second, with
    Skip pressed as each technique in `skip` begins."""
    runner = RoutineRunner(build_plan(library.routine("desk-break"), library), clock)
    runner.rating_before_skipped = before_skipped
    recorder = SessionRecorder(
        store,
        new_session_record(wall, runner.timeline, "desk-break", 0.0, "routine"),
        runner.sample_at,
    )
    to_skip = set(skip)

    def feed(events: Iterable[object]) -> None:
        events = list(events)
        recorder.on_events(events)
        snap = runner.snapshot()
        recorder.on_progress(clock.now(), snap.pacer, snap.state)
        if any(isinstance(event, Finished) for event in events):
            recorder.finish(*runner.ending())

    feed(runner.start())
    while runner.state is not RunState.FINISHED:
        assert runner.state is RunState.RUNNING
        clock.advance(1.0)
        feed(runner.tick())
        item = runner.items[runner.current_index]
        if item.kind == "step" and item.technique_id in to_skip:
            to_skip.discard(item.technique_id)
            feed(runner.skip_technique())
    assert not to_skip and recorder.saved
    return runner, recorder


def skip_after(recorder: SessionRecorder) -> None:
    """The rating after offered and skipped, as the window records it."""
    recorder.on_events([RatingSkipped("after", recorder.active_seconds)])
    assert recorder.flush()


def test_a_skipped_rating_before_reads_back_as_skipped_not_as_not_asked(
    store: Store, wall: FakeWallClock, clock: FakeClock, library: Library
) -> None:
    _, recorder = run_desk_break(store, wall, clock, library, before_skipped=True)
    stored = [(e.kind, e.detail) for e in store.events(recorder.session_id)]
    assert ("rating_skipped", "before") in stored
    detail = load_detail(store, recorder.session_id, library, UTC)
    assert detail.row.rating_before is None
    assert detail.skipped_ratings == frozenset({"before"})


def test_ratings_skipped_before_and_after_both_read_back_as_skipped(
    store: Store, wall: FakeWallClock, clock: FakeClock, library: Library
) -> None:
    _, recorder = run_desk_break(store, wall, clock, library, before_skipped=True)
    skip_after(recorder)
    detail = load_detail(store, recorder.session_id, library, UTC)
    assert (detail.row.rating_before, detail.row.rating_after) == (None, None)
    assert detail.skipped_ratings == frozenset({"before", "after"})


def test_a_rating_never_offered_is_not_read_back_as_skipped(
    store: Store, wall: FakeWallClock, clock: FakeClock, library: Library
) -> None:
    _, recorder = run_desk_break(store, wall, clock, library)
    assert recorder.rate(after=3)
    detail = load_detail(store, recorder.session_id, library, UTC)
    assert (detail.row.rating_before, detail.row.rating_after) == (None, 3)
    assert detail.skipped_ratings == frozenset()


@pytest.mark.parametrize(
    ("skipped", "reason", "label"),
    [
        ((), "", "Completed"),
        (("ball-release",), "1 technique skipped", "Completed, 1 technique skipped"),
        (
            ("ball-release", "lunge-pressure"),
            "2 techniques skipped",
            "Completed, 2 techniques skipped",
        ),
    ],
)
def test_a_routine_finished_with_techniques_skipped_is_listed_as_completed_with_how_many(
    store: Store,
    wall: FakeWallClock,
    clock: FakeClock,
    library: Library,
    skipped: tuple[str, ...],
    reason: str,
    label: str,
) -> None:
    runner, recorder = run_desk_break(store, wall, clock, library, skip=skipped)
    assert runner.skipped_techniques == len(skipped)
    assert runner.ending() == ("completed", reason)
    [row] = HistoryQuery(store, UTC).rows(HistoryFilter())
    assert row.id == recorder.session_id
    assert (row.status, row.end_reason) == ("completed", reason)
    assert status(row) == label
