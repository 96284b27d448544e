"""The person's preferences and answers, in one small JSON file beside the store.

Kept beside `coach.db` (not in a separate config folder) so a `--data-dir` is a whole,
separate profile and a backup of the folder holds everything. A file that cannot be read
is never fatal: the coach starts with defaults, says so, and keeps the bad file aside.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import msgspec

from coach.core.clock import iso_utc, parse_iso_utc
from coach.core.content.safety import SafetyAnswer
from coach.core.paths import write_atomic
from coach.core.store.records import IsoUtc

if TYPE_CHECKING:
    from coach.core.breath.timing import TimingChoice

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 1


class TimingRecord(msgspec.Struct, forbid_unknown_fields=False, omit_defaults=True):
    """The last free-breathing timing used (checked again when it is restored)."""

    # Loose types on purpose: a value this version can't use only loses the remembered
    # timing (restored_timing checks it), never the safety answer beside it.
    pattern: tuple[float, float, float, float]
    length_mode: str = "minutes"
    length_value: float = 5.0
    lead_in: float = 5.0
    ramp: tuple[float, float, float, str] | None = None
    source: str = ""


class Settings(msgspec.Struct, forbid_unknown_fields=False, omit_defaults=True):
    """Unknown fields are ignored, so an older coach reads a newer file's settings."""

    version: Annotated[int, msgspec.Meta(ge=1)] = SETTINGS_VERSION
    safety_answered_at: IsoUtc | None = None
    safety_applies: bool | None = None
    last_routine: Annotated[str, msgspec.Meta(max_length=48)] | None = None
    wellness_noted: bool = False
    """The 'guidance, not medical advice' note was shown (it is shown once)."""
    last_timing: TimingRecord | None = None
    sound: bool = True
    """Sounds on (M mutes them all, the voice included)."""
    # Plain types, checked and clamped where they are used: a hand-edited value out of
    # range changes a sound, and never costs the safety answer beside it.
    volume: float = 0.8
    """0-1, for every cue."""
    cues: list[str] | None = None
    """The cues switched on (`coach.core.session.sounds.Sound` values); None: all."""
    breath_bed: float = 0.0
    """0-1: a quiet breath sound that swells with the lungs (0: none)."""
    voice: bool = False
    """Steps, cautions, side changes and prompts read aloud."""
    voice_name: str = ""
    voice_rate: float = 0.0
    """-1 (slow) .. 1 (fast); 0 is the engine's normal pace."""
    voice_volume: float = 0.9
    phase_words: bool = False
    """The voice says "in", "hold", "out" (instead of the phase tones)."""
    announce_phases: bool = False
    """A screen reader hears each phase (steps are always announced)."""
    reduced_motion: bool | None = None
    """A still pacer (a filling bar and words); None: as the system prefers."""

    def safety_answer(self) -> SafetyAnswer | None:
        if self.safety_answered_at is None or self.safety_applies is None:
            return None
        return SafetyAnswer(parse_iso_utc(self.safety_answered_at), self.safety_applies)

    def with_safety(self, answered_at: datetime, applies: bool) -> Settings:
        return msgspec.structs.replace(
            self, safety_answered_at=iso_utc(answered_at), safety_applies=applies
        )


def load_settings(folder: Path) -> tuple[Settings, list[str]]:
    """The settings and what to tell the person (a file that could not be read)."""
    path = folder / SETTINGS_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    except OSError as error:
        return Settings(), [
            f"Your settings ({path}) can't be read ({error.strerror}); "
            "the coach uses its defaults for now."
        ]
    try:
        settings = msgspec.json.decode(data, type=Settings)
        settings.safety_answer()  # a date that only looks like one (month 13) fails here
        return settings, []
    except (msgspec.DecodeError, msgspec.ValidationError, ValueError) as error:
        aside = path.with_name(f"{SETTINGS_FILE}.unreadable")
        try:
            path.replace(aside)
            kept = f" The old file is kept as {aside.name}."
        except OSError:
            kept = ""
        return Settings(), [
            f"Your settings file was damaged ({error}), so the coach starts "
            f"from its defaults.{kept}"
        ]


def save_settings(folder: Path, settings: Settings) -> None:
    """Written whole and atomically (0600). Raises OSError when the folder refuses it."""
    write_atomic(folder / SETTINGS_FILE, msgspec.json.format(msgspec.json.encode(settings)) + b"\n")


def remembered_timing(choice: TimingChoice, source: str) -> TimingRecord:
    p, ramp = choice.pattern, choice.ramp
    return TimingRecord(
        pattern=(p.inhale, p.hold_in, p.exhale, p.hold_out),
        length_mode=choice.length.mode,
        length_value=choice.length.value,
        lead_in=choice.lead_in,
        ramp=None if ramp is None else (ramp.start_bpm, ramp.end_bpm, ramp.over, ramp.unit),
        source=source,
    )


def restored_timing(settings: Settings) -> tuple[TimingChoice, str] | None:
    """The remembered timing, or None when there is none or it no longer holds."""
    from coach.core.breath.pattern import BreathPattern, PatternError
    from coach.core.breath.timing import Length, Ramp, TimingChoice, TimingError, build_schedule

    record = settings.last_timing
    if record is None or record.length_mode not in ("minutes", "breaths", "open"):
        return None
    if record.ramp is not None and record.ramp[3] not in ("minutes", "breaths"):
        return None
    try:
        ramp = None if record.ramp is None else Ramp(*record.ramp)  # type: ignore[arg-type]
        choice = TimingChoice(
            BreathPattern(*record.pattern),
            Length(record.length_mode, record.length_value),  # type: ignore[arg-type]
            record.lead_in,
            ramp,
        )
        build_schedule(choice)  # a glide that no longer fits is not restored
    except (PatternError, TimingError, TypeError):
        return None
    return choice, record.source
