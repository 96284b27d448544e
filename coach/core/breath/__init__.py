"""Breathing itself, Qt-free and pure: a pattern of four phases in tenths of a second, the
built-in and the person's own presets, the timeline of one pattern, a schedule of
segments, and the timing a person chooses (length, settle-in, glide).
"""
