"""The body position of every item the shipped routines show: one of the figure's positions,
the one the step's words and drawing describe, mirrored for the left side."""

from __future__ import annotations

import pytest

from coach.core.assets import assets_dir, illustration_ids
from coach.core.breath.presets import preset_by_id
from coach.core.content.library import Library, load_library
from coach.core.content.plan import (
    POSITIONS,
    Plan,
    PlanItem,
    build_plan,
    cool_down_item,
    position_of,
)

FACE_DOWN = ("ball-release", "tool-release", "foam-roller")


@pytest.fixture(scope="module")
def library() -> Library:
    shipped = load_library(assets_dir() / "content", None, illustration_ids())
    assert shipped.problems == []
    return shipped


def plans(library: Library) -> list[Plan]:
    assert library.routines
    return [build_plan(routine, library) for routine in library.routines.values()]


def items(library: Library) -> list[PlanItem]:
    return [item for plan in plans(library) for item in plan.items]


def test_every_item_of_every_shipped_routine_has_one_of_the_positions(
    library: Library,
) -> None:
    calm = preset_by_id("calm").pattern
    for item in [*items(library), cool_down_item(None, calm)]:
        assert position_of(item) in POSITIONS, item.label


def test_the_positions_are_the_six_the_figure_can_take() -> None:
    assert set(POSITIONS) == {"supine", "prone", "seated", "lunge", "standing", "pigeon"}
    assert len(POSITIONS) == 6


def test_face_down_techniques_are_prone_on_both_sides(library: Library) -> None:
    for technique_id in FACE_DOWN:
        technique = library.technique(technique_id)
        assert technique.position.startswith("Face down"), technique_id
        done = [i for i in items(library) if i.technique_id == technique_id]
        on_it = [i for i in done if i.kind == "switch" or i.side in ("left", "right")]
        assert {i.side for i in on_it} == {"left", "right"}, technique_id
        assert {position_of(i) for i in on_it} == {"prone"}, technique_id


def test_the_desk_break_begins_seated(library: Library) -> None:
    first = build_plan(library.routine("desk-break"), library).items[0]
    assert first.kind == "breathing"
    assert first.text.startswith("Sit tall on your chair")
    assert position_of(first) == "seated"


def test_the_desk_break_ends_upright_standing_or_seated(library: Library) -> None:
    last = build_plan(library.routine("desk-break"), library).items[-1]
    assert last.kind == "breathing"
    assert last.text.startswith("Stand or sit tall")
    # One drawing for both: 'upright' is drawn standing, never lying down.
    assert last.illustration == "upright-breathing"
    assert position_of(last) == "standing"


def test_a_lunge_and_its_change_of_sides_are_a_lunge(library: Library) -> None:
    lunge = [i for i in items(library) if i.technique_id == "lunge-pressure"]
    switches = [i for i in lunge if i.kind == "switch"]
    assert switches  # both sides in the shipped routines
    assert {position_of(i) for i in switches} == {"lunge"}
    assert {position_of(i) for i in lunge} == {"lunge"}


def test_the_pigeon_upright_is_the_pigeon_not_standing(library: Library) -> None:
    pigeon = [i for i in items(library) if i.technique_id == "pigeon"]
    assert any(i.illustration == "pigeon-upright" for i in pigeon)
    assert {position_of(i) for i in pigeon} == {"pigeon"}


def test_a_change_of_sides_shows_the_first_step_mirrored_for_the_left(
    library: Library,
) -> None:
    seen = 0
    for plan in plans(library):
        for n, item in enumerate(plan.items):
            if item.kind != "switch":
                continue
            seen += 1
            assert item.technique_id is not None
            technique = library.technique(item.technique_id)
            assert item.illustration == technique.steps[0].illustration
            assert item.mirrored is (item.side == "left")
            # It shows the position the next side's first step is taken in, that way round.
            after = plan.items[n + 1]
            assert (after.technique_id, after.step_index) == (item.technique_id, 0)
            assert (after.illustration, after.mirrored) == (item.illustration, item.mirrored)
            assert position_of(after) == position_of(item)
    assert seen


def test_the_left_side_of_a_sided_technique_is_drawn_mirrored(library: Library) -> None:
    plan = build_plan(library.routine("desk-break"), library)
    for item in plan.items:
        if item.kind == "step" and item.side in ("left", "right"):
            assert item.mirrored is (item.side == "left"), item.label


def test_an_item_whose_drawing_names_no_position_lies_on_the_back() -> None:
    calm = preset_by_id("calm").pattern
    assert position_of(PlanItem("breathing", "Breathing", "", calm, 1)) == "supine"
    assert position_of(cool_down_item(None, calm)) == "supine"
