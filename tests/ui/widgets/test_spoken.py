"""Times and lists in the words a screen reader should say."""

from __future__ import annotations

import pytest

from coach.ui.widgets.spoken import spoken_list, time_words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "0 seconds"),
        (1, "1 second"),
        (40.2, "41 seconds"),  # rounded up, as the clock on screen is
        (65, "1 minute 5 seconds"),
        (120, "2 minutes"),
        (3600, "1 hour"),
        (3720, "1 hour 2 minutes"),
    ],
)
def test_time_words(seconds: float, words: str) -> None:
    assert time_words(seconds) == words


def test_spoken_list_turns_dots_into_commas() -> None:
    assert spoken_list(["Ball release · step 2 of 5", "", "Right side"]) == (
        "Ball release, step 2 of 5, Right side"
    )
    assert spoken_list(["Next: Ball release: step 3 of 5 · right"]) == (
        "Next: Ball release: step 3 of 5, right"
    )
