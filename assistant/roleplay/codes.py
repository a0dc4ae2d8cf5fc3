"""The behaviour codes of motivational interviewing that the coach gives a staff utterance.

The codes follow MITI 4.2.1 (Moyers, Manuel & Ernst 2014), with open and closed questions kept
apart as in MITI 3.1.1 (Moyers, Martin, Manuel, Miller & Ernst 2010). Identifiers are the English
snake_case names that `samtale coach` prints; the labels are the Danish terms care staff learn.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    OPEN_QUESTION = "open_question"
    CLOSED_QUESTION = "closed_question"
    SIMPLE_REFLECTION = "simple_reflection"
    COMPLEX_REFLECTION = "complex_reflection"
    AFFIRMATION = "affirmation"
    SUMMARY = "summary"
    SEEKING_COLLABORATION = "seeking_collaboration"
    EMPHASIZING_AUTONOMY = "emphasizing_autonomy"
    GIVING_INFORMATION = "giving_information"
    PERSUADE = "persuade"
    CONFRONT = "confront"
    OTHER = "other"


LABELS: dict[Code, str] = {
    Code.OPEN_QUESTION: "åbent spørgsmål",
    Code.CLOSED_QUESTION: "lukket spørgsmål",
    Code.SIMPLE_REFLECTION: "simpel refleksion",
    Code.COMPLEX_REFLECTION: "kompleks refleksion",
    Code.AFFIRMATION: "bekræftende udsagn",
    Code.SUMMARY: "opsummering",
    Code.SEEKING_COLLABORATION: "spørger om lov / inviterer til samarbejde",
    Code.EMPHASIZING_AUTONOMY: "understreger borgerens eget valg",
    Code.GIVING_INFORMATION: "giver information",
    Code.PERSUADE: "råd eller overtalelse uden lov",
    Code.CONFRONT: "konfrontation",
    Code.OTHER: "andet",
}

QUESTIONS = frozenset({Code.OPEN_QUESTION, Code.CLOSED_QUESTION})
REFLECTIONS = frozenset({Code.SIMPLE_REFLECTION, Code.COMPLEX_REFLECTION})
MI_ADHERENT = frozenset({Code.AFFIRMATION, Code.SEEKING_COLLABORATION, Code.EMPHASIZING_AUTONOMY})
MI_NON_ADHERENT = frozenset({Code.PERSUADE, Code.CONFRONT})


def parse_code(value: str) -> Code:
    """A code from its snake_case name; ValueError names the valid ones."""
    try:
        return Code(value.strip())
    except ValueError:
        valid = ", ".join(code.value for code in Code)
        raise ValueError(f"ukendt kode {value!r}; gyldige koder: {valid}") from None
