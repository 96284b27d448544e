"""Settings beside the store: defaults, a damaged file set aside, the safety answer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.core.content.safety import SafetyAnswer, needs_asking
from coach.core.settings import Settings, load_settings, save_settings


def test_defaults_when_there_is_no_file(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == (Settings(), [])


def test_a_round_trip_keeps_the_safety_answer(tmp_path: Path) -> None:
    when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    save_settings(tmp_path, Settings().with_safety(when, applies=True))
    settings, notices = load_settings(tmp_path)
    assert notices == [] and settings.safety_answer() == SafetyAnswer(when, True)
    assert (tmp_path / "settings.json").stat().st_mode & 0o777 == 0o600


def test_a_damaged_file_is_set_aside_and_defaults_are_used(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(
        '{"safety_answered_at": "2024-13-45T00:00:00Z", "safety_applies": false}'
    )
    settings, notices = load_settings(tmp_path)
    assert settings == Settings()
    assert "settings.json.unreadable" in notices[0]
    assert (tmp_path / "settings.json.unreadable").exists()


def test_the_questions_come_back_after_ninety_days_or_from_a_future_date() -> None:
    now = datetime(2026, 6, 1, tzinfo=UTC)
    assert needs_asking(None, now)
    assert not needs_asking(SafetyAnswer(now - timedelta(days=89), False), now)
    assert needs_asking(SafetyAnswer(now - timedelta(days=90), False), now)
    assert needs_asking(SafetyAnswer(now + timedelta(days=30), False), now)


def test_unknown_fields_from_a_newer_coach_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"version": 3, "wellness_noted": true, "x": 1}')
    settings, notices = load_settings(tmp_path)
    assert notices == [] and settings.wellness_noted
