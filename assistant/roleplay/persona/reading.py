"""The reading every part of a persona file shares: required texts, lists of texts and the rules
a keyword (or a feeling word) must keep. The persona builder and the listening reader build on it."""

from __future__ import annotations

import re
from typing import Any

from ...yamlkit import Reader
from ...yamlkit.yamlpos import Pos, item_pos, val_pos
from .model import Keyword
from .rules import COMMON_WORDS, MIN_KEYWORD_LENGTH

KEYWORD_RE = re.compile(r"=?[^\W\d_]+(?: [^\W\d_]+)*")


class PersonaReader(Reader):
    """Texts and lists of texts, recording problems instead of raising."""

    def required_text(self, node: dict, key: str, where: str) -> str:
        value = self.text(node, key, where)
        if key in node and not value and not self.problems_here(val_pos(node, key)):
            self.err(val_pos(node, key), f"'{key}' i {where} må ikke være tom")
        return value

    def problems_here(self, pos: Pos) -> bool:
        return any(p.line == max(pos.line, 1) and p.col == max(pos.col, 1) for p in self.problems)

    def strings(
        self, node: dict, key: str, where: str, minimum: int, noun: str = "forskellige svar"
    ) -> tuple[str, ...]:
        """A list of texts, at least ``minimum`` long, each a real text and none twice."""
        value = node.get(key)
        if key not in node:
            return ()
        if not isinstance(value, list):
            self.err(val_pos(node, key), f"'{key}' i {where} skal være en liste af tekster")
            return ()
        result: list[str] = []
        for i, item in enumerate(value):
            pos = item_pos(value, i)
            if not isinstance(item, str):
                self.err(pos, f"punkt {i + 1} i '{key}' i {where} skal være en tekst{hint(item)}")
                continue
            text = " ".join(item.split())
            if not text:
                self.err(pos, f"punkt {i + 1} i '{key}' i {where} er tomt")
            elif text in result:
                self.err(pos, f"punkt {i + 1} i '{key}' i {where} står der allerede")
            else:
                result.append(text)
        if len(result) < minimum:
            self.err(
                val_pos(node, key),
                f"'{key}' i {where} skal have mindst {minimum} {noun} (der er {len(result)})",
            )
        return tuple(result)

    def keyword_rule_problem(self, keyword: Keyword) -> str | None:
        """The first keyword rule a word breaks (the message after "nøgleordet 'x' i y")."""
        return next((m for rule in KEYWORD_RULES if (m := rule(keyword))), None)


def hint(item: Any) -> str:
    """Why a list item that should be a text was read as something else, and what to do."""
    if isinstance(item, dict):
        return (
            " – teksten blev læst som 'nøgle: værdi'; sæt den i anførselstegn, når "
            "den indeholder kolon og mellemrum"
        )
    if isinstance(item, bool | int | float) or item is None:
        return " – sæt den i anførselstegn, så den ikke læses som tal, ja/nej eller tom"
    return ""


# --- the keyword rules, in the order they are checked: the message after "nøgleordet 'x' i y" --
def keyword_letters(keyword: Keyword) -> str | None:
    if KEYWORD_RE.fullmatch(keyword.text):
        return None
    return "må kun have bogstaver og mellemrum (og evt. '=' først for et helt ord)"


def keyword_length(keyword: Keyword) -> str | None:
    return "er for kort" if keyword.length < MIN_KEYWORD_LENGTH else None


def keyword_common(keyword: Keyword) -> str | None:
    common = next((w for w in COMMON_WORDS if keyword.matches([w])), None)
    if len(keyword.words) != 1 or common is None:
        return None
    return (
        f"passer på det almindelige ord '{common}' og vil give emnet til næsten alt; "
        "vælg et mere præcist ord"
    )


KEYWORD_RULES = (keyword_letters, keyword_length, keyword_common)
