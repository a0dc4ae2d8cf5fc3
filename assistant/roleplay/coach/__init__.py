"""The MI coach: codes staff utterances, flags confrontation and unasked advice, and scores a talk.

Codes follow MITI 4.2.1 (Moyers, Manuel & Ernst 2014), with open and closed questions told apart
as in MITI 3.1.1 (Moyers et al. 2010). The coder is rules and word lists: it works offline, needs
no model and codes thousands of utterances a second.

What lives here, each module importing only those above it in this list:

- `loader`: reads and checks the data files in `data/` (`words.tsv`, `patterns.yaml`,
  `messages.yaml`); `lexicon`: the word lists and patterns as `R`, built once at start-up.
- `segmenting`: an utterance into segments; `clauses`: the tests a segment is put to;
  `coding`: the rule order, `classify` and `Classification`.
- `rephrasing`: material for better phrasings; `feedback`: flags, suggestions, weak moments.
- `scoring`: `Tally`, `Metric`, thresholds; `scorecard`: `Scorecard`; `evaluation`: the
  labelled TSV sets and `samtale coach --evaluate`.

The package imports only the standard library, PyYAML and `roleplay.codes`; it must not import
session, practice, plain, cli or tui (the line-mode runner is `assistant.plain.coach`).
"""

from .coding import Classification, classify, primary_code, using_data
from .evaluation import Evaluation, LabelledRow, evaluate, print_evaluation, read_labelled
from .feedback import RUN_OF_QUESTIONS, Flag, Moment, flag, suggest
from .loader import CoachData, CoachDataError, load
from .scorecard import Scorecard
from .scoring import (
    BELOW_FAIR,
    FAIR,
    GOOD,
    MIN_QUESTIONS,
    MIN_REFLECTIONS,
    MIN_RQ_UTTERANCES,
    TOO_FEW,
    Metric,
    Tally,
    metrics,
)

__all__ = [
    "BELOW_FAIR",
    "FAIR",
    "GOOD",
    "MIN_QUESTIONS",
    "MIN_REFLECTIONS",
    "MIN_RQ_UTTERANCES",
    "RUN_OF_QUESTIONS",
    "TOO_FEW",
    "Classification",
    "CoachData",
    "CoachDataError",
    "Evaluation",
    "Flag",
    "LabelledRow",
    "Metric",
    "Moment",
    "Scorecard",
    "Tally",
    "classify",
    "evaluate",
    "flag",
    "load",
    "metrics",
    "primary_code",
    "print_evaluation",
    "read_labelled",
    "suggest",
    "using_data",
]
