"""The private PulseAudio server (tests/support/pulse.py) for the sound tests."""

from tests.support.pulse import pulse_server

__all__ = ["pulse_server"]
