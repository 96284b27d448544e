"""Looking back: the session list, one session in detail, all read from the store.

Qt-free and numpy-free. Lists come from SQL with aggregates kept per session (average
and peak intensity, computed once when a session ends), so a list of thousands of
sessions is one indexed query per page, never a loop over every sample.

Shared by the review screens (coach/ui/review/) and the benchmarks.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from coach.core.clock import iso_utc

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.store.store import Store

SortKey = Literal[
    "started_at", "source", "minutes", "status", "breaths", "avg_intensity", "peak_intensity"
]
Status = Literal["in_progress", "completed", "stopped", "interrupted"]


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    sources: frozenset[str] | None = None
    """Routine or preset ids to show (None: all)."""
    statuses: frozenset[Status] | None = None
    since: date | None = None
    """First local day shown (inclusive)."""
    until: date | None = None
    """Last local day shown (inclusive)."""
    text: str = ""
    """Words that must appear in the notes (case-insensitive)."""


@dataclass(frozen=True, slots=True)
class HistoryRow:
    id: str
    started_at: datetime
    """Aware, local time zone."""
    kind: Literal["breathing", "routine"]
    source: str
    """The routine or preset id."""
    minutes: float
    """Active time (pauses excluded)."""
    status: Status
    end_reason: str
    breaths: int
    avg_intensity: float | None
    peak_intensity: int | None
    rating_before: int | None
    rating_after: int | None
    notes: str


@dataclass(frozen=True, slots=True)
class StepSpan:
    """One item of a routine as it ran: when it was on screen."""

    start: float
    end: float
    index: int
    kind: str
    """'step', 'breathing', 'switch', 'cooldown'."""
    technique: str | None
    side: str | None
    label: str
    target: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Pause:
    """A pause on the timeline. Its start and end are equal (active time stands still)
    unless it was never ended; `seconds` is how long it lasted by the clock, when known
    (sessions recorded before that was kept have None)."""

    start: float
    end: float
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class Marker:
    t: float
    kind: Literal["ease_off", "stop_offer", "pause", "resume", "stop", "safety_stop", "pace"]
    detail: str


@dataclass(frozen=True, slots=True)
class SessionDetail:
    row: HistoryRow
    times: list[float] = field(default_factory=list)
    """Seconds from the first breath, one per sample."""
    intensities: list[int | None] = field(default_factory=list)
    phases: list[tuple[float, float, str]] = field(default_factory=list)
    """(start, end, phase name) runs for the breath-phase strip."""
    steps: list[StepSpan] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    pauses: list[Pause] = field(default_factory=list)
    duration: float = 0.0
    skipped_ratings: frozenset[str] = frozenset()
    """"before" and/or "after": the tightness was offered there and skipped."""


# -- the list -------------------------------------------------------------------------------
def _summary_columns(store: Store) -> str:
    if store.has_summaries:
        return "avg_intensity, peak_intensity"
    # An old store opened read-only cannot be migrated: work the summary out per row.
    return (
        "(SELECT avg(intensity) FROM samples WHERE session = sessions.rowid) AS avg_intensity, "
        "(SELECT max(intensity) FROM samples WHERE session = sessions.rowid) AS peak_intensity"
    )


_ROW_COLUMNS = (
    "id, started_at, kind, source, active_ms, status, end_reason, breaths_done, {summary}, "
    "rating_before, rating_after, notes"
)

_SORT_SQL: dict[str, str] = {
    "started_at": "started_at",
    "source": "source COLLATE NOCASE",
    "minutes": "active_ms",
    # Still running first, then how it ended, from best to worst.
    "status": "CASE status WHEN 'in_progress' THEN 0 WHEN 'completed' THEN 1 "
    "WHEN 'stopped' THEN 2 ELSE 3 END",
    "breaths": "breaths_done",
    "avg_intensity": "avg_intensity",
    "peak_intensity": "peak_intensity",
}

_FOLD = "coach_fold"


def _fold(text: object) -> str | None:
    return text.casefold() if isinstance(text, str) else None


# A zone of None means this computer's zone. It is applied per moment (astimezone() with
# no argument), never frozen into today's offset, so dates across a DST change stay right.
def to_local(moment: datetime, tz: tzinfo | None) -> datetime:
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def local_midnight(day: date, tz: tzinfo | None) -> datetime:
    """The first moment of a local day, aware."""
    naive = datetime.combine(day, time(0))
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def day_start_utc(day: date, tz: tzinfo | None) -> str:
    """The first moment of a local day as stored-text bound (UTC, seconds).

    No fraction and no zone suffix: every stored spelling of that second
    ('...:00Z', '...:00.000Z', '...:00+00:00') sorts after it, and every earlier second
    before it, so `>=` and `<` on the text are exact day bounds.
    """
    return local_midnight(day, tz).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def parse_started(text: str, tz: tzinfo | None) -> datetime:
    return to_local(datetime.fromisoformat(text), tz)


def _marks(n: int) -> str:
    """n placeholders; an empty choice becomes IN (NULL), which matches nothing."""
    return ", ".join("?" for _ in range(n)) or "NULL"


def like_pattern(word: str) -> str:
    """'%word%' with LIKE's own wildcards taken literally (escape character: backslash)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class HistoryQuery:
    """Pages of the session list, straight from SQL: filter, sort and count in the store.

    Sorting and paging happen in the query (with a stable tiebreak on the start time and
    the row), so the list model asks only for the rows it shows.
    """

    def __init__(self, store: Store, tz: tzinfo | None = None) -> None:
        self.store = store
        self.tz = tz
        # SQLite's LIKE folds ASCII letters only; a search with other letters ('é', 'ß')
        # compares case-folded text instead. Registered per connection, pure, cheap.
        store.conn.create_function(_FOLD, 1, _fold, deterministic=True)

    def _where(self, flt: HistoryFilter, hidden: frozenset[str]) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if flt.sources is not None:
            clauses.append(f"source IN ({_marks(len(flt.sources))})")
            params += sorted(flt.sources)
        if flt.statuses is not None:
            clauses.append(f"status IN ({_marks(len(flt.statuses))})")
            params += sorted(flt.statuses)
        if flt.since is not None:
            clauses.append("started_at >= ?")
            params.append(day_start_utc(flt.since, self.tz))
        if flt.until is not None:
            clauses.append("started_at < ?")
            params.append(day_start_utc(flt.until + timedelta(days=1), self.tz))
        for word in flt.text.split():
            if word.isascii():
                clauses.append("notes LIKE ? ESCAPE '\\'")
                params.append(like_pattern(word))
            else:
                clauses.append(f"{_FOLD}(notes) LIKE ? ESCAPE '\\'")
                params.append(like_pattern(word.casefold()))
        if hidden:
            # json_each: any number of ids as one parameter.
            clauses.append("id NOT IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(hidden)))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(self, flt: HistoryFilter, hidden: frozenset[str] = frozenset()) -> int:
        where, params = self._where(flt, hidden)
        row = self.store.conn.execute(f"SELECT count(*) FROM sessions{where}", params).fetchone()
        return int(row[0])

    def rows(
        self,
        flt: HistoryFilter,
        sort: SortKey = "started_at",
        descending: bool = True,
        offset: int = 0,
        limit: int = 200,
        hidden: frozenset[str] = frozenset(),
        names: Mapping[str, str] | None = None,
    ) -> list[HistoryRow]:
        """One page of rows. `names` (source id -> the name shown) makes a sort by source
        follow the names people read rather than the ids."""
        where, params = self._where(flt, hidden)
        key = _SORT_SQL[sort]
        way = "DESC" if descending else "ASC"
        order = f"started_at {way}, rowid {way}"
        if sort in ("avg_intensity", "peak_intensity"):
            # Sessions without readings go last either way: they have nothing to compare.
            order = f"{key} IS NULL, {key} {way}, {order}"
        elif sort == "source" and names:
            pairs = sorted(names.items())
            whens = " ".join("WHEN ? THEN ?" for _ in pairs)
            order = f"CASE source {whens} ELSE source END COLLATE NOCASE {way}, {order}"
            params += [value for pair in pairs for value in pair]
        elif sort != "started_at":
            order = f"{key} {way}, {order}"
        columns = _ROW_COLUMNS.format(summary=_summary_columns(self.store))
        cursor = self.store.conn.execute(
            f"SELECT {columns} FROM sessions{where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, max(0, limit), max(0, offset)],
        )
        return [_row(r, self.tz) for r in cursor]

    def sources(self) -> list[tuple[str, int]]:
        """Every routine or preset id with its number of sessions, most used first."""
        rows = self.store.conn.execute(
            "SELECT source, count(*) AS n FROM sessions GROUP BY source ORDER BY n DESC, source"
        ).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def latest_patterns(self) -> dict[str, tuple[float, float, float, float]]:
        """Each breathing pattern's id with the (in, hold, out, hold) of its newest
        session: what a preset deleted since can still be recognised by."""
        rows = self.store.conn.execute(
            "SELECT source, inhale, hold_in, exhale, hold_out, max(started_at) FROM sessions "
            "WHERE kind = 'breathing' GROUP BY source"
        )
        return {str(r[0]): (r[1], r[2], r[3], r[4]) for r in rows}


def _row(r: Sequence[object], tz: tzinfo | None) -> HistoryRow:
    avg, peak = r[8], r[9]
    return HistoryRow(
        id=str(r[0]),
        started_at=parse_started(str(r[1]), tz),
        kind=cast(Literal["breathing", "routine"], r[2]),
        source=str(r[3]),
        minutes=cast(int, r[4]) / 60000,
        status=cast(Status, r[5]),
        end_reason=str(r[6]),
        breaths=cast(int, r[7]),
        avg_intensity=None if avg is None else float(cast(float, avg)),
        peak_intensity=None if peak is None else int(cast(int, peak)),
        rating_before=cast("int | None", r[10]),
        rating_after=cast("int | None", r[11]),
        notes=str(r[12]),
    )


# -- one session ----------------------------------------------------------------------------
_MarkerKind = Literal["ease_off", "stop_offer", "pause", "resume", "stop", "safety_stop", "pace"]
MARKER_KINDS = ("ease_off", "stop_offer", "pause", "resume", "stop", "safety_stop", "pace")
_ITEM_LABELS = {"breathing": "Breathing", "switch": "Change sides", "cooldown": "Cool-down"}


@dataclass(frozen=True, slots=True)
class _StepEvent:
    start: float
    index: int
    kind: str
    technique: str | None
    step_index: int | None
    side: str | None


MAX_PAUSE_S = 7 * 24 * 3600


def _seconds(text: str) -> float | None:
    """A resume event's detail: the pause's length in seconds ('' when not recorded)."""
    try:
        value = float(text)
    except ValueError:
        return None
    # A week at most, like any offset ('inf' or 'nan' from a hand-made file: unknown).
    return value if math.isfinite(value) and 0 <= value <= MAX_PAUSE_S else None


def parse_step_detail(detail: str, start: float) -> _StepEvent | None:
    """'3:ball-release/1/left', '0:breathing', '7:cooldown' -> its parts (None: not a step)."""
    from coach.core.store.records import SIDE_NAMES

    head, sep, rest = detail.partition(":")
    if not sep or not head.isdigit():
        return None
    if "/" not in rest:
        return _StepEvent(start, int(head), rest or "step", None, None, None)
    technique, _, tail = rest.partition("/")
    number, _, side = tail.partition("/")
    return _StepEvent(
        start,
        int(head),
        "step",
        technique,
        int(number) if number.isdigit() else None,
        side if side in SIDE_NAMES.values() else None,
    )


def _step_span(event: _StepEvent, end: float, library: Library | None) -> StepSpan:
    label = _ITEM_LABELS.get(event.kind, event.kind.capitalize())
    target: tuple[int, int] | None = None
    if event.technique is not None:
        title = event.technique.replace("-", " ").capitalize()
        count = 0
        technique = library.techniques.get(event.technique) if library is not None else None
        if technique is not None:
            # The band is the technique step's own (build_plan copies it into each item),
            # so it is found even when the routine changed or left items out since.
            title, count = technique.title, len(technique.steps)
            if event.step_index is not None and event.step_index < count:
                target = technique.steps[event.step_index].target
        label = title
        if event.step_index is not None:
            of = f" of {count}" if count else ""
            label += f": step {event.step_index + 1}{of}"
        if event.side in ("left", "right"):
            label += f" · {event.side}"
    return StepSpan(
        start=event.start,
        end=end,
        index=event.index,
        kind=event.kind,
        technique=event.technique,
        side=event.side,
        label=label,
        target=target,
    )


def load_detail(
    store: Store, session_id: str, library: Library | None = None, tz: tzinfo | None = None
) -> SessionDetail:
    """One session for its timeline: readings, breath phases, steps, markers, pauses.

    Times are seconds of active time from the first breath (pauses take no time on this
    axis, so a pause is a moment: its start and end are equal unless it was never ended).
    Raises KeyError for an unknown id.
    """
    # Here, not at the top: the filter types above are imported by widgets at start-up,
    # and the records module brings msgspec with it.
    from coach.core.store.records import PHASE_NAMES

    conn = store.conn
    columns = _ROW_COLUMNS.format(summary=_summary_columns(store))
    found = conn.execute(
        f"SELECT rowid, {columns} FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    if found is None:
        raise KeyError(f"no session with id {session_id}")
    rowid = found[0]
    row = _row(found[1:], tz)
    samples = conn.execute(
        "SELECT t_ms, phase, intensity FROM samples WHERE session = ? ORDER BY t_ms", (rowid,)
    ).fetchall()
    events = conn.execute(
        "SELECT kind, observed_ms, scheduled_ms, phase, detail FROM events "
        "WHERE session = ? AND (kind IN ('phase', 'finish', 'stop', 'pause', 'resume', "
        "'ease_off', 'stop_offer', 'safety_stop', 'pace', 'rating_skipped') OR kind GLOB 'step*') "
        "ORDER BY seq",
        (rowid,),
    ).fetchall()
    times = [t / 1000 for t, _, _ in samples]
    intensities: list[int | None] = [level for _, _, level in samples]
    last_event = max((observed for _, observed, _, _, _ in events), default=0)
    duration = max(found[5] / 1000, times[-1] if times else 0.0, last_event / 1000)
    if row.status == "in_progress" and row.avg_intensity is None:
        # Summaries are taken when a session ends; one still running gets them here.
        levels = [level for level in intensities if level is not None]
        if levels:
            row = replace(row, avg_intensity=sum(levels) / len(levels), peak_intensity=max(levels))

    # Phase runs: the phase events carry the exact scheduled boundaries; stores without
    # them (none so far, but an import may lack them) fall back to the 1 Hz samples.
    starts: list[tuple[float, str]] = [
        ((observed if scheduled is None else scheduled) / 1000, PHASE_NAMES[phase])
        for kind, observed, scheduled, phase, _ in events
        if kind == "phase" and phase is not None
    ]
    if not starts:
        starts = [(t / 1000, PHASE_NAMES[phase]) for t, phase, _ in samples if phase is not None]
    phases: list[tuple[float, float, str]] = []
    for i, (start, name) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else duration
        if phases and phases[-1][2] == name:
            phases[-1] = (phases[-1][0], end, name)
        elif end > start or i + 1 == len(starts):
            phases.append((start, max(start, end), name))

    step_events: list[_StepEvent] = []
    markers: list[Marker] = []
    skipped_ratings: set[str] = set()
    pauses: list[Pause] = []
    open_pause: float | None = None
    for kind, observed, scheduled, _, detail in events:
        t = observed / 1000
        if kind.startswith("step"):
            # An item shown by the pacer starts on its scheduled boundary; one chosen with
            # Next/Back is shown when pressed (scheduled equals observed then).
            parsed = parse_step_detail(
                detail, (observed if scheduled is None else scheduled) / 1000
            )
            if parsed is not None:
                step_events.append(parsed)
            continue
        if kind in MARKER_KINDS:
            markers.append(Marker(t, cast(_MarkerKind, kind), detail))
        if kind == "rating_skipped":
            skipped_ratings.add(detail)
        if kind == "pause":
            open_pause = t if open_pause is None else open_pause
        elif kind in ("resume", "stop", "finish") and open_pause is not None:
            seconds = _seconds(detail) if kind == "resume" else None
            pauses.append(Pause(open_pause, max(open_pause, t), seconds))
            open_pause = None
    if open_pause is not None:  # cut short or stopped while paused
        pauses.append(Pause(open_pause, max(open_pause, duration)))

    steps: list[StepSpan] = []
    for i, event in enumerate(step_events):
        end = step_events[i + 1].start if i + 1 < len(step_events) else duration
        if end <= event.start and i + 1 < len(step_events):
            continue  # replaced at once (Next pressed on the boundary): never on screen
        steps.append(_step_span(event, max(event.start, end), library))
    return SessionDetail(
        row=row,
        times=times,
        intensities=intensities,
        phases=phases,
        steps=steps,
        markers=markers,
        skipped_ratings=frozenset(skipped_ratings),
        pauses=pauses,
        duration=duration,
    )


UNSAVED_NOTES_FILE = "unsaved-notes.txt"


def keep_unsaved_notes(folder: Path, notes: Sequence[tuple[str, str]], now: datetime) -> Path:
    """The last place for notes the store would not take (a full disk, a session deleted
    or restored away while they were typed): appended to a text file in `folder`, each
    under a line naming its session. Returns the file. OSError when even that fails."""
    path = folder / UNSAVED_NOTES_FILE
    parts = [
        f"--- Notes for the session of {session}, not saved in the store ({iso_utc(now)}):\n"
        f"{text.rstrip()}\n\n"
        for session, text in notes
    ]
    # Private like the store beside it (0600), whatever the umask.
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with open(handle, "a", encoding="utf-8") as out:
        out.write("".join(parts))
        out.flush()
        os.fsync(out.fileno())
    return path
