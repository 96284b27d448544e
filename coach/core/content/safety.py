"""Safety: the checklist before deep abdominal work, and the reasons a session stops.

The checklist answer is kept with the time it was given and asked again after 90 days.
A safety stop moves into a one-minute breathing cool-down with advice for what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

RECHECK_AFTER = timedelta(days=90)

WELLNESS_NOTE = (
    "This coach offers wellness guidance, not medical advice. If something hurts, "
    "feels sharp, or makes you dizzy, stop and ask a doctor."
)

#: Reasons not to do deep work on the belly (any one of them is enough).
CHECKLIST: tuple[str, ...] = (
    "An aneurysm of the abdominal aorta, known or suspected",
    "Pregnancy",
    "Surgery on the belly in recent months, or a hernia or mesh repair",
    "An inflamed or acutely painful belly right now (for example appendicitis, "
    "diverticulitis, a flare of bowel disease)",
    "Blood thinners, or a condition that makes you bleed or bruise easily",
    "A blood clot in a leg (DVT), now or recently",
    "A fever",
    "Belly pain nobody has explained yet",
)

CHECKLIST_INTRO = (
    "Pressing deep into the belly is not safe for everyone. Does any of these apply to you?"
)
GATED_EXPLANATION = (
    "Deep belly work is switched off because you said one of the safety reasons applies. "
    "Breathing, the roller, the lunge and the pigeon stretch stay open. Your doctor or "
    "physiotherapist can tell you when belly work is fine again; you can answer the "
    "questions again from the Session menu."
)


@dataclass(frozen=True, slots=True)
class SafetyAnswer:
    answered_at: datetime
    """When the checklist was answered (aware, UTC)."""
    applies: bool
    """True when any reason applies: abdominal techniques are off."""


def needs_asking(answer: SafetyAnswer | None, now: datetime) -> bool:
    """No answer, one 90 days old, or one dated in the future (a clock set wrong)."""
    if answer is None:
        return True
    age = now - answer.answered_at
    return age >= RECHECK_AFTER or age < -timedelta(days=1)


def abdominal_allowed(answer: SafetyAnswer | None) -> bool:
    """Only after a 'none of these' answer; the caller asks first when none is on file."""
    return answer is not None and not answer.applies


@dataclass(frozen=True, slots=True)
class StopReason:
    key: str
    label: str
    safety: bool
    advice: str


STOP_REASONS: tuple[StopReason, ...] = (
    StopReason(
        "sharp_pain",
        "Sharp pain",
        True,
        "Come off the pressure now and let the area rest. Leave this spot alone today. "
        "If the pain stays, comes back, or worries you, see a doctor.",
    ),
    StopReason(
        "tingling",
        "Tingling or numbness",
        True,
        "Ease off at once: a nerve may be pressed. Move the leg gently. If the tingling or "
        "numbness does not fade within a few minutes, see a doctor.",
    ),
    StopReason(
        "pulse",
        "Felt a pulse",
        True,
        "A pulse means the pressure is on a blood vessel. Move off it; next time place the "
        "ball or tool a little further out, towards the hip bone.",
    ),
    StopReason(
        "dizzy",
        "Dizzy or sick",
        True,
        "Breathe normally now, not deeply. Stay lying down until it passes, then sit up "
        "slowly. If it does not pass, get help.",
    ),
    StopReason("just_stopping", "Just stopping", False, ""),
)

COOL_DOWN_BREATHS_S = 60.0


def stop_reason(key: str) -> StopReason:
    for reason in STOP_REASONS:
        if reason.key == key:
            return reason
    known = ", ".join(r.key for r in STOP_REASONS)
    raise KeyError(f"unknown stop reason {key!r}; one of: {known}")
