"""Presets: built-ins fixed, the person's own checked, stored, renamed, deleted and restored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from coach.core.breath.pattern import BreathPattern
from coach.core.breath.presets import PresetBook, PresetError, clean_name, free_name
from coach.core.clock import FakeWallClock
from coach.core.store.exchange import export_store, import_file
from coach.core.store.opening import OpenResult
from coach.core.store.presets import store_binding

EVENING = BreathPattern(4.5, 1, 7.5, 0)


def book_on(stores: Callable[..., OpenResult], tmp_path: Path) -> PresetBook:
    store = stores(tmp_path, FakeWallClock()).store
    load, write = store_binding(store)
    return PresetBook(FakeWallClock(), load, write)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Give the preset a name."),
        ("   ", "A name needs more than spaces."),
        ("x" * 41, "That name is 41 characters; 40 at most."),
        ("calm", "There is already a preset called “calm”; choose another name."),
    ],
)
def test_names_are_checked_with_a_clear_message(name: str, message: str) -> None:
    with pytest.raises(PresetError, match=message):
        clean_name(name, ["Calm", "Box"])


def test_names_are_tidied_and_free_names_found() -> None:
    assert clean_name("  Evening   wind  down ", []) == "Evening wind down"
    assert free_name("Evening", ["evening", "Evening (2)"]) == "Evening (3)"
    assert len(free_name("y" * 40, ["y" * 40])) == 40


def test_save_rename_update_delete_and_restore_are_stored(
    stores: Callable[..., OpenResult], tmp_path: Path
) -> None:
    book = book_on(stores, tmp_path)
    evening = book.add("Evening", EVENING)
    assert [p.name for p in book_on(stores, tmp_path).all()][-1] == "Evening"
    with pytest.raises(PresetError, match="already a preset called “evening”"):
        book.add("evening", EVENING)
    renamed = book.rename(evening.id, "Evening slow")
    book.update(renamed.id, BreathPattern(5, 1, 8, 0))
    again = {p.name: p for p in book_on(stores, tmp_path).all()}
    assert again["Evening slow"].pattern == BreathPattern(5, 1, 8, 0)
    gone = book.delete(evening.id)
    assert "Evening slow" not in book_on(stores, tmp_path).names()
    book.restore(gone)
    assert book_on(stores, tmp_path).get(evening.id).name == "Evening slow"


def test_built_ins_can_be_duplicated_but_not_changed(
    stores: Callable[..., OpenResult], tmp_path: Path
) -> None:
    book = book_on(stores, tmp_path)
    copy = book.duplicate("calm")
    assert copy.name == "Calm copy" and copy.pattern == BreathPattern(4, 0, 6, 0)
    assert book.duplicate("calm").name == "Calm copy (2)"
    for action in (lambda: book.rename("box", "Square"), lambda: book.delete("box")):
        with pytest.raises(PresetError, match="“Box” is built in"):
            action()


def test_presets_export_and_import_back_renamed_not_overwritten(
    stores: Callable[..., OpenResult], tmp_path: Path
) -> None:
    first = stores(tmp_path / "a", FakeWallClock()).store
    load, write = store_binding(first)
    PresetBook(FakeWallClock(), load, write).add("Evening", EVENING)
    export_store(first, tmp_path / "presets.json", "json")
    second = stores(tmp_path / "b", FakeWallClock()).store
    load2, write2 = store_binding(second)
    PresetBook(FakeWallClock(), load2, write2).add("Evening", BreathPattern(3, 0, 7, 0))
    summary = import_file(second, tmp_path / "presets.json")
    assert summary.presets_added == 1
    names = sorted(p.name for p in second.presets())
    assert names == ["Evening", "Evening (2)"]
    assert import_file(second, tmp_path / "presets.json").presets_added == 0
