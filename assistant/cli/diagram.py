"""`samtale diagram GUIDE [--format mermaid] [-o FILE]`: the guide's flow as a Mermaid state
diagram (``engine/mermaid.py``), printed or written to a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import find_guide
from .notes_write import export_file


def cmd_diagram(args: argparse.Namespace) -> int:
    from ..engine.diagram import flow_of
    from ..engine.mermaid import mermaid

    guide = find_guide(args.guide)
    text = mermaid(flow_of(guide))
    if args.output is None:
        print(text, end="")
        return 0
    path = Path(args.output)
    if not export_file(path, text, args.overskriv, "Diagrammet"):
        print("Intet er skrevet.")
        return 0
    print(f"Forløbet i {guide.title} er skrevet som Mermaid-diagram til {path}")
    return 0
