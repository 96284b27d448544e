"""Guided routines in the window: everything from choosing a routine to its last rating.

    pick a routine -> safety checklist (before the first abdominal technique, then every
    90 days) -> tightness before (if the routine asks) -> lead-in and steps -> tightness
    after.

Stop always asks why, in one click; a safety reason moves into a one-minute cool-down.
Readings from the slider (keys, wheel, mouse) go to the runner, which records them and
decides when a prompt is due; this class shows what the runner decided, nothing more.

The widgets of a guided session (step panel, slider, prompts, the SVG machinery) are built
on first use, so starting the coach costs nothing for them. The window hands this class
what it may use of it (`SessionHost`, `PageHost`) and connects its signals.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal

from coach.core.clock import Clock, WallClock
from coach.core.content.safety import (
    GATED_EXPLANATION,
    WELLNESS_NOTE,
    abdominal_allowed,
    needs_asking,
    stop_reason,
)
from coach.core.session.runner import Finished, RunnerSnapshot, RunState, StateChanged

if TYPE_CHECKING:
    from coach.core.content.library import Library
    from coach.core.content.plan import Plan, PlanItem, RoutineSummary
    from coach.core.session.routine import RoutineRunner
    from coach.ui.guided.ease_off_bar import EaseOffBar
    from coach.ui.guided.guidance_card import GuidanceCard
    from coach.ui.guided.rating_card import RatingCard
    from coach.ui.guided.safety_checklist import SafetyChecklist
    from coach.ui.guided.slider import IntensitySlider
    from coach.ui.guided.step_panel import StepPanel
    from coach.ui.guided.stop_reason_bar import StopReasonBar
    from coach.ui.guided.technique_info import TechniqueInfo
    from coach.ui.host import PageHost, SessionHost
    from coach.ui.settings import SettingsKeeper

SafetyState = Literal["unknown", "ok", "gated"]


class GuidedFlow(QObject):
    """A guided routine from its choice to its last rating.

    Signals:
        notice_requested(str): words for the notice bar.
        page_requested(str): show this page of the side panel ("picker", "checklist",
            "rating"); the page was placed through the `PageHost` first.
        routine_ready(RoutineRunner, int | None): everything was asked; run this routine
            (with the tightness before, if it was asked).
        routines_changed(): what the start screen lists has changed (the safety answer).
        session_rated(int): the tightness after the session just ended.
        rating_skipped(str): the tightness "before" or "after" was offered and skipped.
        stop_requested(): the person asked to stop from a prompt ("Stop now").
        question_closed(): the stop question closed without a reason ("Keep going").
    """

    notice_requested = Signal(str)
    page_requested = Signal(str)
    routine_ready = Signal(object, object)
    routines_changed = Signal()
    session_rated = Signal(int)
    rating_skipped = Signal(str)
    stop_requested = Signal()
    question_closed = Signal()

    def __init__(
        self,
        session: SessionHost,
        pages: PageHost,
        clock: Clock,
        wall: WallClock,
        settings: SettingsKeeper,
        lead_in: float,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._pages = pages
        self._clock = clock
        self._wall = wall
        self._settings = settings
        self._lead_in = lead_in
        self.library: Library | None = None
        self._pending: str | None = None  # routine id waiting on the checklist or rating
        self._rating_before: int | None = None
        self._rating_before_skipped = False
        self._rating_moment = ""
        self._step_panel: StepPanel | None = None
        self._slider: IntensitySlider | None = None
        self._stop_bar: StopReasonBar | None = None
        self._ease_bar: EaseOffBar | None = None
        self._checklist: SafetyChecklist | None = None
        self._rating: RatingCard | None = None
        self._last_target: tuple[int, int] | bool | None = False
        self._guidance: GuidanceCard | None = None
        self._info: TechniqueInfo | None = None
        self._info_return = "picker"
        self._guided_blocks: set[tuple[int, int]] = set()  # (runner, block) guided so far

    # -- content and settings -------------------------------------------------------------
    def set_library(self, library: Library) -> list[str]:
        """The techniques and routines (after the first paint). Returns notices: files
        that could not be used, and the wellness note the first time."""
        self.library = library
        notices: list[str] = []
        if not self._settings.current.wellness_noted:
            notices.append(WELLNESS_NOTE)
            self._settings.update(wellness_noted=True)
        if library.problems:
            shown = "\n".join(f"• {p}" for p in library.problems[:5])
            more_count = len(library.problems) - 5
            extra = (
                f"\n…and {more_count} more (coach check FILE shows each)" if more_count > 0 else ""
            )
            notices.append(
                "Some technique or routine files could not be used; the others loaded.\n"
                + shown
                + extra
            )
        return notices

    def safety_state(self) -> SafetyState:
        answer = self._settings.current.safety_answer()
        if needs_asking(answer, self._wall.utc_now()):
            return "unknown"
        return "ok" if abdominal_allowed(answer) else "gated"

    def summaries(self) -> list[RoutineSummary]:
        from coach.core.content.plan import summarize

        if self.library is None:
            return []
        state = self.safety_state()
        return [summarize(r, self.library, state) for r in self.library.routines.values()]

    # -- starting -------------------------------------------------------------------------
    def start(self, routine_id: str) -> None:
        """Start pressed with a routine chosen: ask what must be asked, then begin."""
        if self.library is None or routine_id not in self.library.routines:
            self.notice_requested.emit(
                "That routine is not available right now; free breathing is still there."
            )
            return
        self._pending = routine_id
        self._rating_before = None
        self._rating_before_skipped = False
        self._continue()

    def _continue(self) -> None:
        """The next question for the pending routine, or the session itself."""
        from coach.core.content.plan import PlanError, build_plan, summarize

        assert self.library is not None and self._pending is not None
        routine = self.library.routine(self._pending)
        summary = summarize(routine, self.library, self.safety_state())
        if summary.needs_safety_check:
            self._show_checklist()
            return
        if not summary.enabled:
            self._show_gated()
            return
        try:
            plan = build_plan(routine, self.library, self.safety_state() == "ok")
        except PlanError as error:
            self.notice_requested.emit(str(error))
            self._pending = None
            return
        if plan.ask_tightness and self._rating_moment != "before-done":
            self.show_rating("before")
            return
        self._rating_moment = ""
        self._pending = None
        self._begin(plan)

    def _begin(self, plan: Plan) -> None:
        from coach.core.session.routine import RoutineRunner

        runner = RoutineRunner(plan, self._clock, self._lead_in)
        runner.rating_before_skipped = self._rating_before_skipped
        self.slider.set_value(None)
        self._last_target = False
        self.routine_ready.emit(runner, self._rating_before)

    def preview(self, routine_id: str) -> RoutineRunner | None:
        """An idle runner for a routine, to show its length before anything is asked."""
        from coach.core.content.plan import PlanError, build_plan
        from coach.core.session.routine import RoutineRunner

        if self.library is None or routine_id not in self.library.routines:
            return None
        try:
            plan = build_plan(
                self.library.routine(routine_id), self.library, self.safety_state() != "gated"
            )
        except PlanError:
            return None
        return RoutineRunner(plan, self._clock, self._lead_in)

    def cancel_pending(self) -> None:
        self._pending = None
        self._rating_moment = ""
        self.page_requested.emit("picker")

    # -- the checklist --------------------------------------------------------------------
    def _show_checklist(self) -> None:
        card = self.checklist
        if not getattr(card, "_wired", False):
            card.answered.connect(self._on_safety_answer)
            card.cancelled.connect(self.cancel_pending)
            card.dismissed.connect(self.cancel_pending)
            card._wired = True  # type: ignore[attr-defined]
        card.show_checklist()
        self.page_requested.emit("checklist")

    def _show_gated(self) -> None:
        self.checklist.show_gated(GATED_EXPLANATION)
        self.page_requested.emit("checklist")

    def _on_safety_answer(self, applies: bool) -> None:
        self.record_safety_answer(applies)
        if self._pending is not None:
            self._continue()
        else:
            self.page_requested.emit("picker")  # asked from the menu: back where it was

    def record_safety_answer(self, applies: bool) -> None:
        """Keep the checklist's answer (dated now) and list the routines by it."""
        self._settings.replace(self._settings.current.with_safety(self._wall.utc_now(), applies))
        self.routines_changed.emit()

    def ask_safety_again(self) -> None:
        """Session menu: answer the checklist again (between sessions, never during one)."""
        if self._session.session_active() or self.rating_open():
            self.notice_requested.emit(
                "The safety questions can be answered again once this session is over."
            )
            return
        self._pending = None
        self._show_checklist()

    # -- ratings --------------------------------------------------------------------------
    def show_rating(self, moment: str) -> None:
        card = self.rating
        if not getattr(card, "_wired", False):
            card.rated.connect(self._on_rated)
            card.skipped.connect(self._on_rating_skipped)
            card._wired = True  # type: ignore[attr-defined]
        self._rating_moment = moment
        card.show_rating(moment)
        self.page_requested.emit("rating")

    def rating_open(self) -> bool:
        return self._rating is not None and self._rating_moment in ("before", "after")

    def _on_rated(self, value: int) -> None:
        self._rating_done(value)

    def _on_rating_skipped(self) -> None:
        self._rating_done(None)

    def _rating_done(self, value: int | None) -> None:
        moment, self._rating_moment = self._rating_moment, ""
        if moment == "before":
            self._rating_before = value
            self._rating_before_skipped = value is None
            self._rating_moment = "before-done"
            self._continue()
        elif moment == "after":
            if value is not None:
                self.session_rated.emit(value)
            else:
                self.rating_skipped.emit("after")
            self.page_requested.emit("picker")

    # -- during a session -----------------------------------------------------------------
    def runner(self) -> RoutineRunner | None:
        from coach.core.session.routine import RoutineRunner

        runner = self._session.runner
        return runner if isinstance(runner, RoutineRunner) else None

    def show_snapshot(self, snapshot: RunnerSnapshot) -> None:
        if self._step_panel is None or snapshot.step is None:
            return
        running = snapshot.state in (RunState.RUNNING, RunState.LEAD_IN)
        self._step_panel.show_step(snapshot.step, snapshot.pacer, running)
        runner = self.runner()
        if runner is not None and runner.reading is None and self.slider.value() is not None:
            self.slider.set_value(None)  # a side change or the cool-down ended the reading
        target = snapshot.step.item.target
        if target != self._last_target:
            self._last_target = target
            self.slider.set_target(target)

    def on_events(self, events: Sequence[object]) -> None:
        from coach.core.session.routine import PromptShown, StepChanged

        ended = any(
            isinstance(e, Finished) or (isinstance(e, StateChanged) and e.new is RunState.STOPPED)
            for e in events
        )
        if ended:
            self.close_stop_bar()  # a question about a session that is over
        runner = self.runner()
        if runner is None:
            return
        for event in events:
            if isinstance(event, PromptShown):
                self._show_prompt(event.kind, event.level)
            elif isinstance(event, StepChanged):
                if self._ease_bar is not None and event.how != "auto":
                    self._ease_bar.hide()
                self._guide_before(runner, event.item)
            elif isinstance(event, Finished) or (
                isinstance(event, StateChanged) and event.new is RunState.STOPPED
            ):
                self._session_over(runner)

    # -- the word before a technique, and everything about it -----------------------------
    def _guide_before(self, runner: RoutineRunner, item: PlanItem) -> None:
        """Before a technique's first step (each time it comes in this session): hold the
        session and show its cautions and stop signs; Space begins."""
        if item.kind != "step" or item.technique_id is None or self.library is None:
            return
        key = (id(runner), item.block)
        if key in self._guided_blocks or runner.safety_stop is not None:
            return
        self._guided_blocks.add(key)
        from coach.core.content.guidance import guidance_for

        technique = self.library.technique(item.technique_id)
        self._session.apply_events(runner.hold_for_question(self._clock.now(), "guidance"))
        card = self.guidance_card
        card.show_guidance(guidance_for(technique))
        self.page_requested.emit("guidance")

    def guidance_open(self) -> bool:
        return self._guidance is not None and self._guidance.is_open()

    def begin_technique(self) -> None:
        """ "Begin" on the word before a technique: the step goes on where it was held."""
        if self._guidance is not None:
            self._guidance.hide()
        runner = self.runner()
        if runner is not None and runner.held_for == "guidance":
            self._session.apply_events(runner.release_hold(self._clock.now()))
        self.page_requested.emit("step" if runner is not None else "picker")

    def show_info(self, routine_id: str = "") -> None:
        """I: everything about the technique under way (the session held meanwhile), or
        between sessions about the techniques of the routine `routine_id`."""
        if self.library is None:
            return
        runner = self.runner()
        if runner is not None and self._session.session_active():
            snapshot = runner.snapshot(self._clock.now())
            item = snapshot.step.item if snapshot.step is not None else None
            ids = [item.technique_id] if item is not None and item.technique_id else []
            self._info_return = "guidance" if self.guidance_open() else "step"
            self._session.apply_events(runner.hold_for_question(self._clock.now(), "info"))
        else:
            from coach.core.content.library import TechniqueBlock

            routine = self.library.routines.get(routine_id)
            blocks = routine.blocks if routine is not None else []
            ids = [b.technique for b in blocks if isinstance(b, TechniqueBlock)]
            self._info_return = "picker"
        techniques = [self.library.technique(i) for i in dict.fromkeys(ids)]
        self.info.show_techniques(techniques)
        self.page_requested.emit("info")

    def info_open(self) -> bool:
        return self._info is not None and self._info.is_open()

    def close_info(self) -> None:
        if self._info is not None:
            self._info.hide()
        runner = self.runner()
        back = self._info_return
        if back == "guidance" and self._guidance is not None and runner is not None:
            runner.hold_for_question(self._clock.now(), "guidance")  # still held, for it
            self.page_requested.emit(back)
            self._guidance.reopen()  # on screen again, Begin focused: Space begins
            return
        if runner is not None and runner.held_for == "info":
            self._session.apply_events(runner.release_hold(self._clock.now()))
        self.page_requested.emit(back)

    def _session_over(self, runner: RoutineRunner) -> None:
        for bar in (self._ease_bar, self._stop_bar):
            if bar is not None:
                bar.hide()
        if runner.plan.ask_tightness:
            self.show_rating("after")
        if runner.safety_stop is not None and runner.safety_stop.advice:
            self.notice_requested.emit(
                f"Stopped: {runner.safety_stop.label.lower()}. {runner.safety_stop.advice}"
            )

    def _show_prompt(self, kind: str, level: int) -> None:
        """A prompt the runner found due, or the end of one: a stronger prompt on screen
        is never replaced by a milder one, and each goes when its reading has come down."""
        bar = self._ease_bar
        showing_offer = bar is not None and bar.isVisible() and bar.is_stop_offer()
        if kind == "stop_offer":
            self._wire_ease_bar().show_stop_offer(level)
        elif kind == "ease_off" and not showing_offer:
            self._wire_ease_bar().show_ease_off(level)
        elif (
            bar is not None
            and bar.isVisible()
            and (kind == "stop_offer_over") == showing_offer
            and kind in ("stop_offer_over", "ease_off_over")
        ):
            bar.hide()

    def _wire_ease_bar(self) -> EaseOffBar:
        bar = self.ease_bar
        if not getattr(bar, "_wired", False):
            bar.stop_requested.connect(self.stop_requested)
            bar._wired = True  # type: ignore[attr-defined]
        return bar

    # -- stopping -------------------------------------------------------------------------
    def ask_stop_reason(self) -> None:
        """The question "Why are you stopping?" (the window has paused the session)."""
        bar = self.stop_bar
        if not getattr(bar, "_wired", False):
            bar.reason_chosen.connect(self.stop_with)
            bar.cancelled.connect(self._keep_going)
            bar._wired = True  # type: ignore[attr-defined]
        if self._ease_bar is not None:
            self._ease_bar.hide()
        bar.show_reasons()

    def _keep_going(self) -> None:
        self.close_stop_bar()
        self.question_closed.emit()

    def stop_bar_open(self) -> bool:
        return self._stop_bar is not None and self._stop_bar.isVisible()

    def close_stop_bar(self) -> None:
        if self._stop_bar is not None:
            self._stop_bar.hide()

    def stop_with(self, key: str) -> None:
        """A stop reason was chosen: a safety one cools down first; the runner keeps the
        first safety reason as the session's end reason (`SessionRunner.stop_for`)."""
        self.close_stop_bar()
        reason = stop_reason(key)
        runner = self._session.runner
        cooling_before = runner.safety_stop is not None
        self._session.apply_events(runner.stop_for(reason, self._clock.now()))
        if reason.safety and not cooling_before and self.runner() is None:
            # Free breathing: the pacer has no panel for the advice.
            cooling = self._session.session_active()
            first = (
                "a minute of easy breathing, then the session ends"
                if cooling
                else "the session has ended"
            )
            self.notice_requested.emit(f"{reason.label}: {first}. {reason.advice}")

    # -- readings and navigation ----------------------------------------------------------
    def set_reading(self, level: int) -> None:
        runner = self.runner()
        if runner is None or not runner.takes_readings(self._clock.now()):
            return
        self.slider.set_value(level)
        self._session.apply_events(runner.set_reading(level, self._clock.now()))

    def reading_step(self, delta: int) -> None:
        runner = self.runner()
        if runner is None or not runner.takes_readings(self._clock.now()):
            return
        if delta > 0:
            self.slider.step_up()
        else:
            self.slider.step_down()
        value = self.slider.value()
        if value is not None:
            self.set_reading(value)

    def reading_digit(self, digit: int) -> None:
        runner = self.runner()
        if runner is None or not runner.takes_readings(self._clock.now()):
            return
        self.slider.press_digit(digit)
        value = self.slider.value()
        if value is not None:
            self.set_reading(value)

    def reading_wheel(self, delta: int) -> bool:
        runner = self.runner()
        if runner is None or not runner.takes_readings(self._clock.now()):
            return False
        before = self.slider.value()
        self.slider.wheel(delta)
        value = self.slider.value()
        if value is not None and value != before:
            self.set_reading(value)
        return True

    def navigate(self, how: str) -> None:
        runner = self.runner()
        if runner is None or not runner.can_navigate():
            return
        now = self._clock.now()
        action = {
            "next": runner.next_step,
            "back": runner.previous_step,
            "repeat": runner.repeat_step,
            "skip": runner.skip_technique,
        }[how]
        self._session.apply_events(action(now))

    # -- widgets, built on first use ------------------------------------------------------
    @property
    def step_panel(self) -> StepPanel:
        if self._step_panel is None:
            from coach.ui.guided.step_panel import StepPanel

            self._step_panel = StepPanel()
        return self._step_panel

    @property
    def slider(self) -> IntensitySlider:
        if self._slider is None:
            from coach.ui.guided.slider import IntensitySlider

            self._slider = IntensitySlider()
            self._slider.intensity_changed.connect(self.set_reading)
            self._pages.place_slider(self._slider)
        return self._slider

    @property
    def stop_bar(self) -> StopReasonBar:
        if self._stop_bar is None:
            from coach.ui.guided.stop_reason_bar import StopReasonBar

            self._stop_bar = StopReasonBar()
            self._stop_bar.hide()
            self._pages.place_bar(self._stop_bar, takes_column=True)
        return self._stop_bar

    @property
    def ease_bar(self) -> EaseOffBar:
        if self._ease_bar is None:
            from coach.ui.guided.ease_off_bar import EaseOffBar

            self._ease_bar = EaseOffBar()
            self._ease_bar.hide()
            self._pages.place_bar(self._ease_bar)
        return self._ease_bar

    @property
    def guidance_card(self) -> GuidanceCard:
        if self._guidance is None:
            from coach.ui.guided.guidance_card import GuidanceCard

            self._guidance = GuidanceCard()
            self._guidance.begun.connect(self.begin_technique)
            self._guidance.more_requested.connect(self.show_info)
            self._pages.place_side("guidance", self._guidance)
        return self._guidance

    @property
    def info(self) -> TechniqueInfo:
        if self._info is None:
            from coach.ui.guided.technique_info import TechniqueInfo

            self._info = TechniqueInfo()
            self._info.closed.connect(self.close_info)
            self._pages.place_side("info", self._info)
        return self._info

    @property
    def checklist(self) -> SafetyChecklist:
        if self._checklist is None:
            from coach.ui.guided.safety_checklist import SafetyChecklist

            self._checklist = SafetyChecklist()
            self._pages.place_side("checklist", self._checklist)
        return self._checklist

    @property
    def rating(self) -> RatingCard:
        if self._rating is None:
            from coach.ui.guided.rating_card import RatingCard

            self._rating = RatingCard()
            self._pages.place_side("rating", self._rating)
        return self._rating

    def readings_open(self) -> bool:
        """The slider belongs on screen: a routine's technique step is on."""
        runner = self.runner()
        return runner is not None and runner.takes_readings(self._clock.now())

    def slider_if_built(self) -> IntensitySlider | None:
        """The slider only if a routine has shown it (free breathing never builds it)."""
        return self._slider
