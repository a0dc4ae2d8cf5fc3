"""Scoring: counts per code (`Tally`), the MITI summary scores with their thresholds (`Metric`,
`metrics`), and the number formats the scorecard and the evaluation share.

The thresholds and the level names are in `data/messages.yaml`; they are read once, at import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from ..codes import LABELS, Code
from .lexicon import R

_MESSAGES = R.data.messages
_COUNTS = R.data.counts
_FRACTIONS = R.data.fractions


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

GOOD = _MESSAGES["level_good"]
FAIR = _MESSAGES["level_fair"]
BELOW_FAIR = _MESSAGES["level_below_fair"]
TOO_FEW = _MESSAGES["level_too_few"]

#: R:Q is judged only with at least this many questions and reflections together (see
#: messages.yaml for why: with fewer, one utterance moves the ratio across a whole band).
MIN_RQ_UTTERANCES = _COUNTS["min_rq_utterances"]
#: The share of open questions is judged only with at least this many questions.
MIN_QUESTIONS = _COUNTS["min_questions"]
#: The share of complex reflections is judged only with at least this many reflections.
MIN_REFLECTIONS = _COUNTS["min_reflections"]

MITI_4 = _MESSAGES["source_miti_4"]
MITI_3 = _MESSAGES["source_miti_3"]


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
            return f"{decimal(float(value))} : 1"
        if value is None:
            return "–"
        return f"{percent(value)} af {self.denominator}"

    def thresholds(self) -> str:
        if self.ratio:
            return f"{_ratio_text(self.fair)} / {_ratio_text(self.good)}"
        return f"{percent(self.fair)} / {percent(self.good)}"

    def minimum_text(self) -> str:
        what = "spørgsmål og refleksioner" if self.ratio else self.label_denominator
        return f"mindst {self.minimum} {what}"

    @property
    def label_denominator(self) -> str:
        return "spørgsmål" if self.key == "open_share" else "refleksioner"


def decimal(value: float) -> str:
    """One decimal with a Danish decimal comma: 1,5."""
    return f"{value:.1f}".replace(".", ",")


def percent(value: Fraction) -> str:
    """A share as a whole percentage: 67 %."""
    return f"{round(float(value) * 100)} %"


def _ratio_text(value: Fraction) -> str:
    return f"{value.numerator}:{value.denominator}" if value.denominator != 1 else f"{value}:1"


def metrics(counts: Mapping[Code, int]) -> tuple[Metric, Metric, Metric]:
    """R:Q, share of open questions and share of complex reflections, with MITI thresholds:
    R:Q fair 1:1, good 2:1 and complex reflections fair 40 %, good 50 % (MITI 4.2.1); open
    questions fair 50 %, good 70 % (MITI 3.1.1, as MITI 4 no longer splits questions). The
    figures are in data/messages.yaml."""
    open_q = counts.get(Code.OPEN_QUESTION, 0)
    questions = open_q + counts.get(Code.CLOSED_QUESTION, 0)
    complex_r = counts.get(Code.COMPLEX_REFLECTION, 0)
    reflections = complex_r + counts.get(Code.SIMPLE_REFLECTION, 0)
    f = _FRACTIONS
    return (
        Metric(
            "rq",
            _MESSAGES["metric_rq"],
            reflections,
            questions,
            reflections + questions,
            MIN_RQ_UTTERANCES,
            f["rq_fair"],
            f["rq_good"],
            MITI_4,
            ratio=True,
        ),
        Metric(
            "open_share",
            _MESSAGES["metric_open_share"],
            open_q,
            questions,
            questions,
            MIN_QUESTIONS,
            f["open_fair"],
            f["open_good"],
            MITI_3,
        ),
        Metric(
            "complex_share",
            _MESSAGES["metric_complex_share"],
            complex_r,
            reflections,
            reflections,
            MIN_REFLECTIONS,
            f["complex_fair"],
            f["complex_good"],
            MITI_4,
        ),
    )


_MD_SPECIAL = str.maketrans({ch: f"\\{ch}" for ch in "\\`*_[]<>|#"})


def md_inline(text: str) -> str:
    """User text made inert in Markdown: special characters escaped, on one line."""
    return " ".join(text.split()).translate(_MD_SPECIAL)
