"""The 0-10 feel scale: its zones, and when a reading calls for a prompt.

The slider is self-report (how strong the pressure feels now), not a gauge. Practice aims
most work low to middle; 7 and up held for a few seconds means ease off, 9-10 means stop.
"""

from __future__ import annotations

from dataclasses import dataclass

SCALE_MAX = 10
EASE_OFF_LEVEL = 7
EASE_OFF_AFTER_S = 3.0
STOP_LEVEL = 9


@dataclass(frozen=True, slots=True)
class Zone:
    key: str
    label: str
    low: int
    high: int
    advice: str


ZONES: tuple[Zone, ...] = (
    Zone("comfortable", "Comfortable", 0, 3, "Easy pressure. Let the breath do the work."),
    Zone("working", "Working", 4, 6, "Working, still easy to breathe through."),
    Zone("too_much", "Too much", 7, 10, "More than needed. Ease off a little."),
)


def zone_of(level: int) -> Zone:
    if not 0 <= level <= SCALE_MAX:
        raise ValueError(f"reading: {level!r} is off the 0-{SCALE_MAX} scale")
    for zone in ZONES:
        if zone.low <= level <= zone.high:
            return zone
    raise AssertionError(level)  # the zones cover the whole scale


def prompt_words(kind: str, level: int) -> tuple[str, str]:
    """The title and body of a prompt ("ease_off" or "stop_offer") at `level`: the same
    words on the card, in the voice and for a screen reader."""
    if kind == "stop_offer":
        return (
            f"That's a lot: {level} of {SCALE_MAX}.",
            "Would you like to stop here? Easing right off and carrying on is fine too.",
        )
    return (
        f"That's strong: {level} of {SCALE_MAX}.",
        "Ease off a little: lighter pressure, and a longer, slower out-breath.",
    )


def describe(level: int) -> str:
    """Words for a reading, for the screen and for screen readers."""
    return f"{level} of {SCALE_MAX} · {zone_of(level).label}"


@dataclass(frozen=True, slots=True)
class EaseOffPrompt:
    """7 or more held for 3 seconds."""

    level: int
    since: float
    observed: float


@dataclass(frozen=True, slots=True)
class StopOffer:
    """9 or 10: offer to stop (the person decides)."""

    level: int
    observed: float


@dataclass(frozen=True, slots=True)
class PromptOver:
    """The reading fell below the level of a prompt given ("ease_off" under 7,
    "stop_offer" under 9): the prompt on screen has done its work and may go."""

    kind: str
    level: int
    observed: float


Prompt = EaseOffPrompt | StopOffer | PromptOver


class IntensityWatch:
    """Turns readings over time into prompts. Time is active seconds (pauses excluded).

    Each prompt is given once per rise: the ease-off prompt again only after the reading
    came back under 7, the stop offer again only after it came back under 9. The stop
    offer outranks the ease-off prompt: while the reading stays at 9 or more no ease-off
    prompt is given (it would replace the stronger offer with a milder one); if it falls
    to 7 or 8, the ease-off count starts from that moment.
    """

    def __init__(self) -> None:
        self.level: int | None = None
        self._high_since: float | None = None
        self._eased_told = False
        self._stop_told = False

    def update(self, t: float, level: int | None = None) -> list[Prompt]:
        """A new reading (when `level` is given) or just time passing."""
        prompts: list[Prompt] = []
        if level is not None:
            zone_of(level)  # validates
            self.level = level
            if level < EASE_OFF_LEVEL:
                if self._eased_told:
                    prompts.append(PromptOver("ease_off", level, t))
                self._high_since = None
                self._eased_told = False
            elif self._high_since is None:
                self._high_since = t
            if level < STOP_LEVEL:
                if self._stop_told:
                    prompts.append(PromptOver("stop_offer", level, t))
                    if level >= EASE_OFF_LEVEL:
                        self._high_since = t  # still high: ease off 3 s from now
                self._stop_told = False
            elif not self._stop_told:
                self._stop_told = True
                prompts.append(StopOffer(level, t))
        if (
            self._high_since is not None
            and not self._eased_told
            and not self._stop_told
            and t - self._high_since >= EASE_OFF_AFTER_S - 1e-9
        ):
            self._eased_told = True
            assert self.level is not None
            prompts.append(EaseOffPrompt(self.level, self._high_since, t))
        return prompts

    def due_in(self, t: float) -> float | None:
        """Seconds until an ease-off prompt falls due if nothing changes (for the ticker)."""
        if self._high_since is None or self._eased_told or self._stop_told:
            return None
        return max(0.0, self._high_since + EASE_OFF_AFTER_S - t)

    def reset(self, t: float) -> None:
        """A new step: the count starts again from `t` (the reading itself stays, so a
        reading still at 7+ is prompted 3 s into the new step)."""
        self._eased_told = False
        self._high_since = t if self.level is not None and self.level >= EASE_OFF_LEVEL else None

    def clear(self) -> None:
        """No reading any more (a breathing block, a side change, the cool-down)."""
        self.level = None
        self._high_since = None
        self._eased_told = False
        self._stop_told = False
