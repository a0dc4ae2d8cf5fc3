"""Numbers as staff type them: only the digits 0-9 count, and no number is too long to read.

Python's ``int()`` also reads Arabic-Indic (``٣``) and full-width (``３``) digits, ``str.isdigit``
accepts superscripts (``²``) that ``int()`` then refuses, and a number of more than 4300 digits
makes ``int()`` fail. Answers never go through them directly: a number is ASCII digits or it is
not a number, and a very long one is simply outside every range."""

from __future__ import annotations

import re

MAX_DIGITS = 9  # more than any scale, list or number of days a person means
_INTEGER = re.compile(r"[-+]?[0-9]+", re.ASCII)
SHOWN = 40  # how much of a refused answer a message repeats


def ascii_int(text: str) -> int | None:
    """``text`` as a whole number written with the digits 0-9, else ``None``. A number longer
    than ``MAX_DIGITS`` digits comes back as ±10**MAX_DIGITS: outside any range a guide has."""
    text = text.strip()
    if not _INTEGER.fullmatch(text):
        return None
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-").lstrip("0") or "0"
    if len(digits) > MAX_DIGITS:
        return sign * 10**MAX_DIGITS
    return sign * int(digits)


def foreign_digits(text: str) -> bool:
    """Whether ``text`` holds a digit other than 0-9: ², ٣, ３, ½ and the like."""
    return any(c.isnumeric() and not "0" <= c <= "9" for c in text)


def shorten(text: str) -> str:
    """A refused answer as a message may repeat it: at most ``SHOWN`` characters."""
    text = text.strip()
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
