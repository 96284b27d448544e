"""One technique drawing from `assets/illustrations/<id>.svg`, in the palette's colours.

The drawings are line figures in `currentColor` with the pressure point in the literal
accent `#E07A5F`. Before the bytes reach `QSvgRenderer` both are replaced by palette
colours (WindowText and `pressure_colour`), so the same file reads on light and dark paper.

QtSvg is imported only when a drawing is first loaded: `known_illustrations()` is used at
start-up to check the content files and must not pull the SVG machinery in with it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from coach.core.assets import asset, assets_dir
from coach.ui.theme import pressure_colour

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

#: The literal accent the drawings use for the pressure point.
SVG_ACCENT = "#E07A5F"
_ACCENT_RE = re.compile(re.escape(SVG_ACCENT), re.IGNORECASE)
# CSS keywords are case-insensitive, so `currentcolor` counts too.
_CURRENT_RE = re.compile(r"currentColor", re.IGNORECASE)
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def illustrations_dir() -> Path:
    """Where the shipped drawings live (it may not exist yet in a bare checkout)."""
    return assets_dir() / "illustrations"


def known_illustrations(folder: Path | None = None) -> list[str]:
    """Ids of the drawings in `folder` (default: the shipped ones), sorted; [] if none."""
    try:
        where = illustrations_dir() if folder is None else folder
        return sorted(p.stem for p in where.glob("*.svg") if p.is_file())
    except OSError:
        return []


def recolour(svg: bytes, line: QColor, accent: QColor) -> bytes:
    """The SVG with `currentColor` as `line` and the pressure accent as `accent`."""
    text = svg.decode("utf-8")
    text = _CURRENT_RE.sub(line.name(QColor.NameFormat.HexRgb), text)
    text = _ACCENT_RE.sub(accent.name(QColor.NameFormat.HexRgb), text)
    return text.encode("utf-8")


class Illustration(QWidget):
    """Draws one technique illustration aspect-fit and centred; optionally mirrored.

    A missing or unreadable drawing shows nothing and leaves the reason in `error`; the
    widget never raises and never logs (the suite treats any Qt warning as a failure, and a
    half-drawn file from the illustrators must not take a session down).

    No signals.
    """

    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self._id: str | None = None
        self._mirrored = False
        self.error: str | None = None
        """Why the current drawing is not shown (None when it is, or when there is none)."""
        self.notes: list[str] = []
        """What QtSvg said while loading the current drawing (unsupported features...)."""
        # Renderers by (id, line colour, accent colour); None remembers a failed load.
        self.renderers: dict[tuple[str, str, str], QSvgRenderer | None] = {}
        self._errors: dict[tuple[str, str, str], tuple[str | None, list[str]]] = {}
        # The last rendering, reused while neither the size nor the drawing changes.
        self._pixmap: QPixmap | None = None
        self._pixmap_key: tuple[object, ...] = ()
        self.max_scale: float | None = None
        """Largest scale from viewBox units to pixels (None: fill the widget). Line art past
        about 1.5x turns heavy: the strokes grow with the drawing."""
        self.renders = 0
        """How many times the SVG was rendered into the cached pixmap (for tests)."""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(96, 60)
        self.setAccessibleName("Technique illustration")
        self.setAccessibleDescription("No drawing")  # its owner says what is drawn

    # -- API ------------------------------------------------------------------------------
    @property
    def illustration_id(self) -> str | None:
        return self._id

    @property
    def mirrored(self) -> bool:
        return self._mirrored

    def set_illustration(self, illustration_id: str | None, mirrored: bool = False) -> None:
        """Show drawing `illustration_id` (None: nothing); `mirrored` flips it left-right."""
        if illustration_id == self._id and mirrored == self._mirrored:
            return
        self._id = illustration_id
        self._mirrored = mirrored
        self._refresh_error()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 300)

    def has_drawing(self) -> bool:
        """True when the current id loads into a valid drawing (loads it if needed)."""
        return self._renderer() is not None

    # -- loading --------------------------------------------------------------------------
    def _key(self) -> tuple[str, str, str] | None:
        if self._id is None:
            return None
        palette = self.palette()
        line = palette.color(QPalette.ColorRole.WindowText).name()
        return (self._id, line, pressure_colour(palette).name())

    def _path(self, illustration_id: str) -> Path:
        if self._folder is None:
            return asset("illustrations", f"{illustration_id}.svg")  # raises if missing
        return self._folder / f"{illustration_id}.svg"

    def _refresh_error(self) -> None:
        key = self._key()
        if key is None:
            self.error, self.notes = None, []
            return
        self._renderer()

    def _renderer(self) -> QSvgRenderer | None:
        key = self._key()
        if key is None:
            return None
        if key not in self.renderers:
            self.renderers[key], error, notes = self._load(key)
            self._errors[key] = (error, notes)
        self.error, notes = self._errors[key]
        self.notes = list(notes)
        return self.renderers[key]

    def _load(self, key: tuple[str, str, str]) -> tuple[QSvgRenderer | None, str | None, list[str]]:
        illustration_id, line, accent = key
        # Ids come from content files: keep them to plain names, never a path.
        if not _ID_RE.match(illustration_id):
            return None, f"not an illustration id: {illustration_id!r}", []
        try:
            path = self._path(illustration_id)
            data = path.read_bytes()
            svg = recolour(data, QColor(line), QColor(accent))
        except FileNotFoundError:
            return None, f"no drawing called '{illustration_id}'", []
        except (OSError, UnicodeDecodeError) as error:
            return None, f"drawing '{illustration_id}' cannot be read: {error}", []

        from PySide6.QtCore import QByteArray, QtMsgType, qInstallMessageHandler
        from PySide6.QtSvg import QSvgRenderer

        notes: list[str] = []

        def keep(mode: QtMsgType, context: object, message: str) -> None:
            notes.append(message)

        # QtSvg warns about anything it does not support; those words belong to the
        # illustrators' checks, not the user's log, so they are kept on the widget instead.
        previous = qInstallMessageHandler(keep)
        try:
            renderer = QSvgRenderer(QByteArray(svg), self)
        finally:
            qInstallMessageHandler(previous)
        if not renderer.isValid() or renderer.viewBoxF().isEmpty():
            renderer.deleteLater()
            detail = f": {notes[0]}" if notes else ""
            return None, f"drawing '{illustration_id}' is not a valid SVG{detail}", notes
        # Keep the drawing's own proportions whatever size we paint it at.
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        return renderer, None, notes

    # -- painting -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # The colours are part of the renderer key: the next paint picks the new ones.
            self._refresh_error()
            self.update()

    def target_rect(self) -> QRectF:
        """Where the drawing lands: aspect-fit and centred in the contents rect."""
        renderer = self._renderer()
        area = QRectF(self.contentsRect())
        if renderer is None or area.isEmpty():
            return QRectF()
        box = renderer.viewBoxF()
        scale = min(area.width() / box.width(), area.height() / box.height())
        if self.max_scale is not None:
            scale = min(scale, self.max_scale)
        w, h = box.width() * scale, box.height() * scale
        return QRectF(area.center().x() - w / 2, area.center().y() - h / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:
        renderer = self._renderer()
        if renderer is None:
            return
        target = self.target_rect()
        if target.isEmpty():
            return
        dpr = self.devicePixelRatioF()
        key = (
            self._key(),
            self._mirrored,
            round(target.width() * dpr),
            round(target.height() * dpr),
        )
        if self._pixmap is None or key != self._pixmap_key:
            self._pixmap = self._render(renderer, target, dpr)
            self._pixmap_key = key
        painter = QPainter(self)
        # Sub-pixel origins are fine: the pixmap is drawn at its own device pixels.
        painter.drawPixmap(target.topLeft(), self._pixmap)
        painter.end()

    def _render(self, renderer: QSvgRenderer, target: QRectF, dpr: float) -> QPixmap:
        # Rendered once per size into a device-pixel pixmap: the panel around it repaints at
        # up to 60 Hz and an SVG render each time would cost far more than a blit.
        pixmap = QPixmap(max(1, round(target.width() * dpr)), max(1, round(target.height() * dpr)))
        pixmap.setDevicePixelRatio(dpr)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        w, h = target.width(), target.height()
        if self._mirrored:
            # The other side is the same drawing flipped about its vertical centre line.
            painter.translate(w, 0.0)
            painter.scale(-1.0, 1.0)
        renderer.render(painter, QRectF(0.0, 0.0, w, h))
        painter.end()
        self.renders += 1
        return pixmap
