"""Content files: every shipped file loads, and each kind of mistake gets its exact message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coach.core.assets import assets_dir, illustration_ids
from coach.core.content.library import ContentError, Routine, Technique, load_library, parse_content
from coach.core.content.plan import build_plan
from tests.support.content import BALL, LUNGE, ROUTINE, write_library

SHIPPED = assets_dir() / "content"
TECHNIQUES = {
    "locate-psoas",
    "tool-release",
    "ball-release",
    "hand-release",
    "foam-roller",
    "lunge-pressure",
    "pigeon",
    "diaphragmatic-breathing",
}


def shipped():  # type: ignore[no-untyped-def]
    return load_library(SHIPPED, None, illustration_ids())


def test_every_shipped_file_validates_and_every_technique_is_there() -> None:
    library = shipped()
    assert library.problems == []
    assert set(library.techniques) == TECHNIQUES
    for technique_id in TECHNIQUES:
        assert f"only-{technique_id}" in library.routines, technique_id


@pytest.mark.parametrize(
    ("routine_id", "low", "high"),
    [("breathing-5", 5.0, 5.0), ("desk-break", 7.5, 8.5), ("full-release", 19.0, 21.0)],
)
def test_shipped_routines_have_their_promised_length(
    routine_id: str, low: float, high: float
) -> None:
    library = shipped()
    minutes = build_plan(library.routine(routine_id), library).total / 60
    assert low <= minutes <= high


def test_desk_break_is_breathing_ball_both_sides_lunge_both_sides_breathing() -> None:
    library = shipped()
    plan = build_plan(library.routine("desk-break"), library)
    blocks = []
    for item in plan.items:
        key = (item.kind, item.technique_id)
        if not blocks or blocks[-1] != key:
            blocks.append(key)
    kinds = [k for k in blocks if k[0] != "switch"]
    assert kinds[0] == ("breathing", None) and kinds[-1] == ("breathing", None)
    sides = [(i.technique_id, i.side) for i in plan.items if i.side in ("left", "right")]
    assert ("ball-release", "right") in sides and ("ball-release", "left") in sides
    assert ("lunge-pressure", "right") in sides and ("lunge-pressure", "left") in sides
    assert sides.index(("ball-release", "right")) < sides.index(("ball-release", "left"))


def test_every_step_illustration_exists_and_is_one_viewbox() -> None:
    for picture in illustration_ids():
        text = (assets_dir() / "illustrations" / f"{picture}.svg").read_text()
        assert 'viewBox="0 0 480 300"' in text, picture
        assert "<text" not in text and "<style" not in text, picture


def _bad(text: str) -> str:
    with pytest.raises(ContentError) as caught:
        parse_content(text.encode(), "bad.toml", ".toml")
    return str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('title = "Ball release"\n', ""), "bad.toml: $: Object missing required field `title`"),
        (
            ("breaths = 1", 'breaths = "one"'),
            "bad.toml: $.steps[0].breaths: Expected `int | null`, got `str`",
        ),
        (
            ('side = "none"', 'side = "middle"'),
            "bad.toml: $.steps[0].side: Invalid enum value 'middle' "
            "(expected left, right, both or none)",
        ),
        (("seconds = 20", "seconds = -5"), "bad.toml: $.steps[1].seconds: Expected `float` > 0.0"),
        (
            ("seconds = 20", "seconds = 20\nbreaths = 2"),
            "bad.toml: $.steps[1]: give exactly one of `seconds` or `breaths`",
        ),
        (
            ("target = [3, 5]", "target = [5, 3]"),
            "bad.toml: $.steps[1]: target band [5, 3] runs backwards; write it low to high",
        ),
        (
            ("target = [3, 5]", "target = [3, 11]"),
            "bad.toml: $.steps[1].target[1]: Expected `int` <= 10",
        ),
        (
            ('kind = "technique"', 'kind = "lesson"'),
            "bad.toml: $.kind: Invalid value 'lesson' (expected 'technique' or 'routine')",
        ),
        (
            ("schema = 1", "schema = 9"),
            "bad.toml: $.schema: written for a newer version of the coach "
            "(schema 9; this version reads up to 1)",
        ),
        (
            ('position = "Face down"', 'position = "Face down"\ncolour = "red"'),
            "bad.toml: $: Object contains unknown field `colour`",
        ),
    ],
)
def test_a_malformed_technique_gives_the_exact_message(
    change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in BALL
    assert _bad(BALL.replace(old, new, 1)) == message


def test_a_zero_step_routine_and_a_bad_block_are_named() -> None:
    empty = ROUTINE.split("[[blocks]]")[0] + "blocks = []\n"
    assert _bad(empty) == "bad.toml: $.blocks: Expected `array` of length >= 1"
    assert _bad(ROUTINE.replace('type = "breathing"', 'type = "nap"', 1)) == (
        "bad.toml: $.blocks[0].type: Invalid value 'nap' (expected 'breathing' or 'technique')"
    )
    assert _bad(
        ROUTINE.replace('pattern = "calm"\n\n[[blocks]]', 'pattern = "fast"\n\n[[blocks]]', 1)
    ) == (
        "bad.toml: $.pattern: unknown breathing pattern 'fast'; choose one of: 4-7-8, 7-11, box, "
        "calm, coherent, sleep"
    )


def test_not_toml_at_all_and_an_empty_file() -> None:
    assert _bad("kind = ").startswith("bad.toml: not valid TOML: ")
    assert _bad("  \n") == "bad.toml: the file is empty"


def test_a_routine_naming_an_unknown_technique_is_listed_while_the_rest_load(
    tmp_path: Path,
) -> None:
    folder = write_library(
        tmp_path / "c",
        broken_toml=ROUTINE.replace('id = "mini"', 'id = "broken"').replace(
            'technique = "lunge"', 'technique = "lunges"'
        ),
    )
    library = load_library(folder, None)
    assert set(library.routines) == {"mini"}
    assert [str(p) for p in library.problems] == [
        "broken.toml: $.blocks[2].technique: unknown technique 'lunges'"
    ]


def test_user_files_load_beside_shipped_ones_and_bad_ones_are_listed(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "mine.toml").write_text(BALL.replace('id = "ball"', 'id = "my-ball"'))
    (user / "clash.toml").write_text(BALL)  # same id as a built-in
    (user / "broken.json").write_text('{"kind": "technique"')
    (user / ".hidden.toml").write_text("not even toml")
    library = load_library(write_library(tmp_path / "builtin"), user)
    assert "my-ball" in library.techniques and "ball" in library.techniques
    problems = sorted(str(p) for p in library.problems)
    assert len(problems) == 2
    assert problems[0].startswith(f"{user / 'broken.json'}: not valid JSON")
    assert problems[1] == (
        f"{user / 'clash.toml'}: $.id: 'ball' is already used by ball.toml; give this one "
        "another id"
    )
    assert library.builtin == {"ball", "lunge", "mini"}


def test_unknown_illustrations_are_refused_when_the_list_is_known(tmp_path: Path) -> None:
    library = load_library(write_library(tmp_path / "c"), None, ["ball-prone-place"])
    assert "lunge" not in library.techniques and "mini" not in library.routines
    assert [str(p) for p in library.problems] == [
        "lunge.toml: $.steps[0].illustration: no illustration called 'lunge-press'",
        "mini.toml: $.blocks[2].technique: unknown technique 'lunge'",
    ]


def test_json_files_work_like_toml(tmp_path: Path) -> None:
    text = (
        '{"kind": "routine", "schema": 1, "id": "j", "title": "J", "summary": "s",'
        ' "pattern": "calm", "blocks": [{"type": "breathing", "pattern": "box", "breaths": 2}]}'
    )
    item = parse_content(text.encode(), "j.json", ".json")
    assert isinstance(item, Routine) and item.blocks[0].breaths == 2  # type: ignore[union-attr]
    assert isinstance(parse_content(LUNGE.encode(), "l.toml", ".toml"), Technique)


def _coach(*args: str, env_dir: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "COACH_DATA_DIR": str(env_dir)}
    return subprocess.run(
        [sys.executable, "-m", "coach", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_coach_check_passes_good_files_and_fails_bad_ones_with_the_same_message(
    tmp_path: Path,
) -> None:
    good = sorted(SHIPPED.rglob("*.toml"))[:3]
    ok = _coach("check", *map(str, good), env_dir=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.count(": ok (") == 3
    bad = tmp_path / "bad.toml"
    bad.write_text(BALL.replace("seconds = 20", "seconds = -5"))
    result = _coach("check", str(bad), env_dir=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"coach check: {bad}: $.steps[1].seconds: Expected `float` > 0.0\n"
    routine = tmp_path / "r.toml"
    routine.write_text(
        ROUTINE.replace('technique = "ball"', 'technique = "ball-release"').replace(
            'technique = "lunge"', 'technique = "nope"'
        )
    )
    result = _coach("check", str(routine), env_dir=tmp_path)
    assert result.returncode == 1
    assert (
        result.stderr
        == f"coach check: {routine}: $.blocks[2].technique: unknown technique 'nope'\n"
    )
    assert "PySide6" not in result.stdout


def test_bytes_that_are_not_text_or_absurdly_nested_are_problems_not_crashes(
    tmp_path: Path,
) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "latin1.toml").write_bytes(b'title = "caf\xe9"\n')
    (user / "deep.json").write_text("[" * 100_000)
    library = load_library(write_library(tmp_path / "builtin"), user)
    assert sorted(str(p) for p in library.problems) == [
        f"{user / 'deep.json'}: nested too deeply to be a content file",
        f"{user / 'latin1.toml'}: not text in UTF-8",
    ]
    assert "mini" in library.routines


def test_coach_check_gives_the_apps_messages_for_pictures_and_taken_ids(tmp_path: Path) -> None:
    picture = tmp_path / "picture.toml"
    picture.write_text(
        BALL.replace('id = "ball"', 'id = "mine"').replace(
            'illustration = "ball-prone-place"', 'illustration = "my-own-drawing"', 1
        )
    )
    taken = tmp_path / "taken.toml"
    taken.write_text(BALL.replace('id = "ball"', 'id = "pigeon"'))
    result = _coach("check", str(picture), str(taken), env_dir=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"coach check: {picture}: $.steps[0].illustration: no illustration called 'my-own-drawing'",
        f"coach check: {taken}: $.id: 'pigeon' is already used by techniques/pigeon.toml; give "
        "this one another id",
    ]
    shipped_file = SHIPPED / "techniques" / "pigeon.toml"
    assert _coach("check", str(shipped_file), env_dir=tmp_path).returncode == 0
