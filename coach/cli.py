"""The `coach` command: the GUI by default, subcommands for work without a window.

Parsing imports no Qt, so `coach --version` and argument errors answer instantly.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coach import APP_NAME, __version__
from coach.core.breath.presets import PRESETS

# The screenshot command's views (coach.ui.screenshot.VIEWS; a test checks they agree):
# listed here so `--help` and a bad --view answer without loading Qt.
SCREENSHOT_VIEWS = (
    "pacer",
    "start",
    "session",
    "settle-in",
    "guidance",
    "step",
    "info",
    "ease-off",
    "stop-offer",
    "stop",
    "side-change",
    "cool-down",
    "rating",
    "safety",
    "finished",
    "timing",
    "history",
    "session-detail",
    "trends",
)

if TYPE_CHECKING:
    from coach.core.store.store import Store

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


def _size(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,4})x(\d{3,4})", value)
    if not match or not (800 <= int(match[1]) <= 3840 and 560 <= int(match[2]) <= 2160):
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a size like 1024x640 (800x560 up to 3840x2160)"
        )
    return int(match[1]), int(match[2])


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return int(value)


def _day(value: str) -> date:
    # Only the one spelling: fromisoformat alone would also take 20260105 or 2026-W02-1.
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-01-05 (YYYY-MM-DD)")


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
    shot.add_argument(
        "--view",
        required=True,
        choices=SCREENSHOT_VIEWS,
    )
    shot.add_argument("--routine", metavar="ID", help="the routine shown (default: desk-break)")
    shot.add_argument(
        "--demo",
        action="store_true",
        help="review views: fill a temporary store with generated sessions (never yours)",
    )
    shot.add_argument(
        "--size", type=_size, default=(1024, 640), metavar="WxH", help="window size (1024x640)"
    )
    shot.add_argument(
        "--step", type=_positive_int, default=1, metavar="N", help="the routine's item N (from 1)"
    )
    shot.add_argument("--out", required=True, type=Path, metavar="FILE.png")
    shot.add_argument("--theme", choices=("light", "dark"), default="light", dest="shot_theme")
    shot.add_argument("--scale", type=_scale, default=1.0)

    export = commands.add_parser(
        "export",
        help="write sessions to a JSON or CSV file (no window needed)",
        description="Write the stored sessions to a file. JSON holds everything (sessions, "
        "samples, events, presets) and can be imported again; CSV is for spreadsheets.",
    )
    export.add_argument(
        "--format",
        choices=("json", "csv"),
        default="json",
        dest="fmt",
        help="json (default): everything, and can be imported again; csv: for spreadsheets",
    )
    export.add_argument(
        "--out",
        metavar="FILE",
        help="where to write; '-' or none: standard output (JSON only). CSV writes "
        "FILE.csv (one row per session) and FILE-samples.csv beside it",
    )
    export.add_argument(
        "--since",
        type=_day,
        metavar="YYYY-MM-DD",
        help="only sessions started on or after this day (from midnight UTC)",
    )
    export.set_defaults(command_parser=export)
    imp = commands.add_parser(
        "import",
        help="add the sessions and presets from a coach JSON export (no window needed)",
        description="Add the sessions and presets from a file written by `coach export`. "
        "The whole file is checked first: if anything is wrong, nothing is imported. "
        "Sessions already here are skipped; a preset whose name is taken gets a new name.",
    )
    imp.add_argument("file", type=Path, metavar="FILE")
    check = commands.add_parser(
        "check",
        help="validate technique or routine files (TOML or JSON) without starting the coach",
        description="Check technique and routine files the way the coach loads them. A "
        "routine may use the shipped techniques, those in your content folder, and those "
        "in the other files given. Exit status 1 when any file has a problem.",
    )
    check.add_argument("files", type=Path, nargs="+", metavar="FILE")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from coach.core.paths import data_dir, ensure_private_dir

    if args.command == "check":
        return _check(args.files, data_dir(args.data_dir, os.environ))
    if args.command == "export" and args.fmt == "csv" and args.out in (None, "-"):
        args.command_parser.error("argument --out: a file is needed with --format csv")
    folder = data_dir(args.data_dir, os.environ)
    try:
        ensure_private_dir(folder)
    except OSError as error:
        reason = error.strerror or str(error)
        if args.command in ("export", "import"):
            sys.stderr.write(
                f"coach {args.command}: cannot use the data folder {folder}: {reason}\n"
            )
            return 1
        # The window still opens: sessions are kept in memory and it says why.
        sys.stderr.write(f"coach: cannot use the data folder {folder}: {reason}\n")
    if args.command == "export":
        return _export(args, folder)
    if args.command == "import":
        return _import(args, folder)
    if args.command == "screenshot":
        from coach.ui.screenshot import render

        try:
            out = render(
                args.view,
                args.out,
                args.shot_theme,
                args.scale,
                folder,
                args.routine,
                args.step,
                args.size,
                args.demo,
            )
        except ValueError as error:
            sys.stderr.write(f"coach screenshot: {error}\n")
            return 2
        print(out)
        return 0
    from coach.ui.app import GuiOptions, run_gui

    return run_gui(GuiOptions(data_dir=folder, theme=args.theme, start_preset=args.start))


# -- export / import: no window, no Qt ------------------------------------------------------
def _open_store(folder: Path, prog: str) -> Store | None:
    from coach.core.clock import SystemWallClock
    from coach.core.store.errors import StoreError
    from coach.core.store.opening import open_store

    try:
        # A window may be recording in this folder: leave in-progress sessions alone.
        opened = open_store(folder, SystemWallClock(), recover=False)
    except StoreError as error:
        sys.stderr.write(f"{prog}: {error}\n")
        return None
    for notice in opened.notices:
        sys.stderr.write(f"{prog}: {notice}\n")
    return opened.store


def _export(args: argparse.Namespace, folder: Path) -> int:
    from coach.core.store.errors import StoreError
    from coach.core.store.exchange import ExportSummary, collect, encode_export, export_store

    prog = "coach export"
    store = _open_store(folder, prog)
    if store is None:
        return 1
    to_stdout = args.out in (None, "-")
    target = "standard output" if to_stdout else args.out
    try:
        if to_stdout:
            export = collect(store, args.since)
            data = encode_export(export)
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            summary = ExportSummary.of(export, "json", (), len(data))
        else:
            summary = export_store(store, Path(args.out), args.fmt, args.since)
    except BrokenPipeError:
        # `coach export | head`: the reader left; say nothing more on a closed pipe.
        _silence_stdout()
        return 1
    except OSError as error:
        sys.stderr.write(f"{prog}: could not write {target}: {error.strerror or error}\n")
        return 1
    except StoreError as error:
        sys.stderr.write(f"{prog}: {error}\n")
        return 1
    finally:
        store.close()
    sys.stderr.write(summary.describe() + "\n")
    if summary.too_big_to_import:
        sys.stderr.write(
            f"{prog}: warning: at {summary.size / 1e6:.1f} MB this file is larger than "
            "`coach import` accepts; use --since to export in parts\n"
        )
    return 0


def _import(args: argparse.Namespace, folder: Path) -> int:
    from coach.core.store.errors import StoreError
    from coach.core.store.exchange import ImportRejected, import_export, read_export

    prog = "coach import"
    path: Path = args.file
    # The file is read and checked before the store is opened: a typo or a bad file
    # leaves the data folder exactly as it was.
    try:
        export = read_export(path)
    except ImportRejected as error:
        sys.stderr.write(f"{prog}: {error}\n")
        return 1
    except OSError as error:
        sys.stderr.write(f"{prog}: {path}: {error.strerror or error}\n")
        return 1
    store = _open_store(folder, prog)
    if store is None:
        return 1
    try:
        summary = import_export(store, export)
    except StoreError as error:
        sys.stderr.write(f"{prog}: nothing was imported: {error}\n")
        return 1
    finally:
        store.close()
    print(summary)
    return 0


def _check(files: list[Path], folder: Path) -> int:
    from coach.core.assets import assets_dir, illustration_ids
    from coach.core.content.library import check_files, load_library, user_content_dir

    pictures = illustration_ids()
    installed = load_library(assets_dir() / "content", user_content_dir(folder), pictures)
    lines, problems = check_files(files, installed, pictures)
    for line in lines:
        print(line)
    for problem in problems:
        sys.stderr.write(f"coach check: {problem}\n")
    return 1 if problems else 0


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush can't fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
