"""The type of the `make_window` fixture (tests/ui/conftest.py), for annotations."""

from __future__ import annotations

from collections.abc import Callable

from coach.ui.window.main_window import MainWindow

MakeWindow = Callable[..., MainWindow]
"""`make_window(store=..., data_dir=..., lead_in=..., content=True)` -> a shown window."""
