"""The timing panel: presets, the four phases (or pace and ratio), length, settle-in, glide.

The panel holds no timing logic of its own: `coach.core.timing`, `breath` and `presets` check
every value and word every message; the panel shows them beside the field they are about,
keeps the phase fields and the pace/ratio fields in step, and tells the window what the
person chose. It never saves or starts anything itself, and it opens no dialog.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coach.core.breath import (
    BOUNDS,
    DEFAULT_PRESET_ID,
    PHASES,
    BreathPattern,
    PatternError,
    Phase,
    format_seconds,
    preset_by_id,
)
from coach.core.presets import PresetBook
from coach.core.timing import (
    MAX_BPM,
    MAX_LEAD_IN,
    MIN_BPM,
    PACE_STEP_BPM,
    Length,
    LengthMode,
    Ramp,
    RampUnit,
    TimingChoice,
    TimingError,
    cautions,
    length_summary,
    pattern_from_texts,
    scaled,
    steady_pattern,
)
from coach.ui.cycle_plot import CyclePlot
from coach.ui.timing_fields import (
    RATIO_RANGE,
    STEP_KEYS,
    CautionBox,
    Message,
    PresetSection,
    QuietCombo,
    QuietSpinBox,
    StepField,
    Toner,
    claims_key,
    format_ratio,
    parse_ratio,
    scale_font,
    section,
)

DEFAULT_CHOICE = TimingChoice(preset_by_id(DEFAULT_PRESET_ID).pattern, Length("minutes", 5.0))
WIDE_FROM = 860  # from this panel width the sections sit in two columns
SUMMARY_REFRESH_MS = 60_000  # "ends about 14:32" moves on with the clock
LIVE_NOTE = "Length, settle-in and the glide apply to the next session"
LEAD_IN_HINT = "get comfortable; one hand on the belly — Space skips it"

# Labels with their mnemonics; the window owns Alt+F/S/H (menus) and Alt+P/L (its labels).
PHASE_TEXT = {
    Phase.INHALE: "&Inhale",
    Phase.HOLD_IN: "Hol&d",
    Phase.EXHALE: "&Exhale",
    Phase.HOLD_OUT: "H&old",
}
PHASE_NOTE = {
    Phase.INHALE: "",
    Phase.HOLD_IN: "lungs full",
    Phase.EXHALE: "",
    Phase.HOLD_OUT: "lungs empty",
}
PHASE_ACCESSIBLE = {
    Phase.INHALE: "Inhale, seconds",
    Phase.HOLD_IN: "Hold after inhale, seconds",
    Phase.EXHALE: "Exhale, seconds",
    Phase.HOLD_OUT: "Hold after exhale, seconds",
}
LENGTH_MODES: tuple[tuple[LengthMode, str], ...] = (
    ("minutes", "&Minutes"),
    ("breaths", "Bre&aths"),
    ("open", "&Until I stop"),
)


def _core_message(make: Callable[[], object]) -> str:
    """The message core gives when `make` fails (empty when it does not)."""
    try:
        make()
    except (TimingError, PatternError) as error:
        return str(error)
    return ""


def _allowed(make: Callable[[], object]) -> str:
    """The 'allowed …' tail of core's message for an out-of-range value, so the panel's
    'not a number' messages quote the very same range."""
    return _core_message(make).rsplit("; ", 1)[-1]


def _probe_ramp(name: str, value: float, unit: RampUnit) -> Ramp:
    """A glide with only `name` from the fields, so each field's problem shows at once."""
    values = {"start_bpm": 6.0, "end_bpm": 6.0, "over": 1.0, name: value}
    return Ramp(values["start_bpm"], values["end_bpm"], values["over"], unit)


def _pace_field(name: str) -> StepField:
    """Breaths per minute: 0.1 a step, PageUp/PageDown by the `[` / `]` step of 0.5."""
    return StepField(name, step=0.1, page=PACE_STEP_BPM, low=MIN_BPM, high=MAX_BPM)


class TimingPanel(QWidget):
    """Breath timing in the side panel: presets, pattern, length, settle-in and glide.

    Signals:
        timing_changed(TimingChoice): a valid choice after any edit by the person (never
            after `set_choice`); repeated only when the choice differs from the last one.
        validity_changed(bool): the whole panel became valid or invalid by an edit; while
            invalid `choice()` is None and the window keeps Start off.
        preset_deleted(NamedPattern): an own preset was deleted, with no question asked;
            the window offers Undo (`book.restore(item)`, then `refresh_presets()`).
        export_requested(list[NamedPattern]): the presets to write to a file (the window
            asks where).
        import_requested(): the person asked to import presets from a file.
        done(): "Done" or Esc: back to the start screen.
    """

    timing_changed = Signal(object)
    validity_changed = Signal(bool)
    preset_deleted = Signal(object)
    export_requested = Signal(list)
    import_requested = Signal()
    done = Signal()

    def __init__(
        self, book: PresetBook, now: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Breath timing")
        self._book = book
        self._now = now
        self._choice: TimingChoice | None = None
        self._valid = False
        self._emitted: TimingChoice | None = None
        self._pattern = DEFAULT_CHOICE.pattern  # the last whole pattern (the preview keeps it)
        self._sticky: dict[str, str] = {}  # pace/ratio problems, until the next phase edit
        self._current: BreathPattern | None = None  # what the phase fields say right now
        self._glide_follows = True  # from/to track the pace until the person types them
        self._length_shown: LengthMode = "minutes"
        self._timed: tuple[LengthMode, float] | None = None  # the last minutes/breaths value
        self._wide: bool | None = None
        self._quiet = 0
        self.toner = Toner(self)
        self._summary_timer = QTimer(self)
        self._summary_timer.setInterval(SUMMARY_REFRESH_MS)
        self._summary_timer.timeout.connect(self.refresh_summary)

        self._build()
        self.set_choice(DEFAULT_CHOICE, DEFAULT_PRESET_ID)

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel("Breath timing")
        font = scale_font(title.font(), 1.45)
        font.setWeight(QFont.Weight.Light)
        title.setFont(font)
        self.done_button = QPushButton("Done")
        self.done_button.setToolTip("Back to the start screen (Esc)")
        self.done_button.clicked.connect(self.done.emit)
        header = QHBoxLayout()
        header.setContentsMargins(20, 14, 16, 8)
        header.addWidget(title, 1)
        header.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.presets = PresetSection(self._book, self.toner)
        self.presets.pattern_chosen.connect(self._on_preset_chosen)
        self.presets.deleted.connect(self.preset_deleted.emit)
        self.presets.export_requested.connect(self.export_requested.emit)
        self.presets.import_requested.connect(self.import_requested.emit)
        self._sections = [
            self.presets,
            self._build_pattern(),
            self._build_live_note(),
            self._build_length(),
            self._build_lead_in(),
            self._build_glide(),
            self._build_cautions(),
        ]
        self._content = QWidget()
        self._column_boxes = (QWidget(), QWidget())
        self._columns = (QVBoxLayout(self._column_boxes[0]), QVBoxLayout(self._column_boxes[1]))
        row = QHBoxLayout(self._content)
        row.setContentsMargins(20, 4, 20, 20)
        row.setSpacing(40)
        for box, column in zip(self._column_boxes, self._columns, strict=True):
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(22)
            column.addStretch(1)
            row.addWidget(box, 1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop on it helps nobody
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(self._content)
        self.scroller.verticalScrollBar().setSingleStep(20)
        self._arrange(wide=False)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(header)
        column.addWidget(self.scroller, 1)
        self._set_tab_order()
        self.setFocusProxy(self.presets.list)  # focusing the panel lands on its first field

    def _field_row(
        self, layout: QVBoxLayout, text: str, field: StepField, unit: str, note: str
    ) -> Message:
        """Label, field, unit and a quiet note on one line; the field's message under it,
        indented to start under the field, wrapping in the room the row leaves."""
        label = QLabel(text)
        label.setBuddy(field)
        label.setFixedWidth(self._label_width)
        unit_label = QLabel(unit)
        unit_label.setFixedWidth(self.fontMetrics().horizontalAdvance("s") + 4)
        hint = self.toner.soft(note)
        hint.setWordWrap(False)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(label)
        row.addWidget(field)
        row.addWidget(unit_label)
        row.addWidget(hint, 1)
        layout.addLayout(row)
        message = self.toner.message(f"{field.accessibleName()}: problem")
        message.setContentsMargins(self._label_width + 8, 0, 0, 2)
        layout.addWidget(message)
        return message

    def _build_pattern(self) -> QWidget:
        box, layout, title = section("Pattern")
        self.toner.add(title, Toner.TITLE)
        names = [*PHASE_TEXT.values(), "&Breaths/min", "I&n:out"]
        widest = max(self.fontMetrics().horizontalAdvance(t.replace("&", "")) for t in names)
        self._label_width = max(96, widest + 12)
        self.phase_fields: dict[Phase, StepField] = {}
        self.phase_messages: dict[Phase, Message] = {}
        for phase in PHASES:
            low, high = BOUNDS[phase]
            field = StepField(
                PHASE_ACCESSIBLE[phase], step=0.1, page=1.0, low=low, high=high, fmt=format_seconds
            )
            field.textEdited.connect(lambda _t: self._on_phase_edited())
            field.stepped.connect(self._on_phase_edited)
            note = f"{format_seconds(low)}-{format_seconds(high)} s"
            if PHASE_NOTE[phase]:
                note = f"{PHASE_NOTE[phase]} · {note}"
            self.phase_fields[phase] = field
            self.phase_messages[phase] = self._field_row(
                layout, PHASE_TEXT[phase], field, "s", note
            )
        layout.addSpacing(6)
        self.pace_field = _pace_field("Breaths per minute")
        self.ratio_field = StepField(
            "Inhale to exhale ratio, 1 to x",
            step=0.1,
            page=0.5,
            low=RATIO_RANGE[0],
            high=RATIO_RANGE[1],
            fmt=format_ratio,
            parse=parse_ratio,
        )
        self.pace_message = self._field_row(
            layout, "&Breaths/min", self.pace_field, "", "1-30; the holds stay"
        )
        self.ratio_message = self._field_row(
            layout, "I&n:out", self.ratio_field, "", "type 1:1.5, 1.5 or 2:3"
        )
        self.pace_field.textEdited.connect(lambda _t: self._on_pace_edited("pace"))
        self.pace_field.stepped.connect(lambda: self._on_pace_edited("pace"))
        self.ratio_field.textEdited.connect(lambda _t: self._on_pace_edited("ratio"))
        self.ratio_field.stepped.connect(lambda: self._on_pace_edited("ratio"))
        self.preview = CyclePlot(self._pattern)
        self.preview.setFixedHeight(64)  # a little taller than its hint: the slopes read better
        self.preview_text = QLabel()
        self.preview_text.setAccessibleName("Pace of the pattern")
        layout.addSpacing(4)
        layout.addWidget(self.preview)
        layout.addWidget(self.preview_text)
        return box

    def _build_live_note(self) -> QWidget:
        self.live_note = self.toner.soft(LIVE_NOTE)
        self.live_note.hide()
        return self.live_note

    def _build_length(self) -> QWidget:
        self.length_box, layout, title = section("Length")
        self.toner.add(title, Toner.TITLE)
        self.length_group = QButtonGroup(self)
        self.length_radios: dict[LengthMode, QRadioButton] = {}
        radios = QHBoxLayout()
        radios.setSpacing(18)
        for mode, text in LENGTH_MODES:
            radio = QRadioButton(text)
            self.length_group.addButton(radio)
            self.length_radios[mode] = radio
            radio.toggled.connect(partial(self._on_length_toggled, mode))
            radios.addWidget(radio)
        radios.addStretch(1)
        self.length_field = StepField(
            "Session length in minutes", step=1.0, page=5.0, low=0.5, high=240.0
        )
        self.length_field.textEdited.connect(lambda _t: self._after_edit())
        self.length_field.stepped.connect(self._after_edit)
        self.length_unit = QLabel("min")
        value_row = QHBoxLayout()
        value_row.setSpacing(8)
        value_row.addWidget(self.length_field)
        value_row.addWidget(self.length_unit)
        value_row.addStretch(1)
        self.length_message = self.toner.message("Length: problem")
        self.summary = self.toner.soft("")
        self.summary.setAccessibleName("How long the session runs")
        layout.addLayout(radios)
        layout.addLayout(value_row)
        layout.addWidget(self.length_message)
        layout.addWidget(self.summary)
        return self.length_box

    def _build_lead_in(self) -> QWidget:
        self.lead_box, layout, title = section("Se&ttle-in")
        self.toner.add(title, Toner.TITLE)
        self.lead_in = QuietSpinBox()
        self.lead_in.setRange(0, int(MAX_LEAD_IN))
        self.lead_in.setSuffix(" s")
        self.lead_in.setAccessibleName("Settle-in before the first breath, seconds")
        self.lead_in.valueChanged.connect(lambda _v: self._after_edit())
        title.setBuddy(self.lead_in)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.lead_in)
        row.addWidget(self.toner.soft(LEAD_IN_HINT), 1)
        layout.addLayout(row)
        return self.lead_box

    def _build_glide(self) -> QWidget:
        self.glide_box, layout, title = section("Glide")
        self.toner.add(title, Toner.TITLE)
        self.glide_check = QCheckBox("Slo&w down gradually")
        self.glide_check.setAccessibleName("Slow down gradually")
        self.glide_check.toggled.connect(self._on_glide_toggled)
        layout.addWidget(self.glide_check)
        self.glide_from = _pace_field("Glide from, breaths per minute")
        self.glide_to = _pace_field("Glide to, breaths per minute")
        self.glide_over = StepField("Glide length", step=1.0, page=5.0, low=0.5, high=500.0)
        self.glide_unit = QuietCombo()
        self.glide_unit.setAccessibleName("Glide length in")
        self.glide_unit.addItem("minutes", "minutes")
        self.glide_unit.addItem("breaths", "breaths")
        for field in (self.glide_from, self.glide_to):
            field.textEdited.connect(lambda _t: self._on_glide_edited(True))
            field.stepped.connect(lambda: self._on_glide_edited(True))
        self.glide_over.textEdited.connect(lambda _t: self._on_glide_edited(False))
        self.glide_over.stepped.connect(lambda: self._on_glide_edited(False))
        self.glide_unit.currentIndexChanged.connect(lambda _i: self._on_glide_edited(False))
        self.glide_rows = QWidget()
        rows = QVBoxLayout(self.glide_rows)
        rows.setContentsMargins(26, 0, 0, 0)  # under the checkbox's words, not its box
        rows.setSpacing(6)
        self.glide_messages = {
            key: self.toner.message(f"Glide {key}: problem") for key in ("start", "end", "over")
        }
        lead = max(self.fontMetrics().horizontalAdvance(w) for w in ("from", "over")) + 4
        parts: tuple[tuple[tuple[str | QWidget, ...], tuple[str, ...]], ...] = (
            (("from", self.glide_from, "to", self.glide_to, "breaths/min"), ("start", "end")),
            (("over", self.glide_over, self.glide_unit), ("over",)),
        )
        for words, messages in parts:
            row = QHBoxLayout()
            row.setSpacing(8)
            for at, part in enumerate(words):
                widget: QWidget = QLabel(part) if isinstance(part, str) else part
                if at == 0:
                    widget.setFixedWidth(lead)  # the two rows' fields line up
                row.addWidget(widget)
            row.addStretch(1)
            rows.addLayout(row)
            for key in messages:
                rows.addWidget(self.glide_messages[key])
        self.glide_note = self.toner.soft("")
        rows.addWidget(self.glide_note)
        self.glide_rows.hide()
        layout.addWidget(self.glide_rows)
        return self.glide_box

    def _build_cautions(self) -> QWidget:
        self.caution_box = CautionBox()
        return self.caution_box

    def _arrange(self, wide: bool) -> None:
        """One column in the side panel; two when the panel is wide (full screen)."""
        if wide == self._wide:
            return
        self._wide = wide
        for widget in self._sections:
            # removeWidget, not takeAt: a layout item left alive keeps answering for the
            # widget with a stale height-for-width, and the fields get squeezed.
            for column in self._columns:
                column.removeWidget(widget)
        split = 2 if wide else len(self._sections)
        for at, widget in enumerate(self._sections):
            column = self._columns[0] if at < split else self._columns[1]
            column.insertWidget(column.count() - 1, widget)  # before the closing stretch
        self._column_boxes[1].setVisible(wide)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            *self.presets.chain(),
            *self.phase_fields.values(),
            self.pace_field,
            self.ratio_field,
            *self.length_radios.values(),
            self.length_field,
            self.lead_in,
            self.glide_check,
            self.glide_from,
            self.glide_to,
            self.glide_over,
            self.glide_unit,
            self.done_button,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    # -- the public face ------------------------------------------------------------------
    def set_choice(self, choice: TimingChoice, preset_id: str | None = None) -> None:
        """Fill every field from `choice`; no signal is emitted (ask `is_valid()`).

        `preset_id` names the preset the pattern came from; without it the first preset
        with the same pattern is selected, or "Custom" when none has it.
        """
        self._quiet += 1
        try:
            self._sticky.clear()
            self._load_pattern(choice.pattern)
            self.presets.start_from(preset_id, choice.pattern)
            mode = choice.length.mode
            self.length_radios[mode].setChecked(True)
            self._show_length_mode(mode)
            if mode != "open":
                self.length_field.set_value(choice.length.value)
            elif not self.length_field.text():
                self.length_field.set_value(DEFAULT_CHOICE.length.value)
                self._show_length_mode("open")
            self.lead_in.setValue(round(choice.lead_in))
            self._set_ramp(choice.ramp, choice.pattern.breaths_per_minute)
            self._evaluate()
            self._emitted = self._choice
            self._valid = self._choice is not None
        finally:
            self._quiet -= 1

    def choice(self) -> TimingChoice | None:
        """What the fields say, or None while any of them is invalid."""
        return self._choice

    def is_valid(self) -> bool:
        return self._choice is not None

    def selected_preset_id(self) -> str | None:
        """The preset the fields match, or None once they differ ("Custom" in the list)."""
        return self.presets.selected_id

    def set_live(self, live: bool) -> None:
        """During a session only the pattern (and pace) can change; the rest waits."""
        for box in (self.length_box, self.lead_box, self.glide_box):
            box.setEnabled(not live)
        self.live_note.setVisible(live)

    def refresh_presets(self) -> None:
        """Read the list again from the book (after an import, or an Undo of a delete)."""
        self.presets.refresh(self._current)

    def refresh_summary(self) -> None:
        """Work out "ends about 14:32" again from the clock."""
        if self._choice is not None:
            self.summary.setText(length_summary(self._choice, self._now()))

    # -- reading the fields ---------------------------------------------------------------
    def _evaluate(self, derive_pace: bool = True) -> None:
        """Check every field, show each problem under its field, and work out the choice."""
        texts = (
            self.phase_fields[Phase.INHALE].text(),
            self.phase_fields[Phase.HOLD_IN].text(),
            self.phase_fields[Phase.EXHALE].text(),
            self.phase_fields[Phase.HOLD_OUT].text(),
        )
        pattern, problems = pattern_from_texts(texts)
        errors = {**problems, **self._sticky}
        self._current = pattern
        if pattern is not None:
            self._pattern = pattern
            if derive_pace:
                self.pace_field.set_value(pattern.breaths_per_minute)
                self.ratio_field.set_value(pattern.ratio)
            if self._glide_follows:
                bpm = pattern.breaths_per_minute
                self.glide_from.set_value(min(MAX_BPM, bpm + 2))
                self.glide_to.set_value(bpm)
        length = self._read_length(errors)
        ramp = self._read_ramp(errors, pattern)
        choice: TimingChoice | None = None
        summary = ""
        glide_ok = ramp is not None or not self.glide_check.isChecked()
        if pattern is not None and length is not None and glide_ok and not errors:
            candidate = TimingChoice(pattern, length, float(self.lead_in.value()), ramp)
            try:
                summary = length_summary(candidate, self._now())
            except TimingError as error:
                key = error.field if error.field.startswith("ramp") else "ramp_over"
                errors[key if ramp is not None else "length"] = str(error)
            else:
                choice = candidate
        self._choice = choice
        self.summary.setText(summary)
        self.summary.setVisible(bool(summary))
        self._show_errors(errors)
        self._show_glide_note(pattern, ramp, errors)
        self._show_preview(pattern)
        shown = choice or (TimingChoice(pattern, Length("open")) if pattern else None)
        self.caution_box.say(" ".join(cautions(shown)) if shown is not None else "")
        self.presets.show_pattern(pattern)

    def _read_length(self, errors: dict[str, str]) -> Length | None:
        mode = self._length_mode()
        if mode == "open":
            return Length("open")
        value = self.length_field.value()
        if value is None:
            allowed = _allowed(lambda: Length(mode, -1.0))
            errors["length"] = (
                f"length: '{self.length_field.text().strip()}' is not a number; {allowed}"
            )
            return None
        try:
            return Length(mode, value)
        except TimingError as error:
            errors[error.field] = str(error)
            return None

    def _read_ramp(self, errors: dict[str, str], pattern: BreathPattern | None) -> Ramp | None:
        if not self.glide_check.isChecked():
            return None
        unit: RampUnit = "breaths" if self.glide_unit.currentData() == "breaths" else "minutes"
        found = True
        for key, name, field in (
            ("ramp_start", "start_bpm", self.glide_from),
            ("ramp_end", "end_bpm", self.glide_to),
            ("ramp_over", "over", self.glide_over),
        ):
            value = field.value()
            if value is None:
                allowed = _allowed(partial(_probe_ramp, name, -1.0, unit))
                what = {"ramp_start": "glide start", "ramp_end": "glide target"}.get(key, "glide")
                errors[key] = f"{what}: '{field.text().strip()}' is not a number; {allowed}"
                found = False
                continue
            try:
                _probe_ramp(name, value, unit)
            except TimingError as error:
                errors[error.field] = str(error)
                found = False
        if not found:
            return None
        start, end, over = self.glide_from.value(), self.glide_to.value(), self.glide_over.value()
        assert start is not None and end is not None and over is not None
        ramp = Ramp(start, end, over, unit)
        if pattern is not None:
            # The pattern has to fit at both ends of the glide; say which end does not.
            for key, bpm in (("ramp_start", start), ("ramp_end", end)):
                try:
                    scaled(pattern, bpm)
                except TimingError as error:
                    errors[key] = str(error)
                    found = False
        return ramp if found else None

    def _show_errors(self, errors: dict[str, str]) -> None:
        for phase in PHASES:
            message = errors.get(phase.value)
            self.phase_fields[phase].set_problem(message)
            self.phase_messages[phase].say(message)
        for key, field, label in (
            ("pace", self.pace_field, self.pace_message),
            ("ratio", self.ratio_field, self.ratio_message),
            ("length", self.length_field, self.length_message),
            ("ramp_start", self.glide_from, self.glide_messages["start"]),
            ("ramp_end", self.glide_to, self.glide_messages["end"]),
            ("ramp_over", self.glide_over, self.glide_messages["over"]),
        ):
            field.set_problem(errors.get(key))
            label.say(errors.get(key))

    def _show_glide_note(
        self, pattern: BreathPattern | None, ramp: Ramp | None, errors: dict[str, str]
    ) -> None:
        text = ""
        if pattern is not None and ramp is not None and not errors:
            first = scaled(pattern, ramp.start_bpm)
            last = steady_pattern(TimingChoice(pattern, Length("open"), ramp=ramp))
            text = f"Starts at {first.label}, settles at {last.label}"
        self.glide_note.setText(text)
        self.glide_note.setVisible(bool(text))

    def _show_preview(self, pattern: BreathPattern | None) -> None:
        self.preview.set_pattern(self._pattern)
        if pattern is None:
            self.preview.setEnabled(False)
            self.preview_text.setText("Showing the last whole pattern until the fields are fixed")
            return
        self.preview.setEnabled(True)
        self.preview_text.setText(
            f"{pattern.breaths_per_minute:.1f} breaths/min · in:out {format_ratio(pattern.ratio)}"
        )

    def _length_mode(self) -> LengthMode:
        for mode, radio in self.length_radios.items():
            if radio.isChecked():
                return mode
        return "minutes"

    def _show_length_mode(self, mode: LengthMode) -> None:
        field = self.length_field
        field.setEnabled(mode != "open")
        if mode == "breaths":
            field.low, field.high, field.step, field.page = 1.0, 2000.0, 1.0, 10.0
            self.length_unit.setText("breaths")
            field.setAccessibleName("Session length in breaths")
        else:
            field.low, field.high, field.step, field.page = 0.5, 240.0, 1.0, 5.0
            self.length_unit.setText("min")
            field.setAccessibleName("Session length in minutes")
        self._length_shown = mode

    def _set_ramp(self, ramp: Ramp | None, bpm: float) -> None:
        if ramp is None:
            self._glide_follows = True
            if not self.glide_over.text():
                self.glide_over.set_value(2.0)
        else:
            self.glide_from.set_value(ramp.start_bpm)
            self.glide_to.set_value(ramp.end_bpm)
            self.glide_over.set_value(ramp.over)
            self.glide_unit.setCurrentIndex(self.glide_unit.findData(ramp.unit))
            self._glide_follows = (
                abs(ramp.end_bpm - bpm) < 1e-9
                and abs(ramp.start_bpm - min(MAX_BPM, bpm + 2)) < 1e-9
            )
        self._show_glide_unit()
        self.glide_check.setChecked(ramp is not None)
        self.glide_rows.setVisible(ramp is not None)

    def _show_glide_unit(self) -> None:
        breaths = self.glide_unit.currentData() == "breaths"
        field = self.glide_over
        field.low, field.high = (1.0, 500.0) if breaths else (0.5, 60.0)

    def _load_pattern(self, pattern: BreathPattern) -> None:
        for phase in PHASES:
            self.phase_fields[phase].set_value(pattern.duration(phase))

    # -- reacting to the person -----------------------------------------------------------
    def _after_edit(self, derive_pace: bool = True) -> None:
        if self._quiet:
            return
        self._evaluate(derive_pace)
        valid = self._choice is not None
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
        if self._choice is not None and self._choice != self._emitted:
            self._emitted = self._choice
            self.timing_changed.emit(self._choice)

    def _on_phase_edited(self) -> None:
        self._sticky.clear()  # the phases lead now: pace and ratio follow them again
        self._after_edit()

    def _on_pace_edited(self, source: str) -> None:
        """Breaths/min or in:out changed: inhale and exhale follow, the holds stay."""
        if self._quiet:
            return
        self._sticky.clear()
        bpm, ratio = self.pace_field.value(), self.ratio_field.value()
        if bpm is None:
            allowed = _allowed(lambda: scaled(self._pattern, -1.0))
            self._sticky["pace"] = (
                f"pace: '{self.pace_field.text().strip()}' is not a number; {allowed}"
            )
        elif not MIN_BPM <= bpm <= MAX_BPM:
            # Checked here too: from_rate would overflow on a pace of 1e-320 breaths/min.
            self._sticky["pace"] = _core_message(lambda: scaled(self._pattern, bpm))
        low, high = RATIO_RANGE
        if ratio is None:
            self._sticky["ratio"] = (
                f"in:out: '{self.ratio_field.text().strip()}' is not a ratio; type it as "
                "1:1.5, 1.5 or 2:3"
            )
        elif not low <= ratio <= high:
            self._sticky["ratio"] = (
                f"in:out: {format_ratio(ratio)} is out of range; allowed "
                f"{format_ratio(low)} to {format_ratio(high)}"
            )
        holds = (self.phase_fields[Phase.HOLD_IN], self.phase_fields[Phase.HOLD_OUT])
        _, problems = pattern_from_texts(
            ("4", holds[0].text(), "6", holds[1].text())
        )  # a bad hold already says so under its own field
        if not self._sticky and not problems and bpm is not None and ratio is not None:
            hold_in, hold_out = holds[0].value(), holds[1].value()
            try:
                pattern = BreathPattern.from_rate(bpm, ratio, hold_in or 0.0, hold_out or 0.0)
            except PatternError as error:
                self._sticky[source] = str(error)
            else:
                self.phase_fields[Phase.INHALE].set_value(pattern.inhale)
                self.phase_fields[Phase.EXHALE].set_value(pattern.exhale)
        self._after_edit(derive_pace=False)

    def _on_length_toggled(self, mode: LengthMode, on: bool) -> None:
        if on:
            self._on_length_mode(mode)

    def _on_length_mode(self, mode: LengthMode) -> None:
        """Another length mode: the same session counted the other way (or open-ended)."""
        before = self._length_shown
        value = self.length_field.value()
        if before != "open" and value is not None:
            self._timed = (before, value)
        self._show_length_mode(mode)
        if self._quiet or before == mode:
            return
        if mode != "open" and self._timed is not None:
            source, value = self._timed
            bpm = self._pattern.breaths_per_minute
            if source == mode:
                self.length_field.set_value(value)
            elif mode == "breaths":
                self.length_field.set_value(max(1, min(2000, round(value * bpm))))
            else:  # to the half minute
                self.length_field.set_value(min(240.0, max(0.5, round(value / bpm * 2) / 2)))
        self._after_edit()

    def _on_glide_toggled(self, on: bool) -> None:
        self.glide_rows.setVisible(on)
        self._after_edit()

    def _on_glide_edited(self, pace: bool) -> None:
        if self._quiet:
            return
        if pace:
            self._glide_follows = False  # the person's own numbers stay put from now on
        self._show_glide_unit()
        self._after_edit()

    def _on_preset_chosen(self, pattern: BreathPattern) -> None:
        self._sticky.clear()
        self._load_pattern(pattern)
        self._after_edit()

    # -- Qt events ------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # Esc and Space are the window's shortcuts (stop, start); inside the panel Esc means
        # Done and Space presses the focused button. Up/Down rate the pressure in a guided
        # session; here they belong to the focused list, spin box or radio buttons.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._claims(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def _claims(self, event: QKeyEvent) -> bool:
        if claims_key(event, (Qt.Key.Key_Escape, *STEP_KEYS)):
            return True
        focus = QApplication.focusWidget()
        return claims_key(event, (Qt.Key.Key_Space,)) and isinstance(focus, QAbstractButton)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if claims_key(event, (Qt.Key.Key_Escape,)):
            if self.presets.naming:
                self.presets.close_naming()  # Esc first closes the name row, then the panel
            else:
                self.done.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.toner.recolour()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self.width() >= WIDE_FROM)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Started on show, stopped on hide: no timer runs while the panel is out of sight.
        self.refresh_summary()
        self._summary_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._summary_timer.stop()
        super().hideEvent(event)
