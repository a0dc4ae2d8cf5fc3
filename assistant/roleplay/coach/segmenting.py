"""Segmenting: an utterance split into sentences, and a sentence split where a question starts.

Spoken-style typing runs a reflection and a question together ("du virker træt hvordan har du
sovet"); Danish main-clause word order (verb before subject) finds where the question begins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import WORD, R, is_verb


def split_sentences(text: str) -> list[str]:
    """Sentences by . ! ? … ; and line breaks, keeping abbreviations and numbers whole."""
    pieces: list[str] = []
    start = 0
    for match in R.boundary.finditer(text):
        end = match.end()
        mark = match.group()
        if mark.startswith(".") and not mark.startswith("..."):
            before = text[start : match.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            following = text[end:].lstrip()[:1]
            if last in R.abbreviations or (last.isdigit() and following.islower()):
                continue
        if mark.startswith("...") or mark.startswith("…"):
            following = text[end:].lstrip()[:1]
            if following.islower():
                continue
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return [p.strip() for p in pieces if WORD.search(p)]


def _clause_start(words: Sequence[str], allow_greeting: bool) -> bool:
    """Whether the words open with a subject and a finite verb: a complete main clause."""
    i = 0
    while i < len(words) and words[i] in R.discourse:
        i += 1
    if allow_greeting and i < len(words) and words[i] in R.greetings:
        return True
    if i < len(words) and words[i] == "så":
        i += 1
    if i < len(words) and words[i] in R.possessives:
        i += 1  # "din datter kommer ..."
    if i + 1 >= len(words):
        return False
    subject = words[i] in R.subject_pronouns or (i > 0 and words[i - 1] in R.possessives)
    return subject and is_verb(words[i + 1])


def _subject_at(words: Sequence[str], originals: Sequence[str], j: int) -> bool:
    if j >= len(words):
        return False
    w = words[j]
    if w in R.subject_pronouns or w in R.possessives:
        return True
    return originals[j] == "I" or (originals[j][:1].isupper() and w not in R.wh_words)


def _question_start(words: Sequence[str], originals: Sequence[str], i: int) -> str | None:
    """'wh' or 'verb' if a main-clause question starts at word i, else None."""
    w = words[i]
    if w in R.wh_words:
        for j in range(i + 1, min(i + 4, len(words) - 1)):
            if words[j] in R.subject_pronouns or words[j] in R.object_pronouns:
                return None  # "hvad du mener": subject before verb, an embedded clause
            if is_verb(words[j]) and _subject_at(words, originals, j + 1):
                return "wh"
        return None
    if w in R.invitation_verbs and i + 1 < len(words) and words[i + 1] in {"mig", "om", "lidt"}:
        return "verb"
    if (w in R.finite_verbs or is_verb(w)) and i + 2 < len(words):
        subject = words[i + 1]
        if subject in {"du"} or originals[i + 1] in {"I", "De"}:
            return "verb"
        if subject in {"det", "der"} and w in {"er", "var", "har", "kan", "skal", "vil", "går"}:
            return "verb"
    return None


def split_questions(sentence: str) -> list[str]:
    """Split a sentence where a main-clause question starts inside it.

    Spoken-style typing often runs a reflection and a question together without a full stop
    ("du virker træt hvordan har du sovet"). A question starts where a wh-word is followed by a
    finite verb and then a subject (main-clause order; embedded clauses put the subject first),
    or where a finite verb is followed by "du" after a complete main clause.
    """
    if R.summary_lead.search(sentence.lower()):
        return [sentence]
    tokens = list(WORD.finditer(sentence))
    words = [t.group().lower() for t in tokens]
    originals = [t.group() for t in tokens]
    cuts: list[int] = []
    first = 0
    verb_seen = False  # a finite verb somewhere in the current piece
    for i in range(1, len(tokens)):
        verb_seen = verb_seen or is_verb(words[i - 1])
        if i - first < 2:
            continue
        kind = _question_start(words, originals, i)
        if kind is None:
            continue
        between = sentence[tokens[i - 1].end() : tokens[i].start()]
        punctuated = bool(re.search(r"[,:–—-]", between))
        head = words[first : min(i, first + 8)]  # the opening of the piece, for clause checks
        last = words[i - 1]
        lead = next((w for w in head if w not in R.discourse and w != "så"), None)
        if (lead and lead in R.subordinators) or last in R.embedders:
            continue
        if punctuated and not (verb_seen or head[0] in R.greetings or head[0] in R.discourse):
            continue
        if kind == "verb" and (
            last in R.stop_before_verb or last in R.subject_pronouns or last in R.possessives
        ):
            continue
        if kind == "verb" and words[i + 1] in {"det", "der"} and not punctuated:
            if len(last) > 3 and last.endswith(("et", "en", "ne")):
                continue  # "rosenbedet er det flotteste": a noun subject before the verb
        if not (_clause_start(head, allow_greeting=kind == "wh") or punctuated):
            continue
        if not punctuated and i - first < 3 and not _clause_start(head, True):
            continue
        cuts.append(tokens[i].start())
        first = i
        verb_seen = False

    if not cuts:
        return [sentence]
    bounds = [0, *cuts, len(sentence)]
    parts = [sentence[a:b].strip(" ,–—-") for a, b in zip(bounds, bounds[1:], strict=False)]
    return [p for p in parts if WORD.search(p)]


def segment(text: str) -> tuple[str, ...]:
    """The segments of an utterance; whitespace-only text is one empty segment."""
    stripped = " ".join(text.split(" ")).strip()
    if not WORD.search(stripped):
        return (stripped,)
    result: list[str] = []
    for sentence in split_sentences(stripped):
        result.extend(split_questions(sentence))
    return tuple(result) or (stripped,)
