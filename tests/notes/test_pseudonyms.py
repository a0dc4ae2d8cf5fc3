"""Issue 13: a resident's pseudonym is one name however it is typed.

Compared after NFC normalisation, trimmed, with runs of white space collapsed, and
case-insensitively, so that a name typed in decomposed form (NFD, as some keyboards and
macOS file names give it) or with a stray space cannot escape ``notes delete --borger``
and ``--search``. Stored normalised (NFC, trimmed, collapsed), so it is shown one way.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from assistant.notes.sqlite import migrate
from assistant.notes.store import DB_NAME, ListFilter, Store

from ..conftest import MINI
from ..walk import samtale

NAME = "Åse Ærø-Bø"
NFD = unicodedata.normalize("NFD", NAME)
SPELLINGS = [NFD, f"{NAME} ", f"  {NAME}", NAME.replace(" ", "   "), NAME.upper(), f"{NFD}\u00a0"]


def started(data: Path, borger: str) -> str:
    result = samtale(
        "start", str(MINI), "--borger", borger, "--plain", stdin="Svar om haven\n", data=data
    )
    assert result.returncode == 0, result.stderr
    return json.loads(samtale("notes", "list", "--json", data=data).stdout)[0]["id"]


def listed(data: Path, *args: str) -> list[dict]:
    result = samtale("notes", "list", "--json", *args, data=data)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_nfd_differs_from_nfc() -> None:
    assert NFD != NAME and len(NFD) > len(NAME)


@pytest.mark.parametrize("typed", SPELLINGS)
def test_delete_borger_finds_the_name_however_it_is_typed(tmp_path: Path, typed: str) -> None:
    data = tmp_path / "data"
    note = started(data, NAME)
    other = started(data, "Stue 3")
    result = samtale("notes", "delete", "--borger", typed, "--ja", data=data)
    assert result.returncode == 0, result.stderr
    assert "1 noter" in result.stdout or "1 note" in result.stdout
    assert [r["id"] for r in listed(data)] == [other]
    assert note not in samtale("notes", "list", data=data).stdout


@pytest.mark.parametrize("typed", SPELLINGS)
def test_search_and_filter_find_the_name_however_it_is_typed(tmp_path: Path, typed: str) -> None:
    data = tmp_path / "data"
    note = started(data, NAME)
    started(data, "Stue 3")
    assert [r["id"] for r in listed(data, "--search", typed)] == [note]
    assert [r["id"] for r in listed(data, "--search", typed.strip()[:4])] == [note]
    assert [r["id"] for r in listed(data, "--borger", typed)] == [note]


@pytest.mark.parametrize("typed", [NFD, f" {NFD}  ", NAME.replace(" ", " \u00a0 ")])
def test_the_name_is_stored_and_shown_normalised(tmp_path: Path, typed: str) -> None:
    data = tmp_path / "data"
    started(data, typed)
    started(data, NAME)
    names = {r["borger"] for r in listed(data)}
    assert names == {NAME}
    raw = (data / DB_NAME).read_bytes() + (
        (data / f"{DB_NAME}-wal").read_bytes() if (data / f"{DB_NAME}-wal").exists() else b""
    )
    assert NFD.encode() not in raw


def test_an_older_database_is_normalised_when_opened(tmp_path: Path, monkeypatch) -> None:
    """Names stored before this version (in NFD, with spaces) are found and deleted too."""
    data = tmp_path / "data"
    with monkeypatch.context() as m:
        m.setattr(migrate, "MIGRATIONS", migrate.MIGRATIONS[:3])
        with Store(data) as old:
            old.save_guide_snapshot("h", "g", "1", "indhold")
            for n, borger in enumerate((f" {NFD} ", "Stue 3")):  # as version 3 stored them
                old._conn.execute(
                    "INSERT INTO sessions (id, guide_id, guide_version, guide_hash, guide_title, "
                    "mode, borger, medarbejder, status, started_at, updated_at, touched, "
                    "borger_key, search_key, sort_key) VALUES (?, 'g', '1', 'h', 'Guide', "
                    "'interview', ?, NULL, 'in_progress', '2026-01-01T10:00:00+01:00', "
                    "'2026-01-01T10:00:00+01:00', ?, ?, ?, julianday('2026-01-01'))",
                    (f"0000000{n}", borger, n, borger.casefold(), f"{borger.casefold()}\x1fguide"),
                )
        conn = sqlite3.connect(data / DB_NAME)
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == 3
        conn.close()
    with Store(data) as new:
        assert [r.borger for r in new.list_sessions(ListFilter(search=NAME))] == [NAME]
        assert new.count_sessions(ListFilter(borger=NAME.lower())) == 1
        assert new.delete_borger(f"{NAME}  ") == 1
        assert [r.borger for r in new.list_sessions()] == ["Stue 3"]


@pytest.mark.parametrize("typed", ["Stue 150709–4827", "Stue 150709-4827 ", "stue 1507094827"])
def test_a_pseudonym_stored_masked_is_found_as_it_was_typed(tmp_path: Path, typed: str) -> None:
    """A pseudonym that held a CPR number is stored as ``Stue XXXXXX-XXXX``. Typed again as it
    was given, it used to find nothing ("Der er ingen noter om ..."): the note could not be
    deleted by the name the staff member used."""
    data = tmp_path / "data"
    note = started(data, "Stue 150709-4827")
    other = started(data, "Stue 3")
    assert [r["id"] for r in listed(data, "--borger", typed)] == [note]
    assert [r["id"] for r in listed(data, "--search", typed)] == [note]
    result = samtale("notes", "delete", "--borger", typed, "--ja", data=data)
    assert result.returncode == 0, result.stderr
    assert "4827" not in result.stdout + result.stderr
    assert [r["id"] for r in listed(data)] == [other]


def test_deleting_one_note_of_a_resident_says_note_not_noter(tmp_path: Path) -> None:
    data = tmp_path / "data"
    started(data, NAME)
    result = samtale("notes", "delete", "--borger", NAME, "--ja", data=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"1 note om {NAME} er slettet helt."), result.stdout


@pytest.mark.parametrize("flag", ["--borger", "--search"])
def test_a_cpr_number_typed_in_a_filter_is_not_repeated(tmp_path: Path, flag: str) -> None:
    data = tmp_path / "data"
    result = samtale("notes", "list", flag, "Stue 150709-4827", data=data)
    assert result.returncode == 0, result.stderr
    assert "Ingen noter" in result.stdout or "ingen noter" in result.stdout
    assert "150709" not in result.stdout + result.stderr
    assert "4827" not in result.stdout + result.stderr
