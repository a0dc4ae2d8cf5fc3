"""Privacy promises, end to end through the real command: the audit trail, search, deletion
that leaves no bytes behind (audit trail included), permissions and the world-readable warning."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.notes.cpr import MASK, mask_cpr, without_nul
from assistant.notes.store import DB_NAME, Store

from ..conftest import MINI
from ..walk import samtale

PSEUDONYM = "Stue-17-Ejnar"


def started(data: Path, borger: str = PSEUDONYM) -> str:
    result = samtale(
        "start",
        str(MINI),
        "--borger",
        borger,
        "--medarbejder",
        "KL",
        "--plain",
        stdin=f"{borger} vil gerne i haven\n",
        data=data,
    )
    assert result.returncode == 0, result.stderr
    listing = json.loads(samtale("notes", "list", "--json", data=data).stdout)
    return next(r["id"] for r in listing if r["borger"] == borger)


def test_audit_trail_records_who_opened_exported_resumed_and_deleted(tmp_path):
    data = tmp_path / "data"
    note = started(data)
    assert samtale("notes", "show", note, "--medarbejder", "AB", data=data).returncode == 0
    out = tmp_path / "n.md"
    export = samtale(
        "notes",
        "export",
        note,
        "--format",
        "md",
        "-o",
        str(out),
        data=data,
        env={"SAMTALE_MEDARBEJDER": "CD"},
    )
    assert export.returncode == 0, export.stderr
    assert samtale("resume", note, "--plain", stdin="", data=data).returncode == 0
    assert (
        samtale("notes", "delete", note, "--ja", "--medarbejder", "EF", data=data).returncode == 0
    )

    trail = json.loads(samtale("notes", "audit", "--json", data=data).stdout)
    got = [(r["action"], r["medarbejder"], r["session_id"]) for r in reversed(trail)]
    assert got[0] == ("opened", "AB", note)
    assert got[1] == ("exported", "CD", note)
    assert got[2][0] == "resumed" and got[2][1]  # the login name when no initials are given
    assert got[3] == ("deleted", "EF", note)
    assert all(PSEUDONYM not in json.dumps(r) for r in trail)
    text = samtale("notes", "audit", note, data=data).stdout
    assert "åbnede" in text and "eksporterede" in text and "slettede" in text and "AB" in text


def test_deleting_a_resident_leaves_no_bytes_anywhere_not_even_in_the_audit_trail(tmp_path):
    data = tmp_path / "data"
    ids = [started(data), started(data)]
    other = started(data, borger="Stue-3-Grete")
    for note in ids:
        samtale("notes", "show", note, "--medarbejder", "AB", data=data)
    result = samtale("notes", "delete", "--borger", PSEUDONYM, "--ja", data=data)
    assert result.returncode == 0 and "2 noter" in result.stdout
    for path in data.iterdir():
        raw = path.read_bytes()
        for needle in (PSEUDONYM, f"{PSEUDONYM} vil gerne i haven", "Ejnar"):
            assert needle.encode() not in raw, (path.name, needle)
    trail = json.loads(samtale("notes", "audit", "--json", data=data).stdout)
    assert trail[0]["action"] == "deleted_borger" and all(i in trail[0]["detail"] for i in ids)
    assert json.loads(samtale("notes", "list", "--json", data=data).stdout)[0]["id"] == other


def test_search_finds_by_pseudonym_guide_title_and_id_and_escapes_wildcards(tmp_path):
    data = tmp_path / "data"
    a, b = started(data), started(data, borger="Værelse 12 (50%)")
    found = lambda text: {  # noqa: E731
        r["id"]
        for r in json.loads(samtale("notes", "list", "--json", "--search", text, data=data).stdout)
    }
    assert found("ejnar") == {a}
    assert found("VÆRELSE") == {b}
    assert found("50%") == {b} and found("%") == {b} and found("_") == set()
    assert found(a[:5]) == {a}
    assert len(found("mini")) == 2 or len(found("Mini")) == 2  # the guide title
    nothing = samtale("notes", "list", "--search", "zzz", data=data)
    assert nothing.returncode == 0 and "Ingen noter passer" in nothing.stdout


def test_files_are_private_and_an_open_existing_directory_is_warned_about(tmp_path):
    data = tmp_path / "data"
    started(data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    os.chmod(data, 0o755)
    os.chmod(data / DB_NAME, 0o644)
    result = samtale("notes", "list", data=data)
    assert result.returncode == 0
    assert "advarsel" in result.stderr and "andre brugere" in result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    again = samtale("notes", "list", data=data)
    assert "advarsel" not in again.stderr


# --- CPR: properties over generated numbers ---------------------------------------------------
DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
valid_cpr = st.builds(
    lambda month, day, year, serial, sep: f"{day:02d}{month:02d}{year:02d}{sep}{serial:04d}",
    st.integers(1, 12).flatmap(lambda m: st.just(m)),
    st.integers(1, 28),
    st.integers(0, 99),
    st.integers(0, 9999),
    st.sampled_from(["", "-", " ", "\u2013", "\u00a0"]),
)
surround = st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=12)


@given(valid_cpr, surround, surround)
def test_any_valid_cpr_inside_any_non_digit_text_is_masked(cpr, before, after):
    masked, count = mask_cpr(before + cpr + after)
    assert count == 1 and masked == without_nul(before) + MASK + without_nul(after)


@given(st.dates(), st.sampled_from(["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%y"]))
def test_dates_are_never_masked(date, fmt):
    text = date.strftime(fmt)
    assert mask_cpr(text) == (text, 0)


@given(st.integers(10_000_000, 99_999_999), st.sampled_from(["", "+45 ", "0045 ", "tlf. "]))
def test_phone_numbers_are_never_masked(number, prefix):
    spaced = " ".join(str(number)[i : i + 2] for i in range(0, 8, 2))
    for text in (f"{prefix}{number}", f"{prefix}{spaced}"):
        assert mask_cpr(text) == (text, 0)


@given(st.integers(0, 23), st.integers(0, 59), st.integers(0, 23), st.integers(0, 59))
def test_times_of_day_are_never_masked(h1, m1, h2, m2):
    text = f"kl. {h1:02d}:{m1:02d}-{h2:02d}:{m2:02d} og {h1:02d}.{m1:02d}"
    assert mask_cpr(text) == (text, 0)


@pytest.mark.parametrize("word", ["CPR0101901234", "nr0101901234x", "ærø010190-1234øre"])
def test_cpr_glued_to_letters_is_masked(word):
    assert mask_cpr(word)[1] == 1


# --- a full disk or a read-only data directory -------------------------------------------------
def _refuse_writes(store: Store, how: str) -> None:
    """Make the store's own connection hit a real SQLite condition: full or read-only."""
    conn = store._conn
    if how == "full":
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
    else:
        conn.execute("PRAGMA query_only = ON")


@pytest.mark.parametrize(("how", "words"), [("full", "fuld"), ("readonly", "skrivebeskyttet")])
def test_refused_write_gives_one_danish_message_keeps_what_was_stored_and_shows_the_note(
    tmp_path, how, words
):
    import io

    from assistant.dialogue.loader import load_guide
    from assistant.plain import run_plain
    from assistant.session import Session

    store = Store(tmp_path / "data")
    session = Session.start(store, load_guide(MINI), borger="Stue 9")
    assert session.answer("Første svar er gemt").ok
    assert session.answer("Rød").ok and session.step.id == "akut"  # a free-text step next
    stored = dict(session.answers)
    _refuse_writes(store, how)
    long_answer = "Det her svar kan ikke gemmes " + "x" * 20_000
    out = io.StringIO()
    code = run_plain(Session.open(store, session.id), io.StringIO(long_answer + "\n"), out)
    text = out.getvalue()
    assert code == 1
    assert "Traceback" not in text
    message = next(line for line in text.splitlines() if line.startswith("Fejl:"))
    assert words in message and "i behold" in message
    assert f"Det sidste, du skrev, blev ikke gemt: {long_answer}" in text  # on screen, not lost
    assert "Første svar er gemt" in text  # the note so far, ready to copy
    store.close()
    with Store(tmp_path / "data") as again:  # what was stored before is intact
        reopened = Session.open(again, session.id)
        assert reopened.answers == stored
        assert again._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_refused_write_through_the_cli_is_one_sentence_not_a_traceback(tmp_path):
    data = tmp_path / "data"
    note = started(data)
    db = data / DB_NAME
    if os.geteuid() == 0:
        pytest.skip("running as root: file modes do not stop writes")
    os.chmod(db, 0o400)
    try:
        result = samtale("resume", note, "--plain", stdin="nyt svar\n", data=data)
    finally:
        os.chmod(db, 0o600)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode in (1, 2)
