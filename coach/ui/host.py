"""What the main window offers the screens it hosts, as small typed protocols.

A screen's controller (the guided flow, the timing flow) is handed these at construction
and never imports the window: everything else it has to say, it says with a signal, and
the window, the one wiring place, connects them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from coach.core.session.routine import GuidedEvent
    from coach.core.session.runner import Event, SessionRunner


class SessionHost(Protocol):
    """The session under way (or the one Start would run)."""

    @property
    def runner(self) -> SessionRunner: ...

    def session_active(self) -> bool:
        """Settling in, running or paused."""
        ...

    def is_guided(self) -> bool:
        """The runner is a routine's."""
        ...

    def apply_events(self, events: Sequence[Event | GuidedEvent]) -> None:
        """Events a controller got from the runner (a reading, a step, a pace change)."""
        ...

    def stop_session(self, reason: str) -> None: ...


class PageHost(Protocol):
    """Where a screen puts the widgets it builds on first use."""

    def place_side(self, name: str, widget: QWidget) -> None:
        """A named page of the side panel (shown with a `page_requested` signal)."""
        ...

    def place_bar(self, widget: QWidget, takes_column: bool = False) -> None:
        """A prompt at the top of the side column: one that asks a question the session
        waits on (`takes_column`) takes the whole column while it is up; one that only
        informs (the ease-off prompt) sits above the step."""
        ...

    def place_slider(self, widget: QWidget) -> None:
        """The row of the pressure slider."""
        ...

    def side_page(self) -> str:
        """The name of the side panel's page on show."""
        ...
