"""Free breathing's timing: the quick pattern and length pickers, the timing panel (typed
phases, pace and ratio, length, settle-in, glide) and the person's presets.
"""
