"""Clumsy or hostile input: numbers, dates, slash commands and "andet" never crash the program,
are never stored by mistake, and always end in a short Danish message (issue 13)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from assistant.dialogue.answers import AnswerError, parse_answer, parse_date
from assistant.dialogue.loader import load_guide
from assistant.dialogue.model import AnswerSpec, Choice
from assistant.notes.store import Store, open_store
from assistant.plain import run_plain
from assistant.session import Session

from ..conftest import MINI
from ..walk import samtale

TODAY = date(2026, 12, 3)
HUGE = "9" * 5000
BAD_NUMBERS = ["²", "٣", HUGE, "-" + HUGE, "1²", "３"]
BAD_DATES = [
    "om 999999999 dage",
    "om 100000 måneder",
    "om 999999999 uger",
    f"om {HUGE} dage",
    "31-02-2027",
    "٣١-١٢-٢٠٢٧",
    "om ٣ dage",
    "²",
    HUGE,
]
CHOICES = (Choice("groen", "Grøn"), Choice("gul", "Gul"), Choice("roed", "Rød"))
SPECS = {
    "valg": AnswerSpec("valg", "v", "V", choices=CHOICES),
    "skala": AnswerSpec("skala", "s", "S", scale_min=0, scale_max=10),
    "navngivet skala": AnswerSpec("skala", "n", "N", choices=CHOICES),
    "flervalg": AnswerSpec("flervalg", "f", "F", choices=CHOICES, other=True),
    "ja_nej": AnswerSpec("ja_nej", "j", "J"),
}


def short(message: str) -> bool:
    """A message a person can read: one or two sentences, never the 5000 digits echoed."""
    return 0 < len(message) < 300


# --- the parsers ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", BAD_DATES, ids=lambda t: t[:20])
def test_a_date_out_of_the_calendar_is_a_danish_message_not_a_crash(text: str) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_date(text, today=TODAY)
    assert short(str(caught.value)), str(caught.value)[:200]


def test_date_messages_say_what_is_wrong() -> None:
    with pytest.raises(AnswerError, match="findes ikke"):
        parse_date("31-02-2027", today=TODAY)
    with pytest.raises(AnswerError, match="for langt ude i fremtiden"):
        parse_date("om 999999999 dage", today=TODAY)
    with pytest.raises(AnswerError, match="for langt ude i fremtiden"):
        parse_date("om 100000 måneder", today=TODAY)
    with pytest.raises(AnswerError, match="cifrene 0-9"):
        parse_date("٣١-١٢-٢٠٢٧", today=TODAY)
    # What worked before still works.
    assert parse_date("om 2 uger", today=TODAY) == "2026-12-17"
    assert parse_date("om 13 måneder", today=TODAY) == "2028-01-03"
    assert parse_date("28-02-2027", today=TODAY) == "2027-02-28"


@pytest.mark.parametrize("kind", list(SPECS))
@pytest.mark.parametrize("text", BAD_NUMBERS, ids=lambda t: t[:20])
def test_a_strange_number_is_refused_with_a_message_for_every_answer_type(
    kind: str, text: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        parse_answer(SPECS[kind], text)
    assert short(str(caught.value)), str(caught.value)[:200]


def test_number_messages_name_the_allowed_range_or_the_digits() -> None:
    with pytest.raises(AnswerError, match="fra 0 til 10"):
        parse_answer(SPECS["skala"], HUGE)
    with pytest.raises(AnswerError, match="fra 1 til 3"):
        parse_answer(SPECS["valg"], HUGE)
    for kind in ("skala", "valg"):
        for text in ("٣", "²"):
            with pytest.raises(AnswerError, match="cifrene 0-9"):
                parse_answer(SPECS[kind], text)
    assert parse_answer(SPECS["skala"], "3") == 3 and parse_answer(SPECS["valg"], "3") == "roed"


def test_an_empty_andet_is_refused() -> None:
    spec = SPECS["flervalg"]
    for text in ("andet:", "1, andet:  ", "andet: ;2"):
        with pytest.raises(AnswerError, match="andet"):
            parse_answer(spec, text)
    with pytest.raises(AnswerError, match="andet"):
        parse_answer(spec, ["groen", "andet: "])
    assert parse_answer(spec, "1, andet: kage") == ["groen", "andet: kage"]


# --- plain mode -------------------------------------------------------------------------------
# The mini guide typed in plain mode up to the action plan (see test_cli.MINI_ANSWERS).
TO_PLAN = ["Oda", "rød", "Ring til lægen i dag", "1", "3", "1", "1, 3", "3"]
PLAN = ["Gå en tur ; Oda ; i morgen", "Ring til datteren ; KB", ""]


def plain(store: Store, lines: list[str]) -> tuple[Session, str]:
    """Start the mini guide and type ``lines`` into plain mode; the session (reopened) and
    everything the program printed."""
    session = Session.start(store, load_guide(MINI), borger="AB")
    out = io.StringIO()
    code = run_plain(session, io.StringIO("\n".join(lines) + "\n"), out)
    assert code == 0, out.getvalue()[-2000:]
    return Session.open(store, session.id), out.getvalue()


def test_plain_mode_survives_every_strange_number_and_date(tmp_path: Path) -> None:
    """Through the real program: each value gets its message, the question comes again, and
    the answer typed after it is the one stored."""
    bad = ["²", "٣", HUGE, "1²"]
    lines = [
        "Oda",
        *bad,
        "rød",
        "Ring til lægen i dag",
        *bad,
        "1",
        "3",
        "1",
        "1, 3",
        "3",
        *PLAN,
        *BAD_DATES,
        "om 2 uger",
    ]
    data = tmp_path / "data"
    result = samtale(
        "start", str(MINI), "--borger", "AB", "--plain", stdin="\n".join(lines) + "\n", data=data
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    assert "ligger for langt ude i fremtiden" in out and "findes ikke i kalenderen" in out
    assert "cifrene 0-9" in out and "Skriv et nummer fra 1 til 3" in out
    # echoed as typed, never repeated in a message
    assert [line for line in out.splitlines() if HUGE in line and not line.startswith("> ")] == []
    assert out.count("Hvornår følger I op?") == len(BAD_DATES) + 1
    assert "Notens id:" in out
    with open_store(data) as store:
        (record,) = store.list_sessions()
        answers = Session.open(store, record.id).answers
    assert answers["trivsel"] == "roed" and answers["tal_a"] == 1
    assert answers["dato"] > date.today().isoformat()


def test_plain_mode_refuses_an_empty_andet(store: Store) -> None:
    session, out = plain(store, [*TO_PLAN[:6], "1, andet:", "1, andet: kage"])
    assert "Skriv, hvad 'andet' er" in out
    assert session.answers["mad_ret"] == ["Frikadeller", "andet: kage"]


def test_a_mistyped_command_is_never_stored_and_the_commands_are_listed(store: Store) -> None:
    session, out = plain(store, ["/pasue", "  /Afsluttt nu", "//sti/til/fil", "/pause"])
    assert out.count("Ukendt kommando") == 2
    assert "Ukendt kommando: /pasue" in out
    listing = next(line for line in out.splitlines() if "Ukendt kommando" in line)
    assert "/pause" in listing and "/tilbage" in listing and "//" in listing
    assert out.count("Hvad vil du gerne kaldes?") == 3  # asked again after each
    assert session.answers == {"navn": "/sti/til/fil"}  # '//' writes one leading slash


def test_a_byte_order_mark_before_the_first_line_is_not_part_of_it(store: Store) -> None:
    """A file of answers saved by Notepad as UTF-8 starts with a byte order mark (U+FEFF,
    invisible). Piped in, it made a first '/spring' an answer, stored with the mark."""
    session, out = plain(store, ["\ufeff/spring", "\ufeffrød", "/pause"])
    assert "\ufeff" not in out
    assert session.answers == {"trivsel": "roed"}


def test_refused_rows_say_that_none_of_them_was_saved(store: Store) -> None:
    """Rows are saved together or not at all. One bad date among several rows refused them
    all, but only the bad row was named: retyping that one row saved it alone, and the others
    were lost without a word."""
    rows = ["Gå en tur ; Oda ; 31-02-2027", "Ring til datteren ; KB", ""]
    session, out = plain(store, [*TO_PLAN, *rows, "Ring til datteren ; KB", "", "/pause"])
    assert "Række 1, Hvornår: Datoen 31-02-2027 findes ikke" in out
    assert "Ingen af rækkerne er gemt" in out


def test_a_mistyped_command_in_action_plan_rows_is_never_a_row(store: Store) -> None:
    lines = [
        *TO_PLAN,
        "/tilbge",  # the first row line
        "Gå en tur ; Oda ; i morgen",
        "/pasue",  # a continuation: not a row, and the rows go on
        "/pause",  # a real command cannot be used halfway through the rows
        "//x ; KB",
        "",
        "/pause",
    ]
    session, out = plain(store, lines)
    assert out.count("Ukendt kommando") == 2
    assert "Afslut rækkerne med en tom linje" in out
    rows = session.answers["aftaler"]
    assert [r["hvad"] for r in rows] == ["Gå en tur", "/x"]
    assert session.status == "in_progress" and session.step_id == "dato"


def test_a_mistyped_command_at_the_missing_answers_prompt_is_never_stored(
    store: Store,
) -> None:
    lines = ["/spring"] * 7 + ["/afsluttt", "/hjælp", "//Oda", "/afslut"]
    session, out = plain(store, lines)
    assert "Ukendt kommando: /afsluttt" in out
    assert "Kommandoer:" in out.split("Guiden er gennemgået.")[1]  # /hjælp shows the help
    assert session.answers == {"navn": "/Oda"}
    assert session.status == "completed"


def test_action_plan_rows_are_echoed_and_confirmed(store: Store) -> None:
    """Every row line is echoed as typed (like every other answer when input is not a
    terminal), and what was stored is read back, so a screen-reader user hears it."""
    session, out = plain(store, [*TO_PLAN, *PLAN, "/pause"])
    assert "> Gå en tur ; Oda ; i morgen" in out
    assert "> Ring til datteren ; KB" in out
    assert "Gemt: 2 rækker" in out
    readback = out.split("Gemt: 2 rækker")[1]
    assert "Gå en tur ; Oda ;" in readback and "Ring til datteren ; KB ;" in readback
    assert len(session.answers["aftaler"]) == 2


def test_practice_in_plain_mode_lists_the_commands_and_takes_double_slash(store: Store) -> None:
    from assistant.dialogue.library import find_guide
    from assistant.plain import run_practice_plain
    from assistant.practice import Practice
    from assistant.roleplay.persona import bundled_personas

    practice = Practice.start(
        store, find_guide("motiverende_samtale"), bundled_personas()[0], seed=3
    )
    out = io.StringIO()
    typed = "/statsu\n//Hvordan har du det?\n/pause\n"
    assert run_practice_plain(practice, io.StringIO(typed), out) == 0
    text = out.getvalue()
    assert "Ukendt kommando: /statsu" in text and "/status" in text.split("Ukendt kommando")[1]
    assert [t.text for t in practice.turns[:1]] == ["/Hvordan har du det?"]


def test_trio_feedback_in_plain_mode_never_takes_a_command_as_feedback(store: Store) -> None:
    from assistant.dialogue.library import find_guide
    from assistant.plain import run_practice_plain
    from assistant.practice import Practice
    from assistant.roleplay.persona import bundled_personas

    practice = Practice.start(
        store, find_guide("motiverende_samtale"), bundled_personas()[0], seed=3, trio=True
    )
    out = io.StringIO()
    typed = "/feedback\n/pasue\nGodt lyttet.\n/slut\n//ikke en kommando\n\n/pause\n"
    assert run_practice_plain(practice, io.StringIO(typed), out) == 0
    text = out.getvalue()
    assert "Ukendt kommando: /pasue" in text and "Afslut feedbacken med en tom linje" in text
    assert practice.feedback == "Godt lyttet.\n/ikke en kommando"
    assert "> Godt lyttet." in text  # echoed like every other line


# --- the note for the care record, at the end of plain mode -------------------------------------


def test_plain_mode_prints_the_note_for_the_care_record_when_asked(store: Store) -> None:
    """At the end, /note prints exactly the Markdown that an export writes, between lines that
    say it is personal data for the care record; the printing is in the audit trail."""
    from assistant.notes.export import note_to_markdown
    from assistant.plain.conversation import NOTE_END, NOTE_START

    ending = ["Oda", *["/spring"] * 10, "/afslut"]
    session, out = plain(store, [*ending, "/note"])
    assert session.status == "completed"
    assert "Skriv /note for at få noten som Markdown til journalen" in out
    assert "personlige oplysninger" in NOTE_START and "journalen" in NOTE_START
    printed = out.split(NOTE_START + "\n", 1)[1].split("\n" + NOTE_END, 1)[0]
    assert printed == note_to_markdown(session.note()) and "Oda" in printed
    assert [r.detail for r in store.audit_trail() if r.action == "exported"] == [
        "Mini-guide til test (md, udskrevet)"
    ]
    for answer in ([], [""], ["nej"]):  # the end of input, Enter, anything else
        _, out = plain(store, [*ending, *answer])
        assert "Noten er gemt." in out and NOTE_START not in out
