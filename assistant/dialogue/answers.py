"""Parsing and showing answers of each type: what staff type becomes a stored value."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from .model import AnswerSpec, Choice
from .numbers import ascii_int, foreign_digits, shorten

YES = {"ja", "j", "yes", "y", "1", "sand"}
NO = {"nej", "n", "no", "2", "falsk"}
UNIT_DAYS = {"dag": 1, "dage": 1, "uge": 7, "uger": 7}


class AnswerError(ValueError):
    """An answer the step cannot accept; the message says why, in Danish."""


def parse_choice(choices: tuple[Choice, ...], text: str) -> Choice:
    """A choice by its number, value or label (or an unambiguous start of the label)."""
    text = text.strip()
    number = ascii_int(text)
    if number is not None and 1 <= number <= len(choices):
        return choices[number - 1]
    folded = text.casefold()
    for choice in choices:
        if folded in (choice.value.casefold(), choice.label.casefold()):
            return choice
    starts = [c for c in choices if c.label.casefold().startswith(folded) and folded]
    if len(starts) == 1:
        return starts[0]
    options = ", ".join(f"{i}) {c.label}" for i, c in enumerate(choices, 1))
    if number is not None:
        raise AnswerError(
            f"Der er ingen mulighed nummer {shorten(text)}. Skriv et nummer fra 1 til "
            f"{len(choices)}: {options}."
        )
    if foreign_digits(text):
        raise AnswerError(f"Skriv nummeret med cifrene 0-9: {options}.")
    raise AnswerError(f"'{shorten(text)}' er ikke en af mulighederne. Skriv et nummer: {options}.")


def parse_date(text: str, today: date | None = None) -> str:
    """Danish date input to ISO: 24-12-2026, 24.12.26, 2026-12-24, i dag, i morgen, om 2 uger."""
    today = today or date.today()
    t = text.strip().casefold()
    if t in ("i dag", "idag"):
        return today.isoformat()
    if t in ("i morgen", "imorgen"):
        return (today + timedelta(days=1)).isoformat()
    m = re.fullmatch(r"om ([0-9]+|en|et|to|tre|fire) (dag|dage|uge|uger|måned|måneder)", t)
    if m:
        words = {"en": 1, "et": 1, "to": 2, "tre": 3, "fire": 4}
        n = words.get(m.group(1)) or ascii_int(m.group(1)) or 0
        try:
            return _later(today, n, m.group(2)).isoformat()
        except (OverflowError, ValueError):
            raise AnswerError(
                f"'{shorten(text)}' ligger for langt ude i fremtiden. Skriv en nærmere dato, "
                "fx 24-12-2026 eller 'om 2 uger'."
            ) from None
    m = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", t)
    parts = (m.group(3), m.group(2), m.group(1)) if m else None
    m = re.fullmatch(r"([0-9]{1,2})[-./]([0-9]{1,2})[-./]([0-9]{2}|[0-9]{4})", t)
    if m:
        parts = (m.group(1), m.group(2), m.group(3))
    if parts:
        day, month, year = (int(p) for p in parts)
        if year < 100:
            year += 2000
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            raise AnswerError(
                f"Datoen {text.strip()} findes ikke i kalenderen. Tjek dag og måned, fx 24-12-2026."
            ) from None
    if foreign_digits(t):
        raise AnswerError("Skriv datoen med cifrene 0-9, fx 24-12-2026.")
    raise AnswerError(
        f"'{shorten(text)}' er ikke en dato, jeg kan læse. Skriv fx 24-12-2026, 'i morgen' "
        "eller 'om 2 uger'."
    )


def _later(today: date, n: int, unit: str) -> date:
    """``n`` days, weeks or months after ``today``; OverflowError or ValueError past year 9999."""
    if not unit.startswith("måned"):
        return today + timedelta(days=n * UNIT_DAYS[unit])
    month = today.month - 1 + n
    year, month = today.year + month // 12, month % 12 + 1
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return date(year, month, min(today.day, days))


def parse_rows(spec: AnswerSpec, text: str) -> list[dict[str, str]]:
    """One row per line, fields separated by ';' in the order of the spec's fields."""
    rows: list[dict[str, str]] = []
    # Only real line breaks end a row; str.splitlines() would also split a cell at a form feed,
    # a NEL (U+0085) or a line separator (U+2028) pasted into it, and silently make a new row.
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), 1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split(";")]
        if len(cells) > len(spec.fields):
            raise AnswerError(
                f"Linje {number} har {len(cells)} felter, men der er kun {len(spec.fields)}: "
                + " ; ".join(f.label for f in spec.fields)
                + "."
            )
        cells += [""] * (len(spec.fields) - len(cells))
        rows.append(_row(spec, dict(zip((f.key for f in spec.fields), cells, strict=True)), number))
    return rows


def _row(spec: AnswerSpec, row: dict[str, Any], number: int) -> dict[str, str]:
    clean: dict[str, str] = {}
    for f in spec.fields:
        value = row.get(f.key, "")
        value = "" if value is None else str(value).strip()
        if f.required and not value:
            raise AnswerError(f"Række {number}: feltet '{f.label}' skal udfyldes.")
        if value and f.type == "dato":
            try:
                value = parse_date(value)
            except AnswerError as e:
                raise AnswerError(f"Række {number}, {f.label}: {e}") from None
        clean[f.key] = value
    return clean


def parse_answer(spec: AnswerSpec, raw: Any) -> Any:
    """Turn typed text (or a value from a widget) into the value to store."""
    kind = spec.type
    if isinstance(raw, str) and kind not in ("tekst", "rækker"):
        raw = raw.strip()
        if not raw:
            raise AnswerError("Svaret er tomt. Skriv et svar, eller spring trinnet over.")
    if kind == "tekst":
        text = str(raw)
        if not text.strip():
            raise AnswerError("Noten er tom. Skriv noget, eller spring trinnet over.")
        return text
    if kind == "valg":
        return parse_choice(spec.choices, str(raw)).value
    if kind == "flervalg":
        items = (
            raw if isinstance(raw, list) else [p for p in re.split(r"[,;]", str(raw)) if p.strip()]
        )
        values: list[str] = []
        for item in items:
            item = str(item).strip()
            if spec.other and item.casefold().startswith("andet:"):
                if not item[len("andet:") :].strip():
                    raise AnswerError(
                        "Skriv, hvad 'andet' er, efter 'andet:' (fx andet: kage), eller lad det "
                        "være ude."
                    )
                values.append(item)
                continue
            value = parse_choice(spec.choices, item).value
            if value not in values:
                values.append(value)
        if not values:
            raise AnswerError("Vælg mindst én mulighed, adskilt med komma (fx 1, 3).")
        return values
    if kind == "skala":
        if spec.numeric_scale:
            assert spec.scale_min is not None and spec.scale_max is not None
            text = str(raw).strip()
            number = ascii_int(text)
            if number is None:
                digits = " med cifrene 0-9" if foreign_digits(text) else ""
                raise AnswerError(
                    f"Skriv et helt tal{digits} fra {spec.scale_min} til {spec.scale_max}."
                )
            if not spec.scale_min <= number <= spec.scale_max:
                raise AnswerError(
                    f"{shorten(text)} er uden for skalaen. Skriv et tal fra {spec.scale_min} "
                    f"til {spec.scale_max}."
                )
            return number
        return parse_choice(spec.choices, str(raw)).value
    if kind == "ja_nej":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().casefold()
        if text in YES:
            return True
        if text in NO:
            return False
        raise AnswerError("Svar ja eller nej (eller 1 for ja, 2 for nej).")
    if kind == "dato":
        return parse_date(str(raw))
    if kind == "rækker":
        if isinstance(raw, list):
            rows = [
                _row(spec, r, i)
                for i, r in enumerate(raw, 1)
                if any(str(v).strip() for v in r.values())
            ]
        else:
            rows = parse_rows(spec, str(raw))
        if not rows:
            raise AnswerError("Der er ingen rækker. Skriv mindst én række, eller spring over.")
        return rows
    raise AnswerError(f"Ukendt svartype '{kind}'.")


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def danish_date(value: str | None) -> str:
    """``2026-12-24`` (or an ISO timestamp) as ``24-12-2026``; anything else unchanged."""
    if not value:
        return ""
    match = _ISO_DATE.match(value)
    return f"{match.group(3)}-{match.group(2)}-{match.group(1)}" if match else value


def display(spec: AnswerSpec | None, value: Any) -> str:
    """A stored value as a person reads it."""
    if value is None:
        return ""
    if spec is None:
        return str(value)
    labels = {c.value: c.label for c in spec.choices}
    if spec.type == "ja_nej":
        return "Ja" if value else "Nej"
    if spec.type == "dato":
        return danish_date(value)
    if spec.type in ("valg", "skala") and not spec.numeric_scale:
        return labels.get(value, str(value))
    if spec.numeric_scale:
        label = spec.scale_labels.get(int(value))
        return f"{value} ({label})" if label else str(value)
    if spec.type == "flervalg":
        return ", ".join(labels.get(v, v) for v in value)
    if spec.type == "rækker":
        lines = []
        for row in value:
            cells = [
                danish_date(row.get(f.key, "")) if f.type == "dato" else row.get(f.key, "")
                for f in spec.fields
            ]
            lines.append(" ; ".join(cells))
        return "\n".join(lines)
    return str(value)


def input_hint(spec: AnswerSpec) -> str:
    """One line telling how to answer, for the plain mode and the TUI."""
    kind = spec.type
    if kind == "tekst":
        return "Skriv din note."
    if kind == "valg" or (kind == "skala" and not spec.numeric_scale):
        return "Skriv nummeret eller teksten på ét valg."
    if kind == "flervalg":
        extra = " Skriv 'andet: ...' for noget andet." if spec.other else ""
        return "Skriv numrene på alle, der passer, adskilt med komma (fx 1, 3)." + extra
    if kind == "skala":
        return f"Skriv et tal fra {spec.scale_min} til {spec.scale_max}."
    if kind == "ja_nej":
        return "Svar ja eller nej."
    if kind == "dato":
        return "Skriv en dato, fx 24-12-2026, 'i morgen' eller 'om 2 uger'."
    fields = " ; ".join(f.label for f in spec.fields)
    return f"Én række pr. linje: {fields}"
