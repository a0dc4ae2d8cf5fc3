"""Reading one segment: what kind of question it is, whether a reflection is complex, and how many
things it draws together (three or more make a summary, MITI 4.2.1).

These are the tests the rule order in `coding` asks; they hold no order of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..codes import Code
from .lexicon import WORD, R, is_verb


def main_clause_match(pattern: re.Pattern[str], body: str) -> re.Match[str] | None:
    """The first match that is not inside a subordinate clause ("når du skal i bad")."""
    for match in pattern.finditer(body):
        before = WORD.findall(body[: match.start()])
        if not before or before[-1] not in R.subordinate_before:
            return match
    return None


def strip_fillers(low: str) -> str:
    """Drop fillers and discourse particles that open a segment ("ja, okay, så du ...")."""
    return R.filler_prefix.sub("", low).strip()


def _question_kind(body: str, words: Sequence[str], originals: Sequence[str]) -> str | None:
    """'wh', 'verb' or 'marked' for a question, else None."""
    if not words:
        return None
    marked = body.rstrip().endswith("?")
    i = 0
    while i < len(words) - 1 and words[i] in {"og", "men", "så", "altså"}:
        i += 1
    if words[i] in R.wh_words:
        if words[i] == "hvor" and i + 1 < len(words) and words[i + 1] in {"er", "var"}:
            if not marked and R.exclaim_affirm.search(body):
                return None
        j = i + 1
        while j < len(words) and words[j] in R.quantifiers:
            j += 1
        if not marked and j < len(words) and words[j] in R.subject_pronouns:
            return None  # "hvor meget du drikker, er ...": a clause, not a question
        return "wh"
    if words[i] == "mon" and i == 0:
        return "verb"
    if i + 1 < len(words) and (words[i] in R.finite_verbs or is_verb(words[i])):
        nxt = words[i + 1]
        if i > 0 and words[i - 1] == "så":
            return None  # "så kommer lægen": "then", not a question
        if nxt in R.subject_pronouns or nxt in R.possessives or originals[i + 1] in {"I", "De"}:
            return "verb"
        if nxt in R.indefinites or (originals[i + 1][:1].isupper() and nxt not in R.not_names):
            return "verb"
        if words[i] in {"er", "har", "kan", "skal", "vil", "må"} and nxt in {"der", "det"}:
            return "verb"
    if marked:
        return "marked"
    return None


def _open_wh(body: str) -> bool:
    start = R.leading_conjunction.sub("", body)
    if R.closed_wh.match(start):
        return bool(R.open_nouns.match(start))
    if start.startswith("hvad") and R.choice.search(start):
        choice = R.choice.search(start)
        assert choice is not None
        if not R.open_choice.search(choice.group()):
            return False
    return True


def is_complex(body: str) -> bool:
    """Whether a reflection adds meaning: a guess, a value, two sides, an image or an
    amplification (MITI 4.2.1, complex reflection)."""
    return bool(R.complex_lead.search(body) or R.complex_markers.search(body))


def _so_pieces(body: str) -> int:
    """How many things a reflection that opens with "så" strings together: "så du har næsten ikke
    røget, du har det bedre med hosten men aftenerne er svære" holds three."""
    if not body.startswith("så "):
        return 0
    count = 0
    for n, piece in enumerate(R.piece_break.split(body)):
        words = WORD.findall(piece)
        if n == 0:
            words = words[1:]  # the opening "så"
        elif words and words[0] == "så":
            continue  # "..., og så kan du ikke sove": what follows, not a new thing
        if len(words) >= 2 and words[0] not in R.chunk_subordinators:
            count += 1
    return count


def _reflection(body: str) -> Code:
    if R.reframe.search(body):
        return Code.COMPLEX_REFLECTION
    if items(body) >= 3 or _so_pieces(body) >= 3:
        return Code.SUMMARY
    return Code.COMPLEX_REFLECTION if is_complex(body) else Code.SIMPLE_REFLECTION


def _main_clauses(body: str) -> int:
    """Comma-separated main clauses with a subject and a finite verb; relative and other
    subordinate clauses do not count."""
    count = 0
    for chunk in body.split(","):
        chunk = R.chunk_openers.sub("", chunk.strip())
        words = WORD.findall(chunk)
        if len(words) < 2 or words[0] in R.chunk_subordinators:
            continue
        if words[0] in {"om", "efter", "før", "inden", "siden", "da"} and (
            words[1] in R.subject_pronouns or words[1] == "at"
        ):
            continue
        if words[0] in R.subject_pronouns and words[1] in R.adverbs_before_verb:
            continue  # "folk, du ikke kender": a relative clause without "som"
        if count and len(words) == 2 and words[0] in R.subject_pronouns:
            continue  # "det er selskabet, du savner": a bare pronoun and verb close a relative
        subject = any(w in R.chunk_subjects for w in words) and any(is_verb(w) for w in words)
        if subject or (len(words) > 2 and is_verb(words[1]) and words[0] not in R.fillers):
            count += 1
    return count


def items(body: str) -> int:
    """How many things a reflection draws together: parallel that-clauses, main clauses or list
    members. Three or more make it a summary (MITI 4.2.1)."""
    lead = R.summary_weak.search(body)
    body = R.summary_weak.sub("", body)
    if lead and R.recap_list.match(body):
        return 3  # "du har nævnt kirken, salmerne i radioen og præsten": a list of what was said
    coordinated = list(R.at_clause.finditer(body))
    first_at = re.search(r"\bat\b", body)
    at_clauses = len(coordinated)
    if first_at and not any(m.start() <= first_at.start() < m.end() for m in coordinated):
        at_clauses += 1
    listed = 3 if R.list.search(body) or R.parallel.search(body) else 1
    both = 1
    if R.both_and.search(body):
        both = 3 if R.both_and_and.search(body) else 2
    return max(at_clauses, _main_clauses(body), listed, both, 1)


def _uninvert(body: str) -> str:
    """ "nu skal du ..." as "nu du skal ...", so subject-verb patterns match after a fronted word."""
    return R.inverted.sub(r"\2 \1", body)


def _first_match(pattern: re.Pattern[str], body: str, plain: str) -> re.Match[str] | None:
    return main_clause_match(pattern, body) or main_clause_match(pattern, plain)
