"""A session as it runs, Qt-free: the breathing runner and the routine runner turn
`tick(now)` into events, and the cues put each moment into words.
"""
