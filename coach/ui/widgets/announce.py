"""Words for a screen reader to say now, without moving the focus.

A step change, a phase, a notice: things a person with the eyes closed needs to hear,
though nothing they could tab to has changed. Qt 6.8 added `QAccessibleAnnouncementEvent`
for exactly this; on an older Qt (the supported range starts at 6.10, but a distribution's
build may lag) `announce` quietly does nothing rather than fail a session.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget


def announcement(widget: QWidget, text: str, assertive: bool = False) -> QAccessibleEvent | None:
    """The event that would make `text` heard, from `widget`; None when this Qt cannot
    announce or there is nothing to say."""
    words = " ".join(text.split())
    event_type = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
    politeness = getattr(QAccessible, "AnnouncementPoliteness", None)
    if not words or event_type is None or politeness is None:
        return None
    event = event_type(widget, words)
    # Polite waits for the screen reader to finish its sentence; assertive interrupts it,
    # which only a safety matter deserves.
    event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
    made: QAccessibleEvent = event
    return made


def announce(widget: QWidget, text: str, assertive: bool = False) -> bool:
    """Ask the screen reader (if one listens) to say `text`, politely unless `assertive`.

    `widget` is where it comes from (a screen reader may name the window). Returns whether
    an announcement was sent: False on a Qt without announcements, or for empty words.
    """
    event = announcement(widget, text, assertive)
    if event is None:
        return False
    QAccessible.updateAccessibility(event)
    return True
