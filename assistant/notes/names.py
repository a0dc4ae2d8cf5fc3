"""A resident's pseudonym is one name however it is typed.

Stored normalised (Unicode NFC, trimmed, every run of white space one space), so it is shown
one way; compared by a key that is also casefolded, so that ``Åse``, ``åse``, ``Åse `` and
``Åse`` typed with a combining ring (NFD) are the same resident for ``notes delete --borger``,
``--borger`` and ``--search``. The store keeps the key in a column (``borger_key``) and
registers these functions in SQLite, so older databases are brought up to date in SQL.
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
