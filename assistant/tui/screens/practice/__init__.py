"""The practice screens: choosing a practice (``start``), the solo talk with the coach (``solo``),
the trio tally board (``trio``), the scorecard after it (``scorecard``), and what the solo and trio
screens share (``common``). They import ``practice``, ``roleplay`` and the TUI's widgets, modals,
text, help, bindings and navigation, never another screen: the app leads from one to the next."""

from .common import PracticeBase, Scaffold
from .scorecard import ScorecardScreen
from .solo import SoloPracticeScreen
from .start import PracticeStartScreen
from .trio import TrioPracticeScreen

__all__ = [
    "PracticeBase",
    "PracticeStartScreen",
    "Scaffold",
    "ScorecardScreen",
    "SoloPracticeScreen",
    "TrioPracticeScreen",
]
