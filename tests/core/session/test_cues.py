import pytest

from coach.core.breath.pacer import Timeline
from coach.core.breath.pattern import BreathPattern
from coach.core.clock import FakeClock, clock_text
from coach.core.session.cues import cue_for, progress_text
from coach.core.session.runner import SessionRunner


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (0.2, "0:01"), (59.0, "0:59"), (60, "1:00"), (299.5, "5:00"), (3600, "1:00:00")],
)
def test_clock_text_rounds_up(seconds: float, text: str) -> None:
    assert clock_text(seconds) == text


def test_cues_follow_the_session() -> None:
    clock = FakeClock()
    runner = SessionRunner(Timeline(BreathPattern(4, 2, 6, 1), breaths=2), clock, lead_in=3)
    assert cue_for(runner.snapshot()).title == "Ready when you are"
    assert progress_text(runner.snapshot()) == "Breath 1 of 2 · 0:29 left"
    runner.start()
    clock.advance(0.5)
    cue = cue_for(runner.snapshot())
    assert (cue.title, cue.countdown) == ("Get comfortable", 3)
    clock.advance(2.5 + 0.2)
    runner.tick()
    cue = cue_for(runner.snapshot())
    assert (cue.title, cue.countdown) == ("In through the nose", 4)
    assert "belly" in cue.detail
    clock.advance(4.0)
    assert (cue_for(runner.snapshot()).title, cue_for(runner.snapshot()).countdown) == ("Hold", 2)
    clock.advance(2.0)
    assert cue_for(runner.snapshot()).title == "Slowly out"
    assert progress_text(runner.snapshot()) == "Breath 1 of 2 · 0:20 left"
    clock.advance(6.0)
    assert cue_for(runner.snapshot()).title == "Hold"
    runner.pause()
    assert cue_for(runner.snapshot()).title == "Paused"
    runner.resume()
    clock.advance(100)
    runner.tick()
    done = cue_for(runner.snapshot())
    assert done.title == "Well done" and "2 full breaths in 0:26" in done.detail
    assert progress_text(runner.snapshot()) == "2 breaths done"


def test_open_ended_progress_counts_up() -> None:
    clock = FakeClock()
    runner = SessionRunner(Timeline(BreathPattern()), clock)
    runner.start()
    clock.advance(75)
    assert progress_text(runner.snapshot()) == "Breath 8 · 1:15 so far"
    runner.stop()
    assert cue_for(runner.snapshot()).title == "Session ended"


def test_the_pace_is_shown_while_it_glides() -> None:
    from coach.core.breath.timing import Length, Ramp, TimingChoice, build_schedule

    clock = FakeClock()
    choice = TimingChoice(
        BreathPattern(4, 0, 6, 0), Length("breaths", 12), 0, Ramp(10, 6, 6, "breaths")
    )
    runner = SessionRunner(build_schedule(choice), clock)
    runner.start()
    assert progress_text(runner.snapshot()).endswith(" · 10.0/min")
    clock.advance(60)
    assert progress_text(runner.snapshot()).endswith(" · 6.0/min")
