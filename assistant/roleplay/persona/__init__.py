"""Simulated residents (personaer) for role-play: the file format, the checker and the simulation.

A persona is one YAML file in ``dialogues/personas/``. It holds the card a trainer hands to the
player, the debrief only the trainer reads, and the lines the program answers with: per topic
(emne) and per openness level, replies when no topic matches, and reactions to non-adherent
behaviour. The inner story (fortælling) is told piece by piece, only at the highest openness and only
when the staff member touches the topic the piece belongs to.

What lives where:

- ``model``: the openness levels, the reaction kinds and the frozen dataclasses (``Persona``).
- ``rules`` and ``rules.yaml``: the rules all personas share: points per MI code, the streaks that
  open and close a persona, the minimum a file must hold, the common words no keyword may match.
- ``builder``: the file format, ``PersonaBuilder`` with one method per rule, and the check, load
  and snapshot functions.
- ``library``: where the bundled personas are, and finding one by id or path.
- ``text``: the intro, the player's card and the trainer's debrief.
- ``simulation``: ``Simulation``, the openness machine that answers staff utterances.

This package is on the ``roleplay`` layer: it may import ``assistant.roleplay.codes``, the layers
below (``dialogue`` for the YAML reader with positions), the standard library, ``transitions``
and PyYAML; never ``session``, ``practice``, the front ends or Textual.
"""

from .builder import (
    CARD_KEYS,
    DEBRIEF_KEYS,
    PIECE_KEYS,
    REACTION_KEYS,
    STYLE_KEYS,
    TOP_KEYS,
    TOPIC_KEYS,
    PersonaError,
    check_persona,
    load_persona,
    persona_from_content,
)
from .library import bundled_personas, find_persona, persona_files, personas_dir
from .model import (
    AABEN,
    ADVICE,
    CLOSED_QUESTIONS,
    CONFRONTATION,
    DOWN,
    LEVELS,
    LUKKET,
    TOEVENDE,
    UP,
    Persona,
    StoryPiece,
    Topic,
)
from .rules import CLOSED_RUN, POINTS, RISE_POINTS, RISE_STREAK, RulesError
from .simulation import Reply, Simulation, SimulationState, match_topic
from .text import card_text, debrief_text, persona_intro

__all__ = [
    "AABEN",
    "ADVICE",
    "CARD_KEYS",
    "CLOSED_QUESTIONS",
    "CLOSED_RUN",
    "CONFRONTATION",
    "DEBRIEF_KEYS",
    "DOWN",
    "LEVELS",
    "LUKKET",
    "PIECE_KEYS",
    "POINTS",
    "REACTION_KEYS",
    "RISE_POINTS",
    "RISE_STREAK",
    "STYLE_KEYS",
    "TOEVENDE",
    "TOPIC_KEYS",
    "TOP_KEYS",
    "UP",
    "Persona",
    "PersonaError",
    "Reply",
    "RulesError",
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
    "persona_files",
    "persona_from_content",
    "persona_intro",
    "personas_dir",
]
