"""Plain line mode: a conversation or a practice on stdin/stdout, for screen readers and scripts.

- ``conversation``: a guided conversation, step by step (``run_plain``), and the line-mode
  base class the other runners build on;
- ``practice``: a solo practice with a simulated resident and the coach, or a trio's round
  with the observer's tally (``run_practice_plain``);
- ``coach``: ``samtale coach``, the MI coach on one utterance a line, JSON out.

May import ``session``, ``practice``, ``slash`` and the layers below them
(``roleplay``, ``dialogue``, ``engine``, ``notes``); never ``cli`` or ``tui``, and never Textual.
"""

from .conversation import run_plain
from .practice import run_practice_plain

__all__ = ["run_plain", "run_practice_plain"]
