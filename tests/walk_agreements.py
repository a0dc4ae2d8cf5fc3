"""Test helper: a conversation that ends in agreements, made through the session API."""

from __future__ import annotations

from assistant.dialogue.model import Guide
from assistant.notes.store import Store
from assistant.session import Session

from .walk import typed_answer


def with_agreements(
    store: Store,
    guide: Guide,
    rows: list[str],
    borger: str = "Stue 12",
    followup: str = "om 4 uger",
    complete: bool = True,
    medarbejder: str = "KB",
) -> Session:
    """Walk ``guide`` to its action plan, write ``rows`` ("hvad ; hvem ; hvornår") as the
    agreements and ``followup`` as the follow-up date, and complete it (unless not)."""
    session = Session.start(store, guide, borger=borger, medarbejder=medarbejder)
    for _ in range(200):
        step = session.step
        if step is None:
            break
        if step.is_hub:
            todo = [t for t in step.themes if t not in session.done]
            outcome = session.choose_theme(todo[0]) if todo else session.leave_hub()
        elif step.answer is None:
            outcome = session.answer("")
        elif step.answer.key == guide.note.actions_key:
            outcome = session.answer("\n".join(rows))
        elif step.answer.key == guide.note.followup_key:
            outcome = session.answer(followup)
        else:
            outcome = session.answer(typed_answer(step.answer, step.id))
        assert outcome.ok, (step.id, outcome.message)
    if complete:
        assert session.complete().ok
    return session
