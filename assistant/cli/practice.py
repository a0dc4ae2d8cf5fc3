"""`samtale practice`: practise a conversation with a simulated resident, alone with the coach
or as a trio with an observer, in the TUI or in line mode."""

from __future__ import annotations

import argparse
import sys

from .common import find_guide, find_persona, open_store, run_tui


def cmd_practice(args: argparse.Namespace) -> int:
    guide = find_guide(args.guide)
    persona = find_persona(args.persona)
    store = open_store(args)
    options = dict(medarbejder=args.medarbejder, seed=args.seed, trio=args.trio)
    if not args.plain:
        return run_tui(store, guide=guide, persona=persona, **options)
    from ..plain import run_practice_plain
    from ..practice import Practice

    return run_practice_plain(
        Practice.start(store, guide, persona, **options), sys.stdin, sys.stdout
    )
