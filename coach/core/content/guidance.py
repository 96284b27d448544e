"""What the coach says about a technique before it begins, and where its facts come from.

Before a technique's first step (each time it comes in a session) the person sees its
cautions and the signs to stop at once, in short; the full account (summary, equipment,
position, cautions, stop signs, sources) is a key away. The words are the technique
file's own; this module only shapes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.content.library import Technique


@dataclass(frozen=True, slots=True)
class Source:
    citation: str
    doi: str
    about: str


#: The studies behind the techniques, for Help > About and the technique's info.
SOURCES: tuple[Source, ...] = (
    Source(
        "Cherkin DC, Sherman KJ, Kahn J, et al. A comparison of the effects of 2 types of "
        "massage and usual care on chronic low back pain: a randomized, controlled trial. "
        "Ann Intern Med. 2011;155(1):1-9.",
        "10.7326/0003-4819-155-1-201107050-00002",
        "Massage for chronic low back pain, compared with usual care.",
    ),
    Source(
        "Otsudo T, Mimura K, Akasaka K. Immediate effect of application of the pressure "
        "technique to the psoas major on lumbar lordosis. J Phys Ther Sci. "
        "2018;30(10):1323-1328.",
        "10.1589/jpts.30.1323",
        "Pressure on the psoas major and the curve of the lower back.",
    ),
)


@dataclass(frozen=True, slots=True)
class Guidance:
    """The short word before a technique: take care of these, stop at once for those."""

    title: str
    cautions: tuple[str, ...]
    stop_for: tuple[str, ...]


def stop_sign_short(sign: str) -> str:
    """'A pulse under the ball: move off ...' -> 'a pulse under the ball'."""
    head = sign.split(":", 1)[0].strip().rstrip(".")
    first = head.split(" ", 1)[0]
    keep = len(first) > 1 and first.isupper()  # an abbreviation stays as it is
    return head if keep else head[:1].lower() + head[1:]


def guidance_for(technique: Technique) -> Guidance:
    return Guidance(
        technique.title,
        tuple(technique.cautions),
        tuple(stop_sign_short(sign) for sign in technique.stop_signs),
    )


def stop_line(guidance: Guidance) -> str:
    """'Stop at once for: sharp pain · a pulse under the ball · dizziness or nausea.'"""
    if not guidance.stop_for:
        return ""
    return "Stop at once for: " + " · ".join(guidance.stop_for) + "."


def sources_for(technique: Technique) -> tuple[Source, ...]:
    """The studies a technique's references name (matched by first author and year)."""
    found = []
    for source in SOURCES:
        author, year = source.citation.split(" ", 1)[0], _year(source.citation)
        if any(author in ref and year in ref for ref in technique.references):
            found.append(source)
    return tuple(found)


def _year(citation: str) -> str:
    for word in citation.replace(";", " ").replace(".", " ").split():
        if len(word) >= 4 and word[:4].isdigit() and word[:2] in ("19", "20"):
            return word[:4]
    return ""
