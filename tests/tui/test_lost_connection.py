"""The TUI when the PostgreSQL connection is lost mid-answer and the retry fails too: the
answer is not saved, the user is told so, the text stays in the field and the conversation
does not move; saved once when the server is back."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from assistant.dialogue.model import Guide
from assistant.notes.store import open_store
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.widgets.answers import AnswerField

from ..pg import cut_off
from ..pilot import keys, paste, run, shown
from .steps import conversation, to_free_text


def test_a_lost_connection_keeps_the_answer_in_the_field_and_says_so(
    pg_cluster, pg_app_url: str, tmp_path, mini: Guide
) -> None:
    store = open_store(tmp_path / "data", pg_app_url)
    app = create_app(store, guide=mini)
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        session = await to_free_text(app, pilot)
        state["id"] = session.id
        stored = len(store.events(session.id))
        back = cut_off(store, pg_cluster.url("postgres"))
        typed = "Anna er faldet i nat og har ondt i hoften"
        await paste(pilot, typed)
        await keys(pilot, "ctrl+s")
        screen = conversation(app)
        error = shown(screen.query_one("#error"))
        assert "Svaret blev ikke gemt: forbindelsen til databasen" in error
        assert "Svaret står stadig i feltet; prøv igen om lidt." in error
        assert screen.query_one(AnswerField).raw() == typed  # still in the field
        assert session.step.id == "akut" and "akut" not in session.answers  # did not move
        back()
        assert len(store.events(session.id)) == stored  # nothing reached the server
        await keys(pilot, "ctrl+s")  # the server is back: the same answer, saved once
        assert session.answers["akut"] == typed
        assert session.step.id != "akut"
        assert not screen.query_one("#error").display

    try:
        run(app, scenario)
        answers = [e.data["value"] for e in store.events(state["id"]) if e.kind == "answer"]
        assert answers.count("Anna er faldet i nat og har ondt i hoften") == 1
    finally:
        store.close()
