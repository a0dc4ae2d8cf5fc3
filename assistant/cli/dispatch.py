"""``main``: parse the arguments, run the one command, and turn its errors into Danish lines
and exit codes."""

from __future__ import annotations

import os
import sys

from .aftaler import cmd_aftaler
from .borger import cmd_borger
from .check import cmd_check
from .coach import cmd_coach
from .common import EXIT_PROBLEMS, EXIT_USAGE, UsageError, open_store, run_tui
from .database import cmd_database
from .diagram import cmd_diagram
from .flyt import cmd_flyt
from .guides import cmd_guides
from .notes import cmd_notes
from .parser import build_parser
from .personas import cmd_personas
from .practice import cmd_practice
from .resume import cmd_resume
from .schema import cmd_schema
from .serve import cmd_serve
from .start import cmd_start

COMMANDS = {
    "guides": cmd_guides,
    "start": cmd_start,
    "resume": cmd_resume,
    "notes": cmd_notes,
    "check": cmd_check,
    "practice": cmd_practice,
    "personas": cmd_personas,
    "coach": cmd_coach,
    "aftaler": cmd_aftaler,
    "borger": cmd_borger,
    "database": cmd_database,
    "flyt": cmd_flyt,
    "diagram": cmd_diagram,
    "schema": cmd_schema,
    "serve": cmd_serve,
}


def valid_text(value: str) -> str:
    """Text with lone surrogates (argument bytes that were not UTF-8) replaced by U+FFFD."""
    try:
        raw = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = value.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # text that is stored or looked up, not paths
    for name in ("borger", "medarbejder", "id", "ansvarlig", "begrundelse"):
        if isinstance(value := getattr(args, name, None), str):
            setattr(args, name, valid_text(value))
    if args.data_dir:
        os.environ["SAMTALE_DATA_DIR"] = args.data_dir
    try:
        if args.command is None:
            return run_tui(open_store(args))
        return COMMANDS[args.command](args)
    except UsageError as e:
        print(f"samtale: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\nAfbrudt.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the output was closed by the reader (e.g. `| head`); stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as e:
        from ..notes.store import StoreError

        if not isinstance(e, StoreError):
            raise
        print(f"samtale: {e}", file=sys.stderr)
        return EXIT_PROBLEMS
    finally:
        store = getattr(args, "store", None)  # the command's one store (cli/common.py)
        if store is not None:
            store.close()
            args.store = None
