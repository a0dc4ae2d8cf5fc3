"""`samtale borger NAVN [--json]`: a resident's timeline. At the top the next date something
is due; then every conversation (guide, date, staff, status) and every agreement with its
status history, newest first. ``--json`` holds everything the text shows.

Plain text is what a screen reader reads: no box drawing, one item a line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from .common import EXIT_PROBLEMS, open_store, status_word

if TYPE_CHECKING:
    from ..notes.timeline import Timeline, TimelineAgreement


def cmd_borger(args: argparse.Namespace) -> int:
    from ..notes.names import typed_name
    from ..notes.timeline import timeline
    from .aftaler_text import one_line, synced

    store = open_store(args)
    synced(store)
    found = timeline(store, args.borger)
    if not found.conversations and not found.agreements:
        name = one_line(typed_name(args.borger))
        print(
            f"samtale: Der er ingen samtaler eller aftaler om borgeren '{name}'.", file=sys.stderr
        )
        return EXIT_PROBLEMS
    if args.json:
        print(json.dumps(as_json(found), ensure_ascii=False, indent=2))
        return 0
    sys.stdout.write("\n".join(lines(found)) + "\n")
    return 0


def as_json(found: Timeline) -> dict[str, Any]:
    from ..notes.agreements import STATUS_LABELS
    from ..notes.model import STATUS_LABELS as NOTE_LABELS

    return {
        "borger": found.borger,
        "næste_frist": {"dato": found.next_due, "hvad": found.next_due_what},
        "samtaler": [
            {
                "note": s.id,
                "guide": s.guide_id,
                "guide_titel": s.guide_title,
                "dato": s.started_at[:10],
                "startet": s.started_at,
                "medarbejder": s.medarbejder,
                "status": s.status,
                "status_tekst": NOTE_LABELS[s.status].lower(),
                "opfølgning": found.followups.get(s.id),
            }
            for s in found.conversations
        ],
        "aftaler": [
            {
                **item.agreement.as_dict(),
                "status_tekst": STATUS_LABELS[item.agreement.status],
                "historik": [
                    {
                        "tidspunkt": c.at,
                        "status": c.status,
                        "af": c.by,
                        "begrundelse": c.reason,
                    }
                    for c in reversed(item.history)
                ],
            }
            for item in found.agreements
        ],
    }


def lines(found: Timeline) -> list[str]:
    from .aftaler_text import danish, one_line

    out = [f"Borger: {one_line(found.borger)}"]
    if found.next_due:
        out.append(f"Næste frist: {danish(found.next_due)}: {one_line(found.next_due_what)}")
    else:
        out.append("Næste frist: ingen (der er ingen åbne aftaler med dato)")
    out += ["", f"Samtaler, nyeste først ({len(found.conversations)}):"]
    if not found.conversations:
        out.append("Ingen samtaler.")
    for s in found.conversations:
        line = (
            f"{danish(s.started_at)}: {one_line(s.guide_title)}, "
            f"{one_line(s.medarbejder) or 'uden initialer'}, {status_word(s.status)}, note {s.id}"
        )
        if s.id in found.followups:
            line += f", opfølgning {danish(found.followups[s.id])}"
        out.append(line)
    out += ["", f"Aftaler, nyeste først ({len(found.agreements)}):"]
    if not found.agreements:
        out.append("Ingen aftaler.")
    for item in found.agreements:
        out += agreement_lines(item)
    return out


def agreement_lines(item: TimelineAgreement) -> list[str]:
    """One line for the agreement, then one per change of its status, newest first, and last
    the conversation it was made in."""
    from ..notes.agreements import OPEN, STATUS_LABELS
    from .aftaler_text import danish, one_line

    a = item.agreement
    who = one_line(a.who) or "ingen ansvarlig"
    out = [f"{a.id}: {one_line(a.what)}; {who}; frist {danish(a.due)}; {STATUS_LABELS[a.status]}"]
    for change in reversed(item.history):
        line = f"  {danish(change.at)} {change.at[11:16]}: {STATUS_LABELS[change.status]}"
        if change.by:
            line += f", af {one_line(change.by)}"
        if change.reason:
            line += f". Begrundelse: {one_line(change.reason)}"
        out.append(line)
    out.append(
        f"  {danish(a.started_at)}: aftalt i {one_line(a.guide_title)} ({STATUS_LABELS[OPEN]})"
    )
    return out
