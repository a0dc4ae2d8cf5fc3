"""Simulated residents (personaer) for role-play: the file format, the checker and the simulation.

A persona is one YAML file in ``dialogues/personas/``. It holds the card a trainer hands to the
player, the debrief only the trainer reads, and the lines the program answers with: per topic
(emne) and per openness level, replies when no topic matches, and reactions to non-adherent
behaviour. The inner story (fortælling) is told piece by piece, only at the highest openness and only
when the staff member touches the topic the piece belongs to.

The simulation is a `transitions` machine with the states ``lukket``, ``tøvende`` and ``åben``. The
caller (the coach) gives each staff utterance its MI behaviour codes; the persona does not classify.

Openness rule (the constants below):

- Every distinct code in a turn gives ``POINTS`` (complex reflection and summary 2; simple
  reflection, affirmation, seeking collaboration, emphasizing autonomy and open question 1; all
  other codes 0). A turn with points and no fall trigger is a *good* turn.
- Openness rises one level when ``RISE_STREAK`` good turns in a row have gathered at least
  ``RISE_POINTS`` points; streak and points then start again from 0.
- Openness falls one level (never below ``lukket``) after persuasion (unsolicited advice),
  confrontation, giving information without permission (no seeking collaboration in this or the
  previous turn), or the ``CLOSED_RUN``-th closed turn in a row. A fall resets the streak, its
  points and the closed run.
- A closed turn is a closed question with nothing that gives points. It breaks the streak (the
  points gathered are lost) and counts towards the closed run. Good turns end a closed run.
- Any other turn (only ``other``, or information after permission) changes nothing.

Closed questions alone therefore never open a persona, and open questions alone open it slowly.

Topic matching: the staff text is split into words (letters only) and casefolded. A keyword matches
a word that begins with it (``savn`` matches savner, savnede, savnet); a keyword written ``=mor``
matches only the whole word. A keyword of several words matches those words in a row. When several
topics match, the longest matching keyword wins; on a tie, the topic that comes first in the file.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from transitions import Machine

from ..dialogue.folders import guides_dir
from ..dialogue.schema import ID_RE, KEY_RE
from ..yamlkit import FileType, Problem, Reader, canonical, suggest
from ..yamlkit.yamlpos import Pos, item_pos, node_pos, val_pos
from .codes import Code

# --- openness ------------------------------------------------------------------------------------
LUKKET = "lukket"
TOEVENDE = "tøvende"
AABEN = "åben"
LEVELS: tuple[str, ...] = (LUKKET, TOEVENDE, AABEN)

POINTS: dict[Code, int] = {
    Code.COMPLEX_REFLECTION: 2,
    Code.SUMMARY: 2,
    Code.SIMPLE_REFLECTION: 1,
    Code.AFFIRMATION: 1,
    Code.SEEKING_COLLABORATION: 1,
    Code.EMPHASIZING_AUTONOMY: 1,
    Code.OPEN_QUESTION: 1,
}
RISE_STREAK = 3  # good turns in a row before openness can rise one level
RISE_POINTS = 5  # points those good turns must have gathered
CLOSED_RUN = 3  # closed turns in a row that lower openness one level

UP = "op"
DOWN = "ned"

# reaction kinds, as the persona file names them
ADVICE = "råd"
CONFRONTATION = "konfrontation"
CLOSED_QUESTIONS = "lukkede_spørgsmål"

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
)
TOP_REQUIRED = tuple(k for k in TOP_KEYS if k != "start")
STYLE_KEYS = ("betegnelse", "beskrivelse")
CARD_KEYS = ("situation", "viser", "ønsker")
DEBRIEF_KEYS = ("skjuler", "åbner", "lukker", "kan_føre_til")
TOPIC_KEYS = ("id", "titel", "nøgleord", "svar")
PIECE_KEYS = ("id", "emne", "tekst")
REACTION_KEYS = (ADVICE, CONFRONTATION, CLOSED_QUESTIONS)

MIN_TOPIC_REPLIES = 4  # per topic and openness level
MIN_FALLBACK_REPLIES = 3  # per openness level
MIN_REACTIONS = 3  # per reaction kind
MIN_KEYWORD_LENGTH = 2

WORD_RE = re.compile(r"[^\W\d_]+")
KEYWORD_RE = re.compile(r"=?[^\W\d_]+(?: [^\W\d_]+)*")

# Words that come up in almost any staff utterance: a keyword that matches one of them would give
# a topic to nearly everything said.
COMMON_WORDS = tuple(
    """
    alle andre at blev blive bliver da de dem den der det dig din dine dit du efter eller
    en er et for fordi fortæl fortælle fra får godt gør gøre ham han har have havde hej
    helt hende her hun hvad hvem hvis hvor hvordan hvorfor hvornår høre i ikke ja jeg jer
    jeres jo kan kunne lidt man med meget men mere mig min mine mit må nej noget nogen nu
    når og også om op os over på sig sige siger sin skal skulle som spørge synes så sådan
    tak til tror ud var ved vi vide vil ville være været
    """.split()
)


def personas_dir() -> Path:
    """The bundled personas: ``personas/`` in the guides folder (checkout or installed)."""
    return guides_dir() / "personas"


def persona_files(folder: Path | None = None) -> list[Path]:
    return sorted((folder or personas_dir()).glob("*.yaml"))


# --- the model -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Style:
    label: str
    description: str


@dataclass(frozen=True)
class Card:
    """What the player who acts the resident reads: nothing here is secret."""

    situation: str
    shows: str
    wants: str


@dataclass(frozen=True)
class Debrief:
    """For the trainer only."""

    hides: str
    opens: str
    closes: str
    leads_to: str


@dataclass(frozen=True)
class Keyword:
    """One keyword: its words, whether they must match whole words, and how specific it is."""

    text: str
    words: tuple[str, ...]
    exact: bool

    @property
    def length(self) -> int:
        return len(" ".join(self.words))

    def matches(self, words: Sequence[str]) -> bool:
        n = len(self.words)
        for start in range(len(words) - n + 1):
            if all(
                words[start + i] == w if self.exact else words[start + i].startswith(w)
                for i, w in enumerate(self.words)
            ):
                return True
        return False


def parse_keyword(text: str) -> Keyword:
    folded = " ".join(text.casefold().split())
    exact = folded.startswith("=")
    return Keyword(folded, tuple(folded.lstrip("=").split()), exact)


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    keywords: tuple[Keyword, ...]
    replies: dict[str, tuple[str, ...]] = field(hash=False)


@dataclass(frozen=True)
class StoryPiece:
    id: str
    topic: str
    text: str


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    age: int
    summary: str  # one line for lists: who this is, nothing from the debrief
    sources: tuple[str, ...]
    start: str
    intro: str  # what the staff member knows before a solo practice
    style: Style
    card: Card
    debrief: Debrief
    topics: tuple[Topic, ...]
    story: tuple[StoryPiece, ...]
    fallback: dict[str, tuple[str, ...]] = field(hash=False)
    reactions: dict[str, tuple[str, ...]] = field(hash=False)
    content: str = field(default="", repr=False, compare=False)
    content_hash: str = ""

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)


class PersonaError(Exception):
    """A persona file that cannot be used; ``problems`` says every reason."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# --- reading and checking ------------------------------------------------------------------------
class PersonaBuilder(Reader):
    """Builds one persona from positioned YAML, recording problems instead of raising."""

    def required_text(self, node: dict, key: str, where: str) -> str:
        value = self.text(node, key, where)
        if key in node and not value and not self.problems_here(val_pos(node, key)):
            self.err(val_pos(node, key), f"'{key}' i {where} må ikke være tom")
        return value

    def problems_here(self, pos: Pos) -> bool:
        return any(p.line == max(pos.line, 1) and p.col == max(pos.col, 1) for p in self.problems)

    def strings(
        self, node: dict, key: str, where: str, minimum: int, noun: str = "forskellige svar"
    ) -> tuple[str, ...]:
        """A list of texts, at least ``minimum`` long, each a real text and none twice."""
        value = node.get(key)
        if key not in node:
            return ()
        if not isinstance(value, list):
            self.err(val_pos(node, key), f"'{key}' i {where} skal være en liste af tekster")
            return ()
        result: list[str] = []
        for i, item in enumerate(value):
            pos = item_pos(value, i)
            if not isinstance(item, str):
                if isinstance(item, dict):
                    hint = (
                        " – teksten blev læst som 'nøgle: værdi'; sæt den i anførselstegn, når "
                        "den indeholder kolon og mellemrum"
                    )
                elif isinstance(item, bool | int | float) or item is None:
                    hint = " – sæt den i anførselstegn, så den ikke læses som tal, ja/nej eller tom"
                else:
                    hint = ""
                self.err(pos, f"punkt {i + 1} i '{key}' i {where} skal være en tekst{hint}")
                continue
            text = " ".join(item.split())
            if not text:
                self.err(pos, f"punkt {i + 1} i '{key}' i {where} er tomt")
            elif text in result:
                self.err(pos, f"punkt {i + 1} i '{key}' i {where} står der allerede")
            else:
                result.append(text)
        if len(result) < minimum:
            self.err(
                val_pos(node, key),
                f"'{key}' i {where} skal have mindst {minimum} {noun} (der er {len(result)})",
            )
        return tuple(result)

    def levels(self, node: Any, pos: Pos, where: str, minimum: int) -> dict[str, tuple[str, ...]]:
        """Replies per openness level: ``lukket``, ``tøvende`` and ``åben``, all required."""
        if node is None or not self.mapping(node, where, pos):
            return {level: () for level in LEVELS}
        self.keys(node, where, LEVELS, LEVELS)
        return {level: self.strings(node, level, where, minimum) for level in LEVELS}

    def section(
        self, raw: dict, key: str, keys: tuple[str, ...], where: str
    ) -> dict[str, str] | None:
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
        name = self.required_text(raw, "navn", "personaen")
        age = self.integer(raw, "alder", "personaen", 0) or 0
        if "alder" in raw and not 1 <= age <= 120 and not self.problems_here(val_pos(raw, "alder")):
            self.err(val_pos(raw, "alder"), "alder skal være et helt tal mellem 1 og 120")
        summary = self.required_text(raw, "resumé", "personaen")
        intro = self.required_text(raw, "oplæg", "personaen")
        sources = self.strings(raw, "kilder", "personaen", 1, "kilde")
        start = self.text(raw, "start", "personaen", LUKKET)
        if start not in LEVELS:
            self.err(
                val_pos(raw, "start"),
                f"start '{start}' er ikke et niveau; vælg {', '.join(LEVELS)}"
                f"{suggest(start, LEVELS)}",
            )
            start = LUKKET
        style = self.section(raw, "stil", STYLE_KEYS, "stil")
        card = self.section(raw, "kort", CARD_KEYS, "kortet")
        debrief = self.section(raw, "debrief", DEBRIEF_KEYS, "debrief")
        topics = self.topics(raw.get("emner"), val_pos(raw, "emner"))
        story = self.story(raw.get("fortælling"), val_pos(raw, "fortælling"), topics)
        fallback = self.levels(
            raw.get("svar_uden_emne"),
            val_pos(raw, "svar_uden_emne"),
            "svar_uden_emne",
            MIN_FALLBACK_REPLIES,
        )
        reactions = self.reactions(raw.get("reaktioner"), val_pos(raw, "reaktioner"))
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
            content=content,
            content_hash=hashlib.sha256(content.encode()).hexdigest()[:16],
        )

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
            topic_id = self.text(item, "id", f"emne {i + 1}")
            where = f"emnet '{topic_id}'" if topic_id else f"emne {i + 1}"
            self.keys(item, where, TOPIC_KEYS, TOPIC_KEYS)
            if "id" in item and not KEY_RE.fullmatch(topic_id):
                self.err(
                    val_pos(item, "id"),
                    f"emne-id '{topic_id}' må kun have små bogstaver, tal og _",
                )
            elif any(t.id == topic_id for t in topics):
                self.err(val_pos(item, "id"), f"emnet '{topic_id}' står der to gange")
            keywords = self.keywords(item, where, topic_id, owner)
            replies = self.levels(
                item.get("svar"), val_pos(item, "svar"), f"svarene i {where}", MIN_TOPIC_REPLIES
            )
            title = self.required_text(item, "titel", where)
            topics.append(Topic(topic_id, title, keywords, replies))
        return topics

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
                hint = (
                    " – sæt det i anførselstegn" if isinstance(raw_word, bool | int | float) else ""
                )
                self.err(pos, f"nøgleord {i + 1} i {where} skal være en tekst{hint}")
                continue
            keyword = parse_keyword(raw_word)
            if not KEYWORD_RE.fullmatch(keyword.text):
                self.err(
                    pos,
                    f"nøgleordet '{raw_word}' i {where} må kun have bogstaver og mellemrum "
                    "(og evt. '=' først for et helt ord)",
                )
                continue
            if keyword.length < MIN_KEYWORD_LENGTH:
                self.err(pos, f"nøgleordet '{raw_word}' i {where} er for kort")
                continue
            common = next((w for w in COMMON_WORDS if keyword.matches([w])), None)
            if len(keyword.words) == 1 and common is not None:
                self.err(
                    pos,
                    f"nøgleordet '{raw_word}' i {where} passer på det almindelige ord "
                    f"'{common}' og vil give emnet til næsten alt; vælg et mere præcist ord",
                )
                continue
            if keyword.text in owner:
                other = owner[keyword.text]
                self.err(
                    pos,
                    f"nøgleordet '{raw_word}' står der allerede"
                    + (f" i emnet '{other}'" if other != topic_id else f" i {where}"),
                )
                continue
            owner[keyword.text] = topic_id
            result.append(keyword)
        return tuple(result)

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
            self.keys(item, where, PIECE_KEYS, PIECE_KEYS)
            if "id" in item and not KEY_RE.fullmatch(piece_id):
                self.err(
                    val_pos(item, "id"), f"id '{piece_id}' må kun have små bogstaver, tal og _"
                )
            elif any(p.id == piece_id for p in pieces):
                self.err(val_pos(item, "id"), f"stykket '{piece_id}' står der to gange")
            topic = self.text(item, "emne", where)
            if "emne" in item and topic not in topic_ids:
                self.err(
                    val_pos(item, "emne"),
                    f"'emne' i {where} peger på '{topic}', som ikke er et emne"
                    f"{suggest(topic, topic_ids)}",
                )
            pieces.append(StoryPiece(piece_id, topic, self.required_text(item, "tekst", where)))
        return pieces

    def reactions(self, node: Any, pos: Pos) -> dict[str, tuple[str, ...]]:
        if node is None or not self.mapping(node, "reaktioner", pos):
            return {kind: () for kind in REACTION_KEYS}
        self.keys(node, "reaktioner", REACTION_KEYS, REACTION_KEYS)
        return {
            kind: self.strings(node, kind, "reaktioner", MIN_REACTIONS) for kind in REACTION_KEYS
        }


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


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime_ns: int) -> Persona:
    return load_persona(path)


def bundled_personas() -> list[Persona]:
    """Every bundled persona, by name."""
    personas = [_load_cached(p, p.stat().st_mtime_ns) for p in persona_files()]
    return sorted(personas, key=lambda p: p.name)


def find_persona(name: str) -> Persona:
    """A persona by its id, or by the path of a YAML file. Raises LookupError or PersonaError."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") and path.exists():
        return load_persona(path)
    candidate = personas_dir() / f"{name}.yaml"
    if candidate.exists() and ID_RE.fullmatch(name):
        return _load_cached(candidate, candidate.stat().st_mtime_ns)
    known = [p.stem for p in persona_files()]
    raise LookupError(
        f"Personaen '{name}' findes ikke{suggest(name, known)}. "
        f"Kendte personaer: {', '.join(known) or 'ingen'}."
    )


# --- texts for the trainer and the player --------------------------------------------------------
def persona_intro(persona: Persona) -> str:
    """What the staff member reads before a solo practice: who, and why you are there."""
    return (
        f"Du skal tale med {persona.name}, {persona.age} år – {persona.summary}.\n\n{persona.intro}"
    )


def card_text(persona: Persona) -> str:
    """The card for the player who acts the persona: nothing from the debrief or the story."""
    return "\n".join(
        [
            f"{persona.name}, {persona.age} år",
            "",
            f"Sådan taler du: {persona.style.label}. {persona.style.description}",
            "",
            "Din situation",
            persona.card.situation,
            "",
            "Det viser du",
            persona.card.shows,
            "",
            "Det vil du gerne",
            persona.card.wants,
        ]
    )


def debrief_text(persona: Persona) -> str:
    """The trainer's debrief: the inner story and what opens and closes the persona."""
    lines = [
        f"Debrief: {persona.name}, {persona.age} år (kun til underviseren)",
        "",
        "Det, der ikke bliver sagt",
        persona.debrief.hides,
        "",
        "Det åbner",
        persona.debrief.opens,
        "",
        "Det lukker",
        persona.debrief.closes,
        "",
        "Det kan en god samtale føre til",
        persona.debrief.leads_to,
        "",
        "Fortællingen – fortælles kun, når personaen er åben, og medarbejderen rører ved emnet",
    ]
    titles = {t.id: t.title for t in persona.topics}
    for piece in persona.story:
        lines.append(f"- {titles.get(piece.topic, piece.topic)}: {piece.text}")
    lines += [
        "",
        "Åbenheden",
        f"Personaen starter {persona.start}. Den bliver et trin mere åben efter {RISE_STREAK} "
        f"gode ytringer i træk med mindst {RISE_POINTS} point (kompleks refleksion og "
        "opsummering 2, simpel refleksion, bekræftelse, spørge om lov, understrege borgerens "
        "valg og åbent spørgsmål 1). Den lukker et trin efter råd eller overtalelse uden lov, "
        f"konfrontation, information uden lov eller {CLOSED_RUN} lukkede spørgsmål i træk.",
        "",
        "Kilder: " + "; ".join(persona.sources),
    ]
    return "\n".join(lines)


# --- the simulation ------------------------------------------------------------------------------
def words(text: str) -> list[str]:
    return WORD_RE.findall(text.casefold())


def match_topic(persona: Persona, text: str) -> Topic | None:
    """The topic the staff text touches: longest matching keyword, then first in the file."""
    found = words(text)
    best: tuple[int, int] | None = None
    for index, topic in enumerate(persona.topics):
        lengths = [k.length for k in topic.keywords if k.matches(found)]
        if lengths and (best is None or max(lengths) > best[0]):
            best = (max(lengths), index)
    return persona.topics[best[1]] if best else None


@dataclass(frozen=True)
class Reply:
    text: str
    openness: str
    topic: str | None = None
    revealed: str | None = None
    changed: str | None = None
    reaction: str | None = None  # råd, konfrontation or lukkede_spørgsmål when the turn fell


@dataclass(frozen=True)
class SimulationState:
    """What a front end shows: openness and how far the staff member is towards the next level."""

    openness: str
    level: int  # 0 lukket, 1 tøvende, 2 åben
    streak: int
    points: int
    closed_run: int
    revealed: tuple[str, ...]
    turns: int


@dataclass(frozen=True)
class Turn:
    text: str
    codes: tuple[Code, ...]


class _Openness:
    """The model the `transitions` machine drives; ``state`` is the openness level."""

    state: str


class Openness(str):
    """An openness level name that can also be called: ``sim.state`` and ``sim.state()`` agree."""

    __slots__ = ()

    def __call__(self) -> str:
        return str(self)


_TRANSITIONS = [
    {"trigger": UP, "source": LUKKET, "dest": TOEVENDE},
    {"trigger": UP, "source": TOEVENDE, "dest": AABEN},
    {"trigger": DOWN, "source": AABEN, "dest": TOEVENDE},
    {"trigger": DOWN, "source": TOEVENDE, "dest": LUKKET},
]


class Simulation:
    """One simulated conversation with a persona; the same seed and inputs give the same replies."""

    def __init__(self, persona: Persona, seed: int) -> None:
        self.persona = persona
        self.seed = seed
        self._rng = random.Random(seed)
        self._openness = _Openness()
        self._machine = Machine(
            model=self._openness,
            states=list(LEVELS),
            transitions=_TRANSITIONS,
            initial=persona.start,
            auto_transitions=False,
            ignore_invalid_triggers=True,
        )
        self._streak = 0
        self._points = 0
        self._closed_run = 0
        self._previous: frozenset[Code] = frozenset()
        self._used: dict[str, set[int]] = {}
        self._last_text: str | None = None
        self._revealed: list[str] = []
        self._turns: list[Turn] = []

    @classmethod
    def replay(
        cls, persona: Persona, seed: int, turns: Iterable[tuple[str, Sequence[Code | str]]]
    ) -> Simulation:
        """A new simulation fed the same turns: the state a resumed session continues from."""
        simulation = cls(persona, seed)
        for text, codes in turns:
            simulation.respond(text, codes)
        return simulation

    # --- what a front end reads ----------------------------------------------------------------
    @property
    def state(self) -> Openness:
        """The openness level: ``lukket``, ``tøvende`` or ``åben`` (``state()`` gives the same)."""
        return Openness(self._openness.state)

    def snapshot(self) -> SimulationState:
        return SimulationState(
            openness=self._openness.state,
            level=LEVELS.index(self._openness.state),
            streak=self._streak,
            points=self._points,
            closed_run=self._closed_run,
            revealed=tuple(self._revealed),
            turns=len(self._turns),
        )

    @property
    def revealed_pieces(self) -> tuple[StoryPiece, ...]:
        by_id = {p.id: p for p in self.persona.story}
        return tuple(by_id[i] for i in self._revealed)

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns)

    # --- one turn ------------------------------------------------------------------------------
    def respond(self, text: str, codes: Sequence[Code | str]) -> Reply:
        """The persona's answer to one staff utterance with the codes the coach gave it."""
        given = tuple(Code(c) for c in codes)
        self._turns.append(Turn(text, given))
        current = frozenset(given)
        reaction = self._reaction(current)
        before = self._openness.state
        if reaction is not None:
            self._streak = self._points = self._closed_run = 0
            getattr(self._openness, DOWN)()
        else:
            self._count(current)
        self._previous = current
        after = self._openness.state
        changed = (
            None
            if before == after
            else (UP if LEVELS.index(after) > LEVELS.index(before) else DOWN)
        )
        topic = match_topic(self.persona, text)
        topic_id = topic.id if topic else None
        if reaction is not None:
            line = self._pick(f"reaktion:{reaction}", self.persona.reactions[reaction])
            return Reply(line, after, topic_id, None, changed, reaction)
        if topic is not None and after == AABEN:
            piece = next(
                (
                    p
                    for p in self.persona.story
                    if p.topic == topic.id and p.id not in self._revealed
                ),
                None,
            )
            if piece is not None:
                self._revealed.append(piece.id)
                self._last_text = piece.text
                return Reply(piece.text, after, topic_id, piece.id, changed)
        if topic is not None:
            line = self._pick(f"emne:{topic.id}:{after}", topic.replies[after])
        else:
            line = self._pick(f"uden:{after}", self.persona.fallback[after])
        return Reply(line, after, topic_id, None, changed)

    def _reaction(self, codes: frozenset[Code]) -> str | None:
        """The reaction kind if this turn makes the persona close up, else None."""
        if Code.CONFRONT in codes:
            return CONFRONTATION
        if Code.PERSUADE in codes:
            return ADVICE
        permitted = Code.SEEKING_COLLABORATION in codes | self._previous
        if Code.GIVING_INFORMATION in codes and not permitted:
            return ADVICE
        if self._closed(codes) and self._closed_run + 1 >= CLOSED_RUN:
            return CLOSED_QUESTIONS
        return None

    @staticmethod
    def _closed(codes: frozenset[Code]) -> bool:
        return Code.CLOSED_QUESTION in codes and not any(POINTS.get(c, 0) for c in codes)

    def _count(self, codes: frozenset[Code]) -> None:
        points = sum(POINTS.get(c, 0) for c in codes)
        if points:
            self._streak += 1
            self._points += points
            self._closed_run = 0
            if (
                self._streak >= RISE_STREAK
                and self._points >= RISE_POINTS
                and self._openness.state != AABEN
            ):
                getattr(self._openness, UP)()
                self._streak = self._points = 0
        elif self._closed(codes):
            self._streak = self._points = 0
            self._closed_run += 1

    def _pick(self, pool: str, lines: Sequence[str]) -> str:
        """A seeded choice: not the last line said, and no line twice until the pool is used up."""
        used = self._used.setdefault(pool, set())
        fresh = [i for i in range(len(lines)) if i not in used and lines[i] != self._last_text]
        if not fresh:
            used.clear()
            fresh = [i for i in range(len(lines)) if lines[i] != self._last_text] or list(
                range(len(lines))
            )
        index = self._rng.choice(fresh)
        used.add(index)
        self._last_text = lines[index]
        return lines[index]


__all__ = [
    "AABEN",
    "CLOSED_RUN",
    "LEVELS",
    "LUKKET",
    "POINTS",
    "RISE_POINTS",
    "RISE_STREAK",
    "TOEVENDE",
    "Persona",
    "PersonaError",
    "Reply",
    "Simulation",
    "SimulationState",
    "StoryPiece",
    "Topic",
    "bundled_personas",
    "card_text",
    "check_persona",
    "debrief_text",
    "find_persona",
    "load_persona",
    "match_topic",
    "persona_from_content",
    "persona_intro",
    "personas_dir",
]
