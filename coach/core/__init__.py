"""Qt-free domain of the coach: breath patterns, the pacer timeline, the session runner.

Nothing under `coach.core` may import PySide6, pyqtgraph or `coach.ui` (tested).
"""
