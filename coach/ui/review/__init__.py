"""The review screens: history, one session in detail, trends (see review_window.py).

Left without code on purpose: the pyqtgraph cost is paid only by review_window.
"""
