"""Coding: the behaviour code of each segment, in the order the rules are tried, and `classify`.

Codes follow MITI 4.2.1 (Moyers, Manuel & Ernst 2014), with open and closed questions told apart
as in MITI 3.1.1 (Moyers et al. 2010). The order is the rule: confrontation before everything,
then open invitations, summaries, advice against collaboration and autonomy, questions,
affirmations, and last the statements (`_statement`). The words and patterns come from the data
files through `R`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..codes import Code
from .clauses import (
    _first_match,
    _open_wh,
    _question_kind,
    _reflection,
    _uninvert,
    is_complex,
    items,
    strip_fillers,
)
from .lexicon import WORD, R, is_verb
from .loader import CoachData, load
from .segmenting import segment


def primary_code(codes: Sequence[Code]) -> Code:
    """The code of a whole utterance: confront if any segment confronts, else persuade if any
    persuades, else the code of the last segment that is not `other`, else `other`."""
    if Code.CONFRONT in codes:
        return Code.CONFRONT
    if Code.PERSUADE in codes:
        return Code.PERSUADE
    for code in reversed(codes):
        if code is not Code.OTHER:
            return code
    return Code.OTHER


@dataclass(frozen=True)
class Classification:
    """One utterance, its segments (sentences and run-together questions) and one code each."""

    text: str
    segments: tuple[str, ...]
    codes: tuple[Code, ...]

    @property
    def code(self) -> Code:
        return primary_code(self.codes)


#: Segments are coded from their first this many characters: longer than any spoken sentence,
#: and it keeps the work per segment bounded whatever is pasted in.
MAX_SEGMENT_CHARS = 1000


def code_segment(segment_text: str) -> Code:
    """The behaviour code of one segment."""
    text = segment_text.strip()[:MAX_SEGMENT_CHARS]

    sarcastic = bool(R.scare_quotes.search(text)) and not text.endswith("?")
    text = text.strip("\"'»«“”")
    vocative = R.leading_vocative.match(text)
    if vocative and vocative.group(1).lower() not in R.not_names:
        text = text[vocative.end() :]
    low = " ".join(text.lower().replace("’", "'").split())
    if R.formal.search(text):
        low = re.sub(r"\b(?:de|dem)\b", lambda m: R.formal_words[m.group()], low)
    if not WORD.search(low):
        return Code.OTHER
    continued = bool(R.continuation.match(low))
    if continued:
        low = low.lstrip(".… ")
    plain = _uninvert(low)
    if sarcastic or R.confront_opener.match(low) or _first_match(R.confront, low, plain):
        return Code.CONFRONT
    if R.scolding_question.match(low) and not R.ailment.search(low):
        if not any(w in R.finite_verbs for w in WORD.findall(low)):
            return Code.CONFRONT
    body = strip_fillers(low)
    plain = _uninvert(body)
    words = WORD.findall(body)
    if not words or all(w in R.fillers for w in words):
        return Code.OTHER
    originals = WORD.findall(text)[len(WORD.findall(low)) - len(words) :]
    kind = _question_kind(body, words, originals)
    if kind is None and _first_match(R.confront_statement, body, plain):
        return Code.CONFRONT
    if R.open_invitation.match(body) and not R.collaboration.search(body):
        return Code.OPEN_QUESTION

    if R.summary_strong.search(body):
        return Code.SUMMARY
    persuade = _first_match(R.persuade, body, plain)
    if persuade and persuade.group().startswith("du skal") and R.schedule.search(body):
        if not R.pressure.search(body):
            persuade = None  # "du skal i bad i morgen kl. 10": what will happen

    collaboration = R.collaboration.search(body)
    autonomy = R.autonomy.search(body) or R.autonomy.search(plain)
    if persuade:
        earlier = [m for m in (collaboration, autonomy) if m and m.start() < persuade.start()]
        turned = re.search(r"\bmen\b", body[: persuade.start()])
        if not earlier or (turned and autonomy and not collaboration):
            return Code.PERSUADE
    if collaboration:
        return Code.SEEKING_COLLABORATION
    if autonomy:
        return Code.EMPHASIZING_AUTONOMY
    if persuade:
        return Code.PERSUADE
    if R.summary_weak.search(body) and items(body) >= 2:
        return Code.SUMMARY
    if R.open_invitation.search(body):
        return Code.OPEN_QUESTION
    if R.scale.search(body):
        return Code.CLOSED_QUESTION

    if kind == "marked" and R.tag_question.search(body):
        body = R.tag_question.sub("", body)
        kind = None
    if kind == "wh":
        return Code.OPEN_QUESTION if _open_wh(body) else Code.CLOSED_QUESTION
    if kind == "verb":
        return Code.CLOSED_QUESTION
    if kind == "marked":
        if R.reflection_lead.search(body) or R.complex_lead.search(body):
            return _reflection(body)
        return Code.CLOSED_QUESTION

    formal = re.sub(r"^de\b", "du", body) if text.startswith("De ") else body
    if R.exclaim_affirm.search(body) or R.affirmation.search(formal) or R.affirmation.search(plain):
        return Code.AFFIRMATION
    if continued:  # "... og så er det nemmere at blive inde": continuing the person's paragraph
        return Code.SUMMARY if items(body) >= 3 else Code.COMPLEX_REFLECTION
    if R.other_openers.search(body) or R.introduction.match(text):
        return Code.OTHER
    return _statement(body, words)


def _statement(body: str, words: Sequence[str]) -> Code:
    """A statement that is no question and carries no marker of the other codes."""
    if R.two_sides.search(body):  # both sides of the ambivalence, whatever the topic
        return Code.SUMMARY if items(body) >= 3 else Code.COMPLEX_REFLECTION
    if R.complex_lead.search(body):
        return Code.SUMMARY if items(body) >= 3 else Code.COMPLEX_REFLECTION
    staff_act = R.staff_act.match(body)
    if staff_act and is_verb(staff_act.group(1)):
        return Code.GIVING_INFORMATION if R.schedule.search(body) else Code.OTHER
    if R.reflection_lead.search(body):
        return _reflection(body)
    second_person = R.second_person_start.search(body)
    informative = R.information.search(body)
    if second_person:
        if R.schedule.search(body) and R.what_will_happen.match(body):
            return Code.GIVING_INFORMATION  # what will happen
        if R.options.search(body):
            return Code.GIVING_INFORMATION  # what the resident may do
        third = words[0] in {"din", "dit", "dine", "jeres", "deres"}
        if third and (informative or R.recent.search(body)):
            return Code.GIVING_INFORMATION
        return _reflection(body)
    if R.second_person_any.search(body):
        if R.first_person_start.search(body) and not informative and not is_complex(body):
            return Code.OTHER  # the staff member about themselves: "Jeg tænker tit på dig"
        if R.meaning_markers.search(body) or not informative:
            return _reflection(body)
    if informative:
        return Code.GIVING_INFORMATION
    if R.first_person_start.search(body):
        return Code.OTHER
    if is_complex(body):
        return Code.COMPLEX_REFLECTION
    if R.it_is_start.match(body) or R.experience.search(body):
        return Code.SIMPLE_REFLECTION
    return Code.GIVING_INFORMATION


def code_in_context(segments: Sequence[str], codes: Sequence[Code]) -> list[Code]:
    """Codes adjusted for what came before in the same turn: statements after a permission
    question that offers information give that information."""
    out = list(codes)
    offered = False
    for i, (text, code) in enumerate(zip(segments, codes, strict=True)):
        if code is Code.SEEKING_COLLABORATION and text.rstrip().endswith("?"):
            offered = bool(R.offer.search(text.lower()))
            continue
        if code in QUESTION_CODES or text.rstrip().endswith("?"):
            offered = False
            continue
        if offered and code in _GIVEN_WITH_LEAVE:
            out[i] = Code.GIVING_INFORMATION
    return out


QUESTION_CODES = frozenset({Code.OPEN_QUESTION, Code.CLOSED_QUESTION})


_GIVEN_WITH_LEAVE = frozenset(
    {Code.SIMPLE_REFLECTION, Code.COMPLEX_REFLECTION, Code.PERSUADE, Code.GIVING_INFORMATION}
)


def merge_summaries(segments: Sequence[str], codes: Sequence[Code]) -> tuple[list[str], list[Code]]:
    """A summary announced in a sentence of its own ("Lad mig samle op.") takes in the reflections
    that follow it: together they are one summary."""
    out_segments: list[str] = []
    out_codes: list[Code] = []
    for text, code in zip(segments, codes, strict=True):
        if out_codes and out_codes[-1] is Code.SUMMARY and code in _SUMMARY_PARTS:
            out_segments[-1] = f"{out_segments[-1]} {text}"
            continue
        out_segments.append(text)
        out_codes.append(code)
    return out_segments, out_codes


_SUMMARY_PARTS = frozenset(
    {Code.SIMPLE_REFLECTION, Code.COMPLEX_REFLECTION, Code.SUMMARY, Code.GIVING_INFORMATION}
)


@lru_cache(maxsize=4096)
def classify(text: str) -> Classification:
    """Split an utterance into segments and code each one.

    Pure, so remembered: a live scorecard is rebuilt after every utterance and reads the whole
    transcript again; each line is coded once."""
    parts = segment(text)
    coded = code_in_context(parts, [code_segment(s) for s in parts])
    segments, codes = merge_summaries(parts, coded)
    return Classification(text, tuple(segments), tuple(codes))


@contextmanager
def using_data(path: str | Path) -> Iterator[CoachData]:
    """Code with the data files in directory `path` instead of the bundled ones, for as long as
    the `with` block lasts: for a trainer trying an edited word list against the labelled sets.
    Scorecard texts and thresholds are read at import and do not change."""
    previous = R.data
    data = load(path)
    R.install(data)
    classify.cache_clear()
    try:
        yield data
    finally:
        R.install(previous)
        classify.cache_clear()
