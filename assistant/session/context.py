"""What a session knows from earlier conversations with the same resident: the open agreements
and the earlier answers its guide refers to.

It is gathered once, when the session starts, and stored as its first event (``kontekst``), so
that resume and the note show the same context even after the agreements have changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ..dialogue import repeat
from ..dialogue.answers import danish_date
from ..dialogue.loader import guide_from_content
from ..dialogue.model import AnswerSpec, Guide
from ..notes.agreements import STILL_OPEN, AgreementFilter
from ..notes.interface import NoteStore
from ..notes.model import Note
from ..notes.store import EventRecord, ListFilter, NotFound

KIND = "kontekst"
NO_CONVERSATION = "(ingen tidligere samtale)"
NOT_ANSWERED = "(ikke besvaret i de tidligere samtaler)"


def gather(
    store: NoteStore, guide: Guide, borger: str, open_note: Callable[[str], Note | None]
) -> dict[str, Any]:
    """The resident's still-open agreements and the newest earlier answer for each
    ``{tidligere.KEY}`` of the guide (from completed notes, newest first)."""
    agreements = [
        {
            "id": a.id,
            "hvad": a.what,
            "hvem": a.who,
            "hvornår": a.due,
            "status": a.status,
            "guide": a.guide_title,
            "dato": a.started_at[:10],
        }
        for a in store.agreements(AgreementFilter(borger=borger))
        if a.status in STILL_OPEN
    ]
    wanted = repeat.earlier_keys(guide)
    earlier: dict[str, dict[str, str]] = {}
    notes = 0
    if wanted:
        records = store.list_sessions(ListFilter(borger=borger, status="completed"))
        records = sorted(
            (r for r in records if r.mode != "practice"), key=lambda r: r.started_at, reverse=True
        )
        notes = len(records)
        for record in records:
            if len(earlier) == len(wanted):
                break
            note = open_note(record.id)
            if note is None:
                continue
            for answer in _answers(note):
                if answer[0] in wanted and answer[0] not in earlier:
                    earlier[answer[0]] = {
                        "tekst": answer[1],
                        "dato": record.started_at[:10],
                        "guide": record.guide_title,
                        "note": record.id,
                    }
    return {"aftaler": agreements, "tidligere": earlier, "samtaler": notes}


def _answers(note: Note) -> Iterable[tuple[str, str]]:
    for section in note.sections:
        for answer in section.answers:
            yield answer.key, answer.display
    for answer in note.plan:
        yield answer.key, answer.display


def from_events(events: Iterable[EventRecord]) -> dict[str, Any] | None:
    """The context recorded when the session started, if it has one."""
    for event in events:
        if event.kind == KIND:
            return event.data
    return None


def items(context: dict[str, Any] | None) -> list[repeat.Item]:
    """The open agreements of the context, as the items a repeated section goes over."""
    rows = (context or {}).get("aftaler") or []
    return repeat.ordered(
        repeat.Item(
            str(r.get("id", "")),
            str(r.get("hvad", "")),
            str(r.get("hvem") or ""),
            r.get("hvornår") or None,
        )
        for r in rows
        if isinstance(r, dict)
    )


def value(context: dict[str, Any] | None, ref: str) -> str | None:
    """What ``{ref}`` shows when it is a reference to earlier data; None when it is not."""
    if ref == repeat.OPEN_LIST:
        return repeat.open_list(items(context))
    head, _, key = ref.partition(".")
    if head != repeat.EARLIER or not key:
        return None
    context = context or {}
    found = (context.get("tidligere") or {}).get(key)
    if found:
        return str(found.get("tekst", ""))
    return NOT_ANSWERED if context.get("samtaler") else NO_CONVERSATION


def expanded(template: Guide, context: dict[str, Any] | None) -> tuple[Guide, dict[str, str]]:
    """The guide with its repeated sections copied once per open agreement of the context,
    and which agreement each copied answer is about."""
    if not repeat.repeats(template):
        return template, {}
    result = repeat.expand(template.content, items(context))
    return guide_from_content(result.content), result.item_of


def reason(session_id: str, today: str) -> str:
    """The reason a status set in a follow-up conversation is given."""
    return f"Opfølgning {danish_date(today)} (note {session_id})"


def set_status(
    store: NoteStore,
    agreement_id: str,
    spec: AnswerSpec,
    value: Any,
    medarbejder: str | None,
    session_id: str,
) -> str | None:
    """Give the agreement the status of the chosen choice (if it has one and it changes);
    a notice when the agreement is gone."""
    status = next((c.status for c in spec.choices if c.value == value), None)
    if not status:
        return None
    try:
        if store.agreement(agreement_id).status == status:
            return None
        today = date.today().isoformat()
        store.set_agreement_status(
            agreement_id, status, medarbejder or "", reason=reason(session_id, today)
        )
    except (NotFound, ValueError):
        return "Aftalen findes ikke længere, så dens status er ikke ændret."
    return None
