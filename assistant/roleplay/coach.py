"""The MI coach: codes staff utterances, flags confrontation and unasked advice, and scores a talk.

Codes follow MITI 4.2.1 (Moyers, Manuel & Ernst 2014), with open and closed questions told apart
as in MITI 3.1.1 (Moyers, Martin, Manuel, Miller & Ernst 2010). The coder is rules and word lists
(`coach_rules`): it works offline, needs no model and codes thousands of utterances a second.

Three uses: `classify` and `flag` code each line a staff member says while it is said; `Tally`
counts codes by keypress for a trio observer; `Scorecard` scores a whole talk, from a transcript
(`Scorecard.build`) or from an observer's counts (`Scorecard.from_tally`).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from .coach_rules import (
    FEELING_OR_AMBIVALENCE,
    WORD,
    advice_action,
    code_in_context,
    code_segment,
    merge_summaries,
    open_question_from,
    reflect_back,
    segment,
)
from .codes import (
    LABELS,
    MI_ADHERENT,
    MI_NON_ADHERENT,
    QUESTIONS,
    REFLECTIONS,
    Code,
    parse_code,
)

# ---------------------------------------------------------------------------------------------
# Classification


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


@lru_cache(maxsize=4096)
def classify(text: str) -> Classification:
    """Split an utterance into segments and code each one.

    Pure, so remembered: a live scorecard is rebuilt after every utterance and reads the whole
    transcript again; each line is coded once."""
    parts = segment(text)
    coded = code_in_context(parts, [code_segment(s) for s in parts])
    segments, codes = merge_summaries(parts, coded)
    return Classification(text, tuple(segments), tuple(codes))


# ---------------------------------------------------------------------------------------------
# Live feedback


@dataclass(frozen=True)
class Flag:
    """What went wrong in an utterance and how it could have been said."""

    code: Code
    segment: str
    message: str
    suggestion: str


_PERSUADE_MESSAGE = (
    "Råd uden lov: du fortæller borgeren, hvad der bør ske, uden at have spurgt, om borgeren "
    "vil høre det. Råd, der ikke er bedt om, vækker ofte modstand, og så siger borgeren sjældnere "
    "sine egne forandringsudsagn. Spørg om lov først, eller spørg til borgerens egne tanker."
)
_CONFRONT_MESSAGE = (
    "Konfrontation: du modsiger, retter, bebrejder eller kritiserer borgeren. Det giver typisk "
    "modstand, og borgeren forsvarer sig i stedet for at tale om forandring. Spejl borgerens "
    "side i stedet."
)
_PERMISSION = "»Må jeg fortælle dig, hvad andre har haft glæde af?«"
_CLAIM = re.compile(
    r"\b(?:det (?:passer|er) (?:\w+ )*?ikke(?: rigtigt| sandt)?,? at|du siger,? (?:at )?)"
    r" ?(?P<claim>[^,.!?]+)"
)


def _persuade_suggestion(segment_text: str) -> str:
    """Ask permission, or ask for the resident's own view of the advised action."""
    action = advice_action(segment_text)
    question = f"»Hvad tænker du selv om at {action}?«" if action else "»Hvad tænker du selv?«"
    return f"{_PERMISSION} eller {question}"


def _confront_suggestion(segment_text: str) -> str:
    """A reflection of the resident's side: the claim that was contradicted, or how hard the
    demanded action is, followed by an open question."""
    claim = _CLAIM.search(" ".join(segment_text.lower().split()))
    if claim and len(claim.group("claim").split()) >= 2:
        reflection = f"»Så du oplever, at {claim.group('claim').strip()}.«"
    else:
        action = advice_action(segment_text)
        if action:
            reflection = f"»Det er svært for dig at {action} lige nu.«"
        else:
            reflection = "»Du ser det på din egen måde.«"
    return f"{reflection} Og så: »Hvordan ser det ud fra din side?«"


def flag(c: Classification) -> Flag | None:
    """A flag for confrontation or advice without permission (MITI 4.2.1: MI-non-adherent);
    None for every other utterance."""
    if c.code not in MI_NON_ADHERENT:
        return None
    index = c.codes.index(c.code)
    offending = c.segments[index]
    if c.code is Code.CONFRONT:
        return Flag(c.code, offending, _CONFRONT_MESSAGE, _confront_suggestion(offending))
    return Flag(c.code, offending, _PERSUADE_MESSAGE, _persuade_suggestion(offending))


#: A question is "in a run" when it is at least the third question in a row.
RUN_OF_QUESTIONS = 3


def _reflection_suggestion(resident: str | None) -> str:
    """A simple reflection of the resident's last words, or a template when there are none."""
    reflection = reflect_back(resident) if resident else None
    return f"»{reflection}«" if reflection else "»Så du …« (med borgerens egne ord)"


def _open_suggestion(c: Classification) -> str:
    """An open question built from the utterance's (last) closed question."""
    closed = [
        s for s, code in zip(c.segments, c.codes, strict=True) if code is Code.CLOSED_QUESTION
    ]
    rephrased = open_question_from(closed[-1]) if closed else None
    return f"»{rephrased or 'Fortæl mig lidt mere om det.'}«"


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


# ---------------------------------------------------------------------------------------------
# Counting


class Tally:
    """Counts per code, as a trio observer presses keys; every keypress can be undone."""

    def __init__(self, counts: Mapping[Code, int] | None = None) -> None:
        self._counts = {code: 0 for code in Code}
        self._history: list[Code] = []
        for code, n in (counts or {}).items():
            if n < 0:
                raise ValueError(f"antallet for {code.value} kan ikke være negativt")
            self._counts[Code(code)] = n

    def add(self, codes: Code | Iterable[Code]) -> None:
        for code in [codes] if isinstance(codes, Code) else list(codes):
            code = Code(code)
            self._counts[code] += 1
            self._history.append(code)

    def remove(self, code: Code) -> None:
        """Take one count off `code`; ValueError if it is already zero."""
        code = Code(code)
        if self._counts[code] == 0:
            raise ValueError(f"der er ingen {LABELS[code]} at fjerne")
        self._counts[code] -= 1
        for i in range(len(self._history) - 1, -1, -1):
            if self._history[i] is code:
                del self._history[i]
                break

    def undo(self) -> Code | None:
        """Undo the latest `add` of one code; the code, or None if nothing was added."""
        if not self._history:
            return None
        code = self._history.pop()
        self._counts[code] -= 1
        return code

    @property
    def counts(self) -> dict[Code, int]:
        return dict(self._counts)

    @property
    def total(self) -> int:
        return sum(self._counts.values())

    def __getitem__(self, code: Code) -> int:
        return self._counts[code]


# ---------------------------------------------------------------------------------------------
# Metrics and thresholds

GOOD = "god"
FAIR = "rimelig"
BELOW_FAIR = "under rimelig"
TOO_FEW = "for få ytringer"

#: R:Q is judged only with at least this many questions and reflections together. The MITI
#: thresholds come from 20-minute segments with dozens of utterances; with fewer than 8, one
#: utterance more or less moves the ratio across a whole band (2 reflections and 1 question look
#: "good" but say nothing).
MIN_RQ_UTTERANCES = 8
#: The share of open questions is judged only with at least this many questions: below 5 one
#: question moves the share by more than 20 points, wider than the 50-70 % band itself.
MIN_QUESTIONS = 5
#: The share of complex reflections is judged only with at least this many reflections, for the
#: same reason: below 5, one reflection moves the share by more than the 40-50 % band.
MIN_REFLECTIONS = 5

MITI_4 = "MITI 4.2.1, Moyers, Manuel & Ernst 2014"
MITI_3 = "MITI 3.1.1, Moyers et al. 2010"


@dataclass(frozen=True)
class Metric:
    """One MITI summary score with its thresholds and level."""

    key: str
    label: str
    numerator: int
    denominator: int
    basis: int
    minimum: int
    fair: Fraction
    good: Fraction
    source: str
    ratio: bool = False

    @property
    def value(self) -> Fraction | None:
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @property
    def level(self) -> str:
        if self.basis < self.minimum:
            return TOO_FEW
        value = self.value
        if value is None:  # reflections but no questions: as good as a ratio gets
            return GOOD
        if value >= self.good:
            return GOOD
        if value >= self.fair:
            return FAIR
        return BELOW_FAIR

    def formatted(self) -> str:
        value = self.value
        if self.ratio:
            if value is None:
                return f"{self.numerator} : 0"
            return f"{_decimal(float(value))} : 1"
        if value is None:
            return "–"
        return f"{_percent(value)} af {self.denominator}"

    def thresholds(self) -> str:
        if self.ratio:
            return f"{_ratio_text(self.fair)} / {_ratio_text(self.good)}"
        return f"{_percent(self.fair)} / {_percent(self.good)}"

    def minimum_text(self) -> str:
        what = "spørgsmål og refleksioner" if self.ratio else self.label_denominator
        return f"mindst {self.minimum} {what}"

    @property
    def label_denominator(self) -> str:
        return "spørgsmål" if self.key == "open_share" else "refleksioner"


def _decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _percent(value: Fraction) -> str:
    return f"{round(float(value) * 100)} %"


def _ratio_text(value: Fraction) -> str:
    return f"{value.numerator}:{value.denominator}" if value.denominator != 1 else f"{value}:1"


def metrics(counts: Mapping[Code, int]) -> tuple[Metric, Metric, Metric]:
    """R:Q, share of open questions and share of complex reflections, with MITI thresholds:
    R:Q fair 1:1, good 2:1 and complex reflections fair 40 %, good 50 % (MITI 4.2.1); open
    questions fair 50 %, good 70 % (MITI 3.1.1, as MITI 4 no longer splits questions)."""
    open_q = counts.get(Code.OPEN_QUESTION, 0)
    questions = open_q + counts.get(Code.CLOSED_QUESTION, 0)
    complex_r = counts.get(Code.COMPLEX_REFLECTION, 0)
    reflections = complex_r + counts.get(Code.SIMPLE_REFLECTION, 0)
    return (
        Metric(
            "rq",
            "Refleksioner pr. spørgsmål (R:Q)",
            reflections,
            questions,
            reflections + questions,
            MIN_RQ_UTTERANCES,
            Fraction(1),
            Fraction(2),
            MITI_4,
            ratio=True,
        ),
        Metric(
            "open_share",
            "Åbne spørgsmål",
            open_q,
            questions,
            questions,
            MIN_QUESTIONS,
            Fraction(1, 2),
            Fraction(7, 10),
            MITI_3,
        ),
        Metric(
            "complex_share",
            "Komplekse refleksioner",
            complex_r,
            reflections,
            reflections,
            MIN_REFLECTIONS,
            Fraction(2, 5),
            Fraction(1, 2),
            MITI_4,
        ),
    )


# ---------------------------------------------------------------------------------------------
# Scorecard

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


def _words(text: str) -> int:
    return len(WORD.findall(text))


@dataclass(frozen=True)
class Scorecard:
    """The MITI summary of a talk: counts, metrics with levels, adherence and weak moments."""

    counts: dict[Code, int]
    metrics: tuple[Metric, ...]
    adherent: int
    non_adherent: int
    staff_words: int | None = None
    total_words: int | None = None
    moments: tuple[Moment, ...] = field(default=())

    @classmethod
    def build(cls, turns: Iterable[Any]) -> Scorecard:
        """Score a transcript: (speaker, text, codes) per turn, speaker "medarbejder" or
        "borger". Staff turns without codes are coded here; resident turns are never coded."""
        transcript = [_as_turn(t) for t in turns]
        tally = Tally()
        staff_words = total_words = 0
        classified: list[tuple[int, Classification]] = []
        for index, turn in enumerate(transcript):
            words = _words(turn.text)
            total_words += words
            if turn.speaker != STAFF:
                continue
            staff_words += words
            c = classify(turn.text)
            if turn.codes:
                segments = c.segments if len(c.segments) == len(turn.codes) else (turn.text,)
                if len(segments) != len(turn.codes):
                    segments = tuple(turn.text for _ in turn.codes)
                c = Classification(turn.text, segments, turn.codes)
            tally.add(c.codes)
            classified.append((index, c))
        card = cls._from_counts(tally.counts)
        return cls(
            card.counts,
            card.metrics,
            card.adherent,
            card.non_adherent,
            staff_words,
            total_words,
            tuple(_moments(transcript, classified)),
        )

    @classmethod
    def from_tally(cls, tally: Tally | Mapping[Code, int]) -> Scorecard:
        """Score an observer's counts: no word share and no moments, as there is no text."""
        counts = tally.counts if isinstance(tally, Tally) else Tally(tally).counts
        return cls._from_counts(counts)

    @classmethod
    def _from_counts(cls, counts: Mapping[Code, int]) -> Scorecard:
        full = {code: counts.get(code, 0) for code in Code}
        return cls(
            full,
            metrics(full),
            sum(full[c] for c in MI_ADHERENT),
            sum(full[c] for c in MI_NON_ADHERENT),
        )

    @property
    def word_share(self) -> Fraction | None:
        """The staff member's share of all words spoken, or None without a transcript."""
        if self.staff_words is None or not self.total_words:
            return None
        return Fraction(self.staff_words, self.total_words)

    @property
    def utterances(self) -> int:
        return sum(self.counts.values())

    def metric(self, key: str) -> Metric:
        return next(m for m in self.metrics if m.key == key)

    # --- feedback ---------------------------------------------------------------------------

    def feedback(self) -> list[str]:
        """Short Danish advice drawn from the scores."""
        notes: list[str] = []
        rq, open_share, complex_share = (
            self.metric(k) for k in ("rq", "open_share", "complex_share")
        )
        if self.non_adherent:
            notes.append(
                "Der var konfrontation eller råd uden lov. Spørg om lov, før du giver råd, og "
                "spejl borgerens side, når I er uenige."
            )
        if rq.level == BELOW_FAIR:
            notes.append(
                "Du spurgte mere, end du reflekterede. Refleksioner lader borgeren høre sine egne "
                "ord, også sine egne forandringsudsagn."
            )
        if open_share.level == BELOW_FAIR:
            notes.append(
                "Mange lukkede spørgsmål. Åbne spørgsmål inviterer borgeren til at fortælle og "
                "til at sige forandringsudsagn med egne ord."
            )
        if complex_share.level == BELOW_FAIR:
            notes.append(
                "Refleksionerne var mest simple. Prøv at gætte på følelsen eller værdien bag, "
                "fx »Det lyder som om …«."
            )
        if self.counts[Code.SUMMARY] == 0 and self.utterances >= MIN_RQ_UTTERANCES:
            notes.append("Ingen opsummering. Saml op undervejs og til sidst.")
        share = self.word_share
        if share is not None and share > Fraction(1, 2):
            notes.append(
                f"Du stod for {_percent(share)} af ordene. Giv borgeren mere plads, fx med "
                "refleksioner og pauser."
            )
        levels = {rq.level, open_share.level, complex_share.level}
        if not notes and levels <= {GOOD, FAIR}:
            notes.append("Godt arbejde: tallene ligger på eller over MITI-tærsklerne.")
        return notes

    # --- renderings -------------------------------------------------------------------------

    def lines(self) -> list[str]:
        """The scorecard as plain Danish text, one line per item."""
        out = [
            f"Samtalekort ({self.utterances} kodede ytringer fra medarbejderen)",
            "",
            "Optælling:",
        ]
        width = max(len(LABELS[c]) for c in Code)
        for code in Code:
            out.append(f"  {LABELS[code]:<{width}}  {self.counts[code]:>3}")
        out += ["", "Nøgletal:"]
        for m in self.metrics:
            fair, good = m.thresholds().split(" / ")
            note = f"{m.level} (kræver {m.minimum_text()})" if m.level == TOO_FEW else m.level
            out.append(f"  {m.label}: {m.formatted()} – {note}")
            out.append(f"    rimelig fra {fair}, god fra {good} ({m.source})")

        out.append("")
        out.append(
            f"MI-forenelige ytringer (bekræftende udsagn, spørger om lov, understreger eget valg): "
            f"{self.adherent}"
        )
        warning = " – OBS: skal helst være 0" if self.non_adherent else ""
        out.append(
            f"MI-uforenelige ytringer (råd uden lov, konfrontation): {self.non_adherent}{warning}"
        )
        if self.word_share is not None:
            out.append(f"Medarbejderens andel af ordene: {_percent(self.word_share)}")
        if self.staff_words is not None:
            out += ["", "Øjeblikke at øve:"]
            if not self.moments:
                out.append("  Ingen svage øjeblikke fundet.")
            for n, moment in enumerate(self.moments, 1):
                out.append(f"  {n}. »{moment.text}« ({moment.reason})")
                out.append(f"     Prøv: {moment.suggestion}")
        notes = self.feedback()
        if notes:  # no heading over nothing (a trio with too few counts for any advice)
            out += ["", "Feedback:", *(f"  - {note}" for note in notes)]
        return out

    def text(self) -> str:
        return "\n".join(self.lines()) + "\n"

    def live_lines(self) -> list[str]:
        """Two short lines for the live coach: the counts so far, then the key figures."""
        c = self.counts
        reflections = c[Code.SIMPLE_REFLECTION] + c[Code.COMPLEX_REFLECTION]
        counts = (
            f"Åbne spørgsmål {c[Code.OPEN_QUESTION]} · lukkede {c[Code.CLOSED_QUESTION]} · "
            f"refleksioner {reflections} (komplekse {c[Code.COMPLEX_REFLECTION]}) · "
            f"bekræftende {c[Code.AFFIRMATION]} · opsummeringer {c[Code.SUMMARY]}"
        )
        if self.non_adherent:
            counts += f" · råd uden lov/konfrontation {self.non_adherent}"
        figures = " · ".join(f"{m.label}: {m.formatted()} ({m.level})" for m in self.metrics)
        return [counts, figures]

    def markdown(self) -> str:
        """The scorecard as Markdown: a table of counts, the metrics with thresholds, moments."""
        out = ["## Samtalekort", "", "| Kode | Antal |", "|---|---:|"]
        out += [f"| {LABELS[code]} | {self.counts[code]} |" for code in Code]
        out += [
            "",
            "| Nøgletal | Værdi | Niveau | Rimelig | God | Mindst | Kilde |",
            "|---|---|---|---|---|---|---|",
        ]
        for m in self.metrics:
            fair, good = m.thresholds().split(" / ")
            out.append(
                f"| {m.label} | {m.formatted()} | {m.level} | {fair} | {good} | "
                f"{m.minimum_text()} | {m.source} |"
            )
        out += [
            "",
            f"- MI-forenelige ytringer: {self.adherent}",
            f"- MI-uforenelige ytringer: {self.non_adherent}"
            + (" (**skal helst være 0**)" if self.non_adherent else ""),
        ]
        if self.word_share is not None:
            out.append(f"- Medarbejderens andel af ordene: {_percent(self.word_share)}")
        if self.staff_words is not None:
            out += ["", "### Øjeblikke at øve", ""]
            if not self.moments:
                out.append("Ingen svage øjeblikke fundet.")
            for n, moment in enumerate(self.moments, 1):
                out.append(f"{n}. »{_md(moment.text)}« ({moment.reason})  ")
                out.append(f"   Prøv: {_md(moment.suggestion)}")
        notes = self.feedback()
        if notes:
            out += ["", "### Feedback", "", *(f"- {note}" for note in notes)]
        return "\n".join(out) + "\n"


_MD_SPECIAL = str.maketrans({ch: f"\\{ch}" for ch in "\\`*_[]<>|#"})


def _md(text: str) -> str:
    """User text made inert in Markdown: special characters escaped, on one line."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


def _moments(
    transcript: Sequence[Turn], classified: Sequence[tuple[int, Classification]]
) -> list[Moment]:
    """The three weakest staff utterances: non-adherent first, then closed questions in runs of
    questions, then questions where a reflection would have served. Never more than there are."""
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
            reason = "konfrontation" if c.code is Code.CONFRONT else "råd uden lov"
            moment = Moment(index, c.text, c.code, reason, found.suggestion)
            candidates.append((0, index, moment))
            continue
        if c.code not in QUESTIONS:
            continue
        in_run = bool((before and before[-1] in QUESTIONS) or (after and after[0] in QUESTIONS))
        if c.code is Code.CLOSED_QUESTION and in_run:
            reason = "lukket spørgsmål i en række af spørgsmål"
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
        felt = bool(resident and FEELING_OR_AMBIVALENCE.search(resident.lower()))
        if not reflected and (felt or run >= RUN_OF_QUESTIONS):
            reason = (
                "spørgsmål, hvor en refleksion ville have hjulpet"
                if felt
                else "spørgsmål efter spørgsmål uden en refleksion"
            )
            suggestion = _reflection_suggestion(resident)
            candidates.append((2, index, Moment(index, c.text, c.code, reason, suggestion)))
    candidates.sort(key=lambda item: (item[0], item[1]))
    return [moment for _, _, moment in candidates[:3]]


# ---------------------------------------------------------------------------------------------
# Evaluation against a labelled file


@dataclass(frozen=True)
class LabelledRow:
    code: Code
    codes: tuple[Code, ...]
    text: str
    line: int


def read_labelled(path: str | Path) -> list[LabelledRow]:
    """Rows of a labelled TSV file with the header `code<TAB>codes<TAB>text`; `codes` are joined
    by `+`. Blank lines and lines starting with # are skipped. ValueError names the file and
    line of the first problem."""
    path = Path(path)
    rows: list[LabelledRow] = []
    with path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\r\n").split("\t")
        if [h.strip() for h in header] != ["code", "codes", "text"]:
            raise ValueError(f"{path}:1: første linje skal være 'code<TAB>codes<TAB>text'")
        for number, raw in enumerate(handle, start=2):
            line = raw.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t", 2)
            if len(fields) < 3:
                raise ValueError(f"{path}:{number}: forventede tre felter adskilt af tabulator")
            try:
                code = parse_code(fields[0])
                codes = tuple(parse_code(c) for c in fields[1].split("+"))
            except ValueError as error:
                raise ValueError(f"{path}:{number}: {error}") from None
            rows.append(LabelledRow(code, codes, fields[2], number))
    return rows


def three_way(code: Code) -> str:
    """Question, reflection or everything else: the coarse split that feedback relies on most."""
    if code in QUESTIONS:
        return "question"
    if code in REFLECTIONS:
        return "reflection"
    return "other"


@dataclass(frozen=True)
class CodeScore:
    code: Code
    support: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Evaluation:
    """The coach's primary codes against labelled ones."""

    rows: tuple[LabelledRow, ...]
    predicted: tuple[Classification, ...]

    @property
    def n(self) -> int:
        return len(self.rows)

    def _pairs(self) -> Iterable[tuple[LabelledRow, Classification]]:
        return zip(self.rows, self.predicted, strict=True)

    @property
    def accuracy(self) -> float:
        return sum(r.code is p.code for r, p in self._pairs()) / self.n if self.n else 0.0

    @property
    def three_way_accuracy(self) -> float:
        hits = sum(three_way(r.code) == three_way(p.code) for r, p in self._pairs())
        return hits / self.n if self.n else 0.0

    @property
    def scores(self) -> dict[Code, CodeScore]:
        """Per code that occurs in the labels or the predictions."""
        result: dict[Code, CodeScore] = {}
        for code in Code:
            support = sum(r.code is code for r in self.rows)
            predicted = sum(p.code is code for p in self.predicted)
            correct = sum(r.code is code and p.code is code for r, p in self._pairs())
            if support or predicted:
                result[code] = CodeScore(code, support, predicted, correct)
        return result

    @property
    def macro_f1(self) -> float:
        scores = self.scores
        return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0

    @property
    def errors(self) -> list[tuple[LabelledRow, Classification]]:
        return [(r, p) for r, p in self._pairs() if r.code is not p.code]

    def markdown(self, title: str = "Evaluering af coachen", max_errors: int = 30) -> str:
        out = [
            f"## {_md(title)}",
            "",
            f"- Ytringer: {self.n}",
            f"- Nøjagtighed: {_decimal3(self.accuracy)}",
            f"- Makro-F1: {_decimal3(self.macro_f1)}",
            "- Nøjagtighed for spørgsmål / refleksion / andet: "
            f"{_decimal3(self.three_way_accuracy)}",
            "",
            "| Kode | Dansk | Præcision | Genkaldelse | F1 | Antal |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for code, s in self.scores.items():
            out.append(
                f"| {code.value} | {LABELS[code]} | {_decimal3(s.precision)} | "
                f"{_decimal3(s.recall)} | {_decimal3(s.f1)} | {s.support} |"
            )
        errors = self.errors
        if errors:
            out += [
                "",
                "### Forskelle",
                "",
                "| Linje | Mærket | Coachen | Tekst |",
                "|---:|---|---|---|",
            ]
            for row, predicted in errors[:max_errors]:
                out.append(
                    f"| {row.line} | {row.code.value} | {predicted.code.value} | {_md(row.text)} |"
                )
            if len(errors) > max_errors:
                out.append(f"\n… og {len(errors) - max_errors} flere.")
        return "\n".join(out) + "\n"


def _decimal3(value: float) -> str:
    return f"{value:.3f}".replace(".", ",")


def evaluate(rows: Iterable[LabelledRow]) -> Evaluation:
    rows = tuple(rows)
    return Evaluation(rows, tuple(classify(r.text) for r in rows))


def print_evaluation(path: str | Path, stdout: TextIO, stderr: TextIO | None = None) -> int:
    """`samtale coach --evaluate FILE`: the evaluation as Markdown; 1 if the file is unusable."""
    try:
        rows = read_labelled(path)
    except (OSError, ValueError) as error:
        detail = {
            FileNotFoundError: "filen findes ikke",
            IsADirectoryError: "det er en mappe",
            PermissionError: "du har ikke adgang til filen",
            UnicodeDecodeError: "filen er ikke gyldig UTF-8",
        }.get(type(error), error)
        print(f"samtale: kan ikke læse {path}: {detail}", file=stderr or sys.stderr)
        return 1
    stdout.write(evaluate(rows).markdown(f"Evaluering af coachen: {Path(path).name}"))
    return 0


# ---------------------------------------------------------------------------------------------
# Line mode


def run(stdin: TextIO, stdout: TextIO) -> int:
    """`samtale coach`: one utterance per input line, one JSON object per output line."""
    for line in stdin:
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        c = classify(text)
        record = {"text": text, "code": c.code.value, "codes": [code.value for code in c.codes]}
        stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0
