"""Render every drawing in this folder into one PNG, on light paper and on dark, for looking.

Each drawing is recoloured as the step panel does (`currentColor` becomes the theme's text
colour, `#E07A5F` its pressure accent), rendered with QtSvg at step-panel size (480x300) and
tiled with its id underneath: first every drawing on light paper, then every one on dark.

    QT_QPA_PLATFORM=offscreen .venv/bin/python assets/illustrations/montage.py [OUT.png]
        [--only ID ...] [--mirrored] [--columns N] [--theme both|light|dark]

OUT defaults to /tmp/drawings-montage.png. `--only` renders just those ids (handy to look at
one drawing at full size), `--mirrored` flips them as the app does for the left side.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CELL_W, CELL_H, LABEL_H, GAP = 480, 300, 26, 12
# The palette colours the app uses (coach/ui/theme.py): paper, text, pressure accent.
THEMES = (
    ("light", "#f3f0ea", "#2d3436", "#d0684a"),
    ("dark", "#1d2326", "#e4e1da", "#ee9a80"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="/tmp/drawings-montage.png")
    parser.add_argument("--only", nargs="+", metavar="ID", help="render just these drawings")
    parser.add_argument("--mirrored", action="store_true", help="flip left-right (left side)")
    parser.add_argument("--columns", type=int, default=4)
    parser.add_argument("--theme", choices=("both", "light", "dark"), default="both")
    args = parser.parse_args(argv)
    themes = [t for t in THEMES if args.theme in ("both", t[0])]

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QByteArray, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    paths = sorted(HERE.glob("*.svg"))
    if args.only:
        paths = [HERE / f"{name}.svg" for name in args.only]
    columns = max(1, min(args.columns, len(paths)))
    rows = -(-len(paths) // columns)
    block_h = rows * (CELL_H + LABEL_H + GAP) + GAP
    width = columns * (CELL_W + GAP) + GAP
    image = QImage(width, block_h * len(themes), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(16)
    painter.setFont(font)
    for block, (_, paper, ink, accent) in enumerate(themes):
        top = block * block_h
        painter.fillRect(0, top, width, block_h, QColor(paper))
        for n, path in enumerate(paths):
            x = GAP + (n % columns) * (CELL_W + GAP)
            y = top + GAP + (n // columns) * (CELL_H + LABEL_H + GAP)
            text = path.read_text(encoding="utf-8")
            text = text.replace("currentColor", ink).replace("#E07A5F", accent)
            renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
            renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            # A faint frame marks the step panel's edge, so crowding at the border shows.
            painter.setPen(QColor(ink).lighter(100))
            painter.setOpacity(0.15)
            painter.drawRect(x, y, CELL_W - 1, CELL_H - 1)
            painter.setOpacity(1.0)
            painter.save()
            if args.mirrored:
                painter.translate(x + CELL_W, y)
                painter.scale(-1.0, 1.0)
            else:
                painter.translate(x, y)
            renderer.render(painter, QRectF(0, 0, CELL_W, CELL_H))
            painter.restore()
            painter.setPen(QColor(ink))
            painter.drawText(
                QRectF(x, y + CELL_H, CELL_W, LABEL_H), Qt.AlignmentFlag.AlignCenter, path.stem
            )
    painter.end()
    image.save(args.out)
    print(args.out)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
