"""Slash commands as staff type them, in line mode and in the practice input.

A line that starts with ``/`` is a command or a mistyped one, never an answer: a typo such as
``/pasue`` must not end up in the note. An answer that really starts with a slash is written
with two, ``//``, and stored with one."""

from __future__ import annotations

from collections.abc import Iterable

from .dialogue.numbers import shorten

ESCAPE = "//"
ALIASES = {"/hjaelp": "/hjælp", "/help": "/hjælp", "/naeste": "/næste"}


def command_word(line: str) -> str | None:
    """The command a line starts with (``/pause``, lower case, aliases resolved), or ``None``
    when the line is an answer, including one written with ``//``."""
    text = line.strip()
    if not text.startswith("/") or text.startswith(ESCAPE):
        return None
    word = text.split()[0].casefold()
    return ALIASES.get(word, word)


def wants_help(line: str) -> bool:
    """Whether a line asks for help: ``/hjælp`` (or ``/hjaelp``, ``/help``) or a lone ``?``."""
    return line.strip() == "?" or command_word(line) == "/hjælp"


def answer_text(line: str) -> str:
    """The answer a line holds: ``//sti`` is ``/sti``; any other line as typed."""
    stripped = line.lstrip()
    if stripped.startswith(ESCAPE):
        return line[: len(line) - len(stripped)] + stripped[1:]
    return line


def unknown_command(line: str, commands: Iterable[str]) -> str:
    """What to say to a line that starts with ``/`` but is none of ``commands``."""
    word = line.strip().split()[0] if line.strip() else "/"
    return (
        f"Ukendt kommando: {shorten(word)}. Kommandoerne er: {', '.join(commands)}. "
        f"Skriv {ESCAPE} for at begynde et svar med /."
    )
