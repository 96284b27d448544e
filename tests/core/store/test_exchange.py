"""Export and import against real SQLite files: exact round trip, idempotence, refusals."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach.core.clock import FakeWallClock, iso_utc
from coach.core.store.exchange import (
    MAX_IMPORT_BYTES,
    SAMPLE_COLUMNS,
    SESSION_COLUMNS,
    ImportRejected,
    collect,
    export_log,
    export_store,
    import_file,
    parse_export,
)
from coach.core.store.opening import open_store
from coach.core.store.recorder import SessionLog
from coach.core.store.records import PatternRecord, Sample, SessionEvent, UserPreset
from coach.core.store.store import Store
from tests.support.records import new_record
from tests.support.sessions import NOTES, dump, everything, fill


@pytest.fixture
def wall() -> FakeWallClock:
    return FakeWallClock()


@pytest.fixture
def store(tmp_path: Path, wall: FakeWallClock) -> Iterator[Store]:
    """A store with a bit of everything: every field of every record is used somewhere."""
    opened = open_store(tmp_path / "source", wall)
    fill(opened.store, wall)
    yield opened.store
    opened.store.close()


@pytest.fixture
def fresh(tmp_path: Path, wall: FakeWallClock) -> Iterator[Store]:
    opened = open_store(tmp_path / "fresh", wall)
    yield opened.store
    opened.store.close()


@pytest.fixture
def exported(store: Store, tmp_path: Path) -> Path:
    path = tmp_path / "backup.json"
    export_store(store, path)
    return path


# -- round trip -----------------------------------------------------------------------------
def test_export_then_import_round_trips_exactly(store: Store, fresh: Store, exported: Path) -> None:
    summary = import_file(fresh, exported)
    assert str(summary) == "imported 4 sessions and 2 presets"
    got, want = everything(fresh), everything(store)
    assert got == want
    # The fixture really uses what it claims to (so the equality above means something).
    first, samples, events = want["sessions"][0]
    assert first.notes == NOTES and first.rating_after == 0 and first.status == "completed"
    assert {s.side for s in samples} == {"left", "right", "both", "none", None}
    assert events[0].observed == -10.0 and events[1].detail == "phone rang"
    assert [r.status for r, _, _ in want["sessions"]] == [
        "completed",
        "stopped",
        "interrupted",
        "completed",
    ]


def test_the_export_file_reads_back_to_the_same_records(store: Store, exported: Path) -> None:
    export = parse_export(exported.read_bytes())
    assert export == collect(store)
    text = exported.read_text(encoding="utf-8")
    assert text.startswith('{"format":"coach-export","schema_version":1,')
    assert "🙂" in text  # UTF-8, not \\u escapes


def test_importing_twice_adds_nothing_the_second_time(fresh: Store, exported: Path) -> None:
    import_file(fresh, exported)
    after_first = dump(fresh)
    summary = import_file(fresh, exported)
    assert str(summary) == (
        "imported 0 sessions and 0 presets (4 sessions and 2 presets were already here)"
    )
    assert dump(fresh) == after_first


def test_some_already_here_and_a_clashing_preset_name_is_renamed(
    store: Store, fresh: Store, exported: Path, wall: FakeWallClock
) -> None:
    mine = UserPreset(
        id=str(uuid.uuid4()),
        name="square",
        pattern=PatternRecord(3, 3, 3, 3),
        created_at=iso_utc(wall.utc_now()),
    )
    fresh.save_preset(mine)
    first_id = store.session_ids()[0]
    fresh.import_all(
        [(store.session(first_id), store.samples(first_id), store.events(first_id))], []
    )
    assert str(import_file(fresh, exported)) == (
        "imported 3 sessions and 2 presets (1 session was already here)"
    )
    names = {p.name: p for p in fresh.presets()}
    assert names["square"] == mine  # never overwritten
    assert names["square (2)"].pattern == PatternRecord(4, 4, 4, 4)


def test_since_keeps_sessions_started_on_or_after_that_utc_day(store: Store) -> None:
    starts = [r.started_at[:10] for r in store.sessions()]
    assert starts == ["2026-01-05", "2026-01-07", "2026-01-08", "2026-01-08"]
    assert len(collect(store, date(2026, 1, 7)).sessions) == 3
    assert len(collect(store, date(2026, 1, 8)).sessions) == 2
    assert collect(store, date(2026, 1, 9)).sessions == []
    assert len(collect(store, date(2026, 1, 9)).presets) == 2  # presets are not dated


# -- the session held in memory -------------------------------------------------------------
def test_export_log_writes_one_session_that_imports(
    tmp_path: Path, fresh: Store, wall: FakeWallClock
) -> None:
    record = new_record(wall, status="completed", notes="from memory")
    log = SessionLog(
        record,
        samples=[Sample(t=0.0, phase="inhale"), Sample(t=1.0, phase="inhale", intensity=3)],
        events=[SessionEvent(seq=0, kind="lead_in", observed=-5.0)],
    )
    path = export_log(log, tmp_path / "rescue.json", wall)
    assert str(import_file(fresh, path)) == "imported 1 session and 0 presets"
    assert fresh.session(record.id) == record
    assert fresh.samples(record.id) == log.samples
    assert fresh.events(record.id) == log.events


def test_a_running_session_is_exported_as_cut_short(
    tmp_path: Path, fresh: Store, wall: FakeWallClock
) -> None:
    record = new_record(wall)  # in_progress, nothing counted yet
    log = SessionLog(
        record,
        samples=[Sample(t=float(i)) for i in range(31)],
        events=[SessionEvent(seq=0, kind="pause", observed=30.25)],
    )
    import_file(fresh, export_log(log, tmp_path / "rescue.json", wall))
    got = fresh.session(record.id)
    assert got.status == "interrupted"
    assert got.end_reason == "exported while the session was still running"
    assert got.active_seconds == 30.25
    assert got.ended_at == "2026-01-05T07:30:30.250Z"


# -- files ----------------------------------------------------------------------------------
@pytest.mark.skipif(os.name != "posix", reason="permissions work differently here")
def test_files_are_owner_only_even_over_an_existing_file(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("old")
    path.chmod(0o644)
    summary = export_store(store, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Path(summary) == path and path.stat().st_size == summary.size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "source"]


def test_a_failed_write_leaves_the_old_file_and_no_leftovers(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.json"
    path.write_text("the good old export")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        export_store(store, path)
    assert path.read_text() == "the good old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "source"]


def test_csv_has_one_row_per_session_and_the_samples_beside_it(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "sessions.csv"
    summary = export_store(store, path, "csv")
    samples_path = tmp_path / "sessions-samples.csv"
    assert summary.files == (path, samples_path)
    assert summary.describe() == (f"exported 4 sessions, 129 samples to {path} and {samples_path}")
    raw = path.read_bytes()
    assert raw.startswith(b"id,started_at,ended_at,kind,source,inhale,hold_in,exhale,")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == SESSION_COLUMNS and len(rows) == 1 + 4
    first = dict(zip(SESSION_COLUMNS, rows[1], strict=True))
    record = store.sessions()[0]
    assert first["id"] == record.id and first["notes"] == NOTES
    assert (first["inhale"], first["exhale"], first["planned_breaths"]) == ("4.0", "6.0", "30")
    assert (first["rating_before"], first["rating_after"]) == ("7", "0")
    assert (first["samples"], first["events"]) == ("122", "7")
    second = dict(zip(SESSION_COLUMNS, rows[2], strict=True))
    assert second["planned_breaths"] == "" and second["rating_before"] == ""
    sample_rows = list(csv.reader(io.StringIO(samples_path.read_text("utf-8"), newline="")))
    assert sample_rows[0] == SAMPLE_COLUMNS and len(sample_rows) == 1 + 129
    assert sample_rows[2] == [record.id, "1.0", "hold_in", "1", "0", "right"]
    assert sample_rows[121] == [record.id, "120.5", "", "", "", ""]


# -- refusals -------------------------------------------------------------------------------
def edited(exported: Path, change: Callable[[dict[str, Any]], object]) -> bytes:
    data = json.loads(exported.read_bytes())
    change(data)
    return json.dumps(data).encode()


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """`_set("sessions.1.samples.10.intensity", 11)` -> data[...][...] = 11."""
    *parents, last = path.split(".")

    def change(data: dict[str, Any]) -> None:
        node: Any = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value

    return change


def _duplicate_session(data: dict[str, Any]) -> None:
    data["sessions"].append(json.loads(json.dumps(data["sessions"][1])))


def _duplicate_seq(data: dict[str, Any]) -> None:
    data["sessions"][0]["events"][5]["seq"] = 2


REJECTIONS: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "malformed JSON": (
        lambda p: p.read_bytes().replace(b'"schema_version":1,', b'"schema_version":1;', 1),
        "backup.json: not valid JSON: expected ',' or '}' (byte 43)",
    ),
    "truncated file": (
        lambda p: p.read_bytes()[: p.stat().st_size // 2],
        "backup.json: not valid JSON: the data ends too early (was the file cut short?)",
    ),
    "empty file": (lambda p: b"\n", "backup.json: the file is empty"),
    "not an object": (lambda p: b"[1, 2]", "backup.json: $: Expected `object`, got `array`"),
    "intensity 11": (
        lambda p: edited(p, _set("sessions.1.samples.1.intensity", 11)),
        "backup.json: $.sessions[1].samples[1].intensity: Expected `int` <= 10",
    ),
    "inhale 25": (
        lambda p: edited(p, _set("presets.0.pattern.inhale", 25)),
        "backup.json: $.presets[0].pattern.inhale: Expected `float` <= 20.0",
    ),
    "inhale off the 0.1 s steps": (
        lambda p: edited(p, _set("sessions.2.session.pattern.inhale", 5.55)),
        "backup.json: $.sessions[2].session.pattern.inhale: 5.55 s is finer than 0.1 s; "
        "allowed 1-20 s in steps of 0.1 s",
    ),
    "bad UUID": (
        lambda p: edited(p, _set("sessions.3.session.id", "not-a-uuid")),
        "backup.json: $.sessions[3].session.id: Expected `str` matching regex",
    ),
    "unknown field": (
        lambda p: edited(p, _set("sessions.0.samples.7.heart_rate", 61)),
        "backup.json: $.sessions[0].samples[7]: Object contains unknown field `heart_rate`",
    ),
    "missing field": (
        lambda p: edited(p, lambda d: d.pop("presets")),
        "backup.json: $: Object missing required field `presets`",
    ),
    "wrong marker": (
        lambda p: edited(p, _set("format", "coach-backup")),
        "backup.json: not a coach export ($.format is 'coach-backup', expected 'coach-export')",
    ),
    "no marker": (
        lambda p: b'{"sessions": []}',
        "backup.json: not a coach export ($.format is missing, expected 'coach-export')",
    ),
    "newer schema_version": (
        # A newer file may well have new fields: the version is what must be named.
        lambda p: edited(p, lambda d: d.update(schema_version=2, moods=[])),
        "backup.json: $.schema_version: made by a newer version of the coach "
        "(export version 2; this version reads up to 1)",
    ),
    "schema_version 0": (
        lambda p: edited(p, _set("schema_version", 0)),
        "backup.json: $.schema_version: Expected `int` >= 1",
    ),
    "duplicate session id": (
        lambda p: edited(p, _duplicate_session),
        "backup.json: $.sessions[4].session.id: Duplicate session id, first seen at "
        "`$.sessions[1].session.id`",
    ),
    "duplicate event seq": (
        lambda p: edited(p, _duplicate_seq),
        "backup.json: $.sessions[0].events[5].seq: Duplicate event seq 2, first seen at "
        "`$.sessions[0].events[2].seq`",
    ),
    "samples going back": (
        lambda p: edited(p, _set("sessions.0.samples.50.t", 12.0)),
        "backup.json: $.sessions[0].samples[50].t: Sample offset 12.0 is before the "
        "previous one (49.0)",
    ),
    "lead-in too early": (
        lambda p: edited(p, _set("sessions.0.events.0.observed", -600)),
        "backup.json: $.sessions[0].events[0].observed: Expected `float` >= -120.0",
    ),
}


@pytest.mark.parametrize("case", list(REJECTIONS))
def test_a_bad_file_is_refused_with_where_and_what_and_nothing_changes(
    case: str, store: Store, exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make, message = REJECTIONS[case]
    exported.write_bytes(make(exported))
    before = dump(store)
    monkeypatch.chdir(exported.parent)  # the message names the file as it was given
    with pytest.raises(ImportRejected) as caught:
        import_file(store, Path("backup.json"))
    assert str(caught.value).startswith(message), str(caught.value)
    assert "\n" not in str(caught.value)
    assert dump(store) == before


def test_an_oversized_file_is_refused_before_it_is_read(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1_000_000)  # sparse: costs no disk
    before = dump(store)
    monkeypatch.setattr(
        "coach.core.store.exchange.parse_export", lambda *a: pytest.fail("the file was read")
    )
    with pytest.raises(ImportRejected) as caught:
        import_file(store, path)
    assert str(caught.value) == (
        f"{path}: the file is 51.0 MB; the coach imports files of up to 50 MB"
    )
    assert dump(store) == before


def test_a_missing_file_is_an_os_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        import_file(store, tmp_path / "nowhere.json")
