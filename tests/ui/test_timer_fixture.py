"""The suite's guard against timers left running actually fails such a test."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytest_plugins = ["pytester"]


def test_a_test_leaving_a_timer_running_fails(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest(
        "from tests.conftest import no_running_timers, private_dirs  # noqa: F401\n"
    )
    pytester.makepyfile(
        """
        from PySide6.QtCore import QObject, QTimer

        def test_leaky(qtbot):
            owner = QObject()
            timer = QTimer(owner)
            timer.start(1000)
            test_leaky.keep = owner  # survives the test

        def test_tidy(qtbot):
            timer = QTimer()
            timer.start(1000)
            timer.stop()
        """
    )
    result = pytester.runpytest_subprocess("-q")
    # The call passes; the teardown check turns it into an error.
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*left 1 QTimer(s) running*"])
