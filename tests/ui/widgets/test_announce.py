"""`announce` hands a screen reader words to say: politely unless told otherwise, from the
widget it is given, and not at all (without an error) where Qt cannot announce."""

from __future__ import annotations

import pytest
from PySide6 import QtGui
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coach.ui.widgets.announce import announce, announcement

Politeness = QAccessible.AnnouncementPoliteness


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, object, object]]:
    """What reached `QAccessible.updateAccessibility`: (kind, message, politeness, object)."""
    events: list[tuple[str, str, object, object]] = []

    def record(event: QAccessibleEvent) -> None:
        assert isinstance(event, QtGui.QAccessibleAnnouncementEvent)
        events.append((event.type().name, event.message(), event.politeness(), event.object()))

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(record))
    return events


@pytest.fixture
def widget(qtbot: QtBot) -> QWidget:
    made = QWidget()
    qtbot.addWidget(made)
    return made


def test_announces_politely_by_default(
    widget: QWidget, sent: list[tuple[str, str, object, object]]
) -> None:
    assert announce(widget, "Step 2 of 5: let the hip settle onto the ball")
    assert sent == [
        ("Announcement", "Step 2 of 5: let the hip settle onto the ball", Politeness.Polite, widget)
    ]


def test_assertive_when_asked(widget: QWidget, sent: list[tuple[str, str, object, object]]) -> None:
    assert announce(widget, "Stop now", assertive=True)
    assert sent[-1][2] == Politeness.Assertive


def test_words_are_tidied_and_nothing_is_said_for_none(
    widget: QWidget, sent: list[tuple[str, str, object, object]]
) -> None:
    assert announce(widget, "  Breathe\n in  ")
    assert sent[-1][1] == "Breathe in"
    assert not announce(widget, "   ")
    assert len(sent) == 1


def test_a_qt_without_announcements_does_nothing(
    widget: QWidget, sent: list[tuple[str, str, object, object]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(QtGui, "QAccessibleAnnouncementEvent")
    assert announcement(widget, "In") is None
    assert not announce(widget, "In")
    assert sent == []


def test_really_sent_through_qt(widget: QWidget) -> None:
    """Unpatched, through Qt itself, with and without accessibility active."""
    assert announce(widget, "Out")
    was = QAccessible.isActive()
    QAccessible.setActive(True)
    try:
        assert announce(widget, "Hold")
    finally:
        QAccessible.setActive(was)
