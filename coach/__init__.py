"""A desktop coach for diaphragmatic breathing and psoas / hip-flexor self-massage."""

__version__ = "0.1.0"
APP_NAME = "Breath Coach"
APP_ID = "coach"
