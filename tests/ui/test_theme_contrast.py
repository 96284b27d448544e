"""Contrast, measured as WCAG 2 defines it: the calm palettes keep their text at 4.5:1 or
more on its paper, the high-contrast ones at 7:1 or more, and the high-contrast look is what
the desktop's preference (where Qt reports one) or the person's choice brings. Also what
the desktop says about motion, and the firmer edges and wider focus ring in high contrast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionFocusRect, QStyleOptionFrame

from coach.ui import theme
from coach.ui.theme import (
    FocusRingStyle,
    apply_theme,
    contrast_ratio,
    is_high_contrast,
    make_palette,
    pressure_colour,
    relative_luminance,
    soft_colour,
    zone_colour,
)

R = QPalette.ColorRole
# Each text role on the paper it is drawn on.
TEXT_PAIRS = [
    (R.WindowText, R.Window),
    (R.Text, R.Base),
    (R.Text, R.AlternateBase),
    (R.ButtonText, R.Button),
    (R.ToolTipText, R.ToolTipBase),
]
# Only required of the high-contrast palettes (the calm ones keep their softer accent).
HIGH_ONLY_PAIRS = [
    (R.HighlightedText, R.Highlight),
    (R.PlaceholderText, R.Base),
    (R.Link, R.Base),
    (R.Link, R.Window),
]
THEMES = ["light", "dark"]


def ratio(palette: QPalette, text: QPalette.ColorRole, paper: QPalette.ColorRole) -> float:
    return contrast_ratio(palette.color(text), palette.color(paper))


@pytest.fixture
def keep_app_look(qapp: QApplication) -> Iterator[QApplication]:
    """The style and palette the suite had are put back afterwards."""
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


# -- the measure ----------------------------------------------------------------------------
def test_luminance_and_contrast_are_wcags() -> None:
    assert relative_luminance(QColor("#000000")) == 0.0
    assert relative_luminance(QColor("#ffffff")) == pytest.approx(1.0)
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)
    # Known values: #767676 is the lightest grey at 4.5:1 on white, #595959 at 7:1.
    assert contrast_ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(QColor("#595959"), QColor("#ffffff")) == pytest.approx(7.0, abs=0.01)
    # The order of the two colours does not matter.
    assert contrast_ratio(QColor("#ffffff"), QColor("#767676")) == pytest.approx(4.54, abs=0.01)


# -- the palettes ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", THEMES)
def test_calm_palettes_keep_text_at_four_and_a_half_to_one(name: str) -> None:
    palette = make_palette(name)
    assert not is_high_contrast(palette)
    for text, paper in TEXT_PAIRS:
        assert ratio(palette, text, paper) >= 4.5, (name, text, paper)
    assert contrast_ratio(soft_colour(palette), palette.color(R.Base)) >= 4.5


@pytest.mark.parametrize("name", THEMES)
def test_high_contrast_palettes_keep_text_at_seven_to_one(name: str) -> None:
    palette = make_palette(name, high_contrast=True)
    assert is_high_contrast(palette)
    assert ratio(palette, R.WindowText, R.Window) >= 16.0
    for text, paper in TEXT_PAIRS + HIGH_ONLY_PAIRS:
        assert ratio(palette, text, paper) >= 7.0, (name, text, paper)
    assert contrast_ratio(soft_colour(palette), palette.color(R.Base)) >= 7.0
    # The accent (focus ring, the filled part of the pacer's bar) and the edges of
    # controls stand out from the paper as WCAG asks of the parts of a control (3:1).
    for role in (R.Highlight, R.Dark, R.Mid):
        assert ratio(palette, role, R.Window) >= 3.0, (name, role)
    # The light and dark ones stay light and dark.
    assert (palette.color(R.Window).lightnessF() < 0.5) == (name == "dark")


@pytest.mark.parametrize("name", THEMES)
def test_high_contrast_zones_and_pressure_stand_out(name: str) -> None:
    calm, high = make_palette(name), make_palette(name, high_contrast=True)
    paper = high.color(R.Window)
    for key in ("comfortable", "working", "too_much"):
        assert contrast_ratio(zone_colour(high, key), paper) >= 4.5, key
        assert contrast_ratio(zone_colour(high, key), paper) > contrast_ratio(
            zone_colour(calm, key), calm.color(R.Window)
        )
    assert contrast_ratio(pressure_colour(high), paper) >= 4.5


# -- which palette is applied ---------------------------------------------------------------
@pytest.mark.parametrize("name", THEMES)
def test_apply_theme_follows_the_desktops_contrast(
    keep_app_look: QApplication, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    app = keep_app_look
    monkeypatch.setattr(theme, "system_prefers_high_contrast", lambda: True)
    assert apply_theme(app, name) == name
    assert is_high_contrast(app.palette())
    # A choice made in the app wins over the desktop's.
    apply_theme(app, name, high_contrast=False)
    assert not is_high_contrast(app.palette())
    monkeypatch.setattr(theme, "system_prefers_high_contrast", lambda: False)
    apply_theme(app, name)
    assert not is_high_contrast(app.palette())
    apply_theme(app, name, high_contrast=True)
    assert is_high_contrast(app.palette())


def test_the_desktop_says_nothing_offscreen(qapp: QApplication) -> None:
    """The offscreen platform has no accessibility settings: no preference either way."""
    assert theme.system_prefers_high_contrast() is False
    assert theme.system_prefers_reduced_motion() is False
    assert theme.system_prefers_high_contrast() is False  # asked twice, still answered


def test_reduced_motion_needs_qt_6_12(qapp: QApplication) -> None:
    hints = qapp.styleHints().accessibility()
    if hasattr(Qt, "MotionPreference") and hasattr(hints, "motionPreference"):
        pytest.skip("this Qt reports the desktop's motion preference")
    assert theme.system_prefers_reduced_motion() is False


def test_a_change_of_the_desktops_contrast_is_heard(qapp: QApplication) -> None:
    heard: list[str] = []
    connections = theme.on_system_preferences_changed(qapp, lambda: heard.append("changed"))
    try:
        hints = qapp.styleHints().accessibility()
        hints.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
        assert heard == ["changed"]
    finally:
        for connection in connections:
            QObject.disconnect(connection)
    hints.contrastPreferenceChanged.emit(Qt.ContrastPreference.NoPreference)
    assert heard == ["changed"]  # heard no more once disconnected


# -- edges and rings ------------------------------------------------------------------------
def _draw(palette: QPalette, element: QStyle.PrimitiveElement, option: object) -> QImage:
    image = QImage(120, 40, QImage.Format.Format_ARGB32)
    image.fill(palette.color(R.Window))
    style = FocusRingStyle("Fusion")
    painter = QPainter(image)
    style.drawPrimitive(element, option, painter)  # type: ignore[arg-type]
    painter.end()
    return image


def _close(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


@pytest.mark.parametrize("name", THEMES)
def test_the_focus_ring_is_wider_in_high_contrast(qapp: QApplication, name: str) -> None:
    depths = []
    for high in (False, True):
        palette = make_palette(name, high_contrast=high)
        option = QStyleOptionFocusRect()
        option.rect = QRect(0, 0, 120, 40)
        option.palette = palette
        option.state = QStyle.StateFlag.State_HasFocus
        image = _draw(palette, QStyle.PrimitiveElement.PE_FrameFocusRect, option)
        ring = palette.color(R.Highlight)
        depths.append(sum(_close(image.pixelColor(60, y), ring) for y in range(6)))
    assert depths == [2, 3]


@pytest.mark.parametrize("name", THEMES)
def test_fields_have_a_firm_edge_in_high_contrast(qapp: QApplication, name: str) -> None:
    edges = []
    for high in (False, True):
        palette = make_palette(name, high_contrast=high)
        option = QStyleOptionFrame()
        option.rect = QRect(0, 0, 120, 40)
        option.palette = palette
        option.lineWidth = 1
        option.state = QStyle.StateFlag.State_Enabled
        image = _draw(palette, QStyle.PrimitiveElement.PE_PanelLineEdit, option)
        edges.append(contrast_ratio(image.pixelColor(60, 0), palette.color(R.Window)))
    calm, firm = edges
    assert firm >= 4.5 and firm > calm
