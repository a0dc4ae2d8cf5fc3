"""The rules every persona shares, read once from ``rules.yaml`` next to this module.

Points per MI code, the streaks that open and close a persona, the minimum a persona file must
hold, and the common words a keyword may not match. A bad entry stops the program at import with
``file:line:col: message`` in Danish (``RulesError``), as a bad guide or persona file would.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...yamlkit import Problem, Reader, read_raw, suggest
from ...yamlkit.yamlpos import Pos, item_pos, key_pos, node_pos, val_pos
from ..codes import Code

RULES_FILE = Path(__file__).with_name("rules.yaml")

TOP_KEYS = ("åbenhed", "mindst", "almindelige_ord")
OPENNESS_KEYS = ("point", "gode_i_træk", "point_før_trin", "lukkede_i_træk")
MINIMUM_KEYS = (
    "svar_per_emne",
    "svar_uden_emne",
    "reaktioner",
    "tegn_i_nøgleord",
    "lyttesvar",
)
WORD_CHARACTERS = "abcdefghijklmnopqrstuvwxyzæøå"


@dataclass(frozen=True)
class Rules:
    points: dict[Code, int]  # points per distinct code in a turn; codes not here give 0
    rise_streak: int  # good turns in a row before openness can rise one level
    rise_points: int  # points those good turns must have gathered
    closed_run: int  # closed turns in a row that lower openness one level
    min_topic_replies: int  # per topic and openness level
    min_fallback_replies: int  # per openness level
    min_reactions: int  # per reaction kind
    min_keyword_length: int
    min_listening_replies: int  # per list in the listening parts (corrections, change talk, ...)
    common_words: tuple[str, ...]  # in the file's order: a check message names the first match


class RulesError(Exception):
    """A rules file that cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class RulesBuilder(Reader):
    """Reads the rules from positioned YAML, recording problems instead of raising."""

    def whole(self, node: dict, key: str, where: str, least: int) -> int:
        value = self.integer(node, key, where)
        if value is None:
            return least
        if value < least:
            self.err(val_pos(node, key), f"'{key}' i {where} skal være mindst {least}")
        return value

    def group(self, raw: dict, key: str, keys: tuple[str, ...]) -> dict:
        node = raw.get(key)
        if node is None or not self.mapping(node, f"'{key}'", val_pos(raw, key)):
            return {}
        self.keys(node, f"'{key}'", keys, keys)
        return node

    def points(self, node: Any, pos: Pos) -> dict[Code, int]:
        if node is None or not self.mapping(node, "'point'", pos):
            return {}
        known = [code.value for code in Code]
        result: dict[Code, int] = {}
        for key in node:
            if key not in known:
                self.err(
                    key_pos(node, key),
                    f"'{key}' i 'point' er ikke en kode{suggest(key, known)}; "
                    f"gyldige koder: {', '.join(known)}",
                )
                continue
            result[Code(key)] = self.whole(node, key, "'point'", 0)
        return result

    def words(self, node: Any, pos: Pos) -> tuple[str, ...]:
        if not isinstance(node, list):
            self.err(pos, "'almindelige_ord' skal være en liste af ord, fx [hvad, hvordan]")
            return ()
        result: list[str] = []
        for i, word in enumerate(node):
            at = item_pos(node, i)
            if not isinstance(word, str) or not word or set(word) - set(WORD_CHARACTERS):
                self.err(at, f"ord {i + 1} i 'almindelige_ord' skal være ét ord med små bogstaver")
            elif word in result:
                self.err(at, f"ordet '{word}' står der allerede i 'almindelige_ord'")
            else:
                result.append(word)
        return tuple(result)

    def rules(self, raw: Any) -> Rules | None:
        if not self.mapping(raw, "reglerne", node_pos(raw)):
            return None
        self.keys(raw, "reglerne", TOP_KEYS, TOP_KEYS)
        openness = self.group(raw, "åbenhed", OPENNESS_KEYS)
        minimum = self.group(raw, "mindst", MINIMUM_KEYS)
        points = self.points(openness.get("point"), val_pos(openness, "point"))
        words = self.words(raw.get("almindelige_ord"), val_pos(raw, "almindelige_ord"))
        return Rules(
            points=points,
            rise_streak=self.whole(openness, "gode_i_træk", "'åbenhed'", 1),
            rise_points=self.whole(openness, "point_før_trin", "'åbenhed'", 1),
            closed_run=self.whole(openness, "lukkede_i_træk", "'åbenhed'", 1),
            min_topic_replies=self.whole(minimum, "svar_per_emne", "'mindst'", 1),
            min_fallback_replies=self.whole(minimum, "svar_uden_emne", "'mindst'", 1),
            min_reactions=self.whole(minimum, "reaktioner", "'mindst'", 1),
            min_keyword_length=self.whole(minimum, "tegn_i_nøgleord", "'mindst'", 1),
            min_listening_replies=self.whole(minimum, "lyttesvar", "'mindst'", 1),
            common_words=words,
        )


def load_rules(path: Path = RULES_FILE) -> Rules:
    """The rules in ``path``; raises RulesError with every problem."""
    problems: list[Problem] = []
    raw = read_raw(path, problems)
    rules = None
    if raw is not None:
        builder = RulesBuilder(path)
        rules = builder.rules(raw)
        problems.extend(builder.problems)
    if problems or rules is None:
        raise RulesError(sorted(set(problems)))
    return rules


RULES = load_rules()

POINTS = RULES.points
RISE_STREAK = RULES.rise_streak
RISE_POINTS = RULES.rise_points
CLOSED_RUN = RULES.closed_run
MIN_TOPIC_REPLIES = RULES.min_topic_replies
MIN_FALLBACK_REPLIES = RULES.min_fallback_replies
MIN_REACTIONS = RULES.min_reactions
MIN_KEYWORD_LENGTH = RULES.min_keyword_length
MIN_LISTENING_REPLIES = RULES.min_listening_replies
COMMON_WORDS = RULES.common_words
