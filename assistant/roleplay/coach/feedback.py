"""Feedback on single utterances: flags for confrontation and advice without permission, better
phrasings, and the weak moments of a transcript. The texts are in `data/messages.yaml`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..codes import MI_NON_ADHERENT, QUESTIONS, REFLECTIONS, Code
from .coding import Classification
from .lexicon import R
from .rephrasing import advice_action, open_question_from, reflect_back


@dataclass(frozen=True)
class Flag:
    """What went wrong in an utterance and how it could have been said."""

    code: Code
    segment: str
    message: str
    suggestion: str


def _persuade_suggestion(segment_text: str) -> str:
    """Ask permission, or ask for the resident's own view of the advised action."""
    m = R.data.messages
    action = advice_action(segment_text)
    question = m["own_view_of_action"].format(action=action) if action else m["own_view"]
    return m["persuade_suggestion"].format(permission=m["ask_permission"], question=question)


def _confront_suggestion(segment_text: str) -> str:
    """A reflection of the resident's side: the claim that was contradicted, or how hard the
    demanded action is, followed by an open question."""
    m = R.data.messages
    claim = R.claim.search(" ".join(segment_text.lower().split()))
    if claim and len(claim.group("claim").split()) >= 2:
        reflection = m["reflect_claim"].format(claim=claim.group("claim").strip())
    else:
        action = advice_action(segment_text)
        if action:
            reflection = m["reflect_hard_action"].format(action=action)
        else:
            reflection = m["reflect_own_way"]
    return m["confront_suggestion"].format(reflection=reflection)


def flag(c: Classification) -> Flag | None:
    """A flag for confrontation or advice without permission (MITI 4.2.1: MI-non-adherent);
    None for every other utterance."""
    if c.code not in MI_NON_ADHERENT:
        return None
    index = c.codes.index(c.code)
    offending = c.segments[index]
    if c.code is Code.CONFRONT:
        message = R.data.messages["flag_confront"]
        return Flag(c.code, offending, message, _confront_suggestion(offending))
    return Flag(
        c.code, offending, R.data.messages["flag_persuade"], _persuade_suggestion(offending)
    )


#: A question is "in a run" when it is at least the third question in a row.
RUN_OF_QUESTIONS = R.data.counts["run_of_questions"]


def _reflection_suggestion(resident: str | None) -> str:
    """A simple reflection of the resident's last words, or a template when there are none."""
    reflection = reflect_back(resident) if resident else None
    m = R.data.messages
    return m["reflect_quote"].format(reflection=reflection) if reflection else m["reflect_template"]


def _open_suggestion(c: Classification) -> str:
    """An open question built from the utterance's (last) closed question."""
    closed = [
        s for s, code in zip(c.segments, c.codes, strict=True) if code is Code.CLOSED_QUESTION
    ]
    rephrased = open_question_from(closed[-1]) if closed else None
    m = R.data.messages
    return m["open_quote"].format(question=rephrased or m["open_fallback"])


def suggest(
    c: Classification,
    *,
    previous: Sequence[Code | Classification] = (),
    resident: str | None = None,
) -> str | None:
    """A better phrasing of a weak utterance, or None when there is nothing to improve: for
    advice and confrontation the flag's suggestion, for the third question in a row a reflection,
    for a closed question an open one built from it.

    `previous` holds the staff member's earlier utterances (their primary codes or
    classifications, latest last); `resident` is what the resident said just before, used to
    build a reflection from the resident's own words.
    """
    found = flag(c)
    if found:
        return found.suggestion
    if c.code in QUESTIONS:
        codes = [p.code if isinstance(p, Classification) else p for p in previous]
        run = 1
        for code in reversed(codes):
            if code not in QUESTIONS:
                break
            run += 1
        if run >= RUN_OF_QUESTIONS:
            return _reflection_suggestion(resident)
    if c.code is Code.CLOSED_QUESTION:
        return _open_suggestion(c)
    return None


STAFF = "medarbejder"


RESIDENT = "borger"


@dataclass(frozen=True)
class Turn:
    speaker: str
    text: str
    codes: tuple[Code, ...] = ()


@dataclass(frozen=True)
class Moment:
    """A weak moment in the transcript: what was said, why it is weak, and a better phrasing."""

    turn: int
    text: str
    code: Code
    reason: str
    suggestion: str


def _as_turn(item: Any) -> Turn:
    if isinstance(item, Turn):
        turn = item
    elif isinstance(item, Sequence) and not isinstance(item, str):
        speaker, text, *rest = item
        turn = Turn(speaker, text, tuple(rest[0]) if rest and rest[0] else ())
    else:
        codes = getattr(item, "codes", ()) or ()
        turn = Turn(item.speaker, item.text, tuple(codes))
    if turn.speaker not in (STAFF, RESIDENT):
        raise ValueError(f"ukendt taler {turn.speaker!r}: brug {STAFF!r} eller {RESIDENT!r}")
    return Turn(turn.speaker, turn.text, tuple(Code(c) for c in turn.codes))


def _moments(
    transcript: Sequence[Turn], classified: Sequence[tuple[int, Classification]]
) -> list[Moment]:
    """The three weakest staff utterances: non-adherent first, then closed questions in runs of
    questions, then questions where a reflection would have served. Never more than there are."""
    m = R.data.messages
    candidates: list[tuple[int, int, Moment]] = []
    staff_codes = [c.code for _, c in classified]
    for position, (index, c) in enumerate(classified):
        resident = next(
            (t.text for t in reversed(transcript[:index]) if t.speaker == RESIDENT), None
        )
        before = staff_codes[:position]
        after = staff_codes[position + 1 : position + 2]
        found = flag(c)
        if found:
            reason = m["reason_confront" if c.code is Code.CONFRONT else "reason_persuade"]
            moment = Moment(index, c.text, c.code, reason, found.suggestion)
            candidates.append((0, index, moment))
            continue
        if c.code not in QUESTIONS:
            continue
        in_run = bool((before and before[-1] in QUESTIONS) or (after and after[0] in QUESTIONS))
        if c.code is Code.CLOSED_QUESTION and in_run:
            reason = m["reason_closed_in_run"]
            candidates.append(
                (1, index, Moment(index, c.text, c.code, reason, _open_suggestion(c)))
            )
            continue
        run = 1
        for code in reversed(before):
            if code not in QUESTIONS:
                break
            run += 1
        reflected = any(code in REFLECTIONS for code in c.codes)
        felt = bool(resident and R.feeling_or_ambivalence.search(resident.lower()))
        if not reflected and (felt or run >= RUN_OF_QUESTIONS):
            reason = (
                m["reason_reflection_would_help"]
                if felt
                else m["reason_questions_without_reflection"]
            )
            suggestion = _reflection_suggestion(resident)
            candidates.append((2, index, Moment(index, c.text, c.code, reason, suggestion)))
    candidates.sort(key=lambda item: (item[0], item[1]))
    return [moment for _, _, moment in candidates[: R.data.counts["moments_shown"]]]
