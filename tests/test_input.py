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
from assistant.notes.store import Store
from assistant.plain import run_plain
from assistant.session import Session

from .conftest import MINI
from .walk import samtale

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
