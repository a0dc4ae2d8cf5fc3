"""`samtale personas`: the simulated residents, or one persona's card (and, for the teacher,
its debrief)."""

from __future__ import annotations

import argparse

from .common import escape_controls_keep_lines, find_persona


def cmd_personas(args: argparse.Namespace) -> int:
    from ..roleplay.persona import bundled_personas, card_text, debrief_text

    if args.id:
        persona = find_persona(args.id)
        print(escape_controls_keep_lines(card_text(persona)))
        if args.debrief:
            print()
            print(escape_controls_keep_lines(debrief_text(persona)))
        return 0
    personas = bundled_personas()
    width = max((len(p.id) for p in personas), default=0)
    for persona in personas:
        print(f"  {persona.id:<{width}}  {persona.name}, {persona.age} år – {persona.summary}")
    return 0
