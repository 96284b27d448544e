"""The step panel and its illustration: words per step, the breath cue, drawing and look."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coach.core.breath.pacer import PacerState, Timeline
from coach.core.breath.pattern import BreathPattern, Phase
from coach.core.content.plan import PlanItem
from coach.core.session.routine import StepState
from coach.ui.guided.illustration import Illustration, known_illustrations, recolour
from coach.ui.guided.step_panel import (
    StepPanel,
    coupling_cue,
    illustration_for,
    split_coupling,
    target_words,
)
from coach.ui.theme import make_palette, pressure_colour

CALM = BreathPattern(4, 0, 6, 0)
SHIPPED = Path(__file__).resolve().parents[3] / "assets" / "illustrations"
MELT = "Melt onto the ball as you breathe out; stay put as you breathe in."

# Left half in the line colour, right half in the pressure accent (written in lower case on
# purpose: the replacement must not care).
TWO_TONE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">'
    '<rect x="0" y="0" width="50" height="50" fill="currentColor"/>'
    '<rect x="50" y="0" width="50" height="50" fill="#e07a5f"/>'
    "</svg>"
)


def item(**changes: object) -> PlanItem:
    fields: dict[str, object] = {
        "kind": "step",
        "title": "Ball release",
        "text": "Let your hip settle slowly onto the ball. Keep your forearms taking the rest.",
        "pattern": CALM,
        "breaths": 3,
        "side": "right",
        "technique_id": "ball-release",
        "step_index": 1,
        "step_count": 5,
        "target": (3, 5),
        "coupling": MELT,
        "illustration": "two-tone",
    }
    fields.update(changes)
    return PlanItem(**fields)  # type: ignore[arg-type]


NEXT = item(step_index=2, text="Rock gently, only an inch or two each way.", coupling=None)


def state(
    current: PlanItem | None = None,
    following: PlanItem | None = NEXT,
    elapsed: float = 12.0,
    upcoming: bool = False,
) -> StepState:
    current = current or item()
    duration = current.duration
    return StepState(1, 9, current, elapsed, duration, elapsed / duration, following, upcoming)


def pacer(t: float, pattern: BreathPattern = CALM) -> PacerState:
    return Timeline(pattern).at(t)


@pytest.fixture
def drawings(tmp_path: Path) -> Path:
    (tmp_path / "two-tone.svg").write_text(TWO_TONE)
    (tmp_path / "broken.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect")
    # Valid, but QtSvg warns while parsing it (any Qt warning would fail the test).
    (tmp_path / "grumbles.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        '<rect width="5" height="5" fill="url(#nowhere)"/></svg>'
    )
    return tmp_path


@pytest.fixture
def host(qtbot: QtBot) -> Iterator[QWidget]:
    # A plain host without a layout: a shown top-level with a layout would set size hints
    # on the offscreen window, which warns (and warnings fail the suite).
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


@pytest.fixture
def panel(host: QWidget, drawings: Path) -> StepPanel:
    widget = StepPanel(host, illustrations=drawings)
    widget.setGeometry(0, 0, 560, 440)
    widget.show()
    return widget


# -- words ---------------------------------------------------------------------------------
def test_header_side_instruction_next_and_target(panel: StepPanel) -> None:
    panel.show_step(state(), pacer(1.0), True)
    assert panel.header.text() == "Ball release · step 2 of 5"
    assert panel.badge.text() == "Right side" and panel.badge.isVisible()
    assert panel.instruction.text().startswith("Let your hip settle")
    assert panel.next_line.text() == "Next: Ball release: step 3 of 5 · right"
    assert panel.target.text() == "Aim for 3\u20135 of 10: comfortable to working"
    assert panel.time_left.text() == "0:18"
    assert panel.progress.fraction == pytest.approx(12 / 30)
    assert panel.header.accessibleDescription() and panel.instruction.accessibleDescription()
    assert panel.instruction.accessibleName() == item().text
    assert panel.header.accessibleName() == "Ball release, step 2 of 5, Right side"


@pytest.mark.parametrize(
    ("side", "words"), [("right", "Right side"), ("left", "Left side"), ("both", "Both sides")]
)
def test_side_badge(panel: StepPanel, side: str, words: str) -> None:
    panel.show_step(state(item(side=side)), pacer(1.0), True)
    assert panel.badge.text() == words and panel.badge.isVisible()


def test_no_badge_without_a_side_and_last_step(panel: StepPanel) -> None:
    panel.show_step(state(item(side="none", target=None), following=None), pacer(1.0), True)
    assert panel.badge.isHidden()
    assert panel.next_line.text() == "Last step"
    assert panel.target.isHidden()


def test_lead_in_names_the_first_step(panel: StepPanel) -> None:
    panel.show_step(state(elapsed=0.0, upcoming=True), pacer(0.0), True)
    assert panel.next_line.text() == "First: Ball release: step 2 of 5 · right"
    assert panel.instruction.text() == item().text
    # Nothing is paced yet: the coupling is shown whole, the bar is empty.
    assert panel.cue.text() == MELT
    assert panel.progress.fraction == 0.0


def test_breathing_and_switch_items_use_their_titles_and_fallback_drawings() -> None:
    breathing = item(
        kind="breathing",
        title="Breathing",
        side="none",
        step_index=None,
        illustration=None,
        coupling=None,
        target=None,
    )
    switch = item(kind="switch", title="Change sides", step_index=None, illustration=None)
    assert illustration_for(breathing) == "breathing-supine"
    assert illustration_for(switch) == "rest-supine"
    assert illustration_for(item(kind="cooldown", illustration=None)) == "rest-supine"


def test_header_of_a_breathing_block(panel: StepPanel) -> None:
    breathing = item(
        kind="breathing",
        title="Breathing",
        side="none",
        step_index=None,
        illustration=None,
        coupling=None,
        target=None,
    )
    panel.show_step(state(breathing), pacer(1.0), True)
    assert panel.header.text() == "Breathing"
    assert panel.cue.isHidden() and panel.badge.isHidden()
    assert panel.illustration.illustration_id == "breathing-supine"


@pytest.mark.parametrize(
    ("band", "words"),
    [
        ((3, 5), "Aim for 3\u20135 of 10: comfortable to working"),
        ((1, 3), "Aim for 1\u20133 of 10: comfortable"),
        ((4, 4), "Aim for 4 of 10: working"),
        (None, ""),
    ],
)
def test_target_words(band: tuple[int, int] | None, words: str) -> None:
    assert target_words(band) == words


# -- the breath cue ------------------------------------------------------------------------
def test_cue_follows_the_breath(panel: StepPanel) -> None:
    panel.show_step(state(), pacer(1.0), True)
    assert pacer(1.0).phase is Phase.INHALE
    assert panel.cue.text() == "In-breath: stay put"
    panel.show_step(state(elapsed=17.0), pacer(5.0), True)
    assert pacer(5.0).phase is Phase.EXHALE
    assert panel.cue.text() == "Out-breath: melt onto the ball"
    panel.show_step(state(elapsed=21.0), pacer(11.0), True)
    assert panel.cue.text() == "In-breath: stay put"


def test_paused_shows_the_coupling_whole(panel: StepPanel) -> None:
    panel.show_step(state(), pacer(5.0), False)
    assert panel.cue.text() == MELT


@pytest.mark.parametrize(
    ("coupling", "inhale", "exhale"),
    [
        ("Rock on the out-breath, rest on the in-breath.", "In-breath: rest", "Out-breath: rock"),
        ("Lift on an in-breath, lower on the out-breath.", "In-breath: lift", "Out-breath: lower"),
        (
            "Let the tool sink in a little on each out-breath; hold steady as you breathe in.",
            "In-breath: hold steady",
            "Out-breath: let the tool sink in a little",
        ),
        (
            "Ease forward a little as you breathe out.",
            "Breathing in · Ease forward a little as you breathe out.",
            "Out-breath: ease forward a little",
        ),
        (
            "Let each out-breath bring the tissue to your fingers.",
            "Breathing in · Let each out-breath bring the tissue to your fingers.",
            "Breathing out · Let each out-breath bring the tissue to your fingers.",
        ),
        (
            "Swing slowly and keep the breath low and long.",
            "Breathing in · Swing slowly and keep the breath low and long.",
            "Breathing out · Swing slowly and keep the breath low and long.",
        ),
    ],
)
def test_coupling_cue_words(coupling: str, inhale: str, exhale: str) -> None:
    assert coupling_cue(coupling, Phase.INHALE) == inhale
    assert coupling_cue(coupling, Phase.EXHALE) == exhale
    assert coupling_cue(coupling, None) == coupling


def test_holds_name_the_phase() -> None:
    box = BreathPattern(4, 4, 4, 4)
    assert Timeline(box).at(5.0).phase is Phase.HOLD_IN
    assert coupling_cue(MELT, Timeline(box).at(5.0).phase) == f"Holding · {MELT}"
    assert split_coupling(MELT) == ("stay put", "melt onto the ball")


# -- only what changed ---------------------------------------------------------------------
def test_same_frame_again_touches_nothing(
    panel: StepPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel.show_step(state(), pacer(1.0), True)
    texts, bar = panel.text_updates, panel.progress.updates
    calls: list[str] = []
    for label in panel.labels():
        monkeypatch.setattr(label, "setText", lambda text, calls=calls: calls.append(text))
    for _ in range(5):
        panel.show_step(state(), pacer(1.0), True)
    # A new but equal StepState (a fresh object each frame, as the runner makes them).
    panel.show_step(state(item()), pacer(1.01), True)
    assert calls == []
    assert panel.text_updates == texts and panel.progress.updates == bar


def test_progress_repaints_only_after_half_a_pixel(panel: StepPanel) -> None:
    panel.show_step(state(elapsed=12.0), pacer(1.0), True)
    before = panel.progress.updates
    width = panel.progress.width() * panel.progress.devicePixelRatioF()
    duration = item().duration
    tiny = duration * 0.2 / width  # a fifth of a pixel
    panel.show_step(state(elapsed=12.0 + tiny), pacer(1.0), True)
    assert panel.progress.updates == before
    panel.show_step(state(elapsed=12.0 + 3 * tiny), pacer(1.0), True)
    assert panel.progress.updates == before + 1


def test_time_left_changes_on_whole_seconds_only(panel: StepPanel) -> None:
    panel.show_step(state(elapsed=12.0), pacer(1.0), True)
    count = panel.text_updates
    panel.show_step(state(elapsed=12.4), pacer(1.4), True)
    assert panel.text_updates == count and panel.time_left.text() == "0:18"
    panel.show_step(state(elapsed=13.2), pacer(2.2), True)
    assert panel.time_left.text() == "0:17" and panel.text_updates == count + 1


def test_clearing(panel: StepPanel) -> None:
    panel.show_step(state(), pacer(1.0), True)
    panel.show_step(None, None, False)
    assert panel.instruction.text() == panel.header.text() == panel.cue.text() == ""
    assert panel.badge.isHidden() and panel.illustration.illustration_id is None


# -- the illustration ----------------------------------------------------------------------
def test_mirrored_flag_passes_through(panel: StepPanel) -> None:
    panel.show_step(state(item(side="left", mirrored=True)), pacer(1.0), True)
    assert panel.illustration.illustration_id == "two-tone"
    assert panel.illustration.mirrored


def two_tone(qtbot: QtBot, drawings: Path, theme: str) -> Illustration:
    widget = Illustration(drawings)
    qtbot.addWidget(widget)
    widget.setPalette(make_palette(theme))
    widget.setContentsMargins(0, 0, 0, 0)
    widget.resize(200, 100)
    widget.set_illustration("two-tone")
    return widget


def close(a: QColor, b: QColor) -> bool:
    return all(abs(x - y) <= 3 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_recoloured_from_the_palette_and_mirrored(qtbot: QtBot, drawings: Path, theme: str) -> None:
    widget = two_tone(qtbot, drawings, theme)
    palette = make_palette(theme)
    ink, accent = palette.color(QPalette.ColorRole.WindowText), pressure_colour(palette)
    image = widget.grab().toImage()
    assert close(image.pixelColor(40, 50), ink) and close(image.pixelColor(160, 50), accent)
    widget.set_illustration("two-tone", mirrored=True)
    image = widget.grab().toImage()
    assert close(image.pixelColor(40, 50), accent) and close(image.pixelColor(160, 50), ink)
    assert widget.error is None


def test_palette_change_recolours_and_renderers_are_cached(qtbot: QtBot, drawings: Path) -> None:
    widget = two_tone(qtbot, drawings, "light")
    widget.grab()
    widget.setPalette(make_palette("dark"))
    image = widget.grab().toImage()
    assert close(
        image.pixelColor(40, 50), make_palette("dark").color(QPalette.ColorRole.WindowText)
    )
    widget.setPalette(make_palette("light"))
    widget.grab()
    assert len(widget.renderers) == 2  # one per colour pair, reused on the way back
    renders = widget.renders
    widget.grab()
    assert widget.renders == renders  # same size, same colours: the cached pixmap


def test_missing_and_broken_drawings_show_nothing(qtbot: QtBot, drawings: Path) -> None:
    widget = Illustration(drawings)
    qtbot.addWidget(widget)
    widget.resize(200, 100)
    widget.set_illustration("no-such-drawing")
    assert widget.error is not None and "no-such-drawing" in widget.error
    assert not widget.grab().isNull()
    widget.set_illustration("broken")
    assert widget.error is not None and not widget.has_drawing()
    widget.grab()
    widget.set_illustration("grumbles")  # drawn, and QtSvg's complaint kept off the log
    assert widget.error is None and widget.has_drawing() and widget.notes
    widget.grab()
    widget.set_illustration("../two-tone")  # ids are names, never paths
    assert widget.error is not None
    widget.set_illustration(None)
    assert widget.error is None


def test_recolour_and_known_ids(drawings: Path, tmp_path: Path) -> None:
    svg = recolour(
        b'<g stroke="currentColor" fill="#E07a5F"/>', QColor("#123456"), QColor("#abcdef")
    )
    assert svg == b'<g stroke="#123456" fill="#abcdef"/>'
    assert known_illustrations(drawings) == ["broken", "grumbles", "two-tone"]
    assert known_illustrations(tmp_path / "nowhere") == []


# -- looking at it -------------------------------------------------------------------------
def real_or_test_drawing(drawings: Path) -> tuple[Path, str]:
    for name in ("ball-prone-place", "lunge-press"):
        if (SHIPPED / f"{name}.svg").is_file():
            return SHIPPED, name
    return drawings, "two-tone"


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height"), [(560, 440), (1400, 800), (1100, 900)])
def test_grabs_balanced_without_overlap(
    host: QWidget, drawings: Path, theme: str, width: int, height: int
) -> None:
    folder, name = real_or_test_drawing(drawings)
    panel = StepPanel(host, illustrations=folder)
    panel.setPalette(make_palette(theme))
    panel.setGeometry(0, 0, width, height)
    panel.show()
    long_text = item(
        illustration=name,
        text="Lie face down on your forearms. Put the ball under your belly on this side, "
        "just inside the hip bone, and let your forearms hold most of your weight.",
    )
    panel.show_step(state(long_text), pacer(5.0), True)
    QApplication.processEvents()  # layouts settle on a posted event, as in the app
    image = panel.grab().toImage()
    assert (image.width(), image.height()) == (width, height)
    assert panel.illustration.error is None and panel.illustration.has_drawing()

    shown = [w for w in (*panel.labels(), panel.illustration, panel.progress) if w.isVisible()]
    area = panel.rect()
    for widget in shown:
        assert area.contains(widget.geometry()), widget.objectName()
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            assert not a.geometry().intersects(b.geometry()), (a.objectName(), b.objectName())
    # Wrapped words get all the height they ask for: nothing is clipped.
    for label in (panel.instruction, panel.cue, panel.target, panel.next_line):
        assert label.height() >= label.heightForWidth(label.width()), label.objectName()
    # Side by side when wide, the drawing above the words otherwise.
    drawing, words = panel.illustration.geometry(), panel.instruction.geometry()
    if width >= 1.4 * height:
        assert drawing.left() > words.right()
    else:
        assert drawing.bottom() < words.top()
    assert drawing.height() >= 100
