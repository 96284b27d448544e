"""The timing panel: presets, the four phases (or pace and ratio), length, settle-in, glide.

The panel holds no timing logic of its own: `coach.core.breath` (timing, pattern and presets) check
every value and word every message; the panel shows them beside the field they are about,
keeps the phase fields and the pace/ratio fields in step, and tells the window what the
person chose. It never saves or starts anything itself, and it opens no dialog.
Its widgets are built in `TimingForm` (timing_form.py); this module gives them their
behaviour.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from coach.core.breath.pattern import BreathPattern, PatternError, Phase
from coach.core.breath.presets import DEFAULT_PRESET_ID, PresetBook, preset_by_id
from coach.core.breath.timing import (
    MAX_BPM,
    MIN_BPM,
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
)
from coach.ui.timing.fields import RATIO_RANGE, STEP_KEYS, claims_key, format_ratio
from coach.ui.timing.form import TimingForm

DEFAULT_CHOICE = TimingChoice(preset_by_id(DEFAULT_PRESET_ID).pattern, Length("minutes", 5.0))
SUMMARY_REFRESH_MS = 60_000  # "ends about 14:32" moves on with the clock


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


class TimingPanel(TimingForm):
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
        super().__init__(book, DEFAULT_CHOICE.pattern, parent)
        self._now = now
        self._choice: TimingChoice | None = None
        self._valid = False
        self._emitted: TimingChoice | None = None
        self._pattern = DEFAULT_CHOICE.pattern  # the last whole pattern (the preview keeps it)
        self._sticky: dict[str, str] = {}  # pace/ratio problems, until the next phase edit
        self._current: BreathPattern | None = None  # what the phase fields say right now
        self._glide_follows = True  # from/to track the pace until the person types them
        self._timed: tuple[LengthMode, float] | None = None  # the last minutes/breaths value
        self._quiet = 0
        self.summary_timer = QTimer(self)
        self.summary_timer.setInterval(SUMMARY_REFRESH_MS)
        self.summary_timer.timeout.connect(self.refresh_summary)

        self._connect()
        self.set_choice(DEFAULT_CHOICE, DEFAULT_PRESET_ID)

    def _connect(self) -> None:
        """Tie the form's widgets to what the panel does with them."""
        self.done_button.clicked.connect(self.done.emit)
        self.presets.pattern_chosen.connect(self._on_preset_chosen)
        self.presets.deleted.connect(self.preset_deleted.emit)
        self.presets.export_requested.connect(self.export_requested.emit)
        self.presets.import_requested.connect(self.import_requested.emit)
        for field in self.phase_fields.values():
            field.textEdited.connect(lambda _t: self._on_phase_edited())
            field.stepped.connect(self._on_phase_edited)
        self.pace_field.textEdited.connect(lambda _t: self._on_pace_edited("pace"))
        self.pace_field.stepped.connect(lambda: self._on_pace_edited("pace"))
        self.ratio_field.textEdited.connect(lambda _t: self._on_pace_edited("ratio"))
        self.ratio_field.stepped.connect(lambda: self._on_pace_edited("ratio"))
        for mode, radio in self.length_radios.items():
            radio.toggled.connect(partial(self._on_length_toggled, mode))
        self.length_field.textEdited.connect(lambda _t: self._after_edit())
        self.length_field.stepped.connect(self._after_edit)
        self.lead_in.valueChanged.connect(lambda _v: self._after_edit())
        self.glide_check.toggled.connect(self._on_glide_toggled)
        for field in (self.glide_from, self.glide_to):
            field.textEdited.connect(lambda _t: self._on_glide_edited(True))
            field.stepped.connect(lambda: self._on_glide_edited(True))
        self.glide_over.textEdited.connect(lambda _t: self._on_glide_edited(False))
        self.glide_over.stepped.connect(lambda: self._on_glide_edited(False))
        self.glide_unit.currentIndexChanged.connect(lambda _i: self._on_glide_edited(False))

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
            self._set_summary(length_summary(self._choice, self._now()))

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
        self._set_summary(summary)
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

    def _set_summary(self, text: str) -> None:
        self.summary.setText(text)
        # "40 breaths, about 6:48 · ends about 19:05": the dots read as commas.
        self.summary.setAccessibleName(text.replace(" · ", ", "))

    def _show_preview(self, pattern: BreathPattern | None) -> None:
        self.preview.set_pattern(self._pattern)
        if pattern is None:
            self.preview.setEnabled(False)
            words = "Showing the last whole pattern until the fields are fixed"
            self.preview_text.setText(words)
            self.preview_text.setAccessibleName(words)
            return
        self.preview.setEnabled(True)
        bpm, ratio = f"{pattern.breaths_per_minute:.1f}", format_ratio(pattern.ratio)
        self.preview_text.setText(f"{bpm} breaths/min · in:out {ratio}")
        self.preview_text.setAccessibleName(
            f"{bpm} breaths a minute, in to out {ratio.replace(':', ' to ')}"
        )

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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Started on show, stopped on hide: no timer runs while the panel is out of sight.
        self.refresh_summary()
        self.summary_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self.summary_timer.stop()
        super().hideEvent(event)
