"""The coach's word lists and patterns as attributes of one object, `R`, built at start-up.

`R.finite_verbs` is a word set from `data/words.tsv`, `R.infinitives` a word map, `R.confront`
a compiled pattern from `data/patterns.yaml`, `R.advice` a tuple of patterns tried in order.
The rules read `R` when they run, so `coding.using_data` can put an edited copy of the data in
its place. Also here: the tokeniser `WORD` and `is_verb`, which every rule module needs.
"""

from __future__ import annotations

import re
from typing import Any

from .loader import CoachData, load

#: A word: letters and digits, with inner apostrophes and hyphens ("ku'", "social-").
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


class Lexicon:
    """Every word list, word map and pattern of a `CoachData`, by name."""

    data: CoachData

    def __init__(self, data: CoachData) -> None:
        self.install(data)

    def install(self, data: CoachData) -> None:
        names: dict[str, Any] = {}
        names.update(data.words)
        names.update(data.maps)
        names.update(data.patterns)
        names.update(data.in_order)
        # A question word opens a subordinate clause as well: "jeg ved ikke, hvad ...".
        names["subordinators"] = data.words["subordinators"] | data.words["wh_words"]
        self.__dict__.clear()
        self.__dict__.update(names)
        self.data = data

    def __getattr__(self, name: str) -> Any:  # only for names the data does not have
        raise AttributeError(f"coachens data har ingen liste eller mønster ved navn {name!r}")


R = Lexicon(load())


def is_verb(word: str) -> bool:
    """A finite verb: listed in `finite_verbs`, or a verb ending on a word not in `not_verbs`."""
    return word in R.finite_verbs or (word not in R.not_verbs and bool(R.verb_ending.match(word)))
