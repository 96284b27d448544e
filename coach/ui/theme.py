"""Calm light and dark palettes, and a high-contrast pair of each for when the desktop asks
for it. Every colour a widget paints comes from the palette.

Also what the desktop prefers, where Qt says: high contrast (`QStyleHints.accessibility()
.contrastPreference()`, Qt 6.10) and reduced motion (`.motionPreference()`, Qt 6.12).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionButton,
    QStyleOptionComplex,
    QWidget,
)

THEMES = ("system", "light", "dark")

# (role, colour) pairs; warm paper with a sea-green accent in light, slate with sage in dark.
_LIGHT = {
    QPalette.ColorRole.Window: "#f3f0ea",
    QPalette.ColorRole.WindowText: "#2d3436",
    QPalette.ColorRole.Base: "#fbfaf7",
    QPalette.ColorRole.AlternateBase: "#ebe7df",
    QPalette.ColorRole.Text: "#2d3436",
    QPalette.ColorRole.PlaceholderText: "#8a8f8c",
    QPalette.ColorRole.Button: "#e9e5dc",
    QPalette.ColorRole.ButtonText: "#2d3436",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#2f8a80",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#256f67",
    QPalette.ColorRole.ToolTipBase: "#fbfaf7",
    QPalette.ColorRole.ToolTipText: "#2d3436",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e2ddd3",
    QPalette.ColorRole.Mid: "#c4beb2",
    QPalette.ColorRole.Dark: "#8d877b",
    QPalette.ColorRole.Shadow: "#5b574f",
    QPalette.ColorRole.Accent: "#2f8a80",
}
_DARK = {
    QPalette.ColorRole.Window: "#1d2326",
    QPalette.ColorRole.WindowText: "#e4e1da",
    QPalette.ColorRole.Base: "#252c30",
    QPalette.ColorRole.AlternateBase: "#2b3337",
    QPalette.ColorRole.Text: "#e4e1da",
    QPalette.ColorRole.PlaceholderText: "#8b948f",
    QPalette.ColorRole.Button: "#2b3337",
    QPalette.ColorRole.ButtonText: "#e4e1da",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#69c0b3",
    QPalette.ColorRole.HighlightedText: "#10201e",
    QPalette.ColorRole.Link: "#7fd0c4",
    QPalette.ColorRole.ToolTipBase: "#2b3337",
    QPalette.ColorRole.ToolTipText: "#e4e1da",
    QPalette.ColorRole.Light: "#3a4348",
    QPalette.ColorRole.Midlight: "#323a3f",
    QPalette.ColorRole.Mid: "#4a5459",
    QPalette.ColorRole.Dark: "#6d777b",
    QPalette.ColorRole.Shadow: "#0b0e10",
    QPalette.ColorRole.Accent: "#69c0b3",
}


# High contrast: the same warm paper and sea-green, pushed to the ends of the scale. Every
# text role reads at 7:1 or more on the paper it sits on (WCAG AAA), the outline roles (Mid,
# Dark, Shadow) are strong enough to draw edges with, and the accent stays a colour so the
# focus ring and the filled part of a bar still stand apart from the text.
_LIGHT_HIGH = {
    QPalette.ColorRole.Window: "#fffdf8",
    QPalette.ColorRole.WindowText: "#000000",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f0ede6",
    QPalette.ColorRole.Text: "#000000",
    QPalette.ColorRole.PlaceholderText: "#474747",
    QPalette.ColorRole.Button: "#f0ede6",
    QPalette.ColorRole.ButtonText: "#000000",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#00564e",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#004a43",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#000000",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#d9d5cc",
    QPalette.ColorRole.Mid: "#6b675f",
    QPalette.ColorRole.Dark: "#2b2925",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Accent: "#00564e",
}
_DARK_HIGH = {
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#0b0e0f",
    QPalette.ColorRole.AlternateBase: "#1a1f21",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#c4c9c6",
    QPalette.ColorRole.Button: "#1a1f21",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#86eadb",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.Link: "#9ff3e6",
    QPalette.ColorRole.ToolTipBase: "#1a1f21",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.Light: "#3a4348",
    QPalette.ColorRole.Midlight: "#2b3337",
    QPalette.ColorRole.Mid: "#9aa4a8",
    QPalette.ColorRole.Dark: "#d6dcde",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Accent: "#86eadb",
}
# Text on its paper at or above this ratio marks a high-contrast palette (ours are near
# 20:1; the calm ones stay near 11-12:1).
HIGH_CONTRAST_RATIO = 16.0


def resolve_theme(theme: str) -> str:
    """'system' becomes 'light' or 'dark' by the desktop's colour scheme."""
    if theme != "system":
        return theme
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def make_palette(theme: str, high_contrast: bool = False) -> QPalette:
    """The palette of a resolved theme ('light' or 'dark'), in high contrast if asked."""
    if high_contrast:
        colours = _DARK_HIGH if theme == "dark" else _LIGHT_HIGH
    else:
        colours = _DARK if theme == "dark" else _LIGHT
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    # Disabled text is a softened WindowText in every theme (less softened in high
    # contrast: still told apart, still readable).
    soft = QColor(palette.color(QPalette.ColorRole.WindowText))
    soft.setAlphaF(0.6 if high_contrast else 0.45)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, soft)
    return palette


class FocusRingStyle(QProxyStyle):
    """Fusion, with keyboard focus drawn as a clear ring in the accent colour.

    Fusion's own focus hint is a faint tint, lost from a metre away: after Tab, the focused
    button, picker, slider or list entry gets a 2-pixel ring. Only for keyboard focus, so a
    mouse click leaves no ring behind. In a high-contrast palette the ring is 3 pixels and
    buttons, pickers and fields get a firm edge: Fusion draws theirs from the window colour
    (darker by 40%), which on white or black paper is barely there.
    """

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if element == QStyle.ControlElement.CE_PushButton:
            # Flat buttons have no edge to firm up; the default button keeps Fusion's
            # accent-tinted one, which already stands out.
            own_edge = QStyleOptionButton.ButtonFeature.Flat | (
                QStyleOptionButton.ButtonFeature.DefaultButton
            )
            if not (isinstance(option, QStyleOptionButton) and option.features & own_edge):
                _edge(option, painter)
            _ring(option, painter)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox):
            _edge(option, painter)
        if control in (
            QStyle.ComplexControl.CC_ComboBox,
            QStyle.ComplexControl.CC_ToolButton,
            QStyle.ComplexControl.CC_Slider,
            QStyle.ComplexControl.CC_SpinBox,
        ):
            _ring(option, painter)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            _ring(option, painter, always=True)  # list entries, check boxes: Qt asks for it
            return
        super().drawPrimitive(element, option, painter, widget)
        if element == QStyle.PrimitiveElement.PE_PanelLineEdit:
            _edge(option, painter)


def _edge(option: QStyleOption, painter: QPainter) -> None:
    """A control's edge in high contrast: one pixel of the palette's Dark (5:1 or more)."""
    palette = option.palette
    if not is_high_contrast(palette):
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Dark), 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2.0, 2.0)
    painter.restore()


def _ring(option: QStyleOption, painter: QPainter, always: bool = False) -> None:
    state = option.state
    if not state & QStyle.StateFlag.State_HasFocus:
        return
    if not always and not state & QStyle.StateFlag.State_KeyboardFocusChange:
        return
    palette = option.palette
    # In high contrast the ring is wider: a 2-pixel line is what a calm theme needs, a
    # person who asked for contrast gets one that cannot be missed.
    width = 3.0 if is_high_contrast(palette) else 2.0
    inset = width / 2
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), width))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(option.rect).adjusted(inset, inset, -inset, -inset), 4.0, 4.0)
    painter.restore()


def apply_theme(app: QApplication, theme: str, high_contrast: bool | None = None) -> str:
    """Fusion style with our palette (and clear focus rings); returns the theme applied
    ('light' or 'dark').

    `high_contrast` None follows the desktop (`system_prefers_high_contrast`); True or
    False is a choice the person made in the app.
    """
    if theme not in THEMES:
        raise ValueError(f"theme: {theme!r} is not one of {', '.join(THEMES)}")
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle("Fusion"))
    resolved = resolve_theme(theme)
    if high_contrast is None:
        high_contrast = system_prefers_high_contrast()
    app.setPalette(make_palette(resolved, high_contrast))
    return resolved


# -- what the desktop prefers ----------------------------------------------------------------
# Read through getattr: QStyleHints.accessibility() is Qt 6.10, motionPreference() is Qt
# 6.12; an older PySide6 simply has no answer, which reads as "no preference".
# The style hints' Python wrapper is held while its accessibility hints are used: when it
# goes, PySide6 (6.11) marks the child's wrapper deleted ("Internal C++ object already
# deleted") although Qt still has it.
def _preference(getter: str, enum: str, value: str) -> bool:
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    wanted = getattr(getattr(Qt, enum, None), value, None)
    if accessibility is None or wanted is None:
        return False
    read = getattr(accessibility(), getter, None)
    return read is not None and bool(read() == wanted)


def system_prefers_high_contrast() -> bool:
    """The desktop asks for high contrast (Qt 6.10+; False before, and on platforms that do
    not say, such as offscreen)."""
    return _preference("contrastPreference", "ContrastPreference", "HighContrast")


def system_prefers_reduced_motion() -> bool:
    """The desktop asks for less motion.

    Qt 6.8 to 6.11 expose no such preference (QStyleHints has none, QAccessibilityHints
    only the contrast); Qt 6.12 added `QAccessibilityHints.motionPreference()`. Without it
    this is False: the person can still choose reduced motion in the app.
    """
    return _preference("motionPreference", "MotionPreference", "ReducedMotion")


def on_system_preferences_changed(
    app: QGuiApplication, callback: Callable[[], None]
) -> list[QMetaObject.Connection]:
    """Call `callback` when the desktop's contrast or motion preference changes (the ones
    this Qt can report); returns the connections (for `QObject.disconnect`)."""
    hints = app.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:
        return []
    source = accessibility()
    connections = []
    for name in ("contrastPreferenceChanged", "motionPreferenceChanged"):
        signal = getattr(source, name, None)
        if signal is not None:
            connections.append(signal.connect(lambda _preference: callback()))
    return connections


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """Mix two palette colours: t=0 gives a, t=1 gives b."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        a.alphaF() + (b.alphaF() - a.alphaF()) * t,
    )


# The feel scale's zones and the pressure point in illustrations: warm tones that read on
# both papers, softened in dark so they do not glare.
# In high contrast they are deeper on light paper and brighter on black, each at 4.5:1 or
# more against its paper (they fill shapes and mark bands; the words beside them are ink).
_ZONES = {
    "light": {"comfortable": "#4f9a6a", "working": "#c98f2e", "too_much": "#c4553f"},
    "dark": {"comfortable": "#79bf8f", "working": "#e0b15c", "too_much": "#e57f69"},
    "light-high": {"comfortable": "#1f6b3c", "working": "#7a5200", "too_much": "#a3261a"},
    "dark-high": {"comfortable": "#8ee3a8", "working": "#ffd27a", "too_much": "#ffa08c"},
}
_PRESSURE = {
    "light": "#d0684a",
    "dark": "#ee9a80",
    "light-high": "#a5381a",
    "dark-high": "#ffb39e",
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour: 0 for black, 1 for white."""

    def linear(channel: float) -> float:
        if channel <= 0.04045:
            return channel / 12.92
        return float(((channel + 0.055) / 1.055) ** 2.4)

    rgb = QColor(colour).toRgb()
    return (
        0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours, 1 (none) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_high_contrast(palette: QPalette) -> bool:
    """The palette is one of the high-contrast ones (or as strong as they are)."""
    return (
        contrast_ratio(
            palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.WindowText),
            palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Window),
        )
        >= HIGH_CONTRAST_RATIO
    )


def _variant(palette: QPalette) -> str:
    name = "dark" if is_dark(palette) else "light"
    return f"{name}-high" if is_high_contrast(palette) else name


def zone_colour(palette: QPalette, key: str) -> QColor:
    """Colour of a zone of the 0-10 scale ('comfortable', 'working', 'too_much')."""
    return QColor(_ZONES[_variant(palette)][key])


def pressure_colour(palette: QPalette) -> QColor:
    """The accent for where pressure goes (illustrations, the target band)."""
    return QColor(_PRESSURE[_variant(palette)])


# -- shades of the palette shared by the start screen and the timing panel -----------------
def soft_colour(
    palette: QPalette, group: QPalette.ColorGroup = QPalette.ColorGroup.Normal
) -> QColor:
    """The second line: text eased toward the paper, still above 4.5:1 contrast."""
    text = palette.color(group, QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Base)
    return blend(text, base, 0.32)


def note_colour(palette: QPalette) -> QColor:
    """Caution notes: the theme's amber pulled toward the text colour so it reads as words
    (plain amber on paper is too faint to read comfortably)."""
    text = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Text)
    return blend(zone_colour(palette, "working"), text, 0.4)


def heading_colour(palette: QPalette) -> QColor:
    text = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Text)
    accent = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Highlight)
    return blend(text, accent, 0.55)


# -- helpers -------------------------------------------------------------------------------
