"""Export of notes as JSON and Markdown."""

from __future__ import annotations

import json

import pytest

from assistant.notes.export import (
    note_to_json,
    note_to_json_text,
    note_to_markdown,
)
from assistant.notes.model import Action, Note, NoteAnswer, NoteSection

AT = "2026-12-24T14:30:00+01:00"


def answer(key: str, label: str, value: object, display: str) -> NoteAnswer:
    return NoteAnswer(
        step=f"step_{key}",
        key=key,
        prompt=f"Spørgsmål om {label}?",
        label=label,
        value=value,
        display=display,
        answered_at=AT,
    )


def make_note(**overrides: object) -> Note:
    note = Note(
        id="ab12cd34",
        title="Værdighedssamtale med stue 12",
        guide_id="vaerdighedshjulet",
        guide_version="1.2",
        guide_title="Værdighedshjulet",
        guide_hash="f" * 64,
        mode="interview",
        borger="Stue 12",
        medarbejder="Mette",
        status="completed",
        started_at="2026-12-24T14:00:00+01:00",
        updated_at=AT,
        sections=[
            NoteSection(
                "Trivsel",
                [
                    answer("trivsel", "Trivsel", "groen", "Grøn – trives"),
                    answer("ok", "Er alt i orden?", True, "Ja"),
                ],
            ),
            NoteSection(
                "Ønsker",
                [
                    answer(
                        "oensker",
                        "Ønsker",
                        "Første afsnit\nanden linje\n\nAndet afsnit",
                        "Første afsnit\nanden linje\n\nAndet afsnit",
                    ),
                ],
            ),
            NoteSection("Tom", []),
        ],
        actions=[
            Action("Bestil | frisør", "Anna", "2027-01-05"),
            Action("Ring til datter\nom besøg", "Bo | Ib", ""),
        ],
        followup="2027-02-01",
        followup_who="Mette",
        missing=["Hvad har borgeren brug for?"],
        checklist_after=["Skriv i journalen", "Følg op på aftaler"],
    )
    for name, value in overrides.items():
        setattr(note, name, value)
    return note


# ---------------------------------------------------------------------------- JSON


def test_json_structure() -> None:
    data = note_to_json(make_note())
    assert data["format"] == "samtale-note"
    assert data["format_version"] == 1
    assert data["id"] == "ab12cd34"
    assert data["title"] == "Værdighedssamtale med stue 12"
    assert data["guide"] == {
        "id": "vaerdighedshjulet",
        "version": "1.2",
        "title": "Værdighedshjulet",
        "hash": "f" * 64,
    }
    assert (data["mode"], data["borger"], data["medarbejder"]) == ("interview", "Stue 12", "Mette")
    assert data["status"] == "completed"
    assert data["started_at"] == "2026-12-24T14:00:00+01:00"
    assert data["updated_at"] == AT
    assert [a["key"] for a in data["answers"]] == ["trivsel", "ok", "oensker"]
    assert data["answers"][0] == {
        "step": "step_trivsel",
        "key": "trivsel",
        "prompt": "Spørgsmål om Trivsel?",
        "label": "Trivsel",
        "value": "groen",
        "display": "Grøn – trives",
        "answered_at": AT,
        "section": "Trivsel",
    }
    assert data["answers"][1]["value"] is True
    assert data["answers"][2]["section"] == "Ønsker"
    assert data["actions"] == [
        {"what": "Bestil | frisør", "who": "Anna", "when": "2027-01-05"},
        {"what": "Ring til datter\nom besøg", "who": "Bo | Ib", "when": ""},
    ]
    assert data["followup"] == {"date": "2027-02-01", "who": "Mette"}
    assert data["missing"] == ["Hvad har borgeren brug for?"]
    assert data["checklist_after"] == ["Skriv i journalen", "Følg op på aftaler"]


def test_json_text_round_trips_and_keeps_unicode() -> None:
    note = make_note()
    text = note_to_json_text(note)
    assert json.loads(text) == note_to_json(note)
    assert "Værdighedshjulet" in text  # ensure_ascii=False
    assert '\n  "format": "samtale-note"' in text  # indent 2


def test_note_answers_property_flattens_sections() -> None:
    assert [a.key for a in make_note().answers] == ["trivsel", "ok", "oensker"]


def test_json_keeps_control_characters_exactly_but_escaped() -> None:
    nasty = "rød\x1b[31mtekst\x00\x07\x7f\x9b2J\tslut"
    note = make_note(
        sections=[NoteSection("S", [answer("k", "L", nasty, nasty)])],
        borger="B\x1b]0;titel\x07",
    )
    text = note_to_json_text(note)
    for raw in ("\x1b", "\x00", "\x07", "\x7f", "\x9b"):
        assert raw not in text
    data = json.loads(text)
    assert data["answers"][0]["value"] == nasty
    assert data["answers"][0]["display"] == nasty
    assert data["borger"] == "B\x1b]0;titel\x07"


# ------------------------------------------------------------------------ Markdown


def test_markdown_layout() -> None:
    md = note_to_markdown(make_note())
    lines = md.splitlines()
    assert lines[0] == "# Værdighedssamtale med stue 12"
    assert "- **Borger:** Stue 12" in lines
    assert "- **Medarbejder:** Mette" in lines
    assert "- **Guide:** Værdighedshjulet (version 1.2)" in lines
    assert "- **Dato:** 24-12-2026 kl. 14:00" in lines
    assert "- **Status:** Afsluttet" in lines
    assert "## Trivsel" in lines
    assert "## Ønsker" in lines
    assert "## Tom" not in lines  # a section without answers is left out
    assert "**Trivsel**\n\nGrøn – trives\n" in md
    assert "**Er alt i orden?**\n\nJa\n" in md
    # Multi-line text keeps its lines and paragraphs.
    assert "**Ønsker**\n\nFørste afsnit\nanden linje\n\nAndet afsnit\n" in md
    # Sections come in order, then agreements, follow-up, missing, checklist.
    order = [
        md.index("## Trivsel"),
        md.index("## Ønsker"),
        md.index("| Hvad | Hvem | Hvornår |"),
        md.index("Opfølgning:"),
        md.index("## Mangler"),
        md.index("## Efter samtalen"),
    ]
    assert order == sorted(order)
    assert "Opfølgning: 01-02-2027 (Mette)" in lines
    assert "- Hvad har borgeren brug for?" in lines
    assert "- [ ] Skriv i journalen" in lines
    assert "- [ ] Følg op på aftaler" in lines
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_markdown_table_escaping() -> None:
    md = note_to_markdown(make_note())
    lines = md.splitlines()
    header = lines.index("| Hvad | Hvem | Hvornår |")
    assert lines[header + 1] == "|---|---|---|"
    assert lines[header + 2] == "| Bestil \\| frisør | Anna | 05-01-2027 |"
    assert lines[header + 3] == "| Ring til datter<br>om besøg | Bo \\| Ib |  |"
    # Every table row has exactly four unescaped pipes, i.e. three cells.
    for row in lines[header : header + 4]:
        assert row.replace("\\|", "").count("|") == 4


def test_markdown_table_windows_newline() -> None:
    md = note_to_markdown(make_note(actions=[Action("a\r\nb", "c", "")]))
    assert "| a<br>b | c |  |" in md


@pytest.mark.parametrize(
    ("status", "danish"),
    [("in_progress", "I gang"), ("completed", "Afsluttet"), ("abandoned", "Afbrudt")],
)
def test_markdown_status_in_danish(status: str, danish: str) -> None:
    assert f"- **Status:** {danish}" in note_to_markdown(make_note(status=status))


def test_markdown_practice_without_borger_or_agreements() -> None:
    md = note_to_markdown(
        make_note(
            mode="practice",
            borger=None,
            medarbejder=None,
            actions=[],
            followup=None,
            followup_who=None,
            missing=[],
            checklist_after=[],
        )
    )
    assert "Borger" not in md
    assert "Medarbejder" not in md
    assert "- **Type:** Øvelse" in md
    for absent in ("| Hvad |", "Opfølgning", "## Mangler", "## Efter samtalen", "## Aftaler"):
        assert absent not in md


def test_markdown_followup_without_actions() -> None:
    md = note_to_markdown(make_note(actions=[], followup="2027-03-15", followup_who=None))
    assert "Opfølgning: 15-03-2027" in md.splitlines()
    assert "| Hvad |" not in md


def test_user_text_preserved_as_typed() -> None:
    long_text = ("Lang tekst æøå ÆØÅ 😀 " * 250)[:5000]
    assert len(long_text) == 5000
    markup = "[bold]fed[/] [red]rød[/red] [/] [link=x]y[/link] *stjerne* 👵🏻☕"
    note = make_note(
        title="[bold]Titel[/] 😀",
        borger="Åse [b]",
        sections=[
            NoteSection(
                "Noter [i]",
                [answer("lang", "Lang", long_text, long_text), answer("m", "M", markup, markup)],
            )
        ],
        actions=[Action("Kaffe ☕ [bold]nu[/]", "Ærlige Ødis", "")],
    )
    md = note_to_markdown(note)
    assert long_text in md
    assert markup in md
    assert "# [bold]Titel[/] 😀" in md
    assert "- **Borger:** Åse [b]" in md
    assert "## Noter [i]" in md
    assert "| Kaffe ☕ [bold]nu[/] | Ærlige Ødis |  |" in md
    data = json.loads(note_to_json_text(note))
    assert data["answers"][0]["value"] == long_text
    assert data["answers"][1]["display"] == markup
    assert data["title"] == "[bold]Titel[/] 😀"


def test_markdown_escapes_control_characters() -> None:
    nasty = "før\x1b[2Jefter\x00nul\x7fdel\x9bcsi\x85nel\rcr\tfane\nny linje"
    note = make_note(
        title="T\x1b[31m",
        borger="B\x1b]0;x\x07",
        sections=[NoteSection("S\x1b", [answer("k", "L\x1b", nasty, nasty)])],
        actions=[Action("a\x1b", "b\x00", "")],
        missing=["m\x1b"],
        checklist_after=["c\x1b"],
    )
    md = note_to_markdown(note)
    for code in range(0x20):
        if chr(code) not in "\n\t":
            assert chr(code) not in md, hex(code)
    for code in range(0x7F, 0xA0):
        assert chr(code) not in md, hex(code)
    assert "\ufffd" not in md
    assert "før\\x1b[2Jefter\\x00nul\\x7fdel\\x9bcsi\\x85nel\\x0dcr\tfane\nny linje" in md
    assert "# T\\x1b[31m" in md
    assert "- **Borger:** B\\x1b]0;x\\x07" in md
    assert "## S\\x1b" in md
    assert "**L\\x1b**" in md
    assert "| a\\x1b | b\\x00 |  |" in md
    assert "- m\\x1b" in md
    assert "- [ ] c\\x1b" in md


def test_markdown_empty_answer() -> None:
    note = make_note(sections=[NoteSection("S", [answer("k", "Tom", None, "")])])
    assert "**Tom**\n\n(intet svar)\n" in note_to_markdown(note)
