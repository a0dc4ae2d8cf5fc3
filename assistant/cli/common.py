"""What the commands share: the exit codes, the Danish usage error, the one store of a command,
finding a guide or persona, reading a stored session, the audit trail, and opening the TUI.

Imports only the standard library at the top; everything else (and Textual, for the TUI) only
inside the function that needs it, so that a command starts fast."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..notes.interface import NoteStore
    from ..session import Session

EXIT_PROBLEMS = 1
EXIT_USAGE = 2

NOTES_SHOWN = 50  # `notes list` shows the newest this many unless --alle or --limit


class UsageError(Exception):
    """A command that cannot be carried out: one Danish sentence, exit code 2."""


def open_store(args: argparse.Namespace) -> NoteStore:
    """The command's one store: opened (and any warning printed) the first time it is asked for."""
    from ..notes.store import DamagedStore, StoreError
    from ..notes.store import open_store as open_notes

    store: NoteStore | None = getattr(args, "store", None)
    if store is not None:
        return store
    try:
        store = open_notes(
            args.data_dir or None, getattr(args, "database", None), getattr(args, "afdeling", None)
        )
    except DamagedStore:
        raise  # exit 1, as a damaged file is not a mistyped command
    except StoreError as e:
        raise UsageError(str(e)) from None
    if store.world_readable_warning:
        print(f"samtale: advarsel: {store.world_readable_warning}", file=sys.stderr)
    args.store = store
    return store


def _find(find: Any, broken: type[Exception], name: str, what: str) -> Any:
    """A guide or persona by id or path, or one Danish sentence (exit 2) saying why not."""
    try:
        return find(name)
    except LookupError as e:
        raise UsageError(str(e)) from None
    except broken as e:
        raise UsageError(f"{what} har fejl og kan ikke bruges:\n{e}") from None


def find_guide(name: str) -> Any:
    from ..dialogue.library import GuideError, find_guide

    return _find(find_guide, GuideError, name, "Guiden")


def find_persona(persona_id: str) -> Any:
    from ..roleplay.persona import PersonaError, find_persona

    return _find(find_persona, PersonaError, persona_id, "Personaen")


def open_session(args: argparse.Namespace) -> Session:
    """The stored session ``args.id``; a snapshot that cannot be read is a SessionError."""
    from ..notes.store import DamagedStore, StoreError
    from ..session import Session, SessionError

    try:
        return Session.open(open_store(args), args.id)
    except DamagedStore:
        raise
    except (StoreError, SessionError) as e:
        raise UsageError(str(e)) from None


def status_word(status: str) -> str:
    from ..notes.model import STATUS_LABELS

    return STATUS_LABELS[status].lower()


def run_tui(store: NoteStore, **kwargs: Any) -> int:
    from ..tui.app import create_app

    app = create_app(store, **kwargs)
    app.run()
    return app.return_code or 0  # 1 if the app had to stop, e.g. on a damaged database


def actor_for(args: argparse.Namespace) -> str:
    """Who is acting, for the audit trail; says so if the initials looked like a CPR number."""
    from ..notes.cpr import mask_cpr, masked_notice
    from ..notes.store import ENV_ACTOR, actor

    given = getattr(args, "medarbejder", None)
    if mask_cpr((given or "").strip() or os.environ.get(ENV_ACTOR) or "")[1]:
        print(f"samtale: advarsel: Dine initialer: {masked_notice()}", file=sys.stderr)
    return actor(given)


def audit(args: argparse.Namespace, action: str, session_id: str | None, detail: str) -> None:
    """One line in the audit trail, by the one acting; exit 2 if it cannot be written."""
    from ..notes.store import StoreError

    try:
        who = actor_for(args)
        open_store(args).audit(action, session_id, who, detail)
    except StoreError as e:
        raise UsageError(f"Revisionssporet kunne ikke skrives: {e}") from None


def escape_controls_keep_lines(text: str) -> str:
    from ..notes.export import escape_controls

    return "\n".join(escape_controls(line) for line in text.split("\n"))
