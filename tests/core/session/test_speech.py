"""What the voice says: steps, side changes, prompts and the cautions in the right words;
phase words sized to their phase and never late; the stop offer first."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.breath.pattern import Phase
from coach.core.clock import FakeClock
from coach.core.content.guidance import Guidance
from coach.core.content.plan import Plan, build_plan
from coach.core.session.routine import PromptShown, RoutineRunner, StepChanged
from coach.core.session.runner import PhaseChanged
from coach.core.session.speech import (
    Priority,
    SpeechQueue,
    Utterance,
    cautions_for,
    phase_words,
    speech_for,
)
from tests.support.content import sample_library

LENGTHS = {Phase.INHALE: 4.0, Phase.HOLD_IN: 7.0, Phase.EXHALE: 8.0, Phase.HOLD_OUT: 0.0}


@pytest.fixture
def plan(tmp_path: Path) -> Plan:
    library = sample_library(tmp_path)
    return build_plan(library.routine("mini"), library)


def test_phase_words_fit_their_phase() -> None:
    assert phase_words(Phase.INHALE, 4.0) == "Breathe in"
    assert phase_words(Phase.INHALE, 1.5) == "In"
    assert phase_words(Phase.EXHALE, 6.0) == "Breathe out"
    assert phase_words(Phase.EXHALE, 2.0) == "Out"
    assert phase_words(Phase.HOLD_IN, 7.0) == phase_words(Phase.HOLD_OUT, 1.0) == "Hold"


def test_a_runs_steps_and_side_change_are_read_in_order(plan: Plan) -> None:
    clock = FakeClock()
    runner = RoutineRunner(plan, clock)
    said: list[Utterance] = []
    said += speech_for(runner.start())
    for _ in range(int(plan.items[-1].duration + sum(i.duration for i in plan.items)) * 4):
        clock.advance(0.25)
        said += speech_for(runner.tick())
    assert [u.text for u in said] == [item.text for item in plan.items]
    kinds = [u.kind for u in said]
    assert kinds == ["side" if i.kind == "switch" else "step" for i in plan.items]
    assert all(u.priority is Priority.INSTRUCTION for u in said)


def test_phase_words_only_when_asked_and_not_at_a_steps_start(plan: Plan) -> None:
    inhale = PhaseChanged(Phase.INHALE, 3, 30.0, 30.0)
    assert speech_for([inhale]) == []
    assert [u.text for u in speech_for([inhale], LENGTHS)] == ["Breathe in"]
    step = StepChanged(2, plan.items[2], 30.0, 30.0)
    assert [u.kind for u in speech_for([step, inhale], LENGTHS)] == ["step"]


def test_prompts_are_said_in_the_cards_words() -> None:
    [ease] = speech_for([PromptShown("ease_off", 8, 5.0)])
    [stop] = speech_for([PromptShown("stop_offer", 9, 6.0)])
    assert ease.text.startswith("That's strong: 8 of 10.") and "Ease off" in ease.text
    assert stop.text.startswith("That's a lot: 9 of 10.") and "stop here" in stop.text
    assert stop.priority > ease.priority
    assert speech_for([PromptShown("stop_offer_over", 8, 7.0)]) == []


def test_the_cautions_are_read_with_the_stop_signs_and_how_to_begin() -> None:
    guidance = Guidance(
        "Ball release",
        ("Keep off the middle of the belly and the spine.",),
        ("sharp pain", "a pulse under the ball"),
    )
    words = cautions_for(guidance).text
    assert words.startswith("Before you start: Ball release.")
    assert "middle of the belly and the spine" in words
    assert "sharp pain, a pulse under the ball" in words and "·" not in words
    assert words.endswith("Press Space to begin.")


def test_the_queue_keeps_order_replaces_stale_steps_and_puts_the_stop_offer_first() -> None:
    queue = SpeechQueue()
    queue.add(Utterance("step 1", Priority.INSTRUCTION, "step"))
    queue.add(Utterance("Breathe in", Priority.PHASE, "phase"))  # behind words: dropped
    queue.add(Utterance("ease", Priority.PROMPT, "ease_off"))
    queue.add(Utterance("step 2", Priority.INSTRUCTION, "step"))  # replaces step 1
    queue.add(Utterance("stop?", Priority.STOP_OFFER, "stop_offer"))
    assert [queue.next().text for _ in range(len(queue))] == ["stop?", "ease", "step 2"]  # type: ignore[union-attr]
    assert queue.next() is None


def test_phase_words_only_into_silence() -> None:
    queue = SpeechQueue()
    queue.add(Utterance("Breathe in", Priority.PHASE, "phase"), speaking=True)
    assert len(queue) == 0  # said late, a phase word would be wrong: dropped
    queue.add(Utterance("Breathe in", Priority.PHASE, "phase"))
    queue.add(Utterance("step", Priority.INSTRUCTION, "step"))  # words push it out
    assert [queue.next().text for _ in range(len(queue))] == ["step"]  # type: ignore[union-attr]
