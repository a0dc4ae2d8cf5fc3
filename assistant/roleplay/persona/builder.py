"""Reading and checking persona files: the file format, the builder and the loaders.

Every rule a persona file must keep is one method of ``PersonaBuilder``, called in order from
the short method that reads its part of the file; the builder records problems instead of
raising, so ``samtale check`` can say every mistake at once as ``file:line:col: message``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ...dialogue.schema import ID_RE, KEY_RE
from ...yamlkit import FileType, Problem, canonical, suggest
from ...yamlkit.yamlpos import Pos, item_pos, node_pos, val_pos
from .listening import TOPIC_LISTENING_KEYS, ListeningReader
from .model import (
    ADVICE,
    CLOSED_QUESTIONS,
    CONFRONTATION,
    LEVELS,
    LUKKET,
    Card,
    Debrief,
    Keyword,
    Persona,
    StoryPiece,
    Style,
    Topic,
    parse_keyword,
)
from .rules import MIN_FALLBACK_REPLIES, MIN_REACTIONS, MIN_TOPIC_REPLIES

# --- the file format -----------------------------------------------------------------------------
TOP_KEYS = (
    "id",
    "navn",
    "alder",
    "resumé",
    "kilder",
    "start",
    "stil",
    "oplæg",
    "kort",
    "debrief",
    "emner",
    "fortælling",
    "svar_uden_emne",
    "reaktioner",
    "ambivalens",
    "opsummering",
)
TOP_REQUIRED = tuple(k for k in TOP_KEYS if k not in ("start", "ambivalens", "opsummering"))
STYLE_KEYS = ("betegnelse", "beskrivelse")
CARD_KEYS = ("situation", "viser", "ønsker")
DEBRIEF_KEYS = ("skjuler", "åbner", "lukker", "kan_føre_til")
TOPIC_REQUIRED = ("id", "titel", "nøgleord", "svar")
TOPIC_KEYS = TOPIC_REQUIRED + TOPIC_LISTENING_KEYS
PIECE_REQUIRED = ("id", "emne", "tekst")
PIECE_KEYS = (*PIECE_REQUIRED, "kerne")
REACTION_KEYS = (ADVICE, CONFRONTATION, CLOSED_QUESTIONS)


class PersonaError(Exception):
    """A persona file that cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# --- reading and checking ------------------------------------------------------------------------
class PersonaBuilder(ListeningReader):
    """Builds one persona from positioned YAML, recording problems instead of raising."""

    def levels(self, node: Any, pos: Pos, where: str, minimum: int) -> dict[str, tuple[str, ...]]:
        """Replies per openness level: ``lukket``, ``tøvende`` and ``åben``, all required."""
        if node is None or not self.mapping(node, where, pos):
            return {level: () for level in LEVELS}
        self.keys(node, where, LEVELS, LEVELS)
        return {level: self.strings(node, level, where, minimum) for level in LEVELS}

    def texts_of(
        self, raw: dict, key: str, keys: tuple[str, ...], where: str
    ) -> dict[str, str] | None:
        """A mapping of required texts under ``key``: the style, the card or the debrief."""
        node = raw.get(key)
        if node is None or not self.mapping(node, where, val_pos(raw, key)):
            return None
        self.keys(node, where, keys, keys)
        return {k: self.required_text(node, k, where) for k in keys}

    # --- the persona ---------------------------------------------------------------------------
    def persona(self, raw: Any, content: str) -> Persona | None:
        if not self.mapping(raw, "personaen", node_pos(raw)):
            return None
        self.keys(raw, "personaen", TOP_KEYS, TOP_REQUIRED)
        persona_id = self.persona_id(raw)
        name = self.required_text(raw, "navn", "personaen")
        age = self.age(raw)
        summary = self.required_text(raw, "resumé", "personaen")
        intro = self.required_text(raw, "oplæg", "personaen")
        sources = self.strings(raw, "kilder", "personaen", 1, "kilde")
        start = self.start(raw)
        style = self.texts_of(raw, "stil", STYLE_KEYS, "stil")
        card = self.texts_of(raw, "kort", CARD_KEYS, "kortet")
        debrief = self.texts_of(raw, "debrief", DEBRIEF_KEYS, "debrief")
        topics = self.topics(raw.get("emner"), val_pos(raw, "emner"))
        story = self.story(raw.get("fortælling"), val_pos(raw, "fortælling"), topics)
        fallback = self.levels(
            raw.get("svar_uden_emne"),
            val_pos(raw, "svar_uden_emne"),
            "svar_uden_emne",
            MIN_FALLBACK_REPLIES,
        )
        reactions = self.reactions(raw.get("reaktioner"), val_pos(raw, "reaktioner"))
        ambivalence = self.ambivalence(raw, topics)
        summary_replies = self.summary_replies(raw)
        if style is None or card is None or debrief is None:
            return None
        return Persona(
            id=persona_id,
            name=name,
            age=age,
            summary=summary,
            sources=sources,
            start=start,
            intro=intro,
            style=Style(style["betegnelse"], style["beskrivelse"]),
            card=Card(card["situation"], card["viser"], card["ønsker"]),
            debrief=Debrief(
                debrief["skjuler"], debrief["åbner"], debrief["lukker"], debrief["kan_føre_til"]
            ),
            topics=tuple(topics),
            story=tuple(story),
            fallback=fallback,
            reactions=reactions,
            ambivalence=ambivalence,
            summary_replies=summary_replies,
            content=content,
            content_hash=hashlib.sha256(content.encode()).hexdigest()[:16],
        )

    def persona_id(self, raw: dict) -> str:
        """Small letters, digits, _ and -, and the same as the file name."""
        persona_id = self.text(raw, "id", "personaen")
        if "id" in raw and not ID_RE.fullmatch(persona_id):
            self.err(
                val_pos(raw, "id"), f"id '{persona_id}' må kun have små bogstaver a-z, tal, _ og -"
            )
        elif persona_id and self.path is not None and self.path.stem != persona_id:
            self.err(
                val_pos(raw, "id"),
                f"id '{persona_id}' skal være det samme som filnavnet ('{self.path.stem}'), "
                "så personaen kan findes under sit id",
            )
        return persona_id

    def age(self, raw: dict) -> int:
        """A whole number of years from 1 to 120."""
        age = self.integer(raw, "alder", "personaen", 0) or 0
        if "alder" in raw and not 1 <= age <= 120 and not self.problems_here(val_pos(raw, "alder")):
            self.err(val_pos(raw, "alder"), "alder skal være et helt tal mellem 1 og 120")
        return age

    def start(self, raw: dict) -> str:
        """One of the openness levels; ``lukket`` when left out."""
        start = self.text(raw, "start", "personaen", LUKKET)
        if start not in LEVELS:
            self.err(
                val_pos(raw, "start"),
                f"start '{start}' er ikke et niveau; vælg {', '.join(LEVELS)}"
                f"{suggest(start, LEVELS)}",
            )
            start = LUKKET
        return start

    # --- the topics ----------------------------------------------------------------------------
    def topics(self, node: Any, pos: Pos) -> list[Topic]:
        if node is None:
            return []
        if not isinstance(node, list) or not node:
            self.err(pos, "'emner' skal være en liste med mindst ét emne (- id: ...)")
            return []
        topics: list[Topic] = []
        owner: dict[str, str] = {}  # keyword text -> topic id
        for i, item in enumerate(node):
            if not self.mapping(item, f"emne {i + 1}", item_pos(node, i)):
                continue
            topics.append(self.topic(item, i, topics, owner))
        return topics

    def topic(self, item: dict, i: int, topics: list[Topic], owner: dict[str, str]) -> Topic:
        topic_id = self.text(item, "id", f"emne {i + 1}")
        where = f"emnet '{topic_id}'" if topic_id else f"emne {i + 1}"
        self.keys(item, where, TOPIC_KEYS, TOPIC_REQUIRED)
        self.topic_id(item, topic_id, topics)
        keywords = self.keywords(item, where, topic_id, owner)
        replies = self.levels(
            item.get("svar"), val_pos(item, "svar"), f"svarene i {where}", MIN_TOPIC_REPLIES
        )
        title = self.required_text(item, "titel", where)
        return Topic(topic_id, title, keywords, replies, self.listening(item, where))

    def topic_id(self, item: dict, topic_id: str, topics: list[Topic]) -> None:
        """Small letters, digits and _, and no two topics with the same id."""
        if "id" in item and not KEY_RE.fullmatch(topic_id):
            self.err(
                val_pos(item, "id"),
                f"emne-id '{topic_id}' må kun have små bogstaver, tal og _",
            )
        elif any(t.id == topic_id for t in topics):
            self.err(val_pos(item, "id"), f"emnet '{topic_id}' står der to gange")

    def keywords(
        self, item: dict, where: str, topic_id: str, owner: dict[str, str]
    ) -> tuple[Keyword, ...]:
        value = item.get("nøgleord")
        if "nøgleord" not in item:
            return ()
        if not isinstance(value, list) or not value:
            self.err(
                val_pos(item, "nøgleord"),
                f"'nøgleord' i {where} skal være en liste med mindst ét ord, fx [savn, sorg]",
            )
            return ()
        result: list[Keyword] = []
        for i, raw_word in enumerate(value):
            pos = item_pos(value, i)
            if not isinstance(raw_word, str):
                quote = (
                    " – sæt det i anførselstegn" if isinstance(raw_word, bool | int | float) else ""
                )
                self.err(pos, f"nøgleord {i + 1} i {where} skal være en tekst{quote}")
                continue
            keyword = parse_keyword(raw_word)
            message = self.keyword_problem(keyword, raw_word, where, topic_id, owner)
            if message:
                self.err(pos, message)
                continue
            owner[keyword.text] = topic_id
            result.append(keyword)
        return tuple(result)

    def keyword_problem(
        self, keyword: Keyword, raw_word: str, where: str, topic_id: str, owner: dict[str, str]
    ) -> str | None:
        """What is wrong with a keyword: the first rule it breaks, in order; None if nothing."""
        subject = f"nøgleordet '{raw_word}'"
        message = self.keyword_rule_problem(keyword)
        if message:
            return f"{subject} i {where} {message}"
        if keyword.text in owner:
            other = owner[keyword.text]
            return f"{subject} står der allerede" + (
                f" i emnet '{other}'" if other != topic_id else f" i {where}"
            )
        return None

    # --- the story and the reactions -----------------------------------------------------------
    def story(self, node: Any, pos: Pos, topics: list[Topic]) -> list[StoryPiece]:
        if node is None:
            return []
        if not isinstance(node, list) or not node:
            self.err(pos, "'fortælling' skal være en liste med mindst ét stykke (- id: ...)")
            return []
        topic_ids = [t.id for t in topics]
        pieces: list[StoryPiece] = []
        for i, item in enumerate(node):
            if not self.mapping(item, f"stykke {i + 1} af fortællingen", item_pos(node, i)):
                continue
            piece_id = self.text(item, "id", f"stykke {i + 1}")
            where = f"fortællingens stykke '{piece_id}'" if piece_id else f"stykke {i + 1}"
            self.keys(item, where, PIECE_KEYS, PIECE_REQUIRED)
            self.piece_id(item, piece_id, pieces)
            topic = self.piece_topic(item, where, topic_ids)
            pieces.append(StoryPiece(piece_id, topic, self.required_text(item, "tekst", where)))
        return self.core_pieces(node, pieces)

    def piece_id(self, item: dict, piece_id: str, pieces: list[StoryPiece]) -> None:
        """Small letters, digits and _, and no two pieces with the same id."""
        if "id" in item and not KEY_RE.fullmatch(piece_id):
            self.err(val_pos(item, "id"), f"id '{piece_id}' må kun have små bogstaver, tal og _")
        elif any(p.id == piece_id for p in pieces):
            self.err(val_pos(item, "id"), f"stykket '{piece_id}' står der to gange")

    def piece_topic(self, item: dict, where: str, topic_ids: list[str]) -> str:
        """The topic the piece belongs to: one of the persona's topics."""
        topic = self.text(item, "emne", where)
        if "emne" in item and topic not in topic_ids:
            self.err(
                val_pos(item, "emne"),
                f"'emne' i {where} peger på '{topic}', som ikke er et emne"
                f"{suggest(topic, topic_ids)}",
            )
        return topic

    def reactions(self, node: Any, pos: Pos) -> dict[str, tuple[str, ...]]:
        if node is None or not self.mapping(node, "reaktioner", pos):
            return {kind: () for kind in REACTION_KEYS}
        self.keys(node, "reaktioner", REACTION_KEYS, REACTION_KEYS)
        return {
            kind: self.strings(node, kind, "reaktioner", MIN_REACTIONS) for kind in REACTION_KEYS
        }


# --- loading -------------------------------------------------------------------------------------
def build_persona(raw: Any, path: Path | None, problems: list[Problem]) -> Persona | None:
    builder = PersonaBuilder(path)
    if path is None:
        builder.current = "<gemt persona>"
    persona = builder.persona(raw, canonical(raw))
    problems.extend(builder.problems)
    return persona


PERSONAS = FileType(build_persona, PersonaError)


def check_persona_file(path: Path) -> tuple[Persona | None, list[Problem]]:
    """The persona (if it could be built) and every problem in its file."""
    return PERSONAS.check(path)


def check_persona(path: Path) -> list[Problem]:
    """Every problem in one persona file, as ``file:line:col: message`` in Danish."""
    return check_persona_file(path)[1]


def load_persona(path: Path) -> Persona:
    """One persona file; raises PersonaError with every problem."""
    return PERSONAS.load(path)


def persona_from_content(content: str) -> Persona:
    """Rebuild a persona from the snapshot (``Persona.content``) a session stored."""
    return PERSONAS.from_content(content)
