"""The notes commands that write or remove personal data: export to a file, and delete (with
its audit line in the same transaction, and finishing a purge that another window stopped)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .common import UsageError, actor_for, open_store

YES_ANSWERS = ("j", "ja", "y", "yes")  # what counts as yes to a [j/N] question


def _confirm(question: str, yes: bool) -> bool:
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError("Sletning skal bekræftes: tilføj --ja, når du kører uden terminal.")
    return ask_yes(question)


def ask_yes(question: str) -> bool:
    """A [j/N] question at the terminal; anything but yes, and Ctrl+D, is no."""
    try:
        answer = input(f"{question} [j/N] ")
    except EOFError:
        print()
        return False
    return answer.strip().casefold() in YES_ANSWERS


def export_file(path: Path, text: str, overwrite: bool, what: str = "Noten") -> bool:
    """Write an exported note (0600, never through a link); at a terminal, ask before
    overwriting a file, and without one refuse. False if the user said no. ``what`` is
    written ("Noten", "Spørgeskemaet"), as the messages say."""
    from ..notes.files import ExportError, FileExists, write_private

    if str(path) == "-":
        hint = "Skriv et filnavn efter -o"
        if what == "Noten":
            hint += ", eller vis noten i terminalen med samtale notes show ID (--format json)"
        raise ExportError(f"{what} er ikke eksporteret: '-' er ikke et filnavn. {hint}.")
    try:
        write_private(path, text, overwrite=overwrite, what=what)
        return True
    except FileExists as e:
        if not sys.stdin.isatty():
            raise ExportError(
                f"{e} Den overskrives ikke uden at spørge: vælg et andet navn med -o, eller "
                "tilføj --overskriv for at erstatte den."
            ) from None
    if not ask_yes("Filen findes. Overskriv?"):
        return False
    write_private(path, text, overwrite=True, what=what)
    return True


def cmd_delete(args: argparse.Namespace) -> int:
    import shlex

    from ..notes.names import typed_name
    from ..notes.store import ListFilter, StoreError

    store = open_store(args)
    who = actor_for(args)
    again = "samtale notes delete " + (
        f"--borger {shlex.quote(args.borger)}" if args.borger else str(args.id)
    )

    def finish_earlier() -> bool:
        """Nothing to delete: finish an earlier deletion whose traces were left in the log."""
        if not store.purge_pending():
            return False
        _purging(store.purge, again)
        print("Der er intet mere at slette; spor af de slettede noter er nu fjernet helt.")
        return True

    if args.borger:
        name = typed_name(args.borger)  # as stored: a CPR number in it is not repeated
        count = store.count_sessions(ListFilter(borger=args.borger))
        if count == 0:
            if finish_earlier():
                return 0
            raise UsageError(f"Der er ingen noter om borgeren '{name}'.")
        which = "den ene note" if count == 1 else f"alle {count} noter"
        if not _confirm(f"Slet {which} om {name}? Det kan ikke fortrydes.", args.ja):
            print("Intet er slettet.")
            return 0
        deleted = _purging(lambda: store.delete_borger(args.borger, who), again)
        print(f"{deleted} {'note' if deleted == 1 else 'noter'} om {name} er slettet helt.")
        return 0
    try:
        record = store.get_session(args.id)
    except StoreError as e:
        if finish_earlier():
            return 0
        raise UsageError(str(e)) from None
    if not _confirm(
        f"Slet noten {record.id} ({record.guide_title})? Det kan ikke fortrydes.", args.ja
    ):
        print("Intet er slettet.")
        return 0
    _purging(lambda: store.delete_session(record.id, who), again)
    print(f"Noten {record.id} er slettet.")
    return 0


def _purging(delete: Any, again: str) -> Any:
    """Run a deletion; if its traces stay in the log for now, say how to finish it."""
    from ..notes.errors import PurgeIncomplete

    try:
        return delete()
    except PurgeIncomplete as e:
        raise PurgeIncomplete(f"{e} Skriv da: {again}") from None
