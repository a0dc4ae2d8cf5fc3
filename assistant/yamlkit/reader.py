"""The generic reader methods a type-specific builder starts from: each reads one value of a
positioned YAML mapping and records a problem instead of raising."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .problems import Problem, suggest
from .yamlpos import Pos, item_pos, key_pos, node_pos, val_pos


class Reader:
    """Reads positioned YAML data and records problems instead of raising.

    ``current`` is the file that problems are reported in; a builder of a file type that has no
    path (a stored snapshot) names it by ``unnamed``."""

    def __init__(self, path: Path | None, unnamed: str = "<gemt fil>") -> None:
        self.path = path
        self.current = str(path) if path else unnamed
        self.problems: list[Problem] = []

    def err(self, pos: Pos, message: str, path: str | None = None) -> None:
        self.problems.append(
            Problem(path or self.current, max(pos.line, 1), max(pos.col, 1), message)
        )

    def mapping(self, node: Any, where: str, pos: Pos) -> bool:
        if isinstance(node, dict):
            return True
        self.err(pos, f"{where} skal være en samling af nøgler og værdier (nøgle: værdi)")
        return False

    def keys(
        self, node: dict, where: str, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> None:
        for key in node:
            if key not in allowed:
                self.err(
                    key_pos(node, key), f"ukendt nøgle '{key}' i {where}{suggest(key, allowed)}"
                )
        for key in required:
            if key not in node:
                self.err(node_pos(node), f"{where} mangler det påkrævede felt '{key}'")

    def text(self, node: dict, key: str, where: str, default: str = "") -> str:
        value = node.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or isinstance(value, dict | list):
            self.err(val_pos(node, key), f"'{key}' i {where} skal være en tekst")
            return default
        return str(value).strip()

    def texts(self, node: dict, key: str, where: str) -> tuple[str, ...]:
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, list):
            self.err(val_pos(node, key), f"'{key}' i {where} skal være en liste af tekster")
            return ()
        result = []
        for i, item in enumerate(value):
            if isinstance(item, dict | list) or item is None:
                hint = (
                    " – teksten blev læst som 'nøgle: værdi'; sæt den i anførselstegn, når den "
                    "indeholder kolon og mellemrum"
                    if isinstance(item, dict)
                    else ""
                )
                self.err(item_pos(value, i), f"punkt {i + 1} i '{key}' skal være en tekst{hint}")
            else:
                result.append(str(item).strip())
        return tuple(result)

    def integer(self, node: dict, key: str, where: str, default: int | None = None) -> int | None:
        value = node.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.err(val_pos(node, key), f"'{key}' i {where} skal være et helt tal")
            return default
        return value

    def flag(self, node: dict, key: str, where: str) -> bool:
        value = node.get(key, False)
        if not isinstance(value, bool):
            self.err(val_pos(node, key), f"'{key}' i {where} skal være true eller false")
            return False
        return value

    def problems_at(self, pos: Pos) -> bool:
        return any(p.line == pos.line and p.col == pos.col for p in self.problems)
