"""`samtale notes`: list, show, export, delete and audit the notes. Reading is here; writing a
file and deleting are in ``notes_write``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .common import (
    NOTES_SHOWN,
    audit,
    escape_controls_keep_lines,
    open_session,
    open_store,
    status_word,
)
from .notes_write import cmd_delete, export_file

if TYPE_CHECKING:
    from ..notes.model import Note


def cmd_notes(args: argparse.Namespace) -> int:
    if args.notes_command == "list":
        return cmd_list(args)
    if args.notes_command == "show":
        note = _note(args)
        audit(args, "opened", note.id, note.guide_title)
        text = _render(note, args.format)
        print(text if args.format == "json" else escape_controls_keep_lines(text))
        return 0
    if args.notes_command == "export":
        if args.format == "fhir":
            from .fhir import SUFFIX, note_fhir

            note, text = note_fhir(args)
            suffix = SUFFIX
        else:
            note = _note(args)
            text, suffix = _render(note, args.format), f".{args.format}"
        path = Path(args.output or f"samtale-{note.id}{suffix}")
        if not export_file(path, text, args.overskriv):
            print("Intet er eksporteret.")
            return 0
        audit(args, "exported", note.id, f"{note.guide_title} ({args.format})")
        print(f"Noten er eksporteret til {path}")
        return 0
    if args.notes_command == "audit":
        return cmd_audit(args)
    return cmd_delete(args)


def cmd_list(args: argparse.Namespace) -> int:
    from ..notes.model import who_label
    from ..notes.store import STATUSES, ListFilter

    def shown(text: str) -> str:
        """``text`` as the store would hold it (a CPR number in it is not repeated), with
        control characters made visible (printable text is as it is)."""
        from ..notes.names import typed_name

        text = typed_name(text)
        if text.isprintable():  # skips importing the export module and its dependencies
            return text
        from ..notes.export import escape_controls

        return escape_controls(text)

    store = open_store(args)
    where = ListFilter(borger=args.borger, status=args.status, search=args.search)
    if args.json:  # every note unless --limit: scripts read it
        records = store.list_sessions(where.limited(args.limit))
        print(json.dumps([r.__dict__ for r in records], ensure_ascii=False, indent=2))
        return 0
    where = where.limited(None if args.alle else args.limit or NOTES_SHOWN)
    rows = store.list_overview(where)
    if not rows:
        if args.search:
            print(f"Ingen noter passer på '{shown(args.search)}'.")
        elif args.borger:
            print(f"Der er ingen noter om {shown(args.borger)}.")
        else:
            print("Der er ingen noter.")
        return 0
    # The status words and each resident's column are made once, not once per row.
    words = {status: f"{status_word(status):<10}" for status in STATUSES}
    names: dict[tuple[str | None, str], str] = {}
    lines = [f"{'ID':<9} {'Status':<10} {'Opdateret':<17} {'Borger':<14} Guide"]
    for session_id, status, updated_at, borger, guide_title, mode in rows:
        if (who := names.get((borger, mode))) is None:
            who = names[borger, mode] = f"{shown(who_label(borger, mode)):<14}"
        when = updated_at[:16].replace("T", " ")
        lines.append(f"{session_id:<9} {words[status]} {when:<17} {who} {guide_title}")
    older = store.total(rows, where) - len(rows)
    if older > 0:
        more = "1 ældre note" if older == 1 else f"{older:,} ældre noter".replace(",", ".")
        hint = "Brug --alle for at se " + ("den" if older == 1 else "dem alle")
        hint += "" if args.search else ", eller --search"
        lines.append(f"… og {more}. {hint}.")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _note(args: argparse.Namespace) -> Note:
    from ..practice import note_for

    session = open_session(args)
    try:
        return note_for(session)
    finally:
        session.close()


def _render(note: Any, fmt: str) -> str:
    from ..notes.export import note_to_json_text, note_to_markdown

    return note_to_json_text(note) if fmt == "json" else note_to_markdown(note)


def cmd_audit(args: argparse.Namespace) -> int:
    from ..notes.export import escape_controls
    from ..notes.store import AUDIT_ACTIONS

    records = open_store(args).audit_trail(args.id)
    if args.json:
        print(json.dumps([r.__dict__ for r in records], ensure_ascii=False, indent=2))
        return 0
    if not records:
        print("Revisionssporet er tomt." if not args.id else f"Ingen linjer om noten {args.id}.")
        return 0
    print(f"{'Tidspunkt':<17} {'Medarbejder':<16} {'Handling':<14} {'Note':<9} Detaljer")
    for r in records:
        when = r.at[:16].replace("T", " ")
        action = AUDIT_ACTIONS.get(r.action, r.action)
        print(
            f"{when:<17} {escape_controls(r.medarbejder):<16} {action:<14} "
            f"{r.session_id or '-':<9} {escape_controls(r.detail)}"
        )
    return 0
