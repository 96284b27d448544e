"""The timing panel's widgets: each section built and laid out (one column in the side
panel, two when it is wide) in Tab order, with labels coloured to follow the theme, and
the small methods that put values and problems into the fields.

Nothing here reacts to the person: `TimingPanel` (timing_panel.py) builds on this form,
connects its fields, reads them and works out what they should show.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
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

from coach.core.breath.pattern import BOUNDS, PHASES, BreathPattern, Phase, format_seconds
from coach.core.breath.presets import PresetBook
from coach.core.breath.timing import (
    MAX_BPM,
    MAX_LEAD_IN,
    MIN_BPM,
    PACE_STEP_BPM,
    Length,
    LengthMode,
    Ramp,
    TimingChoice,
    scaled,
    steady_pattern,
)
from coach.ui.timing.fields import (
    RATIO_RANGE,
    QuietCombo,
    QuietSpinBox,
    StepField,
    format_ratio,
    parse_ratio,
)
from coach.ui.timing.parts import CautionBox, Message, Toner, scale_font, section
from coach.ui.timing.preset_section import PresetSection
from coach.ui.widgets.cycle_plot import CyclePlot

WIDE_FROM = 860  # from this panel width the sections sit in two columns
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


def _pace_field(name: str) -> StepField:
    """Breaths per minute: 0.1 a step, PageUp/PageDown by the `[` / `]` step of 0.5."""
    return StepField(name, step=0.1, page=PACE_STEP_BPM, low=MIN_BPM, high=MAX_BPM)


class TimingForm(QWidget):
    """The widgets of the timing panel in their sections, with no behaviour of their own.

    `pattern` is the one the preview shows until the panel fills the fields.
    """

    def __init__(
        self, book: PresetBook, pattern: BreathPattern, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Breath timing")
        self._book = book
        self._wide: bool | None = None
        self._length_shown: LengthMode = "minutes"  # the mode the length field is set up for
        self.toner = Toner(self)
        self._build(pattern)

    # -- building -------------------------------------------------------------------------
    def _build(self, pattern: BreathPattern) -> None:
        title = QLabel("Breath timing")
        font = scale_font(title.font(), 1.45)
        font.setWeight(QFont.Weight.Light)
        title.setFont(font)
        self.done_button = QPushButton("Done")
        self.done_button.setToolTip("Back to the start screen (Esc)")
        header = QHBoxLayout()
        header.setContentsMargins(20, 14, 16, 8)
        header.addWidget(title, 1)
        header.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.presets = PresetSection(self._book, self.toner)
        self._sections = [
            self.presets,
            self._build_pattern(pattern),
            self._build_live_note(),
            self._build_length(),
            self._build_lead_in(),
            self._build_glide(),
            self._build_cautions(),
        ]
        self._content = QWidget()
        self.column_boxes = (QWidget(), QWidget())
        self._columns = (QVBoxLayout(self.column_boxes[0]), QVBoxLayout(self.column_boxes[1]))
        row = QHBoxLayout(self._content)
        row.setContentsMargins(20, 4, 20, 20)
        row.setSpacing(40)
        for box, column in zip(self.column_boxes, self._columns, strict=True):
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

    def _build_pattern(self, pattern: BreathPattern) -> QWidget:
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
        self.preview = CyclePlot(pattern)
        self.preview.setFixedHeight(64)  # a little taller than its hint: the slopes read better
        self.preview_text = QLabel()
        self.preview_text.setAccessibleDescription("Pace of the pattern")
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
            radios.addWidget(radio)
        radios.addStretch(1)
        self.length_field = StepField(
            "Session length in minutes", step=1.0, page=5.0, low=0.5, high=240.0
        )
        self.length_unit = QLabel("min")
        value_row = QHBoxLayout()
        value_row.setSpacing(8)
        value_row.addWidget(self.length_field)
        value_row.addWidget(self.length_unit)
        value_row.addStretch(1)
        self.length_message = self.toner.message("Length: problem")
        self.summary = self.toner.soft("")
        self.summary.setAccessibleDescription("How long the session runs")
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
        layout.addWidget(self.glide_check)
        self.glide_from = _pace_field("Glide from, breaths per minute")
        self.glide_to = _pace_field("Glide to, breaths per minute")
        self.glide_over = StepField("Glide length", step=1.0, page=5.0, low=0.5, high=500.0)
        self.glide_unit = QuietCombo()
        self.glide_unit.setAccessibleName("Glide length in")
        self.glide_unit.addItem("minutes", "minutes")
        self.glide_unit.addItem("breaths", "breaths")
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
        self.column_boxes[1].setVisible(wide)

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

    # -- showing values and problems in the widgets ---------------------------------------
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

    def _show_glide_unit(self) -> None:
        breaths = self.glide_unit.currentData() == "breaths"
        field = self.glide_over
        field.low, field.high = (1.0, 500.0) if breaths else (0.5, 60.0)

    def _load_pattern(self, pattern: BreathPattern) -> None:
        for phase in PHASES:
            self.phase_fields[phase].set_value(pattern.duration(phase))

    # -- Qt events ------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.toner.recolour()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(self.width() >= WIDE_FROM)
