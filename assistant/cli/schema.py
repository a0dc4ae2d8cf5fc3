"""`samtale schema [-o FILE]`: the JSON Schema of guide files, for a trainer's editor.

Without ``-o`` (or with ``-o -``) the schema is printed. A file is written readable by others
(it holds no personal data, and colleagues' editors read it) and replaces only an earlier
schema from Samtale, or an empty file: a mistyped name never overwrites a guide."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import UsageError


def _replaceable(path: Path) -> bool:
    """True if nothing is at ``path``, or an empty file, or an earlier schema from Samtale."""
    from ..dialogue.json_schema import guide_schema

    if not path.exists() and not path.is_symlink():
        return True
    if path.is_dir():
        return True  # the write fails and says why
    if not path.is_file():
        return False
    try:
        text = path.read_text(encoding="utf-8")
        if not text.strip():
            return True
        old = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    new = guide_schema()
    return isinstance(old, dict) and all(old.get(k) == new[k] for k in ("$schema", "title"))


def cmd_schema(args: argparse.Namespace) -> int:
    from ..dialogue.json_schema import schema_text

    text = schema_text()
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return 0
    from ..notes.files import why

    path = Path(args.output)
    if not _replaceable(path):
        raise UsageError(
            f"Skemaet er ikke skrevet: {path} findes og er ikke et skema fra Samtale, så den "
            "overskrives ikke. Vælg et andet filnavn med -o."
        )
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise UsageError(f"Skemaet kunne ikke skrives til {path}: {why(path, e)}.") from None
    print(f"Skemaet for guidefiler er skrevet til {path}")
    return 0
