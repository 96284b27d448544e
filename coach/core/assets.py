"""Finding the shipped assets, from a checkout and from an installed wheel alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def assets_dir() -> Path:
    """The assets folder: inside the package when installed from a wheel (the build maps the
    top-level `assets/` there), else the checkout's top-level `assets/` (editable install)."""
    for candidate in (_PACKAGE / "assets", _PACKAGE.parent / "assets"):
        if (candidate / "icons").is_dir():
            return candidate
    raise FileNotFoundError(
        f"the coach's assets are missing: looked in {_PACKAGE / 'assets'} and "
        f"{_PACKAGE.parent / 'assets'}; reinstall the package"
    )


def asset(*parts: str) -> Path:
    path = assets_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"asset not found: {path}")
    return path


def illustration_ids() -> list[str]:
    """The technique drawings shipped (file stems under assets/illustrations)."""
    folder = assets_dir() / "illustrations"
    return sorted(p.stem for p in folder.glob("*.svg")) if folder.is_dir() else []
