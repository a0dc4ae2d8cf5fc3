"""`samtale coach`: code utterances (one a line on stdin) as motivational interviewing, or
measure the coach on a labelled set (--evaluate)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import UsageError


def cmd_coach(args: argparse.Namespace) -> int:
    if args.evaluate:
        from ..roleplay.coach.evaluation import print_evaluation

        try:
            return print_evaluation(Path(args.evaluate), sys.stdout)
        except (OSError, ValueError) as e:
            raise UsageError(f"Det mærkede sæt kunne ikke læses: {e}") from None
    from ..plain.coach import run

    return run(sys.stdin, sys.stdout)
