"""The store tests that use only the ``NoteStore`` API run against both backends: ``store``
is parametrised (sqlite, postgres) in the modules of ``BOTH``. A test there that looks inside
the SQLite file (its modes, ``_conn``, the log's bytes, ``DB_NAME``) is marked
``@pytest.mark.sqlite_only`` and runs on SQLite alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.notes.store import Store

BOTH = {"test_store", "test_agreements", "test_erasure", "test_lease", "test_pseudonyms"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "store" not in metafunc.fixturenames or metafunc.module.__name__.split(".")[-1] not in BOTH:
        return
    backends = ["sqlite"]
    if metafunc.definition.get_closest_marker("sqlite_only") is None:
        backends.append("postgres")
    metafunc.parametrize("backend", backends, indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def store(
    backend: str,
    request: pytest.FixtureRequest,
    _isolated_data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
):
    """The store the program opens: SQLite in SAMTALE_DATA_DIR, or (``postgres``) a new
    database on the test server, selected by $SAMTALE_DATABASE_URL as a user would."""
    monkeypatch.chdir(tmp_path)
    s = open_backend(backend, _isolated_data_dir, request, monkeypatch)
    yield s
    s.close()


def open_backend(
    backend: str, data_dir: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Store:
    """A store of ``backend``; for postgres a new database, connected to as the everyday role
    (neither superuser nor owner, so row-level security holds it), selected by
    $SAMTALE_DATABASE_URL as a user would (stores opened later in the test open the same)."""
    if backend != "postgres":
        return Store(data_dir)
    from assistant.notes.store import open_store

    monkeypatch.setenv("SAMTALE_DATABASE_URL", request.getfixturevalue("pg_app_url"))
    return open_store(data_dir)  # type: ignore[return-value]
