"""`samtale start`: a new conversation with a guide, in the TUI or in line mode (--plain)."""

from __future__ import annotations

import argparse
import sys

from .common import UsageError, find_guide, open_store, run_tui


def cmd_start(args: argparse.Namespace) -> int:
    guide = find_guide(args.guide)
    store = open_store(args)
    if not args.plain:
        return run_tui(store, guide=guide, borger=args.borger, medarbejder=args.medarbejder)
    from ..plain import run_plain
    from ..session import Session, SessionError

    try:
        session = Session.start(store, guide, borger=args.borger, medarbejder=args.medarbejder)
    except SessionError as e:
        raise UsageError(str(e)) from None
    return run_plain(session, sys.stdin, sys.stdout)
