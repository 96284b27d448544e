"""Calm light and dark palettes. Every colour a widget paints comes from the palette."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
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


def resolve_theme(theme: str) -> str:
    """'system' becomes 'light' or 'dark' by the desktop's colour scheme."""
    if theme != "system":
        return theme
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def make_palette(theme: str) -> QPalette:
    palette = QPalette()
    for role, colour in (_DARK if theme == "dark" else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    # Disabled text is a softened WindowText in both themes.
    soft = QColor(palette.color(QPalette.ColorRole.WindowText))
    soft.setAlphaF(0.45)
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
    mouse click leaves no ring behind.
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
            _ring(option, painter)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
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


def _ring(option: QStyleOption, painter: QPainter, always: bool = False) -> None:
    state = option.state
    if not state & QStyle.StateFlag.State_HasFocus:
        return
    if not always and not state & QStyle.StateFlag.State_KeyboardFocusChange:
        return
    palette = option.palette
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2.0))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(option.rect).adjusted(1.0, 1.0, -1.0, -1.0), 4.0, 4.0)
    painter.restore()


def apply_theme(app: QApplication, theme: str) -> str:
    """Fusion style with our palette (and clear focus rings); returns the theme applied."""
    if theme not in THEMES:
        raise ValueError(f"theme: {theme!r} is not one of {', '.join(THEMES)}")
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle("Fusion"))
    resolved = resolve_theme(theme)
    app.setPalette(make_palette(resolved))
    return resolved


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
_ZONES = {
    "light": {"comfortable": "#4f9a6a", "working": "#c98f2e", "too_much": "#c4553f"},
    "dark": {"comfortable": "#79bf8f", "working": "#e0b15c", "too_much": "#e57f69"},
}
_PRESSURE = {"light": "#d0684a", "dark": "#ee9a80"}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def zone_colour(palette: QPalette, key: str) -> QColor:
    """Colour of a zone of the 0-10 scale ('comfortable', 'working', 'too_much')."""
    return QColor(_ZONES["dark" if is_dark(palette) else "light"][key])


def pressure_colour(palette: QPalette) -> QColor:
    """The accent for where pressure goes (illustrations, the target band)."""
    return QColor(_PRESSURE["dark" if is_dark(palette) else "light"])


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
