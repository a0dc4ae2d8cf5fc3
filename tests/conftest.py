from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.dialogue.loader import load_guide
from assistant.notes.store import open_store

# Where the tests find the repository, the bundled guides and their own files.
ROOT = Path(__file__).resolve().parent.parent
DIALOGUES = ROOT / "dialogues"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent / "data"
MINI = FIXTURES / "guides" / "mini.yaml"


# SAMTALE_TEST_BACKEND=postgres runs every test on a new PostgreSQL database (as the
# everyday role) instead of SQLite, except those marked sqlite_only: .ci/run does so for the
# tests of the layers above the store (sessions, practice, the CLI and the TUI).
BACKEND = os.environ.get("SAMTALE_TEST_BACKEND", "sqlite")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: looks inside the SQLite store's files")


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Path:
    """Never touch the user's own notes or cache: every test gets its own directories (and,
    with SAMTALE_TEST_BACKEND=postgres, its own database)."""
    data = tmp_path / "data"
    monkeypatch.setenv("SAMTALE_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the guide index
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no samtale.toml
    monkeypatch.setenv("SAMTALE_DATABASE_URL", "")  # recorded, so that it is restored after
    monkeypatch.delenv("SAMTALE_DATABASE_URL")  # SQLite unless a test asks
    monkeypatch.delenv("SAMTALE_AFDELING", raising=False)
    if BACKEND == "postgres" and request.node.get_closest_marker("sqlite_only") is None:
        monkeypatch.setenv("SAMTALE_DATABASE_URL", request.getfixturevalue("pg_app_url"))
    return data


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server for the whole run (tests/pg.py), or a skip saying why."""
    from tests.pg import Cluster, bindir, unavailable

    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install 'samtale[postgres]')")
    found = bindir()
    if found is None:
        unavailable("no initdb found (pg_config --bindir, /usr/lib/postgresql/*/bin)")
    cluster = Cluster(found)  # type: ignore[arg-type]
    try:
        cluster.start()
    except (RuntimeError, OSError) as exc:
        cluster.stop()
        unavailable(f"the test cluster did not start: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """The URL of a new, empty database on the test server, as its superuser."""
    return pg_cluster.new_database()


@pytest.fixture
def pg_app_url(pg_cluster) -> str:
    """The URL of a new database as the PCs use it in production: the everyday role, held by
    row-level security, in a database its owner has migrated (tests/pg.py)."""
    return str(pg_cluster.app_database()[1])


@pytest.fixture
def store(_isolated_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The store the program itself opens (SAMTALE_DATA_DIR), with the working directory in
    ``tmp_path`` so that exports to the current folder stay there."""
    monkeypatch.chdir(tmp_path)
    s = open_store(_isolated_data_dir)
    yield s
    s.close()


@pytest.fixture
def mini():
    return load_guide(MINI)
