"""Every released schema, kept as a real file, opens with this code and loses nothing."""

import shutil
from pathlib import Path

import msgspec
import pytest

from coach.core.clock import FakeWallClock
from coach.core.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, open_store
from tests.fixtures.make_store_fixture import Expected

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RELEASED = sorted(FIXTURES.glob("store-v*.db"))


def test_there_is_a_fixture_for_every_schema_version() -> None:
    versions = sorted(int(p.stem.split("-v")[1]) for p in RELEASED)
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert sorted(MIGRATIONS) == versions


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_an_old_store_migrates_without_loss(fixture: Path, tmp_path: Path) -> None:
    expected = msgspec.json.decode(fixture.with_suffix(".json").read_bytes(), type=Expected)
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(fixture, folder / DB_NAME)
    opened = open_store(folder, FakeWallClock())
    store = opened.store
    try:
        assert opened.notices == []
        assert store.version == SCHEMA_VERSION and store.quick_check()
        assert store.sessions() == expected.sessions
        for record in expected.sessions:
            assert store.samples(record.id) == expected.samples[record.id]
            assert store.events(record.id) == expected.events[record.id]
        assert store.presets() == expected.presets
    finally:
        store.close()
