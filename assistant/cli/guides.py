"""`samtale guides`: the bundled conversation guides, grouped by use, or as JSON; `guides export`
(a guide as a FHIR Questionnaire) is in ``fhir``."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap


def cmd_guides(args: argparse.Namespace) -> int:
    if args.guides_command == "export":
        from .fhir import cmd_guides_export

        return cmd_guides_export(args)
    from ..dialogue.index import guide_index

    guides, problems = guide_index()
    for problem in problems:
        print(f"samtale: guiden kan ikke bruges: {problem}", file=sys.stderr)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": g.id,
                        "version": g.version,
                        "title": g.title,
                        "purpose": g.purpose,
                        "use": g.use,
                        "use_label": g.use_label,
                        "duration": g.duration,
                        "participants": g.participants,
                        "sources": list(g.sources),
                    }
                    for g in guides
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    group = None
    for guide in guides:
        if guide.use_label != group:
            group = guide.use_label
            print(f"\n{group}")
        print(f"  {guide.id:<24} {guide.title} ({guide.duration} min)")
        print(
            textwrap.fill(
                guide.purpose, width=100, initial_indent=" " * 27, subsequent_indent=" " * 27
            )
        )
    return 0
