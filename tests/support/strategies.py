"""Hypothesis strategies shared by several test modules."""

from __future__ import annotations

from hypothesis import strategies as st

from coach.core.breath.pattern import BreathPattern


@st.composite
def patterns(draw: st.DrawFn) -> BreathPattern:
    return BreathPattern.from_tenths(
        (
            draw(st.integers(10, 200)),
            draw(st.integers(0, 300)),
            draw(st.integers(10, 300)),
            draw(st.integers(0, 300)),
        )
    )
