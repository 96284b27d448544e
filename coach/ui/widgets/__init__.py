"""Small widgets shared by several screens: the notice bar, the drawing of one breath
cycle, file-name helpers for dialogs.
"""
