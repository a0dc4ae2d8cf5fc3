from __future__ import annotations

from pathlib import Path

import pytest

from assistant.dialogue.loader import load_guide
from assistant.notes.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "guides" / "mini.yaml"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's own notes or cache: every test gets its own directories."""
    data = tmp_path / "data"
    monkeypatch.setenv("SAMTALE_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the guide index
    return data


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture
def mini():
    return load_guide(MINI)
