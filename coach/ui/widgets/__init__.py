"""Small widgets shared by several screens: the notice bar, the drawing of one breath
cycle, file-name helpers for dialogs, and what screen readers are told (`announce`, and
the spoken form of times and lists in `spoken`).
"""
