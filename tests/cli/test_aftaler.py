"""`samtale aftaler` and `samtale borger` (issue 16) through the real command line: agreements
made in a conversation, listed, seen as overdue once their date has passed, marked done (with
the audit trail and the history on the resident's timeline), and written as a calendar file."""

from __future__ import annotations

import json
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from assistant.cli import main

from ..conftest import MINI
from ..walk import samtale
from ..walk_agreements import with_agreements

TODAY = date.today()


def typed(days: int) -> str:
    """A date as staff type it, ``days`` from today."""
    return (TODAY + timedelta(days=days)).strftime("%d-%m-%Y")


def iso(days: int) -> str:
    return (TODAY + timedelta(days=days)).isoformat()


ROWS = [
    f"Følge Inger til sang torsdag ; Lone ; {typed(7)}",
    f"Ringe til datteren ; kontaktperson ; {typed(-3)}",  # made a week ago, due 3 days ago
    "Finde de gamle fotoalbum frem ; Lone",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def ids_by_what(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    code, out, _ = run(capsys, "aftaler", "--json")
    assert code == 0
    return {a["hvad"]: a["id"] for a in json.loads(out)}


# ----------------------------------------------------------------------------- a conversation


def test_agreements_made_in_a_plain_conversation_are_listed_and_the_passed_one_is_overdue(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    answers = [
        "Oda",
        "rød",
        "Ring til lægen i dag",
        "1",
        "3",
        "1",  # theme: Mad
        "1, 3",
        "3",  # leave the hub
        f"Gå en tur i haven ; Oda ; {typed(-2)}",
        f"Ring til datteren ; KB ; {typed(5)}",
        "",
        "om 2 uger",
    ]
    started = samtale(
        "start", str(MINI), "--borger", "AB", "--plain", stdin="\n".join(answers) + "\n", data=data
    )
    assert started.returncode == 0, started.stderr
    listed = samtale("aftaler", data=data)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "2 aftaler, 1 forfalden"
    late = next(line for line in lines if "Gå en tur i haven" in line)
    assert "forfalden" in late and typed(-2) in late and "Oda" in late and "AB" in late
    soon = next(line for line in lines if "Ring til datteren" in line)
    assert "forfalden" not in soon and typed(5) in soon
    assert "Mini-guide til test" in soon
    overdue = samtale("aftaler", "--forfaldne", "--json", data=data)
    assert [a["hvad"] for a in json.loads(overdue.stdout)] == ["Gå en tur i haven"]
    assert json.loads(overdue.stdout)[0]["hvornår"] == iso(-2)


# ----------------------------------------------------------------------------- listing


def test_the_list_a_count_one_line_each_and_json_with_iso_dates(store, mini, capsys) -> None:
    session = with_agreements(store, mini, ROWS)
    code, out, _ = run(capsys, "aftaler")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "3 aftaler, 1 forfalden"
    assert len(lines) == 2 + 3  # the count, the heads, one line each
    assert not any(ch in out for ch in "│─┌┐└┘┃━")  # no box drawing for a screen reader
    first = lines[2]  # soonest due first: the overdue one
    assert first.startswith(f"{session.id}-2 ") and typed(-3) in first
    assert "åben, forfalden" in first and "kontaktperson" in first and "Stue 12" in first
    assert "uden dato" in lines[-1] and "Finde de gamle fotoalbum frem" in lines[-1]
    code, out, _ = run(capsys, "aftaler", "--json")
    data = json.loads(out)
    assert {a["hvornår"] for a in data} == {iso(7), iso(-3), None}
    sang = next(a for a in data if a["hvad"] == "Følge Inger til sang torsdag")
    assert sang == {**sang, "id": f"{session.id}-1", "hvem": "Lone", "status": "åben"}
    assert sang["borger"] == "Stue 12" and sang["note"] == session.id
    assert sang["guide"] == "mini" and sang["opfølgning"] == iso(28)


def test_filters_overdue_responsible_resident_and_status(store, mini, capsys) -> None:
    with_agreements(store, mini, ROWS)
    with_agreements(store, mini, [f"Købe blomster ; LONE ; {typed(-1)}"], borger="Stue 14")
    _, out, _ = run(capsys, "aftaler", "--forfaldne")
    assert out.splitlines()[0] == "2 aftaler, 2 forfaldne"
    assert "Købe blomster" in out and "Ringe til datteren" in out and "sang" not in out
    _, out, _ = run(capsys, "aftaler", "--ansvarlig", "lone")
    assert out.splitlines()[0] == "3 aftaler, 1 forfalden"
    _, out, _ = run(capsys, "aftaler", "--borger", "stue  14")
    assert out.splitlines()[0] == "1 aftale, 1 forfalden"
    _, out, _ = run(capsys, "aftaler", "--status", "i-gang")
    assert out == "Der er ingen aftaler med status i gang.\n"
    _, out, _ = run(capsys, "aftaler", "--forfaldne", "--borger", "Stue 99")
    assert out == "Der er ingen forfaldne aftaler om Stue 99.\n"


def test_an_empty_store_says_so(capsys) -> None:
    assert run(capsys, "aftaler") == (0, "Der er ingen aftaler.\n", "")


def test_an_unknown_status_names_the_four(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["aftaler", "--status", "færdig"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "'færdig' er ikke en status for en aftale" in err
    assert all(word in err for word in ("åben", "i_gang", "i-gang", "udført", "opgivet"))
    with pytest.raises(SystemExit) as stopped:
        main(["aftaler", "færdig", "5a3c9e01-1"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "'færdig' kan ikke bruges" in err and "'udført'" in err and "'åben'" in err


def test_markup_and_a_cpr_number_in_what_are_shown_as_text_and_masked(store, mini, capsys):
    with_agreements(store, mini, [f"Ring [bold]nu[/] om 010190-1234 ; Lone ; {typed(2)}"])
    for argv in (("aftaler",), ("borger", "Stue 12"), ("aftaler", "--json")):
        _, out, _ = run(capsys, *argv)
        assert "[bold]nu[/]" in out
        assert "010190" not in out and "1234" not in out


# ----------------------------------------------------------------------------- status changes


def test_marking_done_changes_the_list_the_audit_trail_and_the_timeline(store, mini, capsys):
    with_agreements(store, mini, ROWS)
    ids = ids_by_what(capsys)
    ring = ids["Ringe til datteren"]
    code, out, _ = run(capsys, "aftaler", "udført", ring, "--medarbejder", "KB")
    assert code == 0
    assert out == f"Aftalen {ring} (Ringe til datteren) er nu udført (var åben).\n"
    _, out, _ = run(capsys, "aftaler", "--forfaldne")
    assert out == "Der er ingen forfaldne aftaler.\n"
    _, out, _ = run(capsys, "aftaler", "--status", "udført")
    assert out.splitlines()[0] == "1 aftale, ingen forfaldne" and ring in out
    _, out, _ = run(capsys, "notes", "audit")
    line = next(line for line in out.splitlines() if ring in line)
    assert "KB" in line and "ændrede en aftale" in line and "udført" in line
    assert "Stue 12" not in out  # the audit trail names the note, never the resident

    sang = ids["Følge Inger til sang torsdag"]
    assert run(capsys, "aftaler", "i-gang", sang, "--medarbejder", "LM")[0] == 0
    code, out, _ = run(
        capsys,
        "aftaler",
        "opgivet",
        sang,
        "--begrundelse",
        "Koret er holdt op",
        "--medarbejder",
        "LM",
    )
    assert out.endswith("er nu opgivet (var i gang). Begrundelse: Koret er holdt op.\n")
    code, out, _ = run(capsys, "aftaler", "åben", sang, "--medarbejder", "LM")
    assert code == 0 and out.endswith("er nu åben (var opgivet).\n")
    assert run(capsys, "aftaler", "åben", sang)[1].endswith("er allerede åben; intet er ændret.\n")

    code, out, _ = run(capsys, "borger", "stue 12")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Borger: Stue 12"
    assert lines[1] == f"Næste frist: {typed(7)}: Følge Inger til sang torsdag"
    at = lines.index(next(line for line in lines if line.startswith(f"{sang}:")))
    history = lines[at + 1 : at + 5]
    assert [h.split(": ", 1)[1].split(",")[0] for h in history[:3]] == [
        "åben",
        "opgivet",
        "i gang",
    ]  # newest first
    assert "Begrundelse: Koret er holdt op" in history[1] and "af LM" in history[0]
    assert history[3].endswith("aftalt i Mini-guide til test (åben)")
    assert any(line.startswith(f"{ring}:") and line.endswith("udført") for line in lines)
    conversations = lines[lines.index(next(x for x in lines if x.startswith("Samtaler"))) + 1]
    assert "Mini-guide til test, KB, afsluttet" in conversations
    assert f"opfølgning {typed(28)}" in conversations


def test_the_timeline_as_json_holds_what_the_text_shows(store, mini, capsys) -> None:
    session = with_agreements(store, mini, ROWS)
    older = with_agreements(store, mini, ["Tjekke høreapparatet ; Lone ; i morgen"])
    store.set_agreement_status(f"{older.id}-1", "udført", "KB")
    code, out, _ = run(capsys, "borger", "Stue 12", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["borger"] == "Stue 12"
    assert data["næste_frist"] == {"dato": iso(-3), "hvad": "Ringe til datteren"}
    assert {c["note"] for c in data["samtaler"]} == {session.id, older.id}
    first = data["samtaler"][0]
    assert first["medarbejder"] == "KB" and first["status_tekst"] == "afsluttet"
    assert first["guide_titel"] == "Mini-guide til test" and first["opfølgning"] == iso(28)
    done = next(a for a in data["aftaler"] if a["hvad"] == "Tjekke høreapparatet")
    assert done["status"] == "udført" and done["historik"][0]["af"] == "KB"
    assert len(data["aftaler"]) == 4


def test_unknown_ids_and_residents_get_a_danish_line_and_exit_1(store, mini, capsys) -> None:
    session = with_agreements(store, mini, ROWS)
    code, out, err = run(capsys, "aftaler", "udført", f"{session.id}-9")
    assert (code, out) == (1, "")
    assert f"Der er ingen aftale med id'et {session.id}-9" in err
    code, _, err = run(capsys, "aftaler", "opgivet", "sang-torsdag")
    assert code == 1 and "'sang-torsdag' er ikke et aftale-id" in err
    code, out, err = run(capsys, "borger", "Stue 99")
    assert (code, out) == (1, "")
    assert "Der er ingen samtaler eller aftaler om borgeren 'Stue 99'." in err
    assert store.agreement(f"{session.id}-1").status == "åben"  # nothing changed


# ----------------------------------------------------------------------------- the calendar


def read_calendar(path: Path) -> dict[str, tuple[str, date, str]]:
    """UID -> (summary, start date, description) of each event of the file."""
    calendar = Calendar.from_ical(path.read_bytes())
    return {
        str(e["uid"]): (str(e["summary"]), e.decoded("dtstart"), str(e["description"]))
        for e in calendar.walk("VEVENT")
    }


def test_the_calendar_file_has_the_open_agreements_and_the_follow_up(store, mini, capsys):
    session = with_agreements(store, mini, ROWS)
    store.set_agreement_status(f"{session.id}-2", "i_gang", "KB")
    path = Path("aftaler.ics")
    code, out, _ = run(capsys, "aftaler", "--ics", str(path))
    assert code == 0
    assert out == (
        "Kalenderen er skrevet til aftaler.ics: 2 aftaler og 1 opfølgning. "
        "1 åben aftale uden dato er ikke med.\n"
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    events = read_calendar(path)
    assert set(events) == {
        f"{session.id}-1@samtale",
        f"{session.id}-2@samtale",
        f"opfoelgning-{session.id}@samtale",
    }
    summary, start, description = events[f"{session.id}-1@samtale"]
    assert (summary, start) == ("Følge Inger til sang torsdag", TODAY + timedelta(days=7))
    assert "Lone" in description and "Stue 12" in description and session.id in description
    assert events[f"{session.id}-2@samtale"][1] == TODAY - timedelta(days=3)
    summary, start, _ = events[f"opfoelgning-{session.id}@samtale"]
    assert (summary, start) == ("Opfølgning: Mini-guide til test", TODAY + timedelta(days=28))
    calendar = Calendar.from_ical(path.read_bytes())
    assert all("dtstamp" in e for e in calendar.walk("VEVENT"))
    _, out, _ = run(capsys, "notes", "audit")
    assert "eksporterede" in out and "kalenderfil" in out


def test_done_agreements_and_filters_are_left_out_of_the_calendar(store, mini, capsys):
    first = with_agreements(store, mini, ROWS)
    other = with_agreements(store, mini, [f"Købe blomster ; Lone ; {typed(1)}"], borger="Stue 14")
    store.set_agreement_status(f"{first.id}-1", "udført", "KB")
    run(capsys, "aftaler", "--ics", "alle.ics")
    assert set(read_calendar(Path("alle.ics"))) == {
        f"{first.id}-2@samtale",
        f"{other.id}-1@samtale",
        f"opfoelgning-{first.id}@samtale",
        f"opfoelgning-{other.id}@samtale",
    }
    run(capsys, "aftaler", "--ics", "stue14.ics", "--borger", "stue 14")
    assert set(read_calendar(Path("stue14.ics"))) == {
        f"{other.id}-1@samtale",
        f"opfoelgning-{other.id}@samtale",
    }
    run(capsys, "aftaler", "--ics", "lone.ics", "--ansvarlig", "LONE")
    assert {u for u in read_calendar(Path("lone.ics")) if not u.startswith("opf")} == {
        f"{other.id}-1@samtale"
    }
    code, _, err = run(capsys, "aftaler", "--ics", "x.ics", "--status", "udført")
    assert code == 2 and "kan ikke bruges sammen med --ics" in err


def test_the_calendar_file_is_not_overwritten_without_being_asked(store, mini, capsys):
    with_agreements(store, mini, ROWS)
    path = Path("aftaler.ics")
    path.write_text("min egen kalender", encoding="utf-8")
    code, out, err = run(capsys, "aftaler", "--ics", str(path))
    assert (code, out) == (1, "")
    assert "Filen aftaler.ics findes allerede" in err and "--overskriv" in err
    assert path.read_text(encoding="utf-8") == "min egen kalender"
    code, out, _ = run(capsys, "aftaler", "--ics", str(path), "--overskriv")
    assert code == 0 and out.startswith("Kalenderen er skrevet til aftaler.ics")
    assert read_calendar(path) and stat.S_IMODE(path.stat().st_mode) == 0o600
