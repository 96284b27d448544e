"""The `coach` command: the GUI by default, subcommands for work without a window.

Parsing imports no Qt, so `coach --version` and argument errors answer instantly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach import APP_NAME, __version__
from coach.core.breath import PRESETS

THEMES = ("system", "light", "dark")


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line followed by the usage, exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        self.print_usage(sys.stderr)
        sys.exit(2)


def _preset(value: str) -> str:
    ids = [p.id for p in PRESETS]
    if value not in ids:
        raise argparse.ArgumentTypeError(f"unknown preset {value!r} (choose from {', '.join(ids)})")
    return value


def _scale(value: str) -> float:
    try:
        scale = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"scale {value!r} is not a number") from None
    if not 0.5 <= scale <= 4:
        raise argparse.ArgumentTypeError(f"scale {value!r} is out of range 0.5-4")
    return scale


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="coach", description=f"{APP_NAME}: diaphragmatic breathing pacer.")
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where sessions are stored (default: $COACH_DATA_DIR, else the platform's "
        "user data folder)",
    )
    parser.add_argument("--theme", choices=THEMES, default="system", help="colour theme")
    parser.add_argument(
        "--start",
        metavar="PRESET",
        type=_preset,
        help=f"open straight into a running session ({', '.join(p.id for p in PRESETS)})",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    shot = commands.add_parser("screenshot", help="render a view offscreen to a PNG file")
    shot.add_argument("--view", required=True, choices=("pacer",))
    shot.add_argument("--out", required=True, type=Path, metavar="FILE.png")
    shot.add_argument("--theme", choices=("light", "dark"), default="light", dest="shot_theme")
    shot.add_argument("--scale", type=_scale, default=1.0)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from coach.core.paths import data_dir, ensure_private_dir

    folder = ensure_private_dir(data_dir(args.data_dir))
    if args.command == "screenshot":
        from coach.ui.screenshot import render

        out = render(args.view, args.out, args.shot_theme, args.scale, folder)
        print(out)
        return 0
    from coach.ui.app import GuiOptions, run_gui

    return run_gui(GuiOptions(data_dir=folder, theme=args.theme, start_preset=args.start))
