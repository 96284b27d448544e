"""Techniques and routines as data: the file schema, the loader and its messages.

Content lives in TOML (or JSON) files, one technique or routine per file, marked by
`kind` and `schema`. The shipped files are in `assets/content/`; a person may add their
own in the `content/` folder of the data directory. Every file is validated on load: a
bad file becomes a `Problem` (file, field path, what is wrong) and the good ones load
anyway. The same checks run from the command line (`coach check FILE`).

The shapes are msgspec Structs, so one declaration gives the rules and exact paths such as
`$.steps[2].seconds: Expected `float` > 0`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from coach.core.breath.presets import PRESETS

CONTENT_SCHEMA_VERSION = 1
MAX_CONTENT_BYTES = 256 * 1024
CONTENT_SUFFIXES = (".toml", ".json")

Id = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=48)]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=60)]
Line = Annotated[str, msgspec.Meta(min_length=1, max_length=400)]
Level = Annotated[int, msgspec.Meta(ge=0, le=10)]
Side = Literal["left", "right", "both", "none"]
Seconds = Annotated[float, msgspec.Meta(gt=0, le=900)]
Breaths = Annotated[int, msgspec.Meta(ge=1, le=200)]
Schema = Annotated[int, msgspec.Meta(ge=1, le=CONTENT_SCHEMA_VERSION)]


class Step(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One thing to do, for a time given in seconds or in breaths (exactly one of them).

    Sided steps are written for the right side; a routine mirrors them for the left.
    """

    text: Line
    side: Side
    illustration: Id
    seconds: Seconds | None = None
    breaths: Breaths | None = None
    target: tuple[Level, Level] | None = None
    """The band on the 0-10 scale this step should feel like (low, high); None: no pressure."""
    coupling: Line | None = None
    """How the step moves with the breath, e.g. sink deeper on the out-breath."""

    def __post_init__(self) -> None:
        if (self.seconds is None) == (self.breaths is None):
            raise ValueError("give exactly one of `seconds` or `breaths`")
        if self.target is not None and self.target[0] > self.target[1]:
            raise ValueError(
                f"target band {list(self.target)} runs backwards; write it low to high"
            )


class Technique(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="technique", tag_field="kind"
):
    schema: Schema
    id: Id
    title: Title
    summary: Line
    equipment: Annotated[list[Line], msgspec.Meta(max_length=8)]
    position: Line
    abdominal: bool
    """Deep work on the belly: behind the safety checklist."""
    steps: Annotated[list[Step], msgspec.Meta(min_length=1, max_length=40)]
    cautions: Annotated[list[Line], msgspec.Meta(min_length=1, max_length=12)]
    stop_signs: Annotated[list[Line], msgspec.Meta(min_length=1, max_length=12)]
    references: Annotated[tuple[Line, ...], msgspec.Meta(max_length=12)] = ()


class BreathingBlock(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="breathing", tag_field="type"
):
    """Breathing only, at a built-in pattern, for minutes or breaths (exactly one)."""

    pattern: Id
    minutes: Annotated[float, msgspec.Meta(gt=0, le=120)] | None = None
    breaths: Breaths | None = None
    text: Line | None = None
    """What to do meanwhile (lying down, sitting); a calm default when absent."""
    illustration: Id | None = None
    """Lying with a hand on the belly when absent."""

    def __post_init__(self) -> None:
        if (self.minutes is None) == (self.breaths is None):
            raise ValueError("give exactly one of `minutes` or `breaths`")


class TechniqueBlock(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="technique", tag_field="type"
):
    """A technique's steps, once per side in the order given (e.g. right, then left)."""

    technique: Id
    sides: Annotated[
        tuple[Literal["left", "right"], ...], msgspec.Meta(min_length=1, max_length=2)
    ] = ("right", "left")


Block = BreathingBlock | TechniqueBlock


class Routine(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag="routine", tag_field="kind"
):
    schema: Schema
    id: Id
    title: Title
    summary: Line
    pattern: Id
    """The built-in breathing pattern the technique steps are paced with."""
    blocks: Annotated[list[Block], msgspec.Meta(min_length=1, max_length=60)]
    group: Literal["breathing", "guided", "technique"] = "guided"
    ask_tightness: bool = True
    """Ask for a 0-10 tightness rating before and after."""
    switch_seconds: Annotated[float, msgspec.Meta(ge=0, le=60)] = 10.0
    """The pause to change sides between the passes of a technique block."""


ContentFile = Technique | Routine


@dataclass(frozen=True, slots=True)
class Problem:
    """Why one file (or one field of it) could not be used."""

    file: str
    where: str | None
    what: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.where}: {self.what}" if self.where else f"{self.file}: {self.what}"
        )


@dataclass(frozen=True, slots=True)
class Loaded:
    """One file's content and where it came from."""

    item: ContentFile
    file: str
    builtin: bool


@dataclass
class Library:
    """Every usable technique and routine, and the problems with the files that were not."""

    techniques: dict[str, Technique] = field(default_factory=dict)
    routines: dict[str, Routine] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    """id -> the file it came from, as shown in messages."""
    paths: dict[str, Path] = field(default_factory=dict)
    """id -> the file it came from."""
    builtin: set[str] = field(default_factory=set)

    def technique(self, technique_id: str) -> Technique:
        return self.techniques[technique_id]

    def routine(self, routine_id: str) -> Routine:
        return self.routines[routine_id]


_PRESET_IDS = frozenset(p.id for p in PRESETS)


def parse_content(data: bytes, name: str, suffix: str) -> ContentFile:
    """Decode and validate one file's bytes. Raises ContentError with path and reason."""
    if len(data) > MAX_CONTENT_BYTES:
        raise ContentError(Problem(name, None, f"the file is over {MAX_CONTENT_BYTES // 1024} KB"))
    if not data.strip():
        raise ContentError(Problem(name, None, "the file is empty"))
    # Decoded here, not by msgspec: how a parser reports bytes that are not UTF-8 differs
    # between its releases (0.23 wraps the UnicodeDecodeError in its own DecodeError), and
    # the person should read the same plain sentence whichever is installed.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError(Problem(name, None, "not text in UTF-8")) from None
    try:
        raw = msgspec.json.decode(text) if suffix == ".json" else msgspec.toml.decode(text)
    except msgspec.DecodeError as error:
        kind = "JSON" if suffix == ".json" else "TOML"
        raise ContentError(Problem(name, None, f"not valid {kind}: {error}")) from None
    except RecursionError:
        raise ContentError(Problem(name, None, "nested too deeply to be a content file")) from None
    if not isinstance(raw, dict):
        raise ContentError(Problem(name, "$", "Expected a table of fields at the top"))
    version = raw.get("schema")
    if (
        isinstance(version, int)
        and not isinstance(version, bool)
        and version > CONTENT_SCHEMA_VERSION
    ):
        raise ContentError(
            Problem(
                name,
                "$.schema",
                f"written for a newer version of the coach (schema {version}; this version "
                f"reads up to {CONTENT_SCHEMA_VERSION})",
            )
        )
    try:
        item: ContentFile = msgspec.convert(raw, ContentFile)
    except msgspec.ValidationError as error:
        raise ContentError(_problem_from(error, name)) from None
    for problem in _check_item(item, name):
        raise ContentError(problem)
    return item


def _problem_from(error: msgspec.ValidationError, name: str) -> Problem:
    # msgspec says "Expected `int` <= 10 - at `$.steps[3].target[1]`": put the path first.
    text = str(error)
    match = re.fullmatch(r"(.*) - at `(\$.*)`", text, re.DOTALL)
    where, reason = (match[2], match[1]) if match else ("$", text)
    if where == "$.kind" and reason.startswith("Invalid value"):
        reason += " (expected 'technique' or 'routine')"
    elif where.endswith(".type") and reason.startswith("Invalid value"):
        reason += " (expected 'breathing' or 'technique')"
    elif re.search(r"\.side$|\.sides\[\d+\]$", where) and reason.startswith("Invalid enum"):
        allowed = "left or right" if ".sides[" in where else "left, right, both or none"
        reason += f" (expected {allowed})"
    return Problem(name, where, reason)


def _check_item(item: ContentFile, name: str) -> Iterable[Problem]:
    """What the schema cannot say on its own (within one file)."""
    if isinstance(item, Routine):
        if item.pattern not in _PRESET_IDS:
            yield Problem(name, "$.pattern", _unknown_pattern(item.pattern))
        for i, block in enumerate(item.blocks):
            if isinstance(block, BreathingBlock) and block.pattern not in _PRESET_IDS:
                yield Problem(name, f"$.blocks[{i}].pattern", _unknown_pattern(block.pattern))
            if isinstance(block, TechniqueBlock) and len(set(block.sides)) != len(block.sides):
                yield Problem(name, f"$.blocks[{i}].sides", "a side is listed twice")


def _unknown_pattern(pattern: str) -> str:
    known = ", ".join(sorted(_PRESET_IDS))
    return f"unknown breathing pattern '{pattern}'; choose one of: {known}"


class ContentError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_content(path: Path, name: str | None = None) -> ContentFile:
    name = name or str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONTENT_BYTES + 1)
    except OSError as error:
        raise ContentError(Problem(name, None, f"cannot be read: {error.strerror}")) from None
    return parse_content(data, name, path.suffix.lower())


def content_files(folder: Path) -> list[Path]:
    """Content files in a folder and its subfolders, in a stable order (hidden ones skipped)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in CONTENT_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def load_library(
    builtin_folder: Path, user_folder: Path | None, illustrations: Sequence[str] | None = None
) -> Library:
    """Load the shipped content, then the person's own; bad files become problems.

    A user file may not reuse a shipped id. Routines are checked against the techniques
    that loaded; `illustrations` (ids) are checked when given.
    """
    library = Library()
    sources: list[tuple[Path, bool, Path]] = [
        (path, True, builtin_folder) for path in content_files(builtin_folder)
    ]
    if user_folder is not None:
        sources += [(path, False, user_folder) for path in content_files(user_folder)]
    loaded: list[Loaded] = []
    for path, builtin, root in sources:
        name = str(path.relative_to(root)) if builtin else str(path)
        try:
            item = read_content(path, name)
        except ContentError as error:
            library.problems.append(error.problem)
            continue
        if item.id in library.files:
            library.problems.append(
                Problem(
                    name,
                    "$.id",
                    f"'{item.id}' is already used by {library.files[item.id]}; give this one "
                    "another id",
                )
            )
            continue
        library.files[item.id] = name
        library.paths[item.id] = path
        if builtin:
            library.builtin.add(item.id)
        loaded.append(Loaded(item, name, builtin))
    known_pictures = None if illustrations is None else frozenset(illustrations)
    for entry in loaded:
        if isinstance(entry.item, Technique):
            problems = list(_check_pictures(entry.item, entry.file, known_pictures))
            if problems:
                library.problems.extend(problems[:1])
                del library.files[entry.item.id]
                continue
            library.techniques[entry.item.id] = entry.item
    for entry in loaded:
        if isinstance(entry.item, Routine):
            problems = list(check_references(entry.item, entry.file, library.techniques))
            problems += _check_pictures(entry.item, entry.file, known_pictures)
            if problems:
                library.problems.extend(problems[:1])
                del library.files[entry.item.id]
                continue
            library.routines[entry.item.id] = entry.item
    return library


def _check_pictures(
    item: Technique | Routine, name: str, known: frozenset[str] | None
) -> Iterable[Problem]:
    if known is None:
        return
    if isinstance(item, Routine):
        for i, block in enumerate(item.blocks):
            picture = getattr(block, "illustration", None)
            if picture is not None and picture not in known:
                yield Problem(
                    name, f"$.blocks[{i}].illustration", f"no illustration called '{picture}'"
                )
        return
    for i, step in enumerate(item.steps):
        if step.illustration not in known:
            yield Problem(
                name, f"$.steps[{i}].illustration", f"no illustration called '{step.illustration}'"
            )


def check_references(
    routine: Routine, name: str, techniques: dict[str, Technique]
) -> Iterable[Problem]:
    for i, block in enumerate(routine.blocks):
        if isinstance(block, TechniqueBlock) and block.technique not in techniques:
            yield Problem(
                name, f"$.blocks[{i}].technique", f"unknown technique '{block.technique}'"
            )


def user_content_dir(data_dir: Path) -> Path:
    """Where a person puts their own technique and routine files."""
    return data_dir / "content"


def check_files(
    paths: Sequence[Path], known: Library, illustrations: Sequence[str] | None = None
) -> tuple[list[str], list[Problem]]:
    """`coach check`: validate files on their own and against what is installed, with the
    same messages the app gives.

    A routine may name techniques from the shipped content, the user folder, or the other
    files being checked; an id may not clash with another installed file's. Returns a line
    per good file and the problems of the bad ones.
    """
    good: list[tuple[Path, ContentFile]] = []
    problems: list[Problem] = []
    pictures = None if illustrations is None else frozenset(illustrations)
    for path in paths:
        try:
            item = read_content(path)
        except ContentError as error:
            problems.append(error.problem)
            continue
        owner = known.paths.get(item.id)
        if owner is not None and owner.resolve() != path.resolve():
            problems.append(
                Problem(
                    str(path),
                    "$.id",
                    f"'{item.id}' is already used by {known.files[item.id]}; give this one "
                    "another id",
                )
            )
            continue
        found = list(_check_pictures(item, str(path), pictures))
        if found:
            problems.append(found[0])
            continue
        good.append((path, item))
    techniques = dict(known.techniques)
    techniques.update({item.id: item for _, item in good if isinstance(item, Technique)})
    lines: list[str] = []
    for path, item in good:
        if isinstance(item, Routine):
            found = list(check_references(item, str(path), techniques))
            if found:
                problems.extend(found)
                continue
            lines.append(f"{path}: ok (routine '{item.id}', {len(item.blocks)} blocks)")
        else:
            lines.append(f"{path}: ok (technique '{item.id}', {len(item.steps)} steps)")
    return lines, problems
