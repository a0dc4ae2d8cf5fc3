"""Helpers that turn user and guide text into Rich ``Text``, never markup."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text

STATUS_DA = {"in_progress": "I gang", "completed": "Afsluttet", "abandoned": "Afbrudt"}


def plain(value: object, style: str = "") -> Text:
    """Any value as literal text: ``[bold]`` stays ``[bold]``."""
    return Text("" if value is None else str(value), style=style)


def lines(items: list[str] | tuple[str, ...], bullet: str = "•") -> Text:
    """A bulleted list of literal lines."""
    return Text("\n").join(Text(f"{bullet} {item}") for item in items)


def unusable(what: str, problems: list[str]) -> Text:
    """Which files (guides, personas) cannot be used, and why, one per line."""
    return Text(f"Disse {what} har fejl og kan ikke bruges lige nu:\n").append_text(lines(problems))


def when(iso: str) -> str:
    """An ISO timestamp as ``24-12-2026 kl. 14:05`` (or the date only)."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        from ..dialogue.answers import danish_date

        return danish_date(iso)
    return moment.strftime("%d-%m-%Y kl. %H:%M")


def day(iso: str | None) -> str:
    """An ISO date or timestamp as the date only: ``24-12-2026``."""
    from ..dialogue.answers import danish_date

    return danish_date(iso)


def clock(seconds: int) -> str:
    minutes, secs = divmod(max(seconds, 0), 60)
    return f"{minutes}:{secs:02d}"


def status_da(status: str) -> str:
    return STATUS_DA.get(status, status)


def step_help(session: Any, question_title: str = "Spørgsmålet") -> list[tuple[str, Text]]:
    """The help for the session's current step: the question, examples, tips, background."""
    step = session.step
    if step is None:
        return []
    parts = [(question_title, plain(session.render(step.ask)))]
    if step.examples:
        parts.append(
            ("Sådan kan du spørge", lines([session.render(e) for e in step.examples], "»"))
        )
    if step.tips:
        parts.append(("Gode råd", lines([session.render(t) for t in step.tips])))
    if step.background:
        parts.append(("Baggrund", plain(session.render(step.background))))
    return parts
