"""The Qt-free heart of the coach: breathing (`breath`), what it teaches (`content`),
sessions as they run (`session`) and everything stored (`store`), on injected clocks;
nothing here imports PySide6, pyqtgraph or `coach.ui` (checked by `make lint`).
"""
