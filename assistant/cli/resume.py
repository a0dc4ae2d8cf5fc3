"""`samtale resume`: go on with a conversation or practice that is not finished, held open here
(or taken over with --overtag), in the TUI or in line mode."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .common import UsageError, audit, open_session, run_tui, status_word

if TYPE_CHECKING:
    from ..session import Session


def cmd_resume(args: argparse.Namespace) -> int:
    session = open_session(args)
    if session.status != "in_progress":
        raise UsageError(
            f"Samtalen {session.id} er {status_word(session.status)}; "
            f"se noten med 'samtale notes show {session.id}'."
        )
    _claim(session, args.overtag)
    audit(args, "resumed", session.id, session.record.guide_title)
    if not args.plain:
        session.close()
        return run_tui(session.store, session_id=session.id, take_over=args.overtag)
    if session.record.mode == "practice":
        from ..plain import run_practice_plain

        return run_practice_plain(_attach(session), sys.stdin, sys.stdout)
    from ..plain import run_plain

    return run_plain(session, sys.stdin, sys.stdout)


def _claim(session: Session, take_over: bool) -> None:
    """Hold the conversation open here: refused while it is open elsewhere, unless taken over."""
    from ..notes.lease import LeaseHeld

    try:
        taken = session.claim(take_over=take_over)
    except LeaseHeld as e:
        session.close()
        raise UsageError(str(e)) from None
    if taken is not None:
        print(f"samtale: {taken.taken_over}", file=sys.stderr)


def _attach(session: Session) -> Any:
    from ..practice import Practice
    from ..session import SessionError

    try:
        return Practice.attach(session)
    except (SessionError, LookupError) as e:
        session.close()
        raise UsageError(str(e)) from None
