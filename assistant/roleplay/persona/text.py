"""The texts a persona shows: the staff member's intro before a solo practice, the card for the
player who acts the resident, and the trainer's debrief."""

from __future__ import annotations

from .model import Persona
from .rules import CLOSED_RUN, RISE_POINTS, RISE_STREAK


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
