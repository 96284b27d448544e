"""Words for a screen reader: times and lists said the way a person says them.

What the screen shows compactly ("1:05", "Ball release · step 2 of 5") reads badly
aloud (a colon, a middle dot); these give the spoken form for accessible descriptions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def time_words(seconds: float) -> str:
    """'1 minute 5 seconds', '40 seconds', '1 hour 2 minutes' (rounded up to the second,
    as the clock on screen is)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return " ".join([plural(hours, "hour")] + ([plural(minutes, "minute")] if minutes else []))
    if minutes:
        return " ".join([plural(minutes, "minute")] + ([plural(secs, "second")] if secs else []))
    return plural(secs, "second")


def spoken_list(parts: Iterable[str]) -> str:
    """Parts joined with commas, the empty ones left out, the middle dots of screen text
    turned into commas: 'Ball release, step 2 of 5, right side'."""
    words = (" ".join(p.replace("·", ",").split()) for p in parts)
    return ", ".join(w.replace(" ,", ",") for w in words if w)
