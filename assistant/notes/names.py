"""A resident's pseudonym is one name however it is typed.

Stored normalised (Unicode NFC, trimmed, every run of white space one space), so it is shown
one way; compared by a key that is also casefolded, so that ``Åse``, ``åse``, ``Åse `` and
``Åse`` typed with a combining ring (NFD) are the same resident for ``notes delete --borger``,
``--borger`` and ``--search``. The store keeps the key in a column (``borger_key``) and
registers these functions in SQLite, so older databases are brought up to date in SQL.
A name typed in a command is matched as it would have been stored: with CPR-like numbers
masked (``typed_key``), so ``Stue 010190-1234`` finds the note stored as ``Stue XXXXXX-XXXX``.
"""

from __future__ import annotations

import unicodedata


def pseudonym(text: str | None) -> str | None:
    """``text`` as it is stored and shown: NFC, trimmed, white space collapsed."""
    if text is None:
        return None
    return " ".join(unicodedata.normalize("NFC", text).split())


def name_key(text: str | None) -> str | None:
    """What two spellings of one name share: the stored form, casefolded (and NFC again,
    since casefolding can leave a character decomposed)."""
    if text is None:
        return None
    return unicodedata.normalize("NFC", pseudonym(text).casefold())  # type: ignore[union-attr]


def typed_name(text: str) -> str:
    """A name typed in a command (``--borger``) as it would have been stored: normalised, with
    CPR-like numbers masked; what is matched, and what a message may repeat."""
    from .cpr import mask_cpr

    return mask_cpr(pseudonym(text) or "")[0]


def typed_key(text: str) -> str:
    """The key a name or search text typed in a command matches (see ``typed_name``)."""
    return name_key(typed_name(text)) or ""
