"""Evaluation: the coach's codes against a labelled TSV file (`samtale coach --evaluate`)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..codes import LABELS, QUESTIONS, REFLECTIONS, Code, parse_code
from .coding import Classification, classify
from .scoring import md_inline


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
            f"## {md_inline(title)}",
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
                    f"| {row.line} | {row.code.value} | {predicted.code.value} | {md_inline(row.text)} |"
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
