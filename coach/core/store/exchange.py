"""Export and import of sessions: one JSON format that holds everything, CSV for spreadsheets.

- The JSON file is a msgspec Struct (`ExportFile`) made of the very records the store holds,
  so decoding it *is* the validation: every limit declared in records.py applies, and a bad
  value is reported with its exact path (`$.sessions[3].samples[10].intensity`). Only the few
  rules a schema cannot say (duplicates, order, 0.1 s steps) are checked by hand after it.
- An import is all or nothing: the whole file is read and checked before the store is
  touched, then written in one transaction (`Store.import_all`) that skips what is there.
- Files are written atomically and owner-only (temp file in the same folder, fsync,
  rename): an export is a copy of personal health notes, and a half-written export must
  never replace a good one.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import msgspec

from coach.core.breath.pattern import BreathPattern, PatternError
from coach.core.clock import SystemWallClock, WallClock, iso_utc, parse_iso_utc
from coach.core.paths import write_atomic
from coach.core.store.records import (
    IsoUtc,
    PatternRecord,
    Sample,
    SessionEvent,
    SessionRecord,
    UserPreset,
)
from coach.core.store.store import Store

if TYPE_CHECKING:
    from coach.core.store.recorder import SessionLog

EXPORT_FORMAT: Literal["coach-export"] = "coach-export"
EXPORT_SCHEMA_VERSION = 1
#: Checked before reading: a file this big is not ours, and would take the memory with it.
MAX_IMPORT_BYTES = 50_000_000
ExportFormat = Literal["json", "csv"]


# -- the file format ------------------------------------------------------------------------
class ExportedSession(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    session: SessionRecord
    samples: list[Sample]
    events: list[SessionEvent]


class ExportFile(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    # `format` first: `head -c 60 file.json` tells what the file is.
    format: Literal["coach-export"]
    schema_version: Annotated[int, msgspec.Meta(ge=1, le=EXPORT_SCHEMA_VERSION)]
    exported_at: IsoUtc
    sessions: list[ExportedSession]
    presets: list[UserPreset]


class _Header(msgspec.Struct):
    """Read before the rest (unknown fields ignored), so that a newer file or one that is
    not ours is named as such instead of failing on its first unfamiliar field."""

    format: object = None
    schema_version: object = None


class ImportRejected(Exception):
    """The file cannot be imported; nothing was written. `where` is a JSON path or None."""

    def __init__(self, file: str, where: str | None, reason: str) -> None:
        super().__init__(f"{file}: {where}: {reason}" if where else f"{file}: {reason}")
        self.file = file
        self.where = where
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ImportSummary:
    sessions_added: int
    presets_added: int
    sessions_present: int
    """In the file, but already in the store (same id): left as they are."""
    presets_present: int

    def __str__(self) -> str:
        text = (
            f"imported {_count(self.sessions_added, 'session')} and "
            f"{_count(self.presets_added, 'preset')}"
        )
        present = [
            _count(n, noun)
            for n, noun in ((self.sessions_present, "session"), (self.presets_present, "preset"))
            if n
        ]
        if present:
            one = len(present) == 1 and (self.sessions_present + self.presets_present) == 1
            text += f" ({' and '.join(present)} {'was' if one else 'were'} already here)"
        return text


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote. Path-like (the first file) so the window can show or open it."""

    fmt: ExportFormat
    files: tuple[Path, ...]
    """Empty when written to a stream (standard output)."""
    sessions: int
    samples: int
    presets: int
    """In the file; CSV has no place for presets and holds none."""
    size: int
    """Bytes written, all files together."""

    @classmethod
    def of(
        cls, export: ExportFile, fmt: ExportFormat, files: tuple[Path, ...], size: int
    ) -> ExportSummary:
        return cls(
            fmt=fmt,
            files=files,
            sessions=len(export.sessions),
            samples=sum(len(s.samples) for s in export.sessions),
            presets=len(export.presets) if fmt == "json" else 0,
            size=size,
        )

    def __fspath__(self) -> str:
        return os.fspath(self.files[0])

    def __str__(self) -> str:
        return str(self.files[0]) if self.files else "standard output"

    def describe(self) -> str:
        """One line for the person: `exported 12 sessions, 10,800 samples to FILE`."""
        what = f"{_count(self.sessions, 'session')}, {_count(self.samples, 'sample')}"
        if self.fmt == "json":
            what += f" and {_count(self.presets, 'preset')}"
        where = " and ".join(str(f) for f in self.files) or "standard output"
        return f"exported {what} to {where}"

    @property
    def too_big_to_import(self) -> bool:
        """A JSON export that `import` would refuse: worth saying while it can be redone."""
        return self.fmt == "json" and self.size > MAX_IMPORT_BYTES


# -- export ---------------------------------------------------------------------------------
def collect(store: Store, since: date | None = None) -> ExportFile:
    """Everything in the store (sessions started on/after `since`, UTC), as one snapshot."""
    # started_at is UTC ISO text, so a bare date compares as that day's UTC midnight.
    bound = None if since is None else since.isoformat()
    with _read_snapshot(store):
        sessions = []
        for record in store.sessions(bound):
            samples, events = store.samples(record.id), store.events(record.id)
            # One still being recorded (a window open meanwhile) travels as cut short.
            sessions.append(ExportedSession(_closed(record, samples, events), samples, events))
        presets = store.presets()
    return ExportFile(
        format=EXPORT_FORMAT,
        schema_version=EXPORT_SCHEMA_VERSION,
        exported_at=iso_utc(store.wall.utc_now()),
        sessions=sessions,
        presets=presets,
    )


def encode_export(export: ExportFile) -> bytes:
    return msgspec.json.encode(export) + b"\n"


def export_store(
    store: Store, path: Path, fmt: ExportFormat = "json", since: date | None = None
) -> ExportSummary:
    """Write the store to `path`: JSON (everything), or CSV (`path` and `*-samples.csv`)."""
    export = collect(store, since)
    if fmt == "json":
        data = encode_export(export)
        write_atomic(path, data)
        return ExportSummary.of(export, fmt, (path,), len(data))
    if fmt == "csv":
        samples_path = samples_csv_path(path)
        sessions_data, samples_data = sessions_csv(export), samples_csv(export)
        write_atomic(path, sessions_data)
        write_atomic(samples_path, samples_data)
        size = len(sessions_data) + len(samples_data)
        return ExportSummary.of(export, fmt, (path, samples_path), size)
    raise ValueError(f"unknown export format {fmt!r} (json or csv)")


def export_presets(presets: list[UserPreset], path: Path, wall: WallClock) -> Path:
    """Presets alone, in the same format as a full export (so `import` reads them)."""
    export = ExportFile(
        format=EXPORT_FORMAT,
        schema_version=EXPORT_SCHEMA_VERSION,
        exported_at=iso_utc(wall.utc_now()),
        sessions=[],
        presets=presets,
    )
    write_atomic(path, encode_export(export))
    return path


def export_log(log: SessionLog, path: Path, wall: WallClock | None = None) -> Path:
    """Write one session from the recorder's memory (the store is failing) as an export."""
    export = ExportFile(
        format=EXPORT_FORMAT,
        schema_version=EXPORT_SCHEMA_VERSION,
        exported_at=iso_utc((wall or SystemWallClock()).utc_now()),
        sessions=[
            ExportedSession(_closed(log.record, log.samples, log.events), log.samples, log.events)
        ],
        presets=[],
    )
    write_atomic(path, encode_export(export))
    return path


def _closed(
    record: SessionRecord, samples: list[Sample], events: list[SessionEvent]
) -> SessionRecord:
    """A session exported while still running is saved as cut short at its last reading,
    the way the store marks one left running by a crash; otherwise the import would leave
    an 'in progress' session for the next start to report as a crash."""
    if record.status != "in_progress":
        return record
    reached = max(
        [record.active_seconds, *(s.t for s in samples[-1:]), *(e.observed for e in events)]
    )
    return msgspec.structs.replace(
        record,
        status="interrupted",
        end_reason="exported while the session was still running",
        active_seconds=reached,
        ended_at=iso_utc(parse_iso_utc(record.started_at) + timedelta(seconds=reached)),
    )


SESSION_COLUMNS = [
    *("id", "started_at", "ended_at", "kind", "source"),
    *("inhale", "hold_in", "exhale", "hold_out"),
    *("planned_breaths", "lead_in", "status", "end_reason", "active_seconds", "breaths_done"),
    *("rating_before", "rating_after", "notes", "samples", "events"),
]
SAMPLE_COLUMNS = ["session_id", "t", "phase", "intensity", "step", "side"]


def samples_csv_path(path: Path) -> Path:
    """sessions.csv -> sessions-samples.csv, beside it."""
    return path.with_name(f"{path.stem}-samples{path.suffix or '.csv'}")


def sessions_csv(export: ExportFile) -> bytes:
    return _csv(SESSION_COLUMNS, (_session_row(item) for item in export.sessions))


def _session_row(item: ExportedSession) -> list[object]:
    r, p = item.session, item.session.pattern
    return [
        *(r.id, r.started_at, r.ended_at, r.kind, r.source),
        *(p.inhale, p.hold_in, p.exhale, p.hold_out),
        *(r.planned_breaths, r.lead_in, r.status, r.end_reason, r.active_seconds, r.breaths_done),
        *(r.rating_before, r.rating_after, r.notes, len(item.samples), len(item.events)),
    ]


def samples_csv(export: ExportFile) -> bytes:
    rows = (
        [item.session.id, s.t, s.phase, s.intensity, s.step, s.side]
        for item in export.sessions
        for s in item.samples
    )
    return _csv(SAMPLE_COLUMNS, rows)


def _csv(header: list[str], rows: Iterable[Sequence[object]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)  # RFC 4180: CRLF rows, quotes only where needed
    writer.writerow(header)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return text.getvalue().encode("utf-8")


# -- import ---------------------------------------------------------------------------------
def import_file(store: Store, path: Path) -> ImportSummary:
    """Check the whole file, then add what the store lacks in one transaction.

    Raises ImportRejected (nothing written), OSError (unreadable), StoreError.
    """
    return import_export(store, read_export(path))


def import_export(store: Store, export: ExportFile) -> ImportSummary:
    """Add what the store lacks from an export already read and checked (`read_export`)."""
    added_sessions, added_presets = store.import_all(
        ((item.session, item.samples, item.events) for item in export.sessions), export.presets
    )
    return ImportSummary(
        sessions_added=added_sessions,
        presets_added=added_presets,
        sessions_present=len(export.sessions) - added_sessions,
        presets_present=len(export.presets) - added_presets,
    )


def read_export(path: Path) -> ExportFile:
    name = str(path)
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_IMPORT_BYTES:
            raise ImportRejected(name, None, _too_big(size))
        # Bounded even when the size lied (a pipe, a file still growing).
        data = handle.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRejected(name, None, _too_big(len(data)))
    return parse_export(data, name)


def parse_export(data: bytes, name: str = "<data>") -> ExportFile:
    if not data.strip():
        raise ImportRejected(name, None, "the file is empty")
    try:
        _check_header(msgspec.json.decode(data, type=_Header), name)
        export = msgspec.json.decode(data, type=ExportFile)
    except msgspec.ValidationError as error:
        # msgspec says "Expected `int` <= 10 - at `$.sessions[3]...`": put the path first.
        match = re.fullmatch(r"(.*) - at `(\$.*)`", str(error), re.DOTALL)
        where, reason = (match[2], match[1]) if match else ("$", str(error))
        raise ImportRejected(name, where, reason) from None
    except msgspec.DecodeError as error:
        raise ImportRejected(name, None, _json_problem(str(error))) from None
    _check_consistency(export, name)
    return export


def _check_header(header: _Header, name: str) -> None:
    if header.format != EXPORT_FORMAT:
        found = "missing" if header.format is None else repr(header.format)
        raise ImportRejected(
            name, None, f"not a coach export ($.format is {found}, expected {EXPORT_FORMAT!r})"
        )
    version = header.schema_version
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and (version > EXPORT_SCHEMA_VERSION)
    ):
        raise ImportRejected(
            name,
            "$.schema_version",
            f"made by a newer version of the coach (export version {version}; this version "
            f"reads up to {EXPORT_SCHEMA_VERSION})",
        )


def _check_consistency(export: ExportFile, name: str) -> None:
    """What the schema cannot say. Same message style as msgspec: path, then the problem."""
    _reject_duplicates(
        name,
        [item.session.id for item in export.sessions],
        "$.sessions",
        ".session.id",
        "session id",
    )
    for i, item in enumerate(export.sessions):
        here = f"$.sessions[{i}]"
        _check_pattern(item.session.pattern, f"{here}.session.pattern", name)
        for j in range(1, len(item.samples)):
            before, now = item.samples[j - 1].t, item.samples[j].t
            if now < before:
                raise ImportRejected(
                    name,
                    f"{here}.samples[{j}].t",
                    f"Sample offset {now} is before the previous one ({before})",
                )
        _reject_duplicates(
            name,
            [event.seq for event in item.events],
            f"{here}.events",
            ".seq",
            "event seq {key}",
        )
    _reject_duplicates(
        name, [preset.id for preset in export.presets], "$.presets", ".id", "preset id"
    )
    for i, preset in enumerate(export.presets):
        _check_pattern(preset.pattern, f"$.presets[{i}].pattern", name)


def _reject_duplicates(
    name: str, keys: Sequence[Hashable], items: str, field: str, what: str
) -> None:
    """Ids must be unique within a file: name the second one and where the first was.

    Locations read `{items}[i]{field}`; `what` may name the key as `{key}`.
    """
    seen: dict[Hashable, int] = {}
    for i, key in enumerate(keys):
        first = seen.setdefault(key, i)
        if first != i:
            raise ImportRejected(
                name,
                f"{items}[{i}]{field}",
                f"Duplicate {what.format(key=key)}, first seen at `{items}[{first}]{field}`",
            )


def _check_pattern(pattern: PatternRecord, where: str, name: str) -> None:
    """Ranges are in the schema; the 0.1 s steps every pattern is built on are not."""
    try:
        BreathPattern(pattern.inhale, pattern.hold_in, pattern.exhale, pattern.hold_out)
    except PatternError as error:
        reason = str(error).split(": ", 1)[-1]  # drop the label: the path names the field
        raise ImportRejected(name, f"{where}.{error.field}", reason) from None


def _json_problem(message: str) -> str:
    if "truncated" in message:
        return "not valid JSON: the data ends too early (was the file cut short?)"
    return "not valid JSON: " + message.removeprefix("JSON is malformed: ")


def _too_big(size: int) -> str:
    return (
        f"the file is {size / 1e6:.1f} MB; the coach imports files of up to "
        f"{MAX_IMPORT_BYTES / 1e6:.0f} MB"
    )


@contextmanager
def _read_snapshot(store: Store) -> Iterator[None]:
    """One read transaction: a session and its samples as of the same moment, even while
    the window is recording into the same store."""
    if store.conn.in_transaction:
        yield
        return
    store.conn.execute("BEGIN")
    try:
        yield
    finally:
        store.conn.execute("COMMIT")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
