"""The window's notice bar takes the room of one notice: the newest is shown, with a count
of the others ("+2 more") that opens them all."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.store.store import Store
from coach.ui.widgets.notice_bar import NoticeBar
from coach.ui.window.main_window import MainWindow
from tests.support.window import MakeWindow

FIRST = "Saving failed: the disk is full."
SECOND = "A backup was made."
THIRD = "Imported 3 sessions."


@pytest.fixture
def window(store: Store, make_window: MakeWindow, tmp_path: Path) -> MainWindow:
    # No content: no first-run note, the bar starts empty.
    return make_window(store=store, data_dir=tmp_path / "data")


def post_three(bar: NoticeBar) -> None:
    assert bar.isHidden() and bar.messages() == []
    for text in (FIRST, SECOND, THIRD):
        bar.show_notice(text)


def test_three_notices_show_only_the_newest_with_plus_two_more(window: MainWindow) -> None:
    bar = window.notices
    post_three(bar)
    assert bar.isVisible()
    assert bar.messages() == [FIRST, SECOND, THIRD]
    assert bar.message.text() == THIRD
    assert FIRST not in bar.message.text() and SECOND not in bar.message.text()
    assert bar.more.isVisible() and bar.more.text() == "+2 more"
    # The count opens them all (newest first) and closes them again.
    bar.more.click()
    assert bar.message.text().split("\n\n") == [THIRD, SECOND, FIRST]
    assert bar.more.text() == "Fewer"
    bar.more.click()
    assert bar.message.text() == THIRD and bar.more.text() == "+2 more"


def test_one_notice_has_no_count_and_a_repeated_one_is_not_counted_twice(
    window: MainWindow,
) -> None:
    bar = window.notices
    bar.show_notice(FIRST)
    assert bar.message.text() == FIRST and not bar.more.isVisible()
    bar.show_notice(SECOND)
    bar.show_notice(FIRST)  # the same words again: moved to the front, not added
    assert bar.messages() == [SECOND, FIRST]
    assert bar.message.text() == FIRST and bar.more.text() == "+1 more"


def test_dismissing_the_newest_shows_the_next_one_and_the_count_drops(
    window: MainWindow,
) -> None:
    bar = window.notices
    post_three(bar)
    bar.close_button.click()
    assert bar.isVisible()
    assert bar.messages() == [FIRST, SECOND]
    assert bar.message.text() == SECOND and bar.more.text() == "+1 more"
    bar.close_button.click()
    assert bar.message.text() == FIRST and not bar.more.isVisible()
    bar.close_button.click()
    assert not bar.isVisible() and bar.messages() == []


def test_each_notice_keeps_its_own_action_and_the_opened_list_closes_at_once(
    window: MainWindow,
) -> None:
    bar = window.notices
    bar.clear()
    called: list[str] = []
    bar.show_notice(FIRST, "Open it", lambda: called.append("first"))
    bar.show_notice(SECOND)
    assert not bar.action.isVisible()  # the newest has no action
    bar.close_button.click()
    assert bar.message.text() == FIRST and bar.action.text() == "Open it"
    bar.action.click()
    assert called == ["first"] and not bar.isVisible()
    post_three(bar)
    bar.more.click()  # every notice opened: closing closes them all
    bar.close_button.click()
    assert not bar.isVisible() and bar.messages() == []
