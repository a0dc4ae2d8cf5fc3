"""Reading the listening parts of a persona file: what a resident holds for a learner who listens.

Per topic: ``følelser`` (feeling words a reflection can hit), ``rettelser`` (how the resident
corrects a reflection that misses) and ``lukkede_svar`` (short answers to a closed question). Per
story piece: ``kerne: true`` on the inner story. Per persona: ``ambivalens`` (its topic, change
and sustain talk, and the 0-10 ruler answers) and ``opsummering`` (confirming or correcting a
summary). All are optional for the loader; ``samtale check`` reports their mistakes like any other,
as ``file:line:col: message``. The format is documented in ``dialogues/README.md``.
"""

from __future__ import annotations

from typing import Any

from ...yamlkit import suggest
from ...yamlkit.yamlpos import Pos, item_pos, val_pos
from .model import (
    Ambivalence,
    Keyword,
    Listening,
    Ruler,
    StoryPiece,
    SummaryReplies,
    Topic,
    parse_keyword,
)
from .reading import PersonaReader
from .rules import MIN_LISTENING_REPLIES

TOPIC_LISTENING_KEYS = ("følelser", "rettelser", "lukkede_svar")
AMBIVALENCE_KEYS = ("emne", "beskrivelse", "forandring", "fastholdelse", "skala")
AMBIVALENCE_REQUIRED = AMBIVALENCE_KEYS
RULER_KEYS = ("vigtighed", "tiltro", "svar_vigtighed", "svar_tiltro", "hvorfor_ikke_lavere")
SUMMARY_KEYS = ("bekræft", "ret")
RULER_RANGE = range(0, 11)


class ListeningReader(PersonaReader):
    """The listening parts of a persona file; the persona builder builds on it."""

    # --- per topic ----------------------------------------------------------------------------
    def listening(self, item: dict, where: str) -> Listening:
        minimum = MIN_LISTENING_REPLIES
        return Listening(
            feelings=self.feelings(item, where),
            corrections=self.strings(item, "rettelser", where, minimum),
            closed_answers=self.strings(item, "lukkede_svar", where, minimum),
        )

    def feelings(self, item: dict, where: str) -> tuple[Keyword, ...]:
        """Words as in ``nøgleord`` (a word matches what begins with it, ``=ord`` a whole word),
        none twice in a topic; a feeling may also belong to another topic."""
        value = item.get("følelser")
        if "følelser" not in item:
            return ()
        if not isinstance(value, list) or not value:
            self.err(
                val_pos(item, "følelser"),
                f"'følelser' i {where} skal være en liste med mindst ét ord, fx [skam, bange]",
            )
            return ()
        result: list[Keyword] = []
        for i, raw_word in enumerate(value):
            pos = item_pos(value, i)
            if not isinstance(raw_word, str):
                self.err(pos, f"følelse {i + 1} i {where} skal være en tekst")
                continue
            keyword = parse_keyword(raw_word)
            problem = self.keyword_rule_problem(keyword)
            if problem:
                self.err(pos, f"følelsen '{raw_word}' i {where} {problem}")
            elif any(k.text == keyword.text for k in result):
                self.err(pos, f"følelsen '{raw_word}' står der allerede i {where}")
            else:
                result.append(keyword)
        return tuple(result)

    # --- the story ------------------------------------------------------------------------------
    def core_pieces(self, node: Any, pieces: list[StoryPiece]) -> list[StoryPiece]:
        """The pieces with their ``kerne`` flag; at most one piece is the inner story."""
        if not isinstance(node, list):
            return pieces
        flagged: list[StoryPiece] = []
        for i, (item, piece) in enumerate(zip(node, pieces, strict=False)):
            if not isinstance(item, dict) or "kerne" not in item:
                flagged.append(piece)
                continue
            core = self.flag(item, "kerne", f"fortællingens stykke '{piece.id}'")
            if core and any(p.core for p in flagged):
                first = next(p.id for p in flagged if p.core)
                self.err(
                    val_pos(item, "kerne"),
                    f"kun ét stykke kan være kernen; '{first}' er det allerede (stykke {i + 1})",
                )
                core = False
            flagged.append(StoryPiece(piece.id, piece.topic, piece.text, core))
        return flagged

    # --- per persona ----------------------------------------------------------------------------
    def ambivalence(self, raw: dict, topics: list[Topic]) -> Ambivalence | None:
        node = raw.get("ambivalens")
        if node is None or not self.mapping(node, "ambivalens", val_pos(raw, "ambivalens")):
            return None
        where = "ambivalens"
        self.keys(node, where, AMBIVALENCE_KEYS, AMBIVALENCE_REQUIRED)
        topic = self.text(node, "emne", where)
        topic_ids = [t.id for t in topics]
        if "emne" in node and topic not in topic_ids:
            self.err(
                val_pos(node, "emne"),
                f"'emne' i {where} peger på '{topic}', som ikke er et emne"
                f"{suggest(topic, topic_ids)}",
            )
        minimum = MIN_LISTENING_REPLIES
        description = self.required_text(node, "beskrivelse", where)
        change = self.strings(node, "forandring", where, minimum)
        sustain = self.strings(node, "fastholdelse", where, minimum)
        ruler = self.ruler(node.get("skala"), val_pos(node, "skala"))
        if ruler is None:
            return None
        return Ambivalence(topic, description, change, sustain, ruler)

    def ruler(self, node: Any, pos: Pos) -> Ruler | None:
        where = "skala i ambivalens"
        if node is None or not self.mapping(node, where, pos):
            return None
        self.keys(node, where, RULER_KEYS, RULER_KEYS)
        numbers = {key: self.ruler_number(node, key, where) for key in ("vigtighed", "tiltro")}
        return Ruler(
            importance=numbers["vigtighed"],
            confidence=numbers["tiltro"],
            importance_replies=self.strings(node, "svar_vigtighed", where, 1),
            confidence_replies=self.strings(node, "svar_tiltro", where, 1),
            why_not_lower=self.strings(node, "hvorfor_ikke_lavere", where, 1),
        )

    def ruler_number(self, node: dict, key: str, where: str) -> int:
        value = self.integer(node, key, where)
        if value is None:
            return 0
        if value not in RULER_RANGE:
            self.err(val_pos(node, key), f"'{key}' i {where} skal være et helt tal fra 0 til 10")
            return 0
        return value

    def summary_replies(self, raw: dict) -> SummaryReplies | None:
        node = raw.get("opsummering")
        if node is None or not self.mapping(node, "opsummering", val_pos(raw, "opsummering")):
            return None
        self.keys(node, "opsummering", SUMMARY_KEYS, SUMMARY_KEYS)
        minimum = MIN_LISTENING_REPLIES
        return SummaryReplies(
            confirm=self.strings(node, "bekræft", "opsummering", minimum),
            correct=self.strings(node, "ret", "opsummering", minimum),
        )
