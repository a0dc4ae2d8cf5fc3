"""Every bundled guide walks to the end through the session API and leaves a complete note."""

import json

import pytest

from assistant.dialogue.library import bundled_guides, guide_files
from assistant.notes.export import note_to_json, note_to_markdown
from assistant.session import Session

from ..walk import walk

GUIDES = {g.id: g for g in bundled_guides()}


def test_the_core_guides_are_bundled():
    assert {"vaerdighedshjulet", "borgergennemgang"} <= set(GUIDES)
    assert len(GUIDES) == len(guide_files())


@pytest.mark.parametrize("pick", [0, -1], ids=["first-choices", "last-choices"])
@pytest.mark.parametrize("guide_id", sorted(GUIDES))
def test_walk_to_the_end(store, guide_id, pick):
    guide = GUIDES[guide_id]
    session = Session.start(store, guide, borger="Stue 12", medarbejder="KB")
    given = walk(session, pick)
    assert session.at_end
    outcome = session.complete()
    assert outcome.ok, outcome.missing
    note = Session.open(store, session.id).note()
    assert note.status == "completed"
    stored = {a.key: a.value for a in note.answers}
    for key, value in given.items():
        assert stored[key] == value
    data = json.loads(json.dumps(note_to_json(note)))
    assert {a["key"] for a in data["answers"]} == set(given) | {c.key for c in guide.computed}
    markdown = note_to_markdown(note)
    for section in note.sections:
        for answer in section.answers:
            assert answer.display.splitlines()[0] in markdown
    if guide.note.actions_key and given.get(guide.note.actions_key):
        assert data["actions"] and all(a["what"] for a in data["actions"])
        assert data["followup"]["date"]
        assert f"| {note.actions[0].what} | {note.actions[0].who} |" in markdown


@pytest.mark.parametrize("guide_id", sorted(GUIDES))
def test_guide_content_quality(guide_id):
    """What a trained care worker expects of a guide: purpose, sources, phrasings and tips."""
    guide = GUIDES[guide_id]
    assert guide.purpose and guide.sources and guide.participants and guide.duration > 0
    assert guide.checklist.before and guide.checklist.during and guide.checklist.after
    for step in guide.steps.values():
        if step.answer is not None or step.is_hub:
            assert len(step.examples) >= 2, step.id
            assert step.tips, step.id


@pytest.mark.parametrize("guide_id", sorted(GUIDES))
def test_walk_to_the_end_in_plain_mode(tmp_path, guide_id):
    """The same walk typed into `samtale start --plain` on stdin ends in the same note."""
    import subprocess
    import sys

    from assistant.notes.store import Store, open_store

    from ..walk import plain_script

    # The rehearsal that finds the lines to type has its own local store, so that on a shared
    # database (SAMTALE_TEST_BACKEND=postgres) it is not among the notes of the typed walk.
    with Store(tmp_path / "dry") as dry:
        rehearsal = Session.start(dry, GUIDES[guide_id], borger="Stue 12")
        lines = plain_script(rehearsal, pick=-1)
        expected = rehearsal.answers
        rehearsal.close()
    data = tmp_path / "data"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant",
            "--data-dir",
            str(data),
            "start",
            guide_id,
            "--borger",
            "Stue 12",
            "--medarbejder",
            "KB",
            "--plain",
        ],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    assert "Notens id:" in result.stdout
    with open_store(data) as store:
        (record,) = store.list_sessions()
        note = Session.open(store, record.id).note()
    assert note.status == "completed"
    assert {a.key: a.value for a in note.answers if a.step} == expected
