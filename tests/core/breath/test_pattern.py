import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.breath.pattern import BOUNDS, PHASES, BreathPattern, PatternError, Phase
from coach.core.breath.presets import DEFAULT_PRESET_ID, PRESETS, preset_by_id


def test_default_is_calm_four_in_six_out() -> None:
    calm = preset_by_id(DEFAULT_PRESET_ID)
    assert calm.id == "calm"
    assert calm.pattern == BreathPattern(4, 0, 6, 0)
    assert calm.pattern.breaths_per_minute == 6.0


@pytest.mark.parametrize(
    ("preset_id", "label"),
    [
        ("calm", "4-0-6-0"),
        ("coherent", "5.5-0-5.5-0"),
        ("box", "4-4-4-4"),
        ("4-7-8", "4-7-8-0"),
        ("sleep", "3-0-7-0"),
    ],
)
def test_required_presets(preset_id: str, label: str) -> None:
    assert preset_by_id(preset_id).pattern.label == label


def test_preset_ids_are_unique_and_unknown_is_named() -> None:
    assert len({p.id for p in PRESETS}) == len(PRESETS)
    with pytest.raises(KeyError, match=r"unknown preset 'nope'.*calm"):
        preset_by_id("nope")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("inhale", 0.5, "inhale: 0.5 s is out of range; allowed 1-20 s"),
        ("inhale", 20.1, "inhale: 20.1 s is out of range; allowed 1-20 s"),
        ("exhale", 30.5, "exhale: 30.5 s is out of range; allowed 1-30 s"),
        ("exhale", 0, "exhale: 0 s is out of range; allowed 1-30 s"),
        ("hold_in", -0.1, "hold after inhale: -0.1 s is out of range; allowed 0-30 s"),
        ("hold_out", 31, "hold after exhale: 31 s is out of range; allowed 0-30 s"),
        ("inhale", math.nan, "inhale: nan is not a finite number; allowed 1-20 s"),
        ("exhale", math.inf, "exhale: inf is not a finite number; allowed 1-30 s"),
        ("inhale", "4", "inhale: '4' (str) is not a number of seconds; allowed 1-20 s"),
        ("hold_in", None, "hold after inhale: None (NoneType) is not a number of seconds"),
        ("hold_out", True, "hold after exhale: True (bool) is not a number of seconds"),
        ("inhale", 4.05, "inhale: 4.05 s is finer than 0.1 s; allowed 1-20 s"),
    ],
)
def test_bad_values_name_field_value_and_range(field: str, value: object, expected: str) -> None:
    values: dict[str, object] = {"inhale": 4, "hold_in": 0, "exhale": 6, "hold_out": 0}
    values[field] = value
    with pytest.raises(PatternError) as caught:
        BreathPattern(**values)  # type: ignore[arg-type]
    assert str(caught.value).startswith(expected)
    assert caught.value.field == field
    assert caught.value.value is value or caught.value.value == value


@pytest.mark.parametrize("phase", PHASES)
def test_bounds_are_inclusive(phase: Phase) -> None:
    low, high = BOUNDS[phase]
    for value in (low, high):
        values = {"inhale": 4.0, "hold_in": 0.0, "exhale": 6.0, "hold_out": 0.0}
        values[phase.value] = value
        assert getattr(BreathPattern(**values), phase.value) == value


def test_near_tenths_are_normalised() -> None:
    pattern = BreathPattern(5.499999999, 0, 5.5000000001, 0)
    assert pattern.inhale == 5.5 and pattern.exhale == 5.5
    assert pattern.tenths == (55, 0, 55, 0)
    assert BreathPattern(Fraction(11, 2), 0, 6, 0).inhale == 5.5


def test_rate_and_ratio_of_a_pattern() -> None:
    pattern = BreathPattern(4, 0, 6, 0)
    assert pattern.cycle == 10.0
    assert pattern.breaths_per_minute == 6.0
    assert pattern.ratio == 1.5
    assert pattern.ratio_label == "1:1.5"
    assert BreathPattern(5.5, 0, 5.5, 0).breaths_per_minute == pytest.approx(5.4545, abs=1e-4)


def test_pattern_from_rate_and_ratio() -> None:
    assert BreathPattern.from_rate(6, 1.5) == BreathPattern(4, 0, 6, 0)
    assert BreathPattern.from_rate(60 / 11, 1.0).label == "5.5-0-5.5-0"
    # 5.5/min is a 10.9 s cycle: split as evenly as tenths allow.
    assert BreathPattern.from_rate(5.5, 1.0).cycle == pytest.approx(10.9)
    box = BreathPattern.from_rate(3.75, 1.0, hold_in=4, hold_out=4)
    assert box == BreathPattern(4, 4, 4, 4)


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"breaths_per_minute": 0, "ratio": 1.5}, "breaths_per_minute", "positive"),
        ({"breaths_per_minute": math.nan, "ratio": 1.5}, "breaths_per_minute", "positive"),
        ({"breaths_per_minute": 6, "ratio": -1}, "ratio", "positive"),
        ({"breaths_per_minute": "6", "ratio": 1}, "breaths_per_minute", "not a number"),
        (
            {"breaths_per_minute": 40, "ratio": 1.5},
            "breaths_per_minute",
            "40 is too fast with holds of 0 s and 0 s; allowed at most 30.0",
        ),
        ({"breaths_per_minute": 1, "ratio": 1.0}, "inhale", "out of range"),
        ({"breaths_per_minute": 1, "ratio": 4.0}, "exhale", "out of range"),
        (
            {"breaths_per_minute": 6, "ratio": 1, "hold_in": 9, "hold_out": 0.5},
            "breaths_per_minute",
            "too fast",
        ),
    ],
)
def test_from_rate_rejects_what_cannot_be_breathed(
    kwargs: dict[str, object], field: str, fragment: str
) -> None:
    with pytest.raises(PatternError, match=fragment) as caught:
        BreathPattern.from_rate(**kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


tenths = st.integers


@given(
    inhale=tenths(10, 200), hold_in=tenths(0, 300), exhale=tenths(10, 300), hold_out=tenths(0, 300)
)
def test_rate_and_ratio_round_trip(inhale: int, hold_in: int, exhale: int, hold_out: int) -> None:
    pattern = BreathPattern.from_tenths((inhale, hold_in, exhale, hold_out))
    again = BreathPattern.from_rate(
        pattern.breaths_per_minute, pattern.ratio, pattern.hold_in, pattern.hold_out
    )
    assert again == pattern
