"""`samtale aftaler`: the agreements across all notes (a table, or ``--json``), the calendar
file (``--ics``, in ``aftaler_ics``), and status changes (`samtale aftaler udført ID` ...).
`samtale borger` (a resident's timeline) is in ``borger``; what they share in ``aftaler_text``.

Plain text is what a screen reader reads: no box drawing, one agreement per line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING

from .aftaler_text import counted, danish, one_line, synced
from .common import actor_for, open_store

if TYPE_CHECKING:
    from ..notes.agreements import Agreement, AgreementFilter
    from ..notes.interface import NoteStore

# The subcommand as typed -> the stored status.
CHANGES = {
    "udført": "udført",
    "i-gang": "i_gang",
    "i_gang": "i_gang",
    "opgivet": "opgivet",
    "åben": "åben",
}


def cmd_aftaler(args: argparse.Namespace) -> int:
    store = open_store(args)
    synced(store)
    if args.aftaler_command is not None:
        return change_status(args, store, CHANGES[args.aftaler_command])
    where = agreement_filter(args)
    if args.ics:
        from .aftaler_ics import write_calendar

        return write_calendar(args, store, where)
    found = store.agreements(where)
    if args.json:
        print(json.dumps([a.as_dict() for a in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(nothing_found(args))
        return 0
    sys.stdout.write("\n".join(table(found, date.today().isoformat())) + "\n")
    return 0


def agreement_filter(args: argparse.Namespace) -> AgreementFilter:
    from ..notes.agreements import AgreementFilter

    return AgreementFilter(
        borger=args.borger,
        status=args.status,
        ansvarlig=args.ansvarlig,
        overdue_on=date.today().isoformat() if args.forfaldne else None,
    )


def is_overdue(agreement: Agreement, today: str) -> bool:
    from ..notes.agreements import STILL_OPEN

    return agreement.status in STILL_OPEN and agreement.due is not None and agreement.due < today


def table(found: list[Agreement], today: str) -> list[str]:
    """The lines of the list: a count, the column heads, one agreement a line."""
    from ..notes.agreements import STATUS_LABELS
    from ..notes.model import who_label

    late = sum(1 for a in found if is_overdue(a, today))
    first = counted(len(found), "aftale", "aftaler") + ", "
    first += counted(late, "forfalden", "forfaldne") if late else "ingen forfaldne"
    width = max(len(a.id) for a in found)
    lines = [first, f"{'ID':<{width}}  {'Frist':<10}  {'Status':<18}  Hvem; hvad; borger; guide"]
    for a in found:
        status = STATUS_LABELS[a.status] + (", forfalden" if is_overdue(a, today) else "")
        who = one_line(a.who) or "(ingen ansvarlig)"
        borger = one_line(who_label(a.borger, "interview"))
        lines.append(
            f"{a.id:<{width}}  {danish(a.due):<10}  {status:<18}  "
            f"{who}; {one_line(a.what)}; {borger}; {one_line(a.guide_title)}"
        )
    return lines


def nothing_found(args: argparse.Namespace) -> str:
    """A Danish sentence saying that no agreement fits what was asked."""
    from ..notes.agreements import STATUS_LABELS
    from ..notes.names import typed_name

    text = "Der er ingen " + ("forfaldne " if args.forfaldne else "") + "aftaler"
    if args.status:
        text += f" med status {STATUS_LABELS[args.status]}"
    if args.borger:
        text += f" om {one_line(typed_name(args.borger))}"
    if args.ansvarlig:
        text += f", som {one_line(typed_name(args.ansvarlig))} har ansvaret for"
    return text + "."


def change_status(args: argparse.Namespace, store: NoteStore, status: str) -> int:
    """Change one agreement's status (an event, a row and an audit line); say what changed."""
    from ..notes.agreements import STATUS_LABELS

    before = store.agreement(args.id)  # NotFound: the store's Danish message, exit 1
    reason = (args.begrundelse or "").strip() or None
    what = f"Aftalen {before.id} ({one_line(before.what)})"
    if before.status == status and reason is None:
        print(f"{what} er allerede {STATUS_LABELS[status]}; intet er ændret.")
        return 0
    after = store.set_agreement_status(before.id, status, actor_for(args), reason)
    line = f"{what} er nu {STATUS_LABELS[after.status]} (var {STATUS_LABELS[before.status]})"
    if after.reason:
        line += f". Begrundelse: {one_line(after.reason)}"
    print(line + ".")
    return 0
