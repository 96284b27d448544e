"""Named breathing patterns: the built-in ones and the person's own.

Built-in presets are fixed (they can be duplicated, never edited or deleted). The
person's own live in the store; names are unique without regard to case, 1-40
characters, not only spaces. `PresetBook` is what the timing panel talks to: it checks
names, keeps the store and its own list in step, and returns what was deleted so the
window can offer Undo. Without a store (read-only folder, no disk) it works in memory and
says so; `coach.core.store.presets` binds a book to the store.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from coach.core.breath.pattern import BreathPattern
from coach.core.clock import WallClock, iso_utc

NAME_MAX = 40


@dataclass(frozen=True, slots=True)
class Preset:
    id: str
    name: str
    pattern: BreathPattern
    summary: str


PRESETS: tuple[Preset, ...] = (
    Preset(
        "calm",
        "Calm",
        BreathPattern(4, 0, 6, 0),
        "A longer out-breath than in-breath settles the body. Six breaths a minute.",
    ),
    Preset(
        "coherent",
        "Coherent",
        BreathPattern(5.5, 0, 5.5, 0),
        "Even in and out at about 5.5 breaths a minute, the pace most studies use.",
    ),
    Preset(
        "box",
        "Box",
        BreathPattern(4, 4, 4, 4),
        "Four equal sides: in, hold, out, hold. Steadying before a demanding task.",
    ),
    Preset(
        "4-7-8",
        "4-7-8",
        BreathPattern(4, 7, 8, 0),
        "A long hold and a long out-breath; try a few rounds before sleep.",
    ),
    Preset(
        "sleep",
        "Sleep",
        BreathPattern(3, 0, 7, 0),
        "Short in, long slow out, for winding down at the end of the day.",
    ),
    Preset(
        "7-11",
        "7-11",
        BreathPattern(7, 0, 11, 0),
        "Slow and deep: seven in, eleven out. Go gently if you feel light-headed.",
    ),
)

DEFAULT_PRESET_ID = "calm"


def preset_by_id(preset_id: str) -> Preset:
    for item in PRESETS:
        if item.id == preset_id:
            return item
    known = ", ".join(p.id for p in PRESETS)
    raise KeyError(f"unknown preset {preset_id!r}; choose one of: {known}")


class PresetError(ValueError):
    """A name or an action that cannot be done, in words for the panel."""


@dataclass(frozen=True, slots=True)
class NamedPattern:
    """One entry of the preset list."""

    id: str
    name: str
    pattern: BreathPattern
    builtin: bool


def builtin_presets() -> list[NamedPattern]:
    return [NamedPattern(p.id, p.name, p.pattern, True) for p in PRESETS]


def clean_name(name: str, taken: Iterable[str]) -> str:
    """The name as it will be stored (spaces trimmed), or PresetError saying why not."""
    text = " ".join(name.split())  # runs of spaces and tabs become one space
    if not text:
        raise PresetError(
            "Give the preset a name." if not name else "A name needs more than spaces."
        )
    if len(text) > NAME_MAX:
        raise PresetError(f"That name is {len(text)} characters; {NAME_MAX} at most.")
    if text.casefold() in {t.casefold() for t in taken}:
        raise PresetError(f"There is already a preset called “{text}”; choose another name.")
    return text


def free_name(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base (2)`, `base (3)`… whichever is free (within the length limit)."""
    used = {t.casefold() for t in taken}
    base = " ".join(base.split())[:NAME_MAX] or "My pattern"
    if base.casefold() not in used:
        return base
    n = 2
    while True:
        suffix = f" ({n})"
        candidate = base[: NAME_MAX - len(suffix)] + suffix
        if candidate.casefold() not in used:
            return candidate
        n += 1


class PresetBook:
    """The person's presets, kept in the store when there is one.

    `store_write` runs a store call and returns an error message (or None); the window
    passes one that reports failures in its notice bar.
    """

    def __init__(
        self,
        wall: WallClock,
        load: Callable[[], list[NamedPattern]] | None = None,
        write: Callable[[str, tuple[object, ...]], str | None] | None = None,
    ) -> None:
        self._wall = wall
        self._write = write
        self._load = load
        self._own: list[NamedPattern] = list(load()) if load is not None else []

    def reload(self) -> None:
        """Read the store again (after an import)."""
        if self._load is not None:
            self._own = list(self._load())

    # -- reading --------------------------------------------------------------------------
    def all(self) -> list[NamedPattern]:
        """Built-ins first (in their order), then the person's own by name."""
        own = sorted(self._own, key=lambda p: p.name.casefold())
        return builtin_presets() + own

    def get(self, preset_id: str) -> NamedPattern:
        for item in self.all():
            if item.id == preset_id:
                return item
        raise PresetError("That preset no longer exists.")

    def names(self) -> list[str]:
        return [p.name for p in self.all()]

    # -- changes --------------------------------------------------------------------------
    def add(self, name: str, pattern: BreathPattern) -> NamedPattern:
        item = NamedPattern(str(uuid.uuid4()), clean_name(name, self.names()), pattern, False)
        self._save("add", (item, iso_utc(self._wall.utc_now())))
        self._own.append(item)
        return item

    def duplicate(self, preset_id: str) -> NamedPattern:
        source = self.get(preset_id)
        return self.add(free_name(f"{source.name} copy", self.names()), source.pattern)

    def rename(self, preset_id: str, name: str) -> NamedPattern:
        item = self._own_item(preset_id, "renamed")
        others = [n for n in self.names() if n != item.name]
        new = NamedPattern(item.id, clean_name(name, others), item.pattern, False)
        self._save("rename", (item.id, new.name))
        self._replace(new)
        return new

    def update(self, preset_id: str, pattern: BreathPattern) -> NamedPattern:
        item = self._own_item(preset_id, "changed")
        new = NamedPattern(item.id, item.name, pattern, False)
        self._save("update", (item.id, pattern))
        self._replace(new)
        return new

    def delete(self, preset_id: str) -> NamedPattern:
        """Remove it; the returned entry can be given to `restore` (Undo)."""
        item = self._own_item(preset_id, "deleted")
        self._save("delete", (item.id,))
        self._own = [p for p in self._own if p.id != item.id]
        return item

    def restore(self, item: NamedPattern) -> NamedPattern:
        """Undo a delete: the same id; renamed if its name was taken in the meantime."""
        back = NamedPattern(item.id, free_name(item.name, self.names()), item.pattern, False)
        self._save("add", (back, iso_utc(self._wall.utc_now())))
        self._own.append(back)
        return back

    def _own_item(self, preset_id: str, what: str) -> NamedPattern:
        item = self.get(preset_id)
        if item.builtin:
            raise PresetError(
                f"“{item.name}” is built in and can't be {what}; duplicate it to make your own."
            )
        return item

    def _replace(self, new: NamedPattern) -> None:
        self._own = [new if p.id == new.id else p for p in self._own]

    def _save(self, action: str, args: tuple[object, ...]) -> None:
        if self._write is None:
            return
        problem = self._write(action, args)
        if problem:
            raise PresetError(problem)
