"""Masking of Danish CPR numbers in free text before anything is stored.

A CPR number is ``ddmmyy`` followed by four digits. People write it in many ways: directly
(``0101901234``), with a dash, space or slash before the last four (``010190-1234``,
``010190 - 1234``, ``010190/1234``), with the date split up (``01.01.90-1234``,
``01 01 90 1234``), and with the dashes and spaces word processors put in (non-breaking
hyphen, en dash, minus sign, no-break space, ...). Between two groups there may be up to
three separator characters (see ``_SEPARATORS``), with up to three spaces on either side
(``010190  -  1234``). The first six digits must be a real day and
month. The number must not touch another digit, so it is found inside words
(``cpr:0101901234``) but not inside longer digit runs. Dates (``24-12-2026``), phone numbers
(``12 34 56 78``) and times (``14:30``) never have the ``2+2+2+4`` shape and are left alone; a
date followed by a time (``241226 1430``) has it and is masked too: masking too much is
acceptable, masking too little never is.

Every text that goes into a store passes ``mask_cpr`` (event data through ``mask_in``), so it
is also where U+0000 (NUL) is removed: it is never meaningful typed text (a paste from a binary
file, a broken terminal), PostgreSQL refuses it in text while SQLite would keep it, and
removing it in one place gives the same note on both backends. Every other control character
is kept as typed on both (a CR from a Windows paste, a tab) and shown escaped wherever user
text is shown (notes/export.py).
"""

from __future__ import annotations

import re
from typing import Any

MASK = "XXXXXX-XXXX"

# What people put between the groups: hyphen-minus and every other dash (hyphen, non-breaking
# hyphen, figure dash, en and em dash, horizontal bar, minus sign, small and full-width
# hyphen-minus), dot, slash (also full-width), any white space (no-break and narrow no-break
# space included), and the invisible characters a copy from a document can carry (soft hyphen,
# zero-width space and joiners, word joiner, byte order mark).
_MARKS = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d./\uff0e\uff0f"
_SPACES = "\\s\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SEPARATORS = _MARKS + _SPACES
# Up to three of them in any order, or a mark or two with up to three spaces on either side
# (``010190  -  1234``); two alternatives, not one class with spaces on both sides, so that a
# long run of spaces and digits is not tried in thousands of ways.
_SEP = f"(?:[{_SEPARATORS}]{{0,3}}|[{_SPACES}]{{0,3}}[{_MARKS}]{{1,3}}[{_SPACES}]{{0,3}})"

# A lookahead, so that every start is tried, also inside a candidate that turned out not to
# be a date: the number is group 1, its day and month groups 2 and 3.
_CPR_RE = re.compile(rf"(?<!\d)(?=((\d{{2}}){_SEP}(\d{{2}}){_SEP}\d{{2}}{_SEP}\d{{4}}(?!\d)))")

# Highest day per month; February allows 29 because the century (and so leap year) is unknown.
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_day_month(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]


def masked_notice(count: int = 0) -> str:
    """What the staff member is told when text like a CPR number was replaced (in ``count``
    places, when that is known)."""
    where = f" ({count} sted{'er' if count > 1 else ''})" if count else ""
    return (
        f"Noget, der lignede et CPR-nummer, er erstattet med {MASK}{where}. "
        "CPR-numre gemmes aldrig."
    )


def removed_text(count: int) -> str:
    """How a note says how many CPR-like numbers were removed from it: "1 nummer fjernet"."""
    return "1 nummer fjernet" if count == 1 else f"{count} numre fjernet"


def start_notice(borger: str | None, medarbejder: str | None) -> str:
    """What the staff member is told when the pseudonym or the initials given at the start
    were stored masked ("" if neither was)."""
    which = [
        what
        for what, value in (("borgerens pseudonym", borger), ("dine initialer", medarbejder))
        if value and MASK in value
    ]
    if not which:
        return ""
    verb = "lignede" if len(which) == 1 else "lignede begge"
    text = f"{' og '.join(which)} {verb} et CPR-nummer og er gemt som {MASK}."
    return f"{text[0].upper()}{text[1:]} CPR-numre gemmes aldrig."


NUL = "\x00"


def without_nul(text: str) -> str:
    """``text`` without U+0000, as every store keeps it."""
    return text.replace(NUL, "") if NUL in text else text


def mask_cpr(text: str) -> tuple[str, int]:
    """Replace every CPR-like number in ``text`` with ``XXXXXX-XXXX``; return (text, count).

    Candidates that overlap (``25 12 010190-1234`` holds two) are masked as one. U+0000 is
    removed first (see the module's docstring), and is not counted.
    """
    text = without_nul(text)
    spans: list[list[int]] = []
    for match in _CPR_RE.finditer(text):
        if not _is_day_month(int(match.group(2)), int(match.group(3))):
            continue
        start, end = match.span(1)
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    if not spans:
        return text, 0
    parts: list[str] = []
    done = 0
    for start, end in spans:
        parts += [text[done:start], MASK]
        done = end
    parts.append(text[done:])
    return "".join(parts), len(spans)


def mask_in(data: Any) -> tuple[Any, int]:
    """Mask CPR numbers in every string inside nested dicts, lists and tuples.

    Returns a new structure (the input is not changed) and the total number of masks.
    Dict keys are identifiers, not user text, and are kept as they are.
    """
    if isinstance(data, str):
        return mask_cpr(data)
    if isinstance(data, dict):
        total = 0
        new_dict: dict[Any, Any] = {}
        for key, value in data.items():
            new_value, n = mask_in(value)
            new_dict[key] = new_value
            total += n
        return new_dict, total
    if isinstance(data, list | tuple):
        total = 0
        items: list[Any] = []
        for value in data:
            new_value, n = mask_in(value)
            items.append(new_value)
            total += n
        return (items if isinstance(data, list) else tuple(items)), total
    return data, 0
