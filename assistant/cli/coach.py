"""`samtale coach`: code utterances (one a line on stdin) as motivational interviewing, or
measure the coach on a labelled set (--evaluate)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import UsageError


def cmd_coach(args: argparse.Namespace) -> int:
    from ..roleplay import coach

    if args.evaluate:
        try:
            return coach.print_evaluation(Path(args.evaluate), sys.stdout)
        except (OSError, ValueError) as e:
            raise UsageError(f"Det mærkede sæt kunne ikke læses: {e}") from None
    return coach.run(sys.stdin, sys.stdout)
