"""Headings that promise what is not there: the home screen's note count, and the trio's
feedback headings when there is no feedback (TUI, line mode and the exported note)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from assistant.dialogue.library import find_guide
from assistant.dialogue.model import Guide
from assistant.notes.export import note_to_markdown
from assistant.notes.store import Store
from assistant.practice import Practice
from assistant.roleplay.codes import Code
from assistant.roleplay.persona import bundled_personas
from assistant.session import Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.practice import ScorecardScreen

from ..pilot import keys, run, shown, side_entries
from ..walk import samtale


def finished(store: Store, guide: Guide, borger: str) -> str:
    session = Session.start(store, guide, borger=borger)
    while not session.at_end:
        session.skip()
    assert session.complete(force=True).ok
    session.close()
    return session.id


# --- the home screen counts what it lists -------------------------------------------------------
def test_home_note_heading_counts_only_finished_notes(
    store: Store, mini: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paused conversation is not a note: next to "Der er ingen afsluttede noter endnu." the
    heading gives no count. With more finished notes than it shows, it says how many of how
    many, like the paused conversations above it."""
    from assistant.tui.screens import home

    Session.start(store, mini, borger="AB").close()

    async def empty(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert side_entries(app.screen, "gruppe") == ["Samtaler i gang", "Seneste noter"]
        assert side_entries(app.screen, "tom") == ["Der er ingen afsluttede noter endnu."]

    run(create_app(store, guides=[mini]), empty)

    monkeypatch.setattr(home, "RECENT", 2)
    for borger in ("CD", "EF", "GH"):
        finished(store, mini, borger)

    async def more(app: SamtaleApp, pilot: Pilot[None]) -> None:
        headings = side_entries(app.screen, "gruppe")
        assert headings == ["Samtaler i gang", "Seneste noter (de 2 seneste af 3)"]
        assert len(side_entries(app.screen, "note")) == 2

    run(create_app(store, guides=[mini]), more)


# --- no feedback, no feedback heading ----------------------------------------------------------
@pytest.fixture
def guide() -> Guide:
    return find_guide("motiverende_samtale")


def trio(store: Store, guide: Guide, counts: tuple[Code, ...] = (), feedback: str = "") -> Practice:
    practice = Practice.start(store, guide, bundled_personas()[0], seed=3, trio=True)
    for code in counts:
        practice.count(code)
    if feedback:
        practice.set_feedback(feedback)
    return practice


def test_a_trio_without_feedback_has_no_feedback_headings(store: Store, guide: Guide) -> None:
    """Nothing counted, nothing written: the scorecard (text and Markdown) and the exported note
    have no "Feedback" heading with nothing under it."""
    practice = trio(store, guide)
    card = practice.scorecard()
    assert card.feedback() == []
    assert "Feedback:" not in card.lines()
    assert "### Feedback" not in card.markdown()
    practice.finish()
    assert "Feedback" not in note_to_markdown(practice.note())
    practice.close()


def test_a_trio_with_feedback_shows_it_under_its_headings(store: Store, guide: Guide) -> None:
    """Advice from the counts (here: advice without permission) and the observer's own words
    keep their headings."""
    practice = trio(store, guide, counts=(Code.PERSUADE,), feedback="Godt lyttet.")
    card = practice.scorecard()
    notes = card.feedback()
    assert notes
    lines = card.lines()
    assert lines[lines.index("Feedback:") + 1] == f"  - {notes[0]}"
    assert f"### Feedback\n\n- {notes[0]}" in card.markdown()
    practice.finish()
    markdown = note_to_markdown(practice.note())
    assert "### Observatørens feedback\n\nGodt lyttet." in markdown
    practice.close()


def test_plain_trio_without_feedback_prints_no_feedback_heading(tmp_path: Path) -> None:
    args = ["practice", "motiverende_samtale", "--persona", bundled_personas()[0].id, "--trio"]
    result = samtale(*args, "--plain", stdin="/slut\n", data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "Optælling:" in result.stdout
    assert "Feedback:" not in result.stdout


def test_trio_scorecard_screen_without_feedback_has_no_feedback_heading(
    store: Store, guide: Guide
) -> None:
    practice = trio(store, guide)
    practice.close()

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "f10")
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        texts = [shown(s) for s in screen.query(Static)]
        assert "Observatørens feedback" not in texts
        assert not any("ingen feedback" in t for t in texts)
        assert "Feedback:" not in shown(screen.query_one("#scorecard"))

    run(create_app(store, session_id=practice.session.id), scenario)
