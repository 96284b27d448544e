"""Plain records of what a session was: the shapes stored, exported and imported.

msgspec Structs with their limits declared next to each field, so one declaration
validates an imported file (with an exact path to the bad value) and documents the store.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

Rating = Annotated[int, msgspec.Meta(ge=0, le=10)]
Offset = Annotated[float, msgspec.Meta(ge=0, le=7 * 24 * 3600)]
SignedOffset = Annotated[float, msgspec.Meta(ge=-120, le=7 * 24 * 3600)]
NOTES_MAX_CHARS = 10_000
Text = Annotated[str, msgspec.Meta(max_length=NOTES_MAX_CHARS)]
ShortText = Annotated[str, msgspec.Meta(max_length=200)]
Uuid = Annotated[
    str, msgspec.Meta(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]
IsoUtc = Annotated[
    str, msgspec.Meta(pattern=r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|\+00:00)$")
]
Kind = Literal["breathing", "routine"]
Status = Literal["in_progress", "completed", "stopped", "interrupted"]
PhaseName = Literal["inhale", "hold_in", "exhale", "hold_out"]
Side = Literal["left", "right", "both", "none"]

# Small integer codes for the store (a byte per sample instead of a word).
PHASE_NAMES: dict[int, PhaseName] = {0: "inhale", 1: "hold_in", 2: "exhale", 3: "hold_out"}
SIDE_NAMES: dict[int, Side] = {0: "none", 1: "left", 2: "right", 3: "both"}
PHASE_CODES: dict[str, int] = {name: code for code, name in PHASE_NAMES.items()}
SIDE_CODES: dict[str, int] = {name: code for code, name in SIDE_NAMES.items()}


class PatternRecord(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The exact breathing used: seconds per phase (validated again by BreathPattern)."""

    inhale: Annotated[float, msgspec.Meta(ge=1, le=20)]
    hold_in: Annotated[float, msgspec.Meta(ge=0, le=30)]
    exhale: Annotated[float, msgspec.Meta(ge=1, le=30)]
    hold_out: Annotated[float, msgspec.Meta(ge=0, le=30)]


# omit_defaults: an export writes only what a sample has (26 bytes instead of 67 a sample),
# which keeps years of sessions inside the import size limit.
class Sample(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """One reading: `t` seconds from the session start (ms precision)."""

    t: Offset
    phase: PhaseName | None = None
    intensity: Rating | None = None
    step: Annotated[int, msgspec.Meta(ge=0, le=10_000)] | None = None
    side: Side | None = None


class SessionEvent(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """Something that happened: a phase or step change, a pause, a prompt, a stop."""

    seq: Annotated[int, msgspec.Meta(ge=0)]
    kind: Annotated[str, msgspec.Meta(pattern=r"^[a-z_]{1,32}$")]
    observed: SignedOffset
    scheduled: SignedOffset | None = None
    breath: Annotated[int, msgspec.Meta(ge=0)] | None = None
    phase: PhaseName | None = None
    detail: ShortText = ""


class SessionRecord(msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    id: Uuid
    started_at: IsoUtc
    kind: Kind
    source: ShortText
    """The preset or routine the session followed."""
    pattern: PatternRecord
    status: Status
    ended_at: IsoUtc | None = None
    planned_breaths: Annotated[int, msgspec.Meta(ge=1)] | None = None
    lead_in: Annotated[float, msgspec.Meta(ge=0, le=60)] = 0.0
    end_reason: ShortText = ""
    active_seconds: Offset = 0.0
    breaths_done: Annotated[int, msgspec.Meta(ge=0)] = 0
    rating_before: Rating | None = None
    rating_after: Rating | None = None
    notes: Text = ""


class UserPreset(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    id: Uuid
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
    pattern: PatternRecord
    created_at: IsoUtc
