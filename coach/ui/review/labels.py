"""Words and numbers for the review screens: one place for how a session is described.

Qt-free and pyqtgraph-free: the history list uses it without pulling in any plotting.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.store.history import HistoryRow, StepSpan
    from coach.core.store.store import Store

NONE = "\u2013"  # an en dash: "no value" without looking like a minus sign
ARROW = "→"


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def source_titles(store: Store | None, library: Library | None) -> dict[str, str]:
    """Routine and preset ids -> their titles (built-in presets, routines, the person's
    own presets). Ids with no title left out: `title_of` words those."""
    from coach.core.breath.presets import PRESETS

    titles = {p.id: p.name for p in PRESETS}
    if library is not None:
        titles.update({rid: routine.title for rid, routine in library.routines.items()})
    if store is not None:
        # A damaged presets table must not hide the history.
        with contextlib.suppress(Exception):
            titles.update({p.id: p.name for p in store.presets()})
        with contextlib.suppress(Exception):
            titles.update(_deleted_presets(store, titles))
    return titles


def _deleted_presets(store: Store, titles: Mapping[str, str]) -> dict[str, str]:
    """The person's presets deleted since, named by the pattern their sessions breathed
    ('Deleted preset · 4.5-1-7.5-0'), so two of them can be told apart."""
    from coach.core.breath.pattern import BreathPattern
    from coach.core.store.history import HistoryQuery

    named: dict[str, str] = {}
    for source, pattern in HistoryQuery(store).latest_patterns().items():
        if source in titles or not _UUID.match(source):
            continue
        try:
            label = BreathPattern(*pattern).label
        except ValueError:
            label = ""
        named[source] = f"Deleted preset · {label}" if label else "A deleted preset"
    return named


def technique_title(library: Library | None, technique_id: str | None) -> str:
    if not technique_id:
        return "Breathing"
    if library is not None and technique_id in library.techniques:
        return library.techniques[technique_id].title
    return technique_id.replace("-", " ").capitalize()


def when(moment: datetime) -> str:
    """'Mon 3 Nov 2026, 07:42' (the day without a leading zero reads more naturally)."""
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"


def day(moment: date) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def length(minutes: float) -> str:
    """m:ss, or h:mm:ss past the hour."""
    total = max(0, round(minutes * 60))
    hours, rest = divmod(total, 3600)
    if hours:
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return f"{rest // 60}:{rest % 60:02d}"


def duration_words(minutes: float) -> str:
    """'45 min', '3 h 20 min' for totals."""
    whole = round(minutes)
    if whole < 60:
        return f"{whole} min"
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def status(row: HistoryRow) -> str:
    """Completed (with what was skipped) / Stopped: reason / Interrupted / In progress."""
    reason = row.end_reason.strip()
    if row.status == "completed":
        # A completed routine's reason says what was skipped ("2 techniques skipped").
        return f"Completed, {reason}" if reason else "Completed"
    if row.status == "stopped":
        if not reason or reason.lower() == "stopped":
            return "Stopped"
        if reason.lower().startswith("stopped"):
            return reason[:1].upper() + reason[1:]  # "Stopped by the user"
        return f"Stopped: {reason[:1].upper() + reason[1:]}"
    if row.status == "interrupted":
        return "Interrupted"
    return "In progress"


def average(value: float | None) -> str:
    return NONE if value is None else f"{value:.1f}"


def peak(value: int | None) -> str:
    return NONE if value is None else str(value)


def tightness(before: int | None, after: int | None) -> str:
    """'6 → 3', '6 → ' and a dash, or a dash alone when neither was asked."""
    if before is None and after is None:
        return NONE
    return f"{peak(before)} {ARROW} {peak(after)}"


def title_of(source: str, titles: Mapping[str, str]) -> str:
    """A routine's or pattern's name; for one with none any more, what it was."""
    title = titles.get(source)
    if title is not None:
        return title
    if source == "custom":
        return "Custom pattern"  # timed in the panel, never saved as a preset
    if _UUID.match(source):
        return "A deleted preset"  # the person's own, deleted since
    return source.replace("-", " ").capitalize()  # a routine file no longer present


def step_label(step: StepSpan, library: Library | None) -> str:
    """'Ball release · right', 'Change sides', 'Breathing', 'Cool-down'."""
    if step.kind == "switch":
        return "Change sides"
    if step.kind == "cooldown":
        return "Cool-down"
    if step.kind == "breathing" or not step.technique:
        return step.label or "Breathing"
    name = technique_title(library, step.technique)
    if step.side in ("left", "right"):
        return f"{name} · {step.side}"
    return name


def plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def spoken(text: str) -> str:
    """Screen text as a screen reader should say it: the middle dots that separate parts
    become commas, an arrow becomes "to", a lone dash "none"."""
    if text.strip() == NONE:
        return "none"
    text = text.replace(ARROW, " to ").replace(f" {NONE}", " none")
    parts = [p.strip() for p in text.split("·")]
    return ", ".join(" ".join(p.split()) for p in parts if p.strip())
