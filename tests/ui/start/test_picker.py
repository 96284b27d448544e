"""The start screen's routine picker: order, choosing, starting at once, and its looks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QWidget
from pytestqt.qtbot import QtBot

from coach.core.content.plan import RoutineSummary
from coach.ui.start.picker import HEADING_ROLE, META_ROLE, NOTE_ROLE, ROUTINE_ID_ROLE, RoutinePicker
from coach.ui.theme import heading_colour, make_palette, note_colour, soft_colour

ITEMS = (
    RoutineSummary("breathing-5", "5-minute breathing", "Calm breaths.", "breathing", 5, (), True),
    RoutineSummary(
        "desk-break",
        "Desk break",
        "Eight minutes to undo some sitting.",
        "guided",
        8,
        ("a tennis ball", "hands"),
        True,
    ),
    RoutineSummary(
        "only-hand-release",
        "Hand release",
        "Fingertips in on the out-breath.",
        "technique",
        6,
        ("hands",),
        False,
        note="Off: deep belly work is switched off by your safety answers.",
    ),
    RoutineSummary(
        "full-release",
        "Full psoas release",
        "The whole sequence, slowly.",
        "guided",
        20,
        ("arched massage tool", "a ball", "a foam roller"),
        True,
        needs_safety_check=True,
    ),
    RoutineSummary(
        "only-pigeon", "Pigeon pose stretch", "A hip opener.", "technique", 5.5, (), True
    ),
)


@pytest.fixture
def picker(qtbot: QtBot) -> Iterator[RoutinePicker]:
    # The picker lives inside the main window. Shown as a window of its own, its layout
    # would set a minimum size on a live offscreen window, which warns
    # ("does not support propagateSizeHints"); a plain host without a layout does not.
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(420, 600)
    widget = RoutinePicker(host)
    widget.set_routines(ITEMS)
    widget.setGeometry(0, 0, 420, 600)
    host.show()
    qtbot.waitExposed(host)
    yield widget


def rows(picker: RoutinePicker) -> list[str]:
    """What the list shows, headings in brackets."""
    out: list[str] = []
    for row in range(picker.model.rowCount()):
        index = picker.model.index(row, 0)
        text = index.data()
        out.append(f"[{text}]" if index.data(HEADING_ROLE) else text)
    return out


def test_free_breathing_first_then_sections_in_order(picker: RoutinePicker) -> None:
    assert rows(picker) == [
        "Free breathing",
        "[Guided routines]",
        "Desk break",
        "Full psoas release",
        "[Breathing]",
        "5-minute breathing",
        "[One technique]",
        "Hand release",
        "Pigeon pose stretch",
    ]
    free = picker.model.index(0, 0)
    assert free.data(ROUTINE_ID_ROLE) == ""
    assert picker.selected_id() == ""  # something is always chosen: two clicks to start


def test_lines_tooltip_and_accessible_text(picker: RoutinePicker) -> None:
    desk = picker.index_of("desk-break")
    assert desk.data(META_ROLE) == "8 min · a tennis ball · hands"
    assert desk.data(Qt.ItemDataRole.ToolTipRole) == "Eight minutes to undo some sitting."
    assert (
        desk.data(Qt.ItemDataRole.AccessibleTextRole) == "Desk break, 8 min, a tennis ball, hands"
    )
    breathing = picker.index_of("breathing-5")
    assert breathing.data(META_ROLE) == "5 min · nothing needed"
    free = picker.index_of("")
    assert free.data(META_ROLE) == "Your pattern and length, no massage"
    off = picker.index_of("only-hand-release")
    assert off.data(NOTE_ROLE).startswith("Off:")
    spoken = off.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Hand release, 6 min, hands") and "safety answers" in spoken
    assert picker.view.accessibleName() == "Sessions"


def test_headings_and_disabled_entries_cannot_be_chosen(picker: RoutinePicker) -> None:
    for row in range(picker.model.rowCount()):
        index = picker.model.index(row, 0)
        if index.data(HEADING_ROLE):
            assert not index.flags() & Qt.ItemFlag.ItemIsSelectable
            assert not index.flags() & Qt.ItemFlag.ItemIsEnabled
    off = picker.index_of("only-hand-release")
    assert not off.flags() & Qt.ItemFlag.ItemIsSelectable
    assert picker.select("only-hand-release") is False
    # Not even by the selection model directly: a non-selectable index is filtered out.
    picker.view.selectionModel().select(
        picker.model.index(1, 0), picker.view.selectionModel().SelectionFlag.ClearAndSelect
    )
    assert picker.selected_id() == ""


def test_select_is_quiet_and_sets_selected_id(qtbot: QtBot, picker: RoutinePicker) -> None:
    with qtbot.assertNotEmitted(picker.routine_selected):
        assert picker.select("full-release") is True
    assert picker.selected_id() == "full-release"
    assert picker.select("no-such-routine") is False
    assert picker.selected_id() == "full-release"


def test_set_routines_keeps_the_choice_or_falls_back(qtbot: QtBot, picker: RoutinePicker) -> None:
    picker.select("desk-break")
    with qtbot.assertNotEmitted(picker.routine_selected):
        picker.set_routines(ITEMS[::-1])
    assert picker.selected_id() == "desk-break"
    with qtbot.assertNotEmitted(picker.routine_selected):
        picker.set_routines([i for i in ITEMS if i.id != "desk-break"])
    assert picker.selected_id() == ""


def test_user_selection_emits_routine_selected(qtbot: QtBot, picker: RoutinePicker) -> None:
    with qtbot.waitSignal(picker.routine_selected, timeout=10_000) as blocker:
        picker.view.setCurrentIndex(picker.index_of("breathing-5"))
    assert blocker.args == ["breathing-5"]
    with qtbot.waitSignal(picker.routine_selected, timeout=10_000) as blocker:
        picker.view.setCurrentIndex(picker.index_of(""))
    assert blocker.args == [""]


def test_keys_skip_headings_and_disabled_entries(qtbot: QtBot, picker: RoutinePicker) -> None:
    view = picker.view
    view.setFocus()
    seen: list[str] = []
    picker.routine_selected.connect(seen.append)
    for _ in range(6):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert seen == ["desk-break", "full-release", "breathing-5", "only-pigeon"]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert picker.selected_id() == ""
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert picker.selected_id() == "only-pigeon"


def test_end_never_lands_on_an_entry_that_is_off(qtbot: QtBot, picker: RoutinePicker) -> None:
    picker.set_routines([*ITEMS[:-1]])  # Hand release (off) is now the last row
    picker.view.setFocus()
    qtbot.keyClick(picker.view, Qt.Key.Key_End)
    assert picker.selected_id() == "breathing-5"


def test_enter_activates(qtbot: QtBot, picker: RoutinePicker) -> None:
    picker.select("desk-break")
    picker.view.setFocus()
    with qtbot.waitSignal(picker.routine_activated, timeout=10_000) as blocker:
        qtbot.keyClick(picker.view, Qt.Key.Key_Return)
    assert blocker.args == ["desk-break"]
    picker.select("")
    with qtbot.waitSignal(picker.routine_activated, timeout=10_000) as blocker:
        qtbot.keyClick(picker.view, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert blocker.args == [""]


def double_click(qtbot: QtBot, picker: RoutinePicker, index: QModelIndex) -> None:
    view = picker.view
    view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
    centre = view.visualRect(index).center()
    assert view.viewport().rect().contains(centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_double_click_activates_an_enabled_entry(qtbot: QtBot, picker: RoutinePicker) -> None:
    with qtbot.waitSignal(picker.routine_activated, timeout=10_000) as blocker:
        double_click(qtbot, picker, picker.index_of("full-release"))
    assert blocker.args == ["full-release"]


def test_a_real_double_click_activates_once(qtbot: QtBot, picker: RoutinePicker) -> None:
    # The system sends press, release, then the double-click: one start, not two.
    seen: list[str] = []
    picker.routine_activated.connect(seen.append)
    index = picker.index_of("breathing-5")
    centre = picker.view.visualRect(index).center()
    qtbot.mouseClick(picker.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(picker.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert seen == ["breathing-5"]
    assert picker.selected_id() == "breathing-5"


def test_type_ahead_finds_an_entry(qtbot: QtBot, picker: RoutinePicker) -> None:
    picker.view.setFocus()
    with qtbot.waitSignal(picker.routine_selected, timeout=10_000) as blocker:
        qtbot.keyClicks(picker.view, "pig")
    assert blocker.args == ["only-pigeon"]


def test_disabled_entries_and_headings_cannot_be_activated(
    qtbot: QtBot, picker: RoutinePicker
) -> None:
    picker.select("breathing-5")
    with qtbot.assertNotEmitted(picker.routine_activated):
        double_click(qtbot, picker, picker.index_of("only-hand-release"))
        double_click(qtbot, picker, picker.model.index(1, 0))  # "Guided routines"
    assert picker.selected_id() == "breathing-5"


def test_set_enabled_choice_refuses_picking(qtbot: QtBot, picker: RoutinePicker) -> None:
    picker.select("desk-break")
    picker.set_enabled_choice(False)
    assert not picker.view.isEnabled()
    with qtbot.assertNotEmitted(picker.routine_activated):
        double_click(qtbot, picker, picker.index_of("full-release"))
    assert picker.selected_id() == "desk-break"  # the running routine stays shown
    picker.set_enabled_choice(True)
    with qtbot.waitSignal(picker.routine_activated, timeout=10_000):
        double_click(qtbot, picker, picker.index_of("full-release"))


def test_ctrl_click_cannot_leave_the_picker_without_a_choice(
    qtbot: QtBot, picker: RoutinePicker
) -> None:
    picker.select("desk-break")
    view = picker.view
    centre = view.visualRect(picker.index_of("desk-break")).center()
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, centre
    )
    assert picker.selected_id() == "desk-break"


def test_rows_are_roomy_and_rewrap_with_width(picker: RoutinePicker) -> None:
    view = picker.view
    two_line = view.visualRect(picker.index_of("desk-break")).height()
    assert 54 <= two_line <= 66
    long = RoutineSummary(
        "long",
        "Hip flexors without belly work",
        "",
        "guided",
        13,
        ("a foam roller", "a mat", "a pad or folded towel for the knee", "a cushion (optional)"),
        True,
    )
    picker.set_routines([long])
    picker.resize(380, 600)
    view.doItemsLayout()
    wrapped = view.visualRect(picker.index_of("long")).height()
    assert wrapped > two_line  # the equipment list wraps rather than running off the edge


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_soft_lines_stay_readable(theme: str) -> None:
    palette = make_palette(theme)
    base = palette.color(QPalette.ColorRole.Base)
    for colour in (soft_colour(palette), note_colour(palette), heading_colour(palette)):
        assert contrast(colour, base) >= 4.5, colour.name()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_grab_in_both_themes(qtbot: QtBot, picker: RoutinePicker, theme: str) -> None:
    picker.setPalette(make_palette(theme))
    picker.select("full-release")
    picker.view.setFocus()
    image = picker.grab().toImage()
    assert not image.isNull() and image.width() >= 420
    # The chosen row is tinted: a soft highlight, not the bare page.
    rect = picker.view.visualRect(picker.index_of("full-release"))
    origin = picker.view.viewport().mapTo(picker, rect.center())
    page = picker.palette().color(QPalette.ColorRole.Base)
    tint = QColor(image.pixel(origin.x() + rect.width() // 3, origin.y()))
    assert tint != page
    assert contrast(tint, page) < 1.6  # softened, not a loud block of colour
