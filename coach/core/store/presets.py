"""The person's presets as the store keeps them: the `load` and `write` pair that a
`PresetBook` works with, so the book itself never needs to know about SQL."""

from __future__ import annotations

from collections.abc import Callable

from coach.core.breath.pattern import BreathPattern
from coach.core.breath.presets import NamedPattern
from coach.core.store.errors import StoreError
from coach.core.store.records import PatternRecord, UserPreset
from coach.core.store.store import Store


def store_binding(
    store: Store,
) -> tuple[Callable[[], list[NamedPattern]], Callable[[str, tuple[object, ...]], str | None]]:
    """`load` and `write` for a PresetBook kept in `store`; a failed write is a message."""

    def load() -> list[NamedPattern]:
        return [
            NamedPattern(
                p.id,
                p.name,
                BreathPattern(
                    p.pattern.inhale, p.pattern.hold_in, p.pattern.exhale, p.pattern.hold_out
                ),
                False,
            )
            for p in store.presets()
        ]

    def record(pattern: BreathPattern) -> PatternRecord:
        return PatternRecord(pattern.inhale, pattern.hold_in, pattern.exhale, pattern.hold_out)

    def write(action: str, args: tuple[object, ...]) -> str | None:
        try:
            if action == "add":
                item, created = args
                assert isinstance(item, NamedPattern) and isinstance(created, str)
                store.save_preset(UserPreset(item.id, item.name, record(item.pattern), created))
            elif action == "rename":
                store.rename_preset(str(args[0]), str(args[1]))
            elif action == "update":
                pattern = args[1]
                assert isinstance(pattern, BreathPattern)
                store.update_preset(str(args[0]), record(pattern))
            elif action == "delete":
                store.delete_preset(str(args[0]))
            else:
                raise ValueError(action)
        except StoreError as error:
            return f"The preset could not be saved: {error}"
        return None

    return load, write
