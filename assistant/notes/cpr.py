"""Masking of Danish CPR numbers in free text before anything is stored.

A CPR number is ``ddmmyy`` followed by four digits, either directly or after one dash or one
space (``0101901234``, ``010190-1234``, ``010190 1234``). The first six digits must be a real
day and month. The number must not touch another digit, so it is found inside words
(``cpr:0101901234``) but not inside longer digit runs. Dates (``24-12-2026``), phone numbers
(``12 34 56 78``) and times (``14:30``) never have the ``6+4`` shape and are left alone.
"""

from __future__ import annotations

import re
from typing import Any

MASK = "XXXXXX-XXXX"

# Hyphen-minus, en dash (word processors turn "-" into "–") and a single (no-break) space.
_SEPARATORS = "-\u2013 \u00a0"

_CPR_RE = re.compile(
    rf"(?<![0-9])([0-9]{{2}})([0-9]{{2}})[0-9]{{2}}[{_SEPARATORS}]?[0-9]{{4}}(?![0-9])"
)

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


def mask_cpr(text: str) -> tuple[str, int]:
    """Replace every CPR-like number in ``text`` with ``XXXXXX-XXXX``; return (text, count)."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if not _is_day_month(int(match.group(1)), int(match.group(2))):
            return match.group(0)
        count += 1
        return MASK

    masked = _CPR_RE.sub(replace, text)
    return masked, count


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
