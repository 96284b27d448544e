"""What the coach plays: the soft chime, loaded and played on the default audio output,
silent with one notice where sound cannot play.
"""
