"""The breathing pacer: the figure whose belly rises and falls with the breath, and the
cue, countdown and progress beside it.
"""
