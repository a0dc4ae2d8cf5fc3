"""A practice session: a guide as scaffold, a simulated resident, and the MI coach.

Solo practice: the staff member types what they would say, the coach codes it, the persona
answers. Trio practice (on a course): two people talk aloud, the persona card is read by the one
who plays the resident, and an observer tallies behaviours by key and writes feedback.

Everything is an event in the ordinary session store, so a practice session is saved turn by turn,
survives a kill, resumes, and can be replayed and exported like any other note:

- ``practice``: persona id, name and content hash, seed, solo or trio (the first event);
- ``say``: one staff utterance, its codes, and the persona's reply (one event, one transaction);
- ``tally``: the observer counted (+1) or took back (-1) one behaviour;
- ``feedback``: the observer's free-text feedback (the latest one counts).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from .dialogue.model import Guide
from .notes.cpr import mask_cpr
from .notes.interface import NoteStore
from .notes.model import Note, PracticeTurn, Training
from .roleplay.coach import Classification, Flag, Scorecard, Tally, classify, flag
from .roleplay.codes import LABELS, Code
from .roleplay.persona import Persona, PersonaError, Reply, Simulation, find_persona
from .session import Outcome, Session, SessionError

MEDARBEJDER = "medarbejder"
BORGER = "borger"

# The observer's keys in a trio, one per behaviour (the same in the TUI and the line mode).
TALLY_KEYS: dict[str, Code] = {
    "a": Code.OPEN_QUESTION,  # åbent spørgsmål
    "l": Code.CLOSED_QUESTION,
    "s": Code.SIMPLE_REFLECTION,
    "k": Code.COMPLEX_REFLECTION,
    "b": Code.AFFIRMATION,  # bekræftende udsagn
    "o": Code.SUMMARY,  # opsummering
    "t": Code.SEEKING_COLLABORATION,  # spørger om tilladelse
    "v": Code.EMPHASIZING_AUTONOMY,  # borgerens valg
    "i": Code.GIVING_INFORMATION,
    "r": Code.PERSUADE,  # råd uden lov
    "m": Code.CONFRONT,  # modsigelse, konfrontation
    "x": Code.OTHER,
}


@dataclass(frozen=True)
class Said:
    """What came of one staff utterance: how it was coded, the reply, and a live warning."""

    classification: Classification
    reply: Reply
    flag: Flag | None
    masked: int


class Practice:
    def __init__(self, session: Session, persona: Persona | None, start: dict[str, Any]) -> None:
        self.session = session
        self.persona = persona
        self.persona_id = str(start["persona"])
        self.persona_name = persona.name if persona else str(start.get("persona_name", ""))
        self.seed = int(start["seed"])
        self.trio = bool(start["trio"])
        self._simulation: Simulation | None = None
        self._said: list[tuple[str, tuple[Code, ...]]] = []  # what the persona has been told
        self.persona_changed = persona is not None and start.get("persona_hash") != (
            persona.content_hash
        )
        self.turns: list[PracticeTurn] = []
        self.tally = Tally()
        self.feedback = ""
        for event in session.events:
            self._apply(event.kind, event.data, event.at)

    # --- opening --------------------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        store: NoteStore,
        guide: Guide,
        persona: Persona,
        *,
        medarbejder: str | None = None,
        seed: int | None = None,
        trio: bool = False,
    ) -> Practice:
        seed = random.SystemRandom().randrange(1, 1_000_000) if seed is None else seed
        session = Session.start(store, guide, borger=None, medarbejder=medarbejder, mode="practice")
        start = {
            "persona": persona.id,
            "persona_name": persona.name,
            "persona_hash": persona.content_hash,
            "seed": seed,
            "trio": trio,
        }
        session.record_event("practice", start)
        return cls(session, persona, start)

    @classmethod
    def open(cls, store: NoteStore, session_id: str) -> Practice:
        session = Session.open(store, session_id)
        return cls.attach(session)

    @classmethod
    def attach(cls, session: Session, need_persona: bool = True) -> Practice:
        """The practice around an opened session (refused for an ordinary conversation).

        Without ``need_persona`` a practice whose persona file is gone can still be read.
        """
        start = next((e for e in session.events if e.kind == "practice"), None)
        if session.record.mode != "practice" or start is None:
            raise SessionError(f"Samtalen {session.id} er ikke en øvelse.")
        try:
            persona: Persona | None = find_persona(start.data["persona"])
        except (LookupError, PersonaError):
            if need_persona:
                raise SessionError(
                    f"Personaen '{start.data['persona']}' findes ikke længere eller har fejl; "
                    f"øvelsen kan læses med 'samtale notes show {session.id}', men ikke fortsættes."
                ) from None
            persona = None
        return cls(session, persona, start.data)

    def close(self) -> None:
        self.session.close()

    # --- replaying the events -------------------------------------------------------------------
    def _apply(self, kind: str, data: dict[str, Any], at: str) -> None:
        if kind == "say":
            self._said.append((data["text"], tuple(Code(c) for c in data["codes"])))
            self.turns.append(PracticeTurn(MEDARBEJDER, data["text"], data["codes"], at))
            self.turns.append(
                PracticeTurn(BORGER, data["reply"], [], at, openness=data.get("openness", ""))
            )
        elif kind == "tally":
            code = Code(data["code"])
            if data.get("delta", 1) > 0:
                self.tally.add([code])
            else:
                self.tally.remove(code)
        elif kind == "feedback":
            self.feedback = data["text"]

    @property
    def simulation(self) -> Simulation | None:
        """The simulated resident, rebuilt from what was said the first time it is needed (to
        go on talking or to show openness; reading or exporting the note does not need it).
        The stored replies are what was shown then; this only restores the persona's state."""
        if self._simulation is None and self.persona is not None:
            self._simulation = Simulation.replay(self.persona, self.seed, self._said)
        return self._simulation

    # --- what the front ends call ---------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.session.status != "in_progress"

    @property
    def openness(self) -> str:
        return self.simulation.state if self.simulation else ""

    def say(self, text: str) -> Said:
        """One staff utterance: coded, answered by the persona, and stored at once."""
        if self.trio:
            raise SessionError("I en trioøvelse taler I højt; observatøren tæller med tasterne.")
        simulation = self.simulation
        if simulation is None:
            raise SessionError(f"Personaen '{self.persona_id}' findes ikke længere.")
        typed = text.strip()
        text = mask_cpr(typed)[0]  # the coach and the persona never see the number either
        if not text:
            raise SessionError("Skriv det, du vil sige til borgeren.")
        classification = classify(text)
        reply = simulation.respond(text, classification.codes)
        data = {
            "text": typed,  # masked (and counted with the note) by the store
            "codes": [c.value for c in classification.codes],
            "reply": reply.text,
            "openness": reply.openness,
            "topic": reply.topic,
            "revealed": reply.revealed,
        }
        event = self.session.record_event("say", data)
        self._apply("say", event.data, event.at)
        return Said(classification, reply, flag(classification), event.masked)

    def next_step(self) -> Outcome:
        """Move the scaffold on without notes: the next step, or the next theme not yet taken."""
        session, step = self.session, self.session.step
        if step is None:
            return Outcome(False, "Guiden er gennemgået. Afslut øvelsen for at få din feedback.")
        if step.is_hub:
            left = [t for t in step.themes if t not in session.done]
            return session.choose_theme(left[0]) if left else session.skip()
        return session.skip()

    def previous_step(self) -> Outcome:
        return self.session.back()

    def count(self, code: Code, delta: int = 1) -> None:
        """The observer counts one behaviour (or takes one back with ``delta=-1``)."""
        if delta < 0 and not self.tally.counts.get(code):
            return
        data = {"code": code.value, "delta": 1 if delta > 0 else -1}
        event = self.session.record_event("tally", data)
        self._apply("tally", data, event.at)

    def set_feedback(self, text: str) -> int:
        """NoteStore the observer's feedback; return how many CPR-like numbers were masked in it
        (``feedback`` then holds the text as stored)."""
        if text == self.feedback:
            return 0
        event = self.session.record_event("feedback", {"text": text})
        self._apply("feedback", event.data, event.at)
        return event.masked

    def scorecard(self) -> Scorecard:
        """The coach's scorecard (solo) or the observer's (trio)."""
        if self.trio:
            return Scorecard.from_tally(self.tally)
        return Scorecard.build(
            [(t.speaker, t.text, [Code(c) for c in t.codes]) for t in self.turns]
        )

    def finish(self) -> str:
        """End the practice wherever the scaffold is; the scorecard is in the note."""
        outcome = self.session.complete(force=True)
        if not outcome.ok:
            return outcome.message
        return f"Øvelsen er afsluttet og gemt. Id: {self.session.id}"

    def training(self) -> Training:
        return Training(
            persona=self.persona_id,
            persona_name=self.persona_name,
            seed=self.seed,
            trio=self.trio,
            turns=list(self.turns),
            tally={code.value: n for code, n in self.tally.counts.items() if n},
            feedback=self.feedback,
            scorecard=self.scorecard().markdown(),
            labels={code.value: label for code, label in LABELS.items()},
        )

    def note(self) -> Note:
        note = self.session.note()
        note.training = self.training()
        return note


def note_for(session: Session) -> Note:
    """The note of any session; a practice session's note carries its training record."""
    if session.record.mode == "practice" and any(e.kind == "practice" for e in session.events):
        return Practice.attach(session, need_persona=False).note()
    return session.note()
