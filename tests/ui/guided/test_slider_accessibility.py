"""A screen reader meets the feel slider as a slider: its name, its value on the 0-10
range, and the reading in words ("3 of 10, comfortable"), all following every change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from pytestqt.qtbot import QtBot

from coach.ui.guided.slider import ACCESSIBLE_NAME, IntensitySlider, spoken


@pytest.fixture
def slider(qtbot: QtBot) -> IntensitySlider:
    widget = IntensitySlider()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def interface(slider: IntensitySlider) -> QAccessibleInterface:
    iface = QAccessible.queryAccessibleInterface(slider)
    assert iface is not None and iface.isValid()
    return iface


def test_is_a_named_slider_with_a_range(slider: IntensitySlider) -> None:
    iface = interface(slider)
    assert iface.role() == QAccessible.Role.Slider
    assert iface.text(QAccessible.Text.Name) == ACCESSIBLE_NAME == "How strong it feels"
    value = iface.valueInterface()
    assert value is not None
    assert (value.minimumValue(), value.maximumValue(), value.minimumStepSize()) == (0, 10, 1)
    assert iface.text(QAccessible.Text.Description) == "No reading yet"


@pytest.mark.parametrize(
    ("level", "words"),
    [
        (0, "0 of 10, comfortable"),
        (3, "3 of 10, comfortable"),
        (5, "5 of 10, working"),
        (10, "10 of 10, too much"),
    ],
)
def test_the_description_follows_the_value(slider: IntensitySlider, level: int, words: str) -> None:
    iface = interface(slider)
    value = iface.valueInterface()
    assert value is not None
    slider.press_digit(9)  # somewhere else first, so each level is a change
    slider.set_value(level)
    assert value.currentValue() == level
    assert iface.text(QAccessible.Text.Description) == words
    slider.set_target((2, 4))
    assert iface.text(QAccessible.Text.Description) == f"{words}. Aim for 2 to 4"
    slider.set_value(None)
    assert iface.text(QAccessible.Text.Description) == "No reading yet. Aim for 2 to 4"
    assert value.currentValue() == 0


def test_every_way_in_updates_what_is_heard(slider: IntensitySlider, qtbot: QtBot) -> None:
    iface = interface(slider)
    value = iface.valueInterface()
    assert value is not None
    heard: list[tuple[object, str]] = []

    def listen() -> None:
        heard.append((value.currentValue(), iface.text(QAccessible.Text.Description)))

    slider.step_up()
    listen()
    slider.press_digit(6)
    listen()
    slider.wheel(-120)
    listen()
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_End)
    listen()
    assert heard == [
        (1, "1 of 10, comfortable"),
        (6, "6 of 10, working"),
        (5, "5 of 10, working"),
        (10, "10 of 10, too much"),
    ]


def test_a_value_set_by_assistive_technology_is_a_reading(slider: IntensitySlider) -> None:
    """AT-SPI's "set current value" goes through Qt's interface to the base slider; it is
    reported once, as the person's own input."""
    got: list[int] = []
    slider.intensity_changed.connect(got.append)
    value = interface(slider).valueInterface()
    assert value is not None
    value.setCurrentValue(7)
    assert slider.value() == 7 and got == [7]
    assert slider.accessibleDescription() == "7 of 10, too much"


def test_other_keys_leave_the_reading_alone(slider: IntensitySlider, qtbot: QtBot) -> None:
    """Page Up and Page Down are the base slider's keys; here they change nothing, so the
    value heard never drifts from the one shown."""
    slider.press_digit(4)
    slider.setFocus()
    for key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_PageDown):
        qtbot.keyClick(slider, key)
    value = interface(slider).valueInterface()
    assert value is not None
    assert slider.value() == 4 and value.currentValue() == 4


def test_spoken_words() -> None:
    assert spoken(None) == "No reading yet"
    assert spoken(2, (3, 3)) == "2 of 10, comfortable. Aim for 3"
    assert spoken(7, (2, 4)) == "7 of 10, too much. Aim for 2 to 4"
