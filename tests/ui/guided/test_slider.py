"""The feel slider: every way in reports a reading once, clamps to 0-10, and paints cleanly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coach.ui.guided.slider import ACCESSIBLE_NAME, WHEEL_STEP, IntensitySlider
from coach.ui.theme import make_palette


@pytest.fixture
def slider(qtbot: QtBot) -> IntensitySlider:
    widget = IntensitySlider()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def emitted(slider: IntensitySlider) -> list[int]:
    """Every value the slider reported, in order."""
    values: list[int] = []
    slider.intensity_changed.connect(values.append)
    return values


def test_starts_with_no_reading(slider: IntensitySlider) -> None:
    assert slider.value() is None
    assert slider.target() is None
    assert slider.accessibleName() == ACCESSIBLE_NAME
    assert slider.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_digits_set_values(slider: IntensitySlider, emitted: list[int]) -> None:
    for digit in (3, 0, 7):
        slider.press_digit(digit)
        assert slider.value() == digit
    slider.press_digit(7)  # the same reading again is no change
    assert emitted == [3, 0, 7]


def test_nine_twice_gives_ten(slider: IntensitySlider, emitted: list[int]) -> None:
    slider.press_digit(9)
    slider.press_digit(9)
    assert slider.value() == 10
    slider.press_digit(9)  # from 10 a 9 is just 9 again
    assert slider.value() == 9
    assert emitted == [9, 10, 9]


def test_steps_from_no_reading(qtbot: QtBot) -> None:
    up, down = IntensitySlider(), IntensitySlider()
    qtbot.addWidget(up)
    qtbot.addWidget(down)
    up.step_up()
    down.step_down()
    assert (up.value(), down.value()) == (1, 0)


def test_every_input_clamps_to_the_scale(slider: IntensitySlider, emitted: list[int]) -> None:
    slider.step_down()
    slider.step_down()
    slider.wheel(-3 * WHEEL_STEP)
    assert slider.value() == 0
    slider.set_value(9)
    slider.step_up()
    slider.step_up()
    slider.wheel(5 * WHEEL_STEP)
    assert slider.value() == 10
    assert emitted == [0, 10]  # pushing against an end is no change
    slider.set_value(42)
    assert slider.value() == 10
    slider.set_value(-3)
    assert slider.value() == 0


def test_wheel_deltas_add_up_to_steps(slider: IntensitySlider, emitted: list[int]) -> None:
    slider.set_value(4)
    slider.wheel(40)
    slider.wheel(40)
    assert slider.value() == 4 and emitted == []
    slider.wheel(40)
    assert slider.value() == 5 and emitted == [5]
    slider.wheel(-2 * WHEEL_STEP)
    assert slider.value() == 3


def test_a_change_of_wheel_direction_drops_the_leftover(slider: IntensitySlider) -> None:
    slider.set_value(5)
    slider.wheel(100)
    slider.wheel(-60)
    slider.wheel(60)  # only 60 since the turn back: not a step yet
    assert slider.value() == 5


def test_a_wheel_event_follows_the_fingers_when_inverted(slider: IntensitySlider) -> None:
    slider.set_value(5)
    for inverted, expected in ((False, 6), (True, 5)):
        event = QWheelEvent(
            QPointF(10, 10),
            QPointF(10, 10),
            QPoint(0, 0),
            QPoint(0, WHEEL_STEP),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            inverted,
        )
        QApplication.sendEvent(slider, event)
        assert event.isAccepted() and slider.value() == expected


def test_set_value_does_not_emit(slider: IntensitySlider, emitted: list[int]) -> None:
    slider.set_value(6)
    slider.set_value(None)
    slider.set_value(2)
    assert slider.value() == 2 and emitted == []


def test_target_band_is_stored(slider: IntensitySlider) -> None:
    slider.set_target((3, 5))
    assert slider.target() == (3, 5)
    assert "Aim for 3 to 5" in slider.accessibleDescription()
    slider.set_target((12, 8))  # ordered and clamped
    assert slider.target() == (8, 10)
    slider.set_target(None)
    assert slider.target() is None


def test_description_follows_the_reading(slider: IntensitySlider) -> None:
    assert "No reading" in slider.accessibleDescription()
    slider.set_value(8)
    assert slider.accessibleDescription() == "8 of 10, too much"


def test_keys_when_focused(qtbot: QtBot, slider: IntensitySlider, emitted: list[int]) -> None:
    qtbot.keyClick(slider, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert slider.value() is None  # a chord is the window's shortcut, not a reading
    for key, expected in (
        (Qt.Key.Key_End, 10),
        (Qt.Key.Key_Left, 9),
        (Qt.Key.Key_Down, 8),
        (Qt.Key.Key_Home, 0),
        (Qt.Key.Key_Right, 1),
        (Qt.Key.Key_Up, 2),
        (Qt.Key.Key_4, 4),
    ):
        qtbot.keyClick(slider, key)
        assert slider.value() == expected
    assert emitted == [10, 9, 8, 0, 1, 2, 4]


def test_a_click_on_the_track_picks_the_nearest_value(
    qtbot: QtBot, slider: IntensitySlider, emitted: list[int]
) -> None:
    slider.resize(600, slider.sizeHint().height())
    slider.show()
    qtbot.waitExposed(slider)
    seven, eight = slider.value_point(7), slider.value_point(8)
    # A little short of the way to 8 is still nearest to 7.
    x = seven.x() + (eight.x() - seven.x()) * 0.4
    qtbot.mouseClick(slider, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(seven.y())))
    assert slider.value() == 7 and emitted == [7]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("width", [600, 1800])
def test_paints_in_both_themes(slider: IntensitySlider, theme: str, width: int) -> None:
    slider.setPalette(make_palette(theme))
    slider.resize(width, slider.sizeHint().height())
    for value, target in ((None, None), (5, (3, 5)), (10, (8, 10)), (0, (4, 4))):
        slider.set_value(value)
        slider.set_target(target)
        image = slider.grab().toImage()
        assert image.width() == width and not image.isNull()
