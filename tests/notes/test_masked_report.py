"""Issue 13: masking is never silent. Each note keeps how many CPR-like numbers were removed
(pseudonym, initials, answers, practice turns, trio feedback), and the home screen, the note
and ``samtale notes show`` say so; initials and trio feedback are masked and the user told."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from assistant.dialogue.loader import load_guide
from assistant.notes.cpr import MASK
from assistant.notes.export import note_to_json, note_to_markdown
from assistant.notes.store import DB_NAME, Store
from assistant.plain import run_practice_plain
from assistant.practice import Practice
from assistant.roleplay.persona import bundled_personas
from assistant.session import Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.practice import TrioPracticeScreen

from ..conftest import MINI
from ..pilot import keys, run, side_entries
from ..walk import samtale

CPR_A, CPR_B, CPR_C = "01.02.03-4821", "110305 - 4822", "21 04 05 4823"


def paused_note(store: Store, answer: str, borger: str = "Stue 8") -> Session:
    session = Session.start(store, load_guide(MINI), borger=borger)
    assert session.answer(answer).ok
    session.pause()
    return session


def raw(data: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data.iterdir() if p.is_file())


def test_the_count_is_kept_with_the_note_and_shown_in_it(store: Store) -> None:
    session = paused_note(store, f"Hun sagde {CPR_A} og {CPR_B}", borger=f"Stue {CPR_C}")
    assert store.get_session(session.id).numbers_removed == 3
    note = session.note()
    assert "3 numre fjernet" in note_to_markdown(note)
    assert note_to_json(note)["numbers_removed"] == 3
    one = paused_note(store, f"Kun ét: {CPR_A}")
    assert "1 nummer fjernet" in note_to_markdown(one.note())
    none = paused_note(store, "Intet nummer her")
    assert "fjernet" not in note_to_markdown(none.note())


def test_notes_show_says_how_many_numbers_were_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = samtale(
        "start", str(MINI), "--borger", "Stue 2", "--plain", stdin=f"{CPR_A} {CPR_B}\n", data=data
    )
    assert result.returncode == 0, result.stderr
    assert "CPR" in result.stdout  # told at once, in line mode too
    note = json.loads(samtale("notes", "list", "--json", data=data).stdout)[0]
    assert note["numbers_removed"] == 2
    shown = samtale("notes", "show", note["id"], data=data)
    assert shown.returncode == 0 and "2 numre fjernet" in shown.stdout
    assert b"4821" not in raw(data) and b"4822" not in raw(data)


def test_home_screen_says_how_many_numbers_were_removed(store: Store) -> None:
    two = paused_note(store, f"{CPR_A} og {CPR_B}", borger="Stue 5")
    one = paused_note(store, f"{CPR_C}", borger="Stue 6")
    clean = paused_note(store, "Intet her", borger="Stue 7")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, HomeScreen)
        entries = side_entries(app.screen, "fortsaet") + side_entries(app.screen, "note")

        def entry(session: Session) -> str:
            return next(line for line in entries if f"id {session.id}" in line)

        assert "2 numre fjernet" in entry(two)
        assert "1 nummer fjernet" in entry(one)
        assert "fjernet" not in entry(clean)

    run(create_app(store), scenario)


def test_initials_with_a_cpr_number_are_masked_and_the_user_told(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = samtale(
        "start",
        str(MINI),
        "--borger",
        "Stue 9",
        "--medarbejder",
        CPR_A,
        "--plain",
        stdin="svar\n",
        data=data,
    )
    assert result.returncode == 0, result.stderr
    assert "initialer" in result.stdout.lower() and MASK in result.stdout
    assert "pseudonym" not in result.stdout.split("Formål")[0]  # it was not the pseudonym
    note = json.loads(samtale("notes", "list", "--json", data=data).stdout)[0]
    assert note["medarbejder"] == MASK and note["numbers_removed"] == 1
    shown = samtale("notes", "show", note["id"], "--medarbejder", CPR_B, data=data)
    assert shown.returncode == 0
    assert MASK in shown.stderr and "4822" not in shown.stderr  # told, for the audit trail
    assert b"4821" not in raw(data) and b"4822" not in raw(data)


def test_practice_initials_are_masked_and_told_in_line_mode(store: Store) -> None:
    persona = bundled_personas()[0]
    practice = Practice.start(store, load_guide(MINI), persona, medarbejder=CPR_A, seed=3)
    out = io.StringIO()
    run_practice_plain(practice, io.StringIO("/pause\n"), out)
    text = out.getvalue()
    assert MASK in text and "CPR" in text
    assert store.get_session(practice.session.id).medarbejder == MASK


@pytest.mark.parametrize("trio", [False, True])
def test_practice_turns_and_trio_feedback_are_counted_and_told(store: Store, trio: bool) -> None:
    persona = bundled_personas()[0]
    practice = Practice.start(store, load_guide(MINI), persona, seed=3, trio=trio)
    if trio:
        script = f"/feedback\nGod samtale, men hun sagde {CPR_A}\n\n/slut\n"
    else:
        script = f"Hvad er dit cpr, er det {CPR_A}?\n/slut\n"
    out = io.StringIO()
    assert run_practice_plain(practice, io.StringIO(script), out) == 0
    text = out.getvalue()
    assert "CPR" in text and MASK in text
    assert "4821" not in text.split("/slut")[-1]
    assert store.get_session(practice.session.id).numbers_removed == 1
    assert b"4821" not in raw(store.data_dir)
    opened = Practice.open(store, practice.session.id)
    assert "1 nummer fjernet" in note_to_markdown(opened.note())
    opened.close()


def test_trio_feedback_in_the_tui_is_masked_on_screen_and_the_user_told(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(TrioPracticeScreen, "AUTOSAVE", 0.05)
    persona = bundled_personas()[0]

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, TrioPracticeScreen)
        await keys(pilot, "f4")
        screen.query_one("#feedback", TextArea).insert(f"Hun sagde {CPR_B} højt")
        await pilot.pause(0.3)
        area = screen.query_one("#feedback", TextArea)
        assert area.text == f"Hun sagde {MASK} højt"
        assert screen.practice.feedback == area.text
        assert any("CPR" in message for _, message in app.notices)
        assert store.get_session(screen.session.id).numbers_removed == 1

    run(create_app(store, guide=load_guide(MINI), persona=persona, trio=True, seed=3), scenario)
    assert b"4822" not in raw(store.data_dir)
    assert (store.data_dir / DB_NAME).exists()


@pytest.mark.parametrize("from_home", [False, True])
def test_practice_initials_are_masked_and_told_in_the_tui(store: Store, from_home: bool) -> None:
    """``samtale practice GUIDE --persona P --medarbejder ...`` and the practice start screen."""
    from assistant.tui.screens.practice import PracticeStartScreen

    persona = bundled_personas()[0]
    mini = load_guide(MINI)

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        if from_home:
            await keys(pilot, "o")
            assert isinstance(app.screen, PracticeStartScreen)
            await keys(pilot, "enter", "enter", "tab", *CPR_A, "enter")
        assert any("CPR" in title + message for title, message in app.notices), app.notices

    if from_home:
        app = create_app(store, guides=[mini], seed=3)
    else:
        app = create_app(store, guide=mini, persona=persona, medarbejder=CPR_A, seed=3)
    run(app, scenario)
    [record] = store.list_sessions()
    assert record.medarbejder == MASK and record.numbers_removed == 1
