"""The current step of a guided routine: what to do, in large calm type, with its drawing.

Draws a `StepState` and the `PacerState` it shares a clock with; keeps no time of its own.
`show_step` is called on every frame (up to 60 Hz), so it works out words only when the
step changes and touches a widget only when what it shows changes: labels when their text
differs, the progress bar when it has moved half a pixel.

The breath coupling ("Press as you breathe out; soften as you breathe in") follows the
pacer: on the out-breath the panel shows "Out-breath: press", on the in-breath
"In-breath: soften". Couplings that cannot be split that way are shown whole, with the
current phase in front ("Breathing out · ...").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from coach.core.breath.pacer import PacerState
from coach.core.breath.pattern import Phase
from coach.core.clock import clock_text
from coach.core.content.intensity import SCALE_MAX, zone_of
from coach.core.content.plan import PlanItem
from coach.core.session.routine import StepState
from coach.ui.guided.illustration import Illustration
from coach.ui.theme import blend, pressure_colour
from coach.ui.widgets.spoken import spoken_list, time_words

# Drawings for items whose content names none.
FALLBACK_ILLUSTRATIONS = {
    "breathing": "breathing-supine",
    "switch": "rest-supine",
    "cooldown": "rest-supine",
}
_NO_LIMIT = 16_777_215  # QWIDGETSIZE_MAX
SIDE_WORDS = {"right": "Right side", "left": "Left side", "both": "Both sides"}
PHASE_WORDS = {
    Phase.INHALE: "Breathing in",
    Phase.HOLD_IN: "Holding",
    Phase.EXHALE: "Breathing out",
    Phase.HOLD_OUT: "Holding",
}

_IN = r"(?:breathe in|breathing in|in-breath|in breath|inhale|inhaling)"
_OUT = r"(?:breathe out|breathing out|out-breath|out breath|exhale|exhaling)"
_NAMES_IN = re.compile(rf"\b{_IN}\b", re.IGNORECASE)
_NAMES_OUT = re.compile(rf"\b{_OUT}\b", re.IGNORECASE)
# The phrase that ties a clause to its phase, taken out for the short phase line.
_TIE = re.compile(
    r"\s*\b(?:(?:as|while|when|each time) you (?:breathe|breath) (?:in|out)"
    r"|(?:on|with|during) (?:the|an|a|each|every) (?:in|out)[- ]breath)\b",
    re.IGNORECASE,
)
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


@lru_cache(maxsize=64)
def split_coupling(coupling: str) -> tuple[str | None, str | None]:
    """(in-breath part, out-breath part) of a coupling, each shortened; None where absent.

    "Melt onto the ball as you breathe out; stay put as you breathe in."
    -> ("stay put", "melt onto the ball"). A clause that still names a phase once its tie
    is taken out ("Let each out-breath bring...") cannot be shortened and counts as absent.
    """
    for separator in (";", ","):
        parts = [p.strip() for p in coupling.split(separator) if p.strip()]
        if len(parts) >= 2:
            break
    found: dict[str, str] = {}
    for part in parts:
        names_in, names_out = bool(_NAMES_IN.search(part)), bool(_NAMES_OUT.search(part))
        short = _shorten(part) if names_in != names_out else None
        if short is not None:
            found.setdefault("in" if names_in else "out", short)
    return found.get("in"), found.get("out")


def _shorten(clause: str) -> str | None:
    short = _TIE.sub("", clause).strip(" .;,")
    if not short or _NAMES_IN.search(short) or _NAMES_OUT.search(short):
        return None
    return short[0].lower() + short[1:]


def coupling_cue(coupling: str | None, phase: Phase | None) -> str:
    """The coupling for this moment; `phase` None (paused, lead-in) gives it whole."""
    if not coupling:
        return ""
    if phase is None:
        return coupling
    in_part, out_part = split_coupling(coupling)
    if phase is Phase.EXHALE and out_part is not None:
        return f"Out-breath: {out_part}"
    if phase is Phase.INHALE and in_part is not None:
        return f"In-breath: {in_part}"
    return f"{PHASE_WORDS[phase]} · {coupling}"


def coupling_alternatives(coupling: str | None) -> tuple[str, ...]:
    """Every line the cue may show for one coupling (to keep its height steady)."""
    if not coupling:
        return ()
    return tuple(dict.fromkeys([coupling_cue(coupling, p) for p in (None, *PHASE_WORDS)]))


def target_words(target: tuple[int, int] | None) -> str:
    """(2, 4) -> 'Aim for 2-4 of 10: comfortable to working' (with an en dash), in the same
    words the slider uses for the same numbers."""
    if target is None:
        return ""
    low, high = target
    band = str(low) if low == high else f"{low}\u2013{high}"
    low_zone, high_zone = zone_of(low).label.lower(), zone_of(high).label.lower()
    zones = low_zone if low_zone == high_zone else f"{low_zone} to {high_zone}"
    return f"Aim for {band} of {SCALE_MAX}: {zones}"


def header_text(item: PlanItem) -> str:
    if item.kind == "step" and item.step_index is not None and item.step_count:
        return f"{item.title} · step {item.step_index + 1} of {item.step_count}"
    return item.title


def spoken_step(item: PlanItem) -> str:
    """What a screen reader announces as a step begins: 'Ball release, step 2 of 5, right
    side. Let your hip settle slowly onto the ball...' (see `coach.ui.widgets.announce`)."""
    side = SIDE_WORDS.get(item.side, "").lower()
    return f"{spoken_list((header_text(item), side))}. {item.text}".strip()


def _keep_hyphenated(text: str) -> str:
    # "in-breath" split over two lines reads as two words: join with non-breaking hyphens.
    return _HYPHEN.sub("\u2011", text)


def illustration_for(item: PlanItem) -> str | None:
    return item.illustration or FALLBACK_ILLUSTRATIONS.get(item.kind)


class _SteadyLabel(QLabel):
    """A wrapped label that keeps room for the longest of its possible texts, so a line
    that changes every breath never makes the layout around it jump."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self._alternatives: tuple[str, ...] = ()

    def set_alternatives(self, texts: tuple[str, ...]) -> None:
        if texts != self._alternatives:
            self._alternatives = texts
            self.updateGeometry()

    def heightForWidth(self, width: int) -> int:
        height = super().heightForWidth(width)
        margins = self.contentsMargins()
        inner = QRect(0, 0, max(1, width - margins.left() - margins.right()), 100_000)
        metrics = self.fontMetrics()
        flags = Qt.TextFlag.TextWordWrap | self.alignment()
        for text in self._alternatives:
            needed = metrics.boundingRect(inner, flags, text).height()
            height = max(height, needed + margins.top() + margins.bottom())
        return height


class _SideBadge(QLabel):
    """'Right side' on a soft pill tinted with the pressure accent."""

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        window = palette.color(QPalette.ColorRole.Window)
        painter.setBrush(blend(window, pressure_colour(palette), 0.2))
        box = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.drawRoundedRect(box, box.height() / 2, box.height() / 2)
        painter.end()
        super().paintEvent(event)


class StepProgress(QWidget):
    """A thin rounded bar for the step; repaints only when the fill moves half a pixel."""

    def __init__(self) -> None:
        super().__init__()
        self._fraction = 0.0
        self._drawn = 0.0
        self.updates = 0
        """update() calls so far (for tests: a still bar asks for no repaint)."""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(6)
        self.setAccessibleName("Step progress")
        self._percent = -1
        self._say_percent()

    def _say_percent(self) -> None:
        # In whole percents: a screen reader is told of a change a hundred times a step at
        # most, not on every frame.
        percent = round(self._fraction * 100)
        if percent != self._percent:
            self._percent = percent
            self.setAccessibleDescription(f"{percent}% of this step done")

    @property
    def fraction(self) -> float:
        return self._fraction

    def set_fraction(self, fraction: float) -> None:
        fraction = min(1.0, max(0.0, fraction))
        self._fraction = fraction
        self._say_percent()
        moved_px = abs(fraction - self._drawn) * self.width() * self.devicePixelRatioF()
        if moved_px >= 0.5 or (fraction in (0.0, 1.0) and fraction != self._drawn):
            self._drawn = fraction
            self.updates += 1
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        self._drawn = self._fraction
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        paper = palette.color(QPalette.ColorRole.Window)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        track = QRectF(self.rect())
        radius = track.height() / 2
        painter.setBrush(blend(paper, ink, 0.12))
        painter.drawRoundedRect(track, radius, radius)
        if self._fraction > 0:
            # Never narrower than the bar is tall, so the first moments show a round dot.
            width = max(track.height(), track.width() * self._fraction)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QRectF(0.0, 0.0, width, track.height()), radius, radius)
        painter.end()


class StepPanel(QWidget):
    """The step under way: header and side, instruction, drawing, breath cue, time, next.

    No signals: it only shows what it is given.
    """

    def __init__(self, parent: QWidget | None = None, illustrations: Path | None = None) -> None:
        """`illustrations`: a folder of drawings instead of the shipped ones (tests)."""
        super().__init__(parent)
        self.text_updates = 0
        """setText calls so far: a frame that changes nothing adds none (for tests)."""
        self._item_key: tuple[object, ...] = ()
        # The whole step in one description, for a screen reader that reads the panel.
        self.setAccessibleName("Step")
        self.setAccessibleDescription("No step under way")

        self.header = QLabel()
        self.header.setObjectName("stepHeader")
        self.header.setAccessibleDescription("The current step")
        self.header.setWordWrap(True)
        self.badge = _SideBadge()
        self.badge.setObjectName("sideBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.hide()
        self.instruction = QLabel()
        self.instruction.setObjectName("stepInstruction")
        self.instruction.setAccessibleDescription("What to do in this step")
        self.instruction.setWordWrap(True)
        self.target = QLabel()
        self.target.setObjectName("stepTarget")
        self.target.setWordWrap(True)
        self.cue = _SteadyLabel()
        self.cue.setObjectName("couplingCue")
        self.cue.setAccessibleDescription("How the breath goes with this step")
        # Top-aligned: the room kept for longer lines stays below, so the line never bobs.
        self.cue.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.illustration = Illustration(illustrations)
        self.illustration.max_scale = 1.6
        self.progress = StepProgress()
        self.time_left = QLabel()
        self.time_left.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.time_left.setObjectName("stepTimeLeft")
        self.time_left.setAccessibleDescription("Time left in this step")
        self.next_line = QLabel()
        self.next_line.setObjectName("stepNext")
        self.next_line.setWordWrap(True)
        for label in self.labels():
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.header, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.setSpacing(10)
        # Room above the words: none when stacked, half the slack when side by side (so the
        # words sit level with the middle of the drawing).
        self._above_words = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        words.addSpacerItem(self._above_words)
        words.addWidget(self.instruction)
        words.addWidget(self.target)
        words.addWidget(self.cue)
        words.addStretch(1)
        # Drawing first: above the words when stacked, right of them when side by side.
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.setSpacing(16)
        self.body.addWidget(self.illustration, 1)
        self.body.addLayout(words, 0)
        self._words = words
        bar = QHBoxLayout()
        bar.setSpacing(12)
        bar.addWidget(self.progress, 1, Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.time_left, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(self.body, 1)
        layout.addLayout(bar)
        layout.addWidget(self.next_line)
        self._apply_fonts()
        self._apply_colours()

    # -- API ------------------------------------------------------------------------------
    def show_step(self, step: StepState | None, pacer: PacerState | None, running: bool) -> None:
        """Show `step` at the moment `pacer` describes. `running` False (paused) holds
        the breath cue still; `step` None clears the panel."""
        if step is None:
            self._show_item(None, None, False)
            self._set(self.cue, "")
            self._set(self.time_left, "")
            _name(self.cue, "")
            _name(self.time_left, "")
            self.progress.set_fraction(0.0)
            return
        self._show_item(step.item, step.next_item, step.upcoming)
        following = running and not step.upcoming and pacer is not None and not pacer.finished
        phase = pacer.phase if following and pacer is not None else None
        self._set(self.cue, coupling_cue(step.item.coupling, phase))
        _name(self.cue, self.cue.text())
        left = step.duration - step.elapsed
        if self._set(self.time_left, clock_text(left)):
            _name(self.time_left, f"{time_words(left)} left")
        self.progress.set_fraction(0.0 if step.upcoming else step.progress)

    # -- words ----------------------------------------------------------------------------
    def _show_item(self, item: PlanItem | None, following: PlanItem | None, upcoming: bool) -> None:
        # Items are frozen: the same objects mean the same words, so most frames stop here.
        key = (item, following, upcoming)
        if len(self._item_key) == 3 and all(
            a is b for a, b in zip(key, self._item_key, strict=True)
        ):
            return
        self._item_key = key
        if item is None:
            for label in (self.header, self.instruction, self.target, self.next_line):
                self._set(label, "")
                _name(label, "")
            self._set_badge("")
            self.cue.set_alternatives(())
            self.illustration.set_illustration(None)
            _describe(self.illustration, "No drawing")
            _describe(self, "No step under way")
            return
        self._set(self.header, header_text(item))
        self._set_badge(SIDE_WORDS.get(item.side, ""))
        self._set(self.instruction, _keep_hyphenated(item.text))
        _name(self.instruction, item.text)  # without the non-breaking hyphens
        spoken_header = spoken_list((header_text(item), self.badge.text()))
        _name(self.header, spoken_header)
        _describe(
            self, spoken_list((spoken_header, "up next" if upcoming else "")) + f". {item.text}"
        )
        self._set(self.target, target_words(item.target))
        _name(self.target, self.target.text().replace("\u2013", " to "))
        self.target.setVisible(item.target is not None)
        self.cue.set_alternatives(coupling_alternatives(item.coupling))
        self.cue.setVisible(bool(item.coupling))
        if upcoming:
            self._set(self.next_line, f"First: {item.label}")
        elif following is not None:
            self._set(self.next_line, f"Next: {following.label}")
        else:
            self._set(self.next_line, "Last step")
        _name(self.next_line, spoken_list((self.next_line.text(),)))
        drawing = illustration_for(item)
        self.illustration.set_illustration(drawing, item.mirrored)
        _describe(self.illustration, f"Drawing of {spoken_header}" if drawing else "No drawing")

    def _set(self, label: QLabel, text: str) -> bool:
        """Show `text` in `label`; whether that changed anything."""
        if label.text() == text:
            return False
        label.setText(text)
        self.text_updates += 1
        return True

    def _set_badge(self, text: str) -> None:
        self._set(self.badge, text)
        if self.badge.isHidden() == bool(text):
            self.badge.setVisible(bool(text))

    def labels(self) -> tuple[QLabel, ...]:
        return (
            self.header,
            self.badge,
            self.instruction,
            self.target,
            self.cue,
            self.time_left,
            self.next_line,
        )

    # -- look -----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_fonts()

    def _apply_colours(self) -> None:
        palette = self.palette()
        ink = palette.color(QPalette.ColorRole.WindowText)
        paper = palette.color(QPalette.ColorRole.Window)
        soft = blend(ink, paper, 0.38)
        cue = blend(palette.color(QPalette.ColorRole.Highlight), ink, 0.25)
        for label, colour in (
            (self.header, soft),
            (self.target, soft),
            (self.next_line, soft),
            (self.time_left, soft),
            (self.cue, cue),
        ):
            _colour(label, colour)

    def _apply_fonts(self) -> None:
        # Type grows with the panel so the instruction reads from the mat, a metre away.
        # Capped so the instruction (1.5 units) stays below the pacer's cue.
        unit = max(11.0, min(self.width() / 42.0, self.height() / 32.0, 22.0))
        _font(self.header, unit * 0.95, QFont.Weight.Medium)
        _font(self.badge, unit * 0.85, QFont.Weight.Medium)
        _font(self.instruction, unit * 1.5, QFont.Weight.Normal)
        _font(self.target, unit * 0.95, QFont.Weight.Normal)
        _font(self.cue, unit * 1.1, QFont.Weight.Medium)
        _font(self.time_left, unit * 1.0, QFont.Weight.Normal, tabular=True)
        _font(self.next_line, unit * 0.95, QFont.Weight.Normal)
        pad = round(unit * 0.7)
        self.badge.setContentsMargins(pad, round(unit * 0.2), pad, round(unit * 0.2))
        self.time_left.setMinimumWidth(self.time_left.fontMetrics().horizontalAdvance("00:00"))
        self.progress.setFixedHeight(max(4, round(unit * 0.4)))
        # Wide panels put the words beside the drawing; narrow ones stack them under it.
        wide = self.width() >= 720 and self.width() >= 1.4 * self.height()
        direction = QBoxLayout.Direction.RightToLeft if wide else QBoxLayout.Direction.TopToBottom
        if self.body.direction() != direction:
            self.body.setDirection(direction)
            self.body.setStretchFactor(self._words, 1 if wide else 0)
            self._words.setStretch(0, 1 if wide else 0)
            grow = QSizePolicy.Policy.Expanding if wide else QSizePolicy.Policy.Fixed
            self._above_words.changeSize(0, 0, QSizePolicy.Policy.Minimum, grow)
            self._words.invalidate()
        self.body.setSpacing(round(unit * (2.0 if wide else 1.0)))
        self._words.setSpacing(round(unit * 0.6))
        # A stacked drawing stops at under half the height: past that its strokes turn heavy
        # and the words below lose the room they need. Where the panel is short (a prompt
        # above it took the room) the drawing steps aside rather than shrink to a
        # thumbnail: the words are what must stay whole.
        self.illustration.setMaximumHeight(round(self.height() * 0.45) if not wide else _NO_LIMIT)
        roomy = wide or self.height() >= unit * 24
        if self.illustration.isHidden() == roomy:
            self.illustration.setVisible(roomy)


def _name(label: QLabel, text: str) -> None:
    # Each label's name is what it shows, in words a screen reader says well (a fixed name
    # such as "Instruction" would be read instead of the instruction); its description
    # says what it is.
    if label.accessibleName() != text:
        label.setAccessibleName(text)


def _describe(widget: QWidget, text: str) -> None:
    if widget.accessibleDescription() != text:
        widget.setAccessibleDescription(text)


def _colour(label: QWidget, colour: QColor) -> None:
    if label.palette().color(QPalette.ColorRole.WindowText) != colour:
        # A palette with only this role set: every other role keeps following the panel's.
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        label.setPalette(palette)


def _font(label: QWidget, pixels: float, weight: QFont.Weight, tabular: bool = False) -> None:
    font = QFont(label.font())
    font.setPixelSize(max(9, round(pixels)))
    font.setWeight(weight)
    if tabular:
        # Figures of one width, so the time left does not shimmy as it counts down.
        font.setFeature(QFont.Tag("tnum"), 1)
    if font != label.font():
        label.setFont(font)
