"""Crash-safety trials with real processes: a recording app killed with SIGKILL."""
