"""The inline prompts: signals and payloads, keys, focus, and how they render in both themes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeVar

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from coach.core.content.safety import CHECKLIST, GATED_EXPLANATION, STOP_REASONS, WELLNESS_NOTE
from coach.ui.guided.ease_off_bar import EaseOffBar
from coach.ui.guided.prompt_buttons import PromptButton
from coach.ui.guided.prompt_card import WINDOW_MNEMONICS, with_mnemonic
from coach.ui.guided.rating_card import RatingCard
from coach.ui.guided.safety_checklist import SafetyChecklist
from coach.ui.guided.stop_reason_bar import StopReasonBar
from coach.ui.theme import make_palette

W = TypeVar("W", bound=QWidget)


class Host(QWidget):
    """A stand-in for the main window: Space is a window shortcut, as in the app.

    No layout: a top-level window whose size hints change makes the offscreen platform
    warn, so the prompt is placed by hand, the way a parent layout would place it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.spaces = 0
        self._placed: dict[QWidget, int] = {}
        self.field = QLineEdit(self)  # something that held focus before a prompt opened
        self.field.setGeometry(10, 600, 200, 30)
        space = QAction("Start", self)
        space.setShortcut(QKeySequence(Qt.Key.Key_Space))
        space.triggered.connect(self._space)
        self.addAction(space)

    def _space(self) -> None:
        self.spaces += 1

    def place(self, widget: W, width: int = 1024) -> W:
        widget.setParent(self)
        widget.installEventFilter(self)
        self._placed[widget] = width
        self._fit(widget)
        return widget

    def _fit(self, widget: QWidget) -> None:
        width = self._placed[widget]
        widget.setGeometry(0, 0, width, max(1, widget.heightForWidth(width)))

    def event(self, event: QEvent) -> bool:
        # A child's size hint changed (new text, a button shown): fit it again, as a layout
        # would.
        if event.type() == QEvent.Type.LayoutRequest:
            for widget in self._placed:
                self._fit(widget)
        return super().event(event)

    def layout_now(self) -> None:
        """Let posted layout and show events land (a scroll area acts on them)."""
        QApplication.processEvents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            self._fit(watched)  # at once, so a click right after show_...() lands
        return False


@pytest.fixture
def host(qtbot: QtBot) -> Iterator[Host]:
    window = Host()
    qtbot.addWidget(window)
    window.resize(1100, 640)
    window.show()
    qtbot.waitExposed(window)
    window.field.setFocus()
    yield window


# -- stop reasons --------------------------------------------------------------------------
def test_stop_bar_has_one_button_per_reason_and_keep_going(qtbot: QtBot, host: Host) -> None:
    bar = host.place(StopReasonBar())
    buttons = bar.findChildren(PromptButton)
    assert len(buttons) == len(STOP_REASONS) + 1
    assert set(bar.buttons) == {r.key for r in STOP_REASONS}
    for reason in STOP_REASONS:
        assert bar.buttons[reason.key].accessibleName() == reason.label
        assert (bar.buttons[reason.key].kind == "safety") == reason.safety
    assert list(bar.buttons)[-1] == "just_stopping"
    assert bar.plain_stop.isDefault()
    assert bar.keep_going.text().replace("&", "") == "Keep going"


@pytest.mark.parametrize("key", [r.key for r in STOP_REASONS])
def test_one_click_chooses_a_reason(qtbot: QtBot, host: Host, key: str) -> None:
    bar = host.place(StopReasonBar())
    bar.show_reasons()
    assert bar.is_open()
    with qtbot.waitSignal(bar.reason_chosen) as blocker:
        qtbot.mouseClick(bar.buttons[key], Qt.MouseButton.LeftButton)
    assert blocker.args == [key]
    assert not bar.is_open()


def test_keep_going_cancels(qtbot: QtBot, host: Host) -> None:
    bar = host.place(StopReasonBar())
    bar.show_reasons()
    with qtbot.waitSignal(bar.cancelled), qtbot.assertNotEmitted(bar.reason_chosen):
        bar.keep_going.click()
    assert not bar.is_open()


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_stops_plainly(qtbot: QtBot, host: Host, key: Qt.Key) -> None:
    bar = host.place(StopReasonBar())
    bar.show_reasons()
    assert host.focusWidget() is bar.plain_stop
    with qtbot.waitSignal(bar.reason_chosen) as blocker:
        qtbot.keyClick(bar.plain_stop, key)
    assert blocker.args == ["just_stopping"]


def test_space_is_not_an_answer_to_the_stop_question(qtbot: QtBot, host: Host) -> None:
    """Space pauses and resumes everywhere else: out of habit it must not end a session.
    It goes to the window (which ignores it while the question is up)."""
    bar = host.place(StopReasonBar())
    bar.show_reasons()
    with qtbot.assertNotEmitted(bar.reason_chosen):
        qtbot.keyClick(bar.plain_stop, Qt.Key.Key_Space)
    assert host.spaces == 1 and bar.is_open()


def test_arrows_move_between_the_answers_and_stay_inside(qtbot: QtBot, host: Host) -> None:
    bar = host.place(StopReasonBar())
    bar.show_reasons()
    qtbot.keyClick(host.focusWidget(), Qt.Key.Key_Left)
    assert host.focusWidget() is bar.buttons["dizzy"]
    qtbot.keyClick(host.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(host.focusWidget(), Qt.Key.Key_Right)
    assert host.focusWidget() is bar.keep_going
    qtbot.keyClick(host.focusWidget(), Qt.Key.Key_Down)  # wraps round
    assert host.focusWidget() is bar.buttons["sharp_pain"]
    with qtbot.waitSignal(bar.reason_chosen) as blocker:
        qtbot.keyClick(host.focusWidget(), Qt.Key.Key_Return)
    assert blocker.args == ["sharp_pain"]


def test_alt_letters_choose_too(qtbot: QtBot, host: Host) -> None:
    bar = host.place(StopReasonBar())
    bar.show_reasons()
    with qtbot.waitSignal(bar.reason_chosen) as blocker:
        qtbot.keyClick(host, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert blocker.args == ["tingling"]
    bar.show_reasons()
    with qtbot.waitSignal(bar.cancelled):
        qtbot.keyClick(host, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)


def test_focus_goes_back_where_it_was(qtbot: QtBot, host: Host) -> None:
    bar = host.place(StopReasonBar())
    assert host.focusWidget() is host.field
    bar.show_reasons()
    assert host.focusWidget() is bar.plain_stop
    bar.keep_going.click()
    assert host.focusWidget() is host.field


def test_no_focus_before_means_none_after(qtbot: QtBot, host: Host) -> None:
    bar = host.place(StopReasonBar())
    host.field.clearFocus()
    bar.show_reasons()
    bar.plain_stop.click()
    assert host.focusWidget() is None  # not handed to whatever came next in the chain


def test_mnemonics_are_distinct_and_leave_the_window_its_own(host: Host) -> None:
    letters: list[str] = []
    for cls in (StopReasonBar, EaseOffBar, SafetyChecklist, RatingCard):
        widget = host.place(cls())
        for button in widget.findChildren(PromptButton):
            found = re.search(r"&([^&])", button.text().replace("&&", ""))
            if found:
                letters.append(found.group(1).lower())
    assert len(letters) == len(set(letters)), letters
    assert not set(letters) & WINDOW_MNEMONICS


def test_with_mnemonic_prefers_a_word_start() -> None:
    assert with_mnemonic("Felt a pulse", "u") == "Felt a p&ulse"
    assert with_mnemonic("Dizzy or sick", "s") == "Dizzy or &sick"
    assert with_mnemonic("Rock & roll", "x") == "Rock && roll"


# -- ease off ------------------------------------------------------------------------------
def test_ease_off_is_dismissed_with_got_it(qtbot: QtBot, host: Host) -> None:
    bar = host.place(EaseOffBar())
    bar.show_ease_off(7)
    assert bar.is_open() and not bar.is_stop_offer()
    assert "7 of 10" in bar.title.text()
    assert not bar.got_it.isHidden() and bar.stop_now.isHidden() and bar.go_on.isHidden()
    with qtbot.waitSignal(bar.dismissed), qtbot.assertNotEmitted(bar.stop_requested):
        qtbot.mouseClick(bar.got_it, Qt.MouseButton.LeftButton)
    assert not bar.is_open()


def test_stop_offer_stops_or_goes_on(qtbot: QtBot, host: Host) -> None:
    bar = host.place(EaseOffBar())
    bar.show_stop_offer(10)
    assert bar.is_stop_offer() and "10 of 10" in bar.title.text()
    assert bar.got_it.isHidden()
    with qtbot.waitSignal(bar.stop_requested), qtbot.assertNotEmitted(bar.dismissed):
        bar.stop_now.click()
    bar.show_stop_offer(9)
    with qtbot.waitSignal(bar.dismissed), qtbot.assertNotEmitted(bar.stop_requested):
        bar.go_on.click()
    bar.show_stop_offer(9)
    bar.show_ease_off(8)  # the later prompt replaces the earlier one
    assert not bar.is_stop_offer()


def test_ease_off_never_takes_the_windows_keys(qtbot: QtBot, host: Host) -> None:
    bar = host.place(EaseOffBar())
    assert bar.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert all(b.focusPolicy() == Qt.FocusPolicy.TabFocus for b in (bar.got_it, bar.stop_now))
    bar.show_stop_offer(9)
    assert host.focusWidget() is host.field
    qtbot.mouseClick(bar.go_on, Qt.MouseButton.LeftButton)  # a click takes no focus either
    assert host.focusWidget() is host.field
    bar.show_ease_off(8)
    bar.got_it.setFocus(Qt.FocusReason.TabFocusReason)  # reached on purpose with Tab
    qtbot.keyClick(bar.got_it, Qt.Key.Key_Space)
    assert host.spaces == 1 and bar.is_open()  # Space is still Start/Pause
    with qtbot.waitSignal(bar.dismissed):
        qtbot.keyClick(bar.got_it, Qt.Key.Key_Return)


# -- safety checklist ----------------------------------------------------------------------
@pytest.mark.parametrize("applies", [False, True])
def test_checklist_answers(qtbot: QtBot, host: Host, applies: bool) -> None:
    card = host.place(SafetyChecklist())
    card.show_checklist()
    button = card.some_apply if applies else card.none_apply
    with qtbot.waitSignal(card.answered) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == [applies]
    assert not card.is_open()


def test_checklist_lists_every_reason_and_the_wellness_note(qtbot: QtBot, host: Host) -> None:
    card = host.place(SafetyChecklist())
    card.show_checklist()
    shown = [label.text() for label in card.items.findChildren(type(card.note))]
    assert shown == list(CHECKLIST)
    assert card.note.text() == WELLNESS_NOTE and not card.note.isHidden()
    assert card.focusWidget() is None or card.focusWidget() is card  # no answer pre-chosen
    assert not card.none_apply.isDefault() and not card.some_apply.isDefault()


def test_checklist_not_now_cancels(qtbot: QtBot, host: Host) -> None:
    card = host.place(SafetyChecklist())
    card.show_checklist()
    with qtbot.waitSignal(card.cancelled), qtbot.assertNotEmitted(card.answered):
        card.not_now.click()


def test_gated_explains_with_one_ok(qtbot: QtBot, host: Host) -> None:
    card = host.place(SafetyChecklist())
    card.show_gated(GATED_EXPLANATION)
    assert card.is_gated()
    assert card.explanation.text() == GATED_EXPLANATION
    assert card.none_apply.isHidden() is False or card.items.isHidden()
    assert card.items.isHidden() and card.not_now.isHidden() and not card.ok.isHidden()
    with qtbot.waitSignal(card.dismissed), qtbot.assertNotEmitted(card.answered):
        qtbot.mouseClick(card.ok, Qt.MouseButton.LeftButton)
    card.show_checklist()
    assert not card.is_gated() and card.ok.isHidden()


# -- rating --------------------------------------------------------------------------------
@pytest.fixture
def card(qtbot: QtBot, host: Host) -> RatingCard:
    rating = host.place(RatingCard())
    rating.show_rating("before")
    return rating


def test_rating_titles_and_bad_moment(qtbot: QtBot, card: RatingCard) -> None:
    assert card.title.text() == "Before you start"
    card.show_rating("after")
    assert card.title.text() == "After the session"
    with pytest.raises(ValueError, match="moment"):
        card.show_rating("during")


def test_save_waits_for_a_value(qtbot: QtBot, card: RatingCard) -> None:
    assert not card.save.isEnabled() and card.value() is None
    with qtbot.assertNotEmitted(card.rated):
        assert card.handle_key(Qt.Key.Key_Return) is False
        card.save.click()
    qtbot.mouseClick(card.group.button(3), Qt.MouseButton.LeftButton)
    assert card.value() == 3 and card.save.isEnabled()
    with qtbot.waitSignal(card.rated) as blocker:
        card.save.click()
    assert blocker.args == [3]
    card.show_rating("after")  # opens empty again
    assert card.value() is None and not card.save.isEnabled()


def test_digits_and_nine_twice_for_ten(card: RatingCard) -> None:
    assert card.handle_key(Qt.Key.Key_4) and card.value() == 4
    assert card.handle_key(Qt.Key.Key_0) and card.value() == 0
    card.handle_key(Qt.Key.Key_9)
    assert card.value() == 9
    card.handle_key(Qt.Key.Key_9)
    assert card.value() == 10
    card.handle_key(Qt.Key.Key_9)
    assert card.value() == 9
    assert card.group.button(9).isChecked() and not card.group.button(10).isChecked()


def test_left_right_move_and_stop_at_the_ends(card: RatingCard) -> None:
    assert card.handle_key(Qt.Key.Key_Right) and card.value() == 5  # from nothing: the middle
    card.handle_key(Qt.Key.Key_Right)
    assert card.value() == 6
    card.handle_key(Qt.Key.Key_Left)
    card.handle_key(Qt.Key.Key_Left)
    assert card.value() == 4
    card.handle_key(Qt.Key.Key_1)
    card.handle_key(Qt.Key.Key_Left)
    card.handle_key(Qt.Key.Key_Left)
    assert card.value() == 0
    card.handle_key(Qt.Key.Key_9)
    card.handle_key(Qt.Key.Key_9)
    card.handle_key(Qt.Key.Key_Right)
    assert card.value() == 10


def test_enter_saves_and_escape_skips(qtbot: QtBot, card: RatingCard) -> None:
    card.handle_key(Qt.Key.Key_2)
    with qtbot.waitSignal(card.rated) as blocker:
        assert card.handle_key(Qt.Key.Key_Enter)
    assert blocker.args == [2] and not card.is_open()
    assert card.handle_key(Qt.Key.Key_5) is False  # closed: the key is not the card's
    card.show_rating("after")
    with qtbot.waitSignal(card.skipped), qtbot.assertNotEmitted(card.rated):
        assert card.handle_key(Qt.Key.Key_Escape)
    card.show_rating("after")
    with qtbot.waitSignal(card.skipped):
        qtbot.mouseClick(card.skip, Qt.MouseButton.LeftButton)
    card.show_rating("after")
    assert card.handle_key(Qt.Key.Key_A) is False


def test_keys_typed_into_the_focused_card(qtbot: QtBot, host: Host) -> None:
    rating = host.place(RatingCard())
    digits = QAction("Feels like 7", host)  # the window drives the feel slider with digits
    digits.setShortcut(QKeySequence(Qt.Key.Key_7))
    fired: list[bool] = []
    digits.triggered.connect(lambda: fired.append(True))
    host.addAction(digits)
    rating.show_rating("after")
    assert host.focusWidget() is rating.scale
    qtbot.keyClick(rating.scale, Qt.Key.Key_7)
    assert rating.value() == 7 and not fired
    qtbot.keyClick(rating.scale, Qt.Key.Key_Right)
    assert rating.value() == 8
    with qtbot.waitSignal(rating.rated) as blocker:
        qtbot.keyClick(rating.scale, Qt.Key.Key_Return)
    assert blocker.args == [8]
    assert host.focusWidget() is host.field


# -- how they look -------------------------------------------------------------------------
def _opened(host: Host, name: str, theme: str = "light", width: int = 1024) -> QWidget:
    widget: QWidget
    if name in ("stop",):
        widget = StopReasonBar()
    elif name in ("ease", "offer"):
        widget = EaseOffBar()
    elif name in ("checklist", "gated"):
        widget = SafetyChecklist()
    else:
        widget = RatingCard()
    widget.setPalette(make_palette(theme))
    host.place(widget, width)
    if isinstance(widget, StopReasonBar):
        widget.show_reasons()
    elif isinstance(widget, EaseOffBar):
        widget.show_ease_off(8) if name == "ease" else widget.show_stop_offer(9)
    elif isinstance(widget, SafetyChecklist):
        widget.show_checklist() if name == "checklist" else widget.show_gated()
    elif isinstance(widget, RatingCard):
        widget.show_rating("after")
        widget.handle_key(Qt.Key.Key_3)
    return widget


# Bars sit under the pacer; the checklist and the rating card take a side panel.
LIMITS = {"stop": 200, "ease": 140, "offer": 140, "checklist": 300, "gated": 300, "rating": 300}


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("name", list(LIMITS))
def test_renders_at_1024_in_both_themes(host: Host, theme: str, name: str) -> None:
    widget = _opened(host, name, theme)
    height = widget.heightForWidth(1024)
    assert 0 < height <= LIMITS[name]
    widget.resize(1024, height)
    image = widget.grab().toImage()
    assert image.width() == 1024 and image.height() == height
    # The card is painted: just inside its edge differs from the window just outside it.
    assert image.pixelColor(9, height // 2) != image.pixelColor(2, height // 2)


@pytest.mark.parametrize("name", ["checklist", "gated", "rating", "stop", "offer"])
def test_fits_the_smallest_window(host: Host, name: str) -> None:
    """At the window's minimum size the side panel is about 430 px, the bars about 750."""
    width = 430 if name in ("checklist", "gated", "rating") else 750
    widget = _opened(host, name, width=width)
    assert widget.minimumSizeHint().width() <= width
    assert 0 < widget.heightForWidth(width) <= 480
    widget.grab()


def test_a_short_panel_scrolls_the_checklist_rather_than_dropping_lines(host: Host) -> None:
    card = SafetyChecklist()
    card.setParent(host)  # placed by hand: the host would fit it to its wish again
    card.show_checklist()
    card.setGeometry(0, 0, 368, 475)  # the side panel of the smallest window (800 x 560)
    host.layout_now()
    assert not card.scroller.verticalScrollBar().isVisible()
    card.setGeometry(0, 0, 368, 300)  # a larger desktop font, say
    host.layout_now()
    assert card.scroller.verticalScrollBar().isVisible()
    assert card.scroller.verticalScrollBar().maximum() > 0
    for label in card.items.findChildren(QLabel):
        assert label.height() >= label.heightForWidth(label.width())  # whole, not squeezed
    assert card.body.height() >= card.body.heightForWidth(card.body.width())


def test_soft_text_follows_a_theme_switch(host: Host) -> None:
    card = _opened(host, "checklist", "light")
    role = QPalette.ColorRole.WindowText
    assert card.note.palette().color(role).lightnessF() < 0.5  # dark ink on paper
    card.setPalette(make_palette("dark"))
    assert card.note.palette().color(role).lightnessF() > 0.5  # light ink on slate
    assert card.note.palette().color(role) != card.palette().color(role)  # still softened
