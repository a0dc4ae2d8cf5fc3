"""The bundled guides, walked to the end with keys only."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from assistant.dialogue.library import GuideError, find_guide
from assistant.dialogue.model import Guide, Step
from assistant.notes.store import Store, open_store
from assistant.session import LEAVE_HUB, Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.end import EndScreen
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.modals import ConfirmModal
from assistant.tui.screens.start import StartScreen
from assistant.tui.widgets.answers import LineField, ScaleField

from ..pilot import click, keys, paste, run, shown
from .steps import conversation, start_mini

BUNDLED = ["vaerdighedshjulet", "borgergennemgang"]


def bundled(name: str) -> Guide:
    try:
        return find_guide(name)
    except (LookupError, GuideError) as e:
        pytest.skip(f"guiden {name} kan ikke indlæses endnu: {e}")


async def answer_step(app: SamtaleApp, pilot: Pilot[None], step: Step) -> tuple[str, Any] | None:
    """Answer the current step through the UI; return (key, expected stored value)."""
    spec = step.answer
    if spec is None:
        await keys(pilot, "ctrl+s")
        return None
    kind = spec.type
    if kind == "tekst":
        text = f"Svar til {step.id}: [bold]x[/] æøå 🙂\nanden linje"
        await paste(pilot, text)
        await keys(pilot, "ctrl+s")
        return spec.key, text
    if kind == "valg" or (kind == "skala" and not spec.numeric_scale):
        await keys(pilot, "end", "enter")  # the last choice, e.g. "rød", to take its branch
        return spec.key, spec.choices[-1].value
    if kind == "flervalg":
        await keys(pilot, "space", "down", "space", "ctrl+s")
        return spec.key, [c.value for c in spec.choices[:2]]
    if kind == "skala":
        assert spec.scale_min is not None
        field = conversation(app).query_one("#answer-area").children[0]
        if isinstance(field, ScaleField):
            await keys(pilot, "right", "enter")
            return spec.key, spec.scale_min + 1
        assert isinstance(field, LineField)
        await keys(pilot, *str(spec.scale_min), "enter")
        return spec.key, spec.scale_min
    if kind == "ja_nej":
        await keys(pilot, "right", "enter")
        return spec.key, False
    if kind == "dato":
        await keys(pilot, *"24-12-2030", "enter")
        return spec.key, "2030-12-24"
    if kind == "rækker":
        rows = []
        for number in (1, 2):
            row = {}
            for i, f in enumerate(spec.fields):
                if i:
                    await keys(pilot, "tab")
                typed, stored = (
                    ("1-2-2031", "2031-02-01")
                    if f.type == "dato"
                    else (f"{f.label} {number} [i]", f"{f.label} {number} [i]")
                )
                await keys(pilot, *typed)
                row[f.key] = stored
            rows.append(row)
            if number == 1:
                await keys(pilot, "tab", "enter")  # "Tilføj række"
        await keys(pilot, "ctrl+s")
        return spec.key, rows
    raise AssertionError(f"ukendt svartype {kind}")


async def choose_at_hub(app: SamtaleApp, pilot: Pilot[None], session: Session) -> None:
    """Take the first theme not yet done; when all are done, go on."""
    choices = [c.value for c in session.hub_choices()]
    options = conversation(app).query_one(OptionList)
    assert options.option_count == len(choices)
    todo = [i for i, value in enumerate(choices[:-1]) if value not in session.done]
    index = todo[0] if todo else choices.index(LEAVE_HUB)
    await keys(pilot, "home", *["down"] * index, "enter")


@pytest.mark.parametrize("name", BUNDLED)
def test_walk_bundled_guide_to_the_end(name: str, store: Store) -> None:
    guide = bundled(name)
    expected: dict[str, Any] = {}
    state: dict[str, Any] = {}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, *"Rum 7", "tab", *"AB", "enter")
        session = conversation(app).session
        state["id"] = session.id
        seen: list[str] = []
        for _ in range(400):
            if session.at_end:
                break
            step = session.step
            assert step is not None
            seen.append(step.id)
            assert session.render(step.ask) == shown(conversation(app).query_one("#question"))
            if step.is_hub:
                await choose_at_hub(app, pilot, session)
                continue
            before = session.step_id
            result = await answer_step(app, pilot, step)
            assert session.step_id != before or session.at_end, f"{step.id} blev ikke besvaret"
            if result:
                expected[result[0]] = result[1]
        assert session.at_end and isinstance(app.screen, EndScreen)
        hubs = [s for s in guide.steps.values() if s.is_hub]
        for hub in hubs:
            assert set(hub.themes) <= session.done
        end = app.screen
        shown_text = "\n".join(shown(s) for s in end.query(Static))
        assert "[bold]x[/] æøå 🙂" in shown_text
        await keys(pilot, "f10")
        if isinstance(app.screen, ConfirmModal):
            await click(pilot, "#confirm-yes")
        assert session.status == "completed", session.missing()
        state["seen"] = seen

    run(create_app(store, guide=guide), scenario)

    session = Session.open(store, state["id"])
    note = session.note()
    assert note.status == "completed" and note.borger == "Rum 7" and note.medarbejder == "AB"
    layout = guide.note
    answers = {a.key: a.value for a in note.answers}
    assert expected, "ingen svar blev givet"
    for key, value in expected.items():
        if key == layout.actions_key:
            assert [(a.what, a.who, a.when) for a in note.actions] == [
                (r.get("hvad", ""), r.get("hvem", ""), r.get("hvornår", "")) for r in value
            ]
        elif key == layout.followup_key:
            assert note.followup == value
        elif key == layout.followup_who_key:
            assert note.followup_who == value
        else:
            assert answers.get(key) == value, key
    required = [
        s.answer.key
        for s in guide.steps.values()
        if s.answer and s.answer.required and s.id in state["seen"]
    ]
    assert all(k in expected for k in required)
    session.close()


def test_every_bundled_guide_can_be_started_from_home(store: Store) -> None:
    """Home shows the guides in their groups, and Enter on each one starts a conversation."""

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        home = app.screen
        assert isinstance(home, HomeScreen) and home.problems == []
        guides = home.guides
        for guide in guides:
            assert isinstance(app.screen, HomeScreen)
            options = app.screen.query_one("#guide-list", OptionList)
            options.focus()
            options.highlighted = options.get_option_index(f"guide-{guide.id}")
            await keys(pilot, "enter")
            assert isinstance(app.screen, StartScreen) and app.screen.guide.id == guide.id
            session = await start_mini(app, pilot, borger="Stue 3")
            assert session.guide.id == guide.id and session.step is not None
            await keys(pilot, "f5")  # pause: back home
        with open_store(store.data_dir) as check:
            started = {r.guide_id for r in check.list_sessions()}
        assert started == {g.id for g in guides}

    run(create_app(store), scenario)
