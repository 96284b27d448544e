"""What the file dialogs give back, made into the file the person meant."""

from __future__ import annotations

from pathlib import Path


def typed_path(name: str, chosen_filter: str) -> Path:
    """The file a save dialog gave, with the chosen type's suffix when none was typed
    (choosing "CSV" and typing a bare name means a CSV file, not JSON)."""
    path = Path(name)
    if path.suffix.lower() in (".json", ".csv"):
        return path
    return path.with_name(path.name + (".csv" if "*.csv" in chosen_filter else ".json"))
