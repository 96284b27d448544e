"""The word before a technique, from the shipped content: its cautions and stop signs, the
care belly work asks for, and the studies (with DOIs) its references name."""

from __future__ import annotations

import re

import msgspec
import pytest

from coach.core.assets import assets_dir, illustration_ids
from coach.core.content.guidance import (
    SOURCES,
    Guidance,
    guidance_for,
    sources_for,
    stop_line,
    stop_sign_short,
)
from coach.core.content.library import Library, Technique, load_library

CHERKIN_DOI = "10.7326/0003-4819-155-1-201107050-00002"
OTSUDO_DOI = "10.1589/jpts.30.1323"

#: The techniques that press on or into the belly (the safety checklist gates these).
BELLY_WORK = {"locate-psoas", "tool-release", "ball-release", "hand-release"}
#: The techniques that press on or stretch a muscle (all but the breathing).
HANDS_ON = BELLY_WORK | {"foam-roller", "lunge-pressure", "pigeon"}
#: Which studies each technique's references name, by DOI.
CITED = {
    "locate-psoas": {OTSUDO_DOI},
    "tool-release": {CHERKIN_DOI, OTSUDO_DOI},
    "ball-release": {CHERKIN_DOI, OTSUDO_DOI},
    "hand-release": {CHERKIN_DOI, OTSUDO_DOI},
    "foam-roller": {CHERKIN_DOI},
    "lunge-pressure": {CHERKIN_DOI},
    "pigeon": set(),
    "diaphragmatic-breathing": set(),
}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(assets_dir() / "content", None, illustration_ids())


def techniques(library: Library) -> list[Technique]:
    found = list(library.techniques.values())
    assert {t.id for t in found} == set(CITED)  # a new technique gets its row above
    return found


def test_every_technique_gets_its_own_cautions_and_one_stop_for_each_stop_sign(
    library: Library,
) -> None:
    for technique in techniques(library):
        guidance = guidance_for(technique)
        assert guidance.title == technique.title
        assert guidance.cautions == tuple(technique.cautions) and guidance.cautions
        assert len(guidance.stop_for) == len(technique.stop_signs) >= 1, technique.id
        for sign, short in zip(technique.stop_signs, guidance.stop_for, strict=True):
            assert short and sign.casefold().startswith(short.casefold()), (sign, short)
            assert not short.endswith(".") and ":" not in short


def test_a_stop_sign_is_said_in_short_from_its_head() -> None:
    assert stop_sign_short("Sharp pain.") == "sharp pain"
    assert (
        stop_sign_short("A pulse under the ball: move off and shift it a little.")
        == "a pulse under the ball"
    )
    assert stop_sign_short("DVT signs: swelling.") == "DVT signs"  # an abbreviation stays


def test_belly_work_is_flagged_and_keeps_off_the_middle_of_the_belly_and_the_spine(
    library: Library,
) -> None:
    assert {t.id for t in techniques(library) if t.abdominal} == BELLY_WORK
    for technique_id in sorted(BELLY_WORK):
        cautions = guidance_for(library.technique(technique_id)).cautions
        keep_off = [c for c in cautions if "middle of the belly" in c and "spine" in c]
        assert keep_off, technique_id
        assert all(re.search(r"\b(off|away from)\b", line) for line in keep_off), keep_off


def test_every_hands_on_technique_says_not_to_push_through_real_discomfort(
    library: Library,
) -> None:
    for technique_id in sorted(HANDS_ON):
        cautions = guidance_for(library.technique(technique_id)).cautions
        assert any("don't need to push through real discomfort" in line for line in cautions), (
            technique_id
        )


def test_the_stop_line_names_every_stop_sign_once(library: Library) -> None:
    for technique in techniques(library):
        guidance = guidance_for(technique)
        line = stop_line(guidance)
        assert line.startswith("Stop at once for: ") and line.endswith(".")
        named = line.removeprefix("Stop at once for: ").removesuffix(".").split(" · ")
        assert named == list(guidance.stop_for)
        for sign in technique.stop_signs:
            head = sign.split(":", 1)[0].rstrip(".")
            assert head.casefold() in line.casefold(), (technique.id, sign)


def test_no_stop_signs_make_no_stop_line() -> None:
    assert stop_line(Guidance("Anything", ("Go gently.",), ())) == ""


def test_the_sources_are_the_two_studies_with_their_dois() -> None:
    assert [s.doi for s in SOURCES] == [CHERKIN_DOI, OTSUDO_DOI]
    cherkin, otsudo = SOURCES
    assert cherkin.citation.startswith("Cherkin DC") and "2011" in cherkin.citation
    assert otsudo.citation.startswith("Otsudo T") and "2018" in otsudo.citation
    for source in SOURCES:
        assert re.fullmatch(r"10\.\d{4,9}/\S+", source.doi), source.doi
        assert source.about


def test_every_reference_of_every_technique_resolves_to_a_source(library: Library) -> None:
    for technique in techniques(library):
        found = sources_for(technique)
        assert {s.doi for s in found} == CITED[technique.id], technique.id
        # One source per reference: none names a study the coach cannot give a DOI for.
        assert len(found) == len(technique.references), technique.id


def test_a_reference_resolves_only_by_its_author_and_its_year(library: Library) -> None:
    ball = library.technique("ball-release")
    other_year = msgspec.structs.replace(
        ball, references=("Cherkin DC et al. Ann Intern Med. 2009;150(2):1-9.",)
    )
    other_author = msgspec.structs.replace(
        ball, references=("Smith J et al. J Phys Ther Sci. 2018;30(10):1323-1328.",)
    )
    assert sources_for(other_year) == ()
    assert sources_for(other_author) == ()
    assert sources_for(msgspec.structs.replace(ball, references=())) == ()
