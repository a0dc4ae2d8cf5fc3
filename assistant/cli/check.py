"""`samtale check`: validate guide and persona files, as lines or as JSON (exit 1 on problems)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import EXIT_PROBLEMS

if TYPE_CHECKING:
    from ..yamlkit import Problem


def cmd_check(args: argparse.Namespace) -> int:
    from ..check import check_paths

    files, problems = check_paths([Path(p) for p in args.paths] or None)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": not problems,
                    "files": [str(f) for f in files],
                    "problems": [p.as_dict() for p in problems],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print_problems(files, problems)
    return EXIT_PROBLEMS if problems else 0


def print_problems(files: list[Path], problems: list[Problem]) -> None:
    from ..notes.export import escape_controls

    for problem in problems:
        print(escape_controls(str(problem)))
    if problems:
        # The problems (stdout, buffered in a pipe) must be out, each a whole line, before the
        # summary (stderr): in `samtale check 2>&1 | less` it came first or ran into them.
        sys.stdout.flush()
        print(
            f"{len(problems)} fejl i {len({p.path for p in problems})} fil(er); "
            f"{len(files)} fil(er) kontrolleret.",
            file=sys.stderr,
        )
    else:
        print(f"{len(files)} filer kontrolleret: ingen fejl.")
