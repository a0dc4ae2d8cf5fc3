"""The scorecard: the MITI summary of a whole talk, from a transcript or an observer's counts,
with its feedback and its renderings as plain text, two live lines and Markdown."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..codes import LABELS, MI_ADHERENT, MI_NON_ADHERENT, Code
from .coding import Classification, classify
from .feedback import STAFF, Moment, _as_turn, _moments
from .lexicon import WORD, R
from .scoring import (
    BELOW_FAIR,
    FAIR,
    GOOD,
    MIN_RQ_UTTERANCES,
    TOO_FEW,
    Metric,
    Tally,
    md_inline,
    metrics,
    percent,
)

_MESSAGES = R.data.messages


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
        m = _MESSAGES
        if self.non_adherent:
            notes.append(m["feedback_non_adherent"])
        if rq.level == BELOW_FAIR:
            notes.append(m["feedback_rq_low"])
        if open_share.level == BELOW_FAIR:
            notes.append(m["feedback_open_low"])
        if complex_share.level == BELOW_FAIR:
            notes.append(m["feedback_complex_low"])
        if self.counts[Code.SUMMARY] == 0 and self.utterances >= MIN_RQ_UTTERANCES:
            notes.append(m["feedback_no_summary"])
        share = self.word_share
        if share is not None and share > R.data.fractions["word_share_max"]:
            notes.append(m["feedback_word_share"].format(share=percent(share)))
        levels = {rq.level, open_share.level, complex_share.level}
        if not notes and levels <= {GOOD, FAIR}:
            notes.append(m["feedback_well_done"])
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
            out.append(f"Medarbejderens andel af ordene: {percent(self.word_share)}")
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
            out.append(f"- Medarbejderens andel af ordene: {percent(self.word_share)}")
        if self.staff_words is not None:
            out += ["", "### Øjeblikke at øve", ""]
            if not self.moments:
                out.append("Ingen svage øjeblikke fundet.")
            for n, moment in enumerate(self.moments, 1):
                out.append(f"{n}. »{md_inline(moment.text)}« ({moment.reason})  ")
                out.append(f"   Prøv: {md_inline(moment.suggestion)}")
        notes = self.feedback()
        if notes:
            out += ["", "### Feedback", "", *(f"- {note}" for note in notes)]
        return "\n".join(out) + "\n"
