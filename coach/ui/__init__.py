"""PySide6 widgets. Thin: they draw state objects from `coach.core` and emit intents."""
