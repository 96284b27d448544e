"""The step panel as a screen reader meets it: each label named by the words it shows
(said well: commas for the dots, "to" for a dash), described by what it is; the panel,
its progress bar and its drawing described; and the words announced as a step begins."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coach.core.breath.pacer import Timeline
from coach.core.breath.pattern import BreathPattern
from coach.core.content.plan import PlanItem
from coach.core.session.routine import StepState
from coach.ui.guided.step_panel import StepPanel, spoken_step

CALM = BreathPattern(4, 0, 6, 0)


def step_item() -> PlanItem:
    return PlanItem(
        kind="step",
        title="Ball release",
        text="Let your hip settle slowly onto the ball.",
        pattern=CALM,
        breaths=3,
        side="right",
        technique_id="ball-release",
        step_index=1,
        step_count=5,
        target=(3, 5),
        coupling="Melt onto the ball as you breathe out; stay put as you breathe in.",
        illustration="ball-prone-place",
    )


@pytest.fixture
def panel(qtbot: QtBot) -> Iterator[StepPanel]:
    # Placed by hand in a plain host: a shown top-level with a layout would set size hints
    # on the offscreen window, which warns (and warnings fail the suite).
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(800, 800)
    widget = StepPanel(host)
    widget.setGeometry(0, 0, 600, 700)
    host.show()
    yield widget  # the host lives as long as the test


def show(panel: StepPanel, elapsed: float) -> None:
    item = step_item()
    step = StepState(1, 9, item, elapsed, item.duration, elapsed / item.duration, None, False)
    panel.show_step(step, Timeline(CALM).at(elapsed), running=True)


def test_labels_are_named_by_their_words(panel: StepPanel) -> None:
    show(panel, 12.0)
    assert panel.header.accessibleName() == "Ball release, step 2 of 5, Right side"
    assert panel.instruction.accessibleName() == step_item().text
    assert panel.target.accessibleName() == "Aim for 3 to 5 of 10: comfortable to working"
    assert panel.time_left.accessibleName() == "18 seconds left"
    assert panel.next_line.accessibleName() == "Last step"
    assert panel.cue.accessibleName() == panel.cue.text() != ""
    for label in (panel.header, panel.instruction, panel.cue, panel.time_left):
        assert label.accessibleDescription()


def test_the_painted_parts_say_what_they_show(panel: StepPanel) -> None:
    show(panel, 12.0)
    assert panel.progress.accessibleName() == "Step progress"
    assert panel.progress.accessibleDescription() == "40% of this step done"
    show(panel, 15.0)
    assert panel.progress.accessibleDescription() == "50% of this step done"
    assert panel.illustration.accessibleDescription() == (
        "Drawing of Ball release, step 2 of 5, Right side"
    )
    assert panel.accessibleName() == "Step"
    assert panel.accessibleDescription().endswith(step_item().text)
    panel.show_step(None, None, running=False)
    assert panel.accessibleDescription() == "No step under way"
    assert panel.instruction.accessibleName() == ""


def test_a_step_in_words_for_an_announcement() -> None:
    words = spoken_step(step_item())
    assert words == f"Ball release, step 2 of 5, right side. {step_item().text}"
    assert "·" not in words
