"""The Textual front end in every terminal size, from a 12 × 3 window up to 200 × 60.

Below 40 × 10 the program cannot be used, and says so ("Gør vinduet større") instead of
crashing; when the window grows again, everything is as it was. At 80 × 24, the size most
terminals open in, the question being asked is on screen whatever comes with it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.errors import NoWidget
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Collapsible, Static, TextArea

from assistant.dialogue.library import find_guide
from assistant.dialogue.loader import load_guide
from assistant.dialogue.model import Guide
from assistant.notes.store import Store
from assistant.roleplay.persona import Persona, bundled_personas
from assistant.session import Session
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.conversation import ConversationScreen

from ..conftest import FIXTURES
from ..pilot import SIZE, keys, shown, until
from ..walk import typed_answer

FELTER = FIXTURES / "guides" / "felter.yaml"  # every answer widget, long texts, a side panel
SIZES = [(12, 3), (20, 5), (30, 8), (40, 10), (80, 24), (200, 60)]
TOO_SMALL = "Gør vinduet større"
SEED = 7


def too_small(width: int, height: int) -> bool:
    return width < 40 or height < 10


def screen_text(screen: Screen[Any]) -> str:
    return "\n".join(shown(s) for s in screen.query(Static))


async def settle(pilot: Pilot[None]) -> None:
    """Let a resize reach the screens (the app passes it on after a short delay) and paint."""
    await pilot.pause(0.02)
    await pilot.pause()


async def every_size(app: SamtaleApp, pilot: Pilot[None], where: str) -> None:
    """Resize the terminal through every size: never an error; below 40 × 10 the notice covers
    the screen, above it the same screen is back (the same object, all state kept)."""
    under = app.screen
    for width, height in SIZES:  # ending at 200 × 60, where the next stop begins
        await pilot.resize_terminal(width, height)
        await settle(pilot)
        at = f"{where} at {width}x{height}"
        assert app.return_code is None, f"the app failed {at}"
        if too_small(width, height):
            assert app.screen is not under, at
            assert screen_text(app.screen).startswith(TOO_SMALL), at
        else:
            assert app.screen is under, at
            assert TOO_SMALL not in screen_text(app.screen), at


def run_at(
    app: SamtaleApp,
    scenario: Callable[[SamtaleApp, Pilot[None]], Awaitable[None]],
    size: tuple[int, int] = SIZE,
) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(app, pilot)
        assert app.return_code in (None, 0)

    asyncio.run(main())


@pytest.fixture(scope="module")
def felter() -> Guide:
    return load_guide(FELTER)


@pytest.fixture(scope="module")
def persona() -> Persona:
    return bundled_personas()[0]


def at_step(store: Store, guide: Guide, step_id: str) -> str:
    """A paused conversation standing at ``step_id`` (every step before it answered)."""
    session = Session.start(store, guide, borger="AB")
    while session.step is not None and session.step.id != step_id:
        step = session.step
        if step.is_hub:
            session.choose_theme(step.themes[0])
        elif step.answer is None:
            session.answer("")
        else:
            assert session.answer(typed_answer(step.answer, step.id)).ok, step.id
    assert session.step is not None, step_id
    session.close()
    return session.id


def at_end(store: Store, guide: Guide) -> str:
    session = Session.start(store, guide, borger="CD")
    while not session.at_end:
        session.skip()
    session.close()
    return session.id


# --- every screen at every size ---------------------------------------------------------------
Nav = Callable[[SamtaleApp, Pilot[None]], Awaitable[None]]


async def nothing(app: SamtaleApp, pilot: Pilot[None]) -> None:
    pass


def press(*names: str) -> Nav:
    async def nav(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, *names)
        await settle(pilot)

    return nav


def resume(session_id: str) -> Nav:
    """Back to the home screen, then into a paused conversation."""

    async def nav(app: SamtaleApp, pilot: Pilot[None]) -> None:
        while len(app.screen_stack) > 1:
            app.pop_screen()
        app.open_session(session_id)
        await settle(pilot)

    return nav


FELTER_STEPS = [
    "tekst",
    "ingen",
    "valg",
    "farve",
    "tal",
    "stort",
    "flere",
    "janej",
    "dato",
    "raekker",
    "hjul",
]
Tour = tuple[dict[str, Any], list[tuple[str, Nav]]]


def tour(name: str, store: Store, felter: Guide, persona: Persona) -> Tour:
    """The app options for one tour of the program, and its stops: a name and the keys that
    bring the app there from the stop before."""
    if name == "hjem":
        at_step(store, felter, "valg")
        at_end(store, felter)
        return {"guides": [felter]}, [
            ("hjem", nothing),
            ("noter", press("n")),
            ("note", press("enter")),
            ("slet", press("escape", "f8")),
            ("oevelse-start", press("escape", "escape", "o")),
        ]
    if name == "start":
        return {"guide": felter}, [("start", press(*"AB"))]
    if name == "samtale":  # every kind of answer field, then the dialogs over a conversation
        stops = [(f"samtale-{step}", resume(at_step(store, felter, step))) for step in FELTER_STEPS]
        return {"guides": [felter]}, [
            *stops,
            ("hjaelp", press("f1")),
            ("kommandoer", press("escape", "ctrl+p")),
            ("eksport", press("escape", "f6")),
        ]
    if name == "slut":
        return {"session_id": at_end(store, felter)}, [
            ("slut", nothing),
            ("ret-svar", press("tab", "enter")),
        ]
    trio = name == "trio"
    options = {"guide": felter, "persona": persona, "trio": trio, "seed": SEED}
    talk = press("a", "a", "l", "f4", *"Godt") if trio else press(*"Hvordan har du det?", "enter")
    return options, [(name, talk), (f"{name}-scorekort", press("f10"))]


@pytest.mark.parametrize("name", ["hjem", "start", "samtale", "slut", "oevelse", "trio"])
def test_every_screen_survives_every_size(
    name: str, store: Store, felter: Guide, persona: Persona
) -> None:
    """Each screen and dialog, each kind of answer field: resized from 12 × 3 to 200 × 60 and
    back, it says "Gør vinduet større" while too small and is itself again afterwards."""
    options, stops = tour(name, store, felter, persona)

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        for stop, nav in stops:
            await nav(app, pilot)
            await every_size(app, pilot, stop)

    run_at(create_app(store, **options), scenario)


# --- the question stays in sight ---------------------------------------------------------------
def in_sight(widget: Widget) -> bool:
    """Whether all of ``widget`` is on screen: inside the window and not scrolled out of view."""
    screen = widget.screen
    try:
        geometry = screen.find_widget(widget)
    except NoWidget:
        return False
    region = geometry.region
    return (
        bool(region)
        and screen.region.contains_region(region)
        and (geometry.clip.contains_region(region))
    )


async def question_in_sight(
    app: SamtaleApp, pilot: Pilot[None], where: str, answer: bool = True
) -> None:
    screen = app.screen
    assert isinstance(screen, ConversationScreen), where
    await pilot.pause()
    question = screen.query_one("#question")
    assert screen.session.render(screen.session.step.ask) in shown(question), where
    assert in_sight(question), f"{where}: the question is out of sight"
    if not answer:
        return
    # The top of what the answer is typed into (or chosen from) is in sight below the question
    # (once the screen has scrolled it there, which on a loaded machine takes a few refreshes).

    def field_in_sight() -> bool:
        focused = app.focused
        assert focused is not None, where
        asked = screen.find_widget(screen.query_one("#asked")).region
        main = screen.find_widget(screen.query_one("#main")).region
        below = Region.from_corners(main.x, asked.bottom, main.right, main.bottom)
        field = screen.find_widget(focused).region
        return below.contains(field.x, field.y)

    await until(pilot, field_in_sight, f"{where}: the answer field comes in sight")


def test_the_question_stays_in_sight_at_80x24(store: Store, felter: Guide) -> None:
    """At 80 × 24, with the side panel, a long question, long help and the answer field focused,
    the question and the answer field are on screen for every kind of answer field, also after
    a resize; and the question stays when all the help is opened."""
    sessions = {step: at_step(store, felter, step) for step in FELTER_STEPS}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        for step, session_id in sessions.items():
            app.open_session(session_id)
            await question_in_sight(app, pilot, step)
            if step in ("tekst", "valg", "raekker"):
                await pilot.resize_terminal(120, 40)
                await settle(pilot)
                await pilot.resize_terminal(80, 24)
                await settle(pilot)
                await question_in_sight(app, pilot, f"{step} after a resize")
            for box in app.screen.query(Collapsible):
                box.collapsed = False
            await question_in_sight(app, pilot, f"{step} with all help open", answer=False)
            await keys(pilot, "f5")  # pause: back home

    run_at(create_app(store, guides=[felter]), scenario, size=(80, 24))


def test_every_question_of_a_bundled_guide_stays_in_sight_at_80x24(store: Store) -> None:
    """Værdighedshjulet, the longest bundled guide, from the first question to the last (taking
    three of its six themes)."""
    guide = find_guide("vaerdighedshjulet")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        session = screen.session
        for _ in range(100):
            step = session.step
            if step is None or session.at_end:
                return
            await question_in_sight(app, pilot, step.id)
            if step.is_hub:
                # three of the six themes (the least it asks for): they are all laid out alike
                todo = [t for t in step.themes if t not in session.done]
                more = len(step.themes) - len(todo) < 3
                await screen.act(
                    lambda t=todo, m=more: session.choose_theme(t[0]) if m else session.leave_hub()
                )
            else:
                await keys(pilot, "f3")
        raise AssertionError("the guide did not end")

    session = Session.start(store, guide, borger="AB")
    session.close()
    run_at(create_app(store, session_id=session.id), scenario, size=(80, 24))


# --- started small, resized in the middle of a conversation -----------------------------------
@pytest.mark.parametrize(
    ("start", "size"), [("resume", (12, 3)), ("guide", (30, 8)), ("trio", (20, 5))]
)
def test_started_in_a_small_window_it_waits_for_it_to_grow(
    start: str, size: tuple[int, int], store: Store, felter: Guide, persona: Persona
) -> None:
    """`samtale resume`, `samtale start GUIDE` and a trio practice in a window that is too small:
    the notice, and nothing else, until the window is big enough; then the screen asked for."""
    options: dict[str, Any] = {
        "resume": {"session_id": at_step(store, felter, "valg")},
        "guide": {"guide": felter},
        "trio": {"guide": felter, "persona": persona, "trio": True, "seed": SEED},
    }[start]

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert app.return_code is None, "the app failed on start-up"
        assert screen_text(app.screen).startswith(TOO_SMALL)
        assert f"vinduet er {size[0]} × {size[1]}" in screen_text(app.screen)
        await keys(pilot, "f1")  # help cannot open over the notice
        await keys(pilot, "ctrl+p")
        assert screen_text(app.screen).startswith(TOO_SMALL)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        expected = {"resume": "ConversationScreen", "guide": "StartScreen", "trio": "Trio"}
        assert expected[start] in type(app.screen).__name__
        assert len(app.screen_stack) == 2  # home and the screen asked for, no notice left
        assert TOO_SMALL not in screen_text(app.screen)

    run_at(create_app(store, **options), scenario, size=size)


def test_a_half_typed_answer_survives_a_tiny_window(store: Store, felter: Guide) -> None:
    """Typing an answer, the window is made tiny and big again: the text is still in the field,
    which still has the focus, and is saved as typed."""
    session_id = at_step(store, felter, "tekst")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        await keys(pilot, *"Halvt skrevet")
        field = app.focused
        assert isinstance(field, TextArea)
        for width, height in [(20, 5), (12, 3), (80, 24)]:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
        assert app.screen is screen and app.focused is field
        assert field.text == "Halvt skrevet"
        await keys(pilot, *" og færdig", "ctrl+s")
        assert screen.session.answers["tekst"] == "Halvt skrevet og færdig"

    run_at(create_app(store, session_id=session_id), scenario)


@pytest.mark.parametrize("trio", [False, True])
def test_practice_columns_all_have_room_at_80x24(
    trio: bool, store: Store, felter: Guide, persona: Persona
) -> None:
    """The coach's column and the observer's board (56 wide) left the others 12-17 columns."""
    columns = ["#trio-card", "#trio-guide", "#trio-board"] if trio else ["#scaffold", "#talk"]
    options = {"guide": felter, "persona": persona, "trio": trio, "seed": SEED}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        for column in columns:
            width = app.screen.find_widget(app.screen.query_one(column)).region.width
            assert width >= 20, (column, width)

    run_at(create_app(store, **options), scenario, size=(80, 24))


def test_a_dialog_opened_in_a_tiny_window_waits_under_the_notice(
    store: Store, felter: Guide
) -> None:
    """Something the program asks while the window is too small (a question on closing, say)
    is shown once the window has grown, and after it the conversation, with no notice left."""
    from assistant.tui.screens.modals import ConfirmModal

    answers: list[bool | None] = []

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        conversation = app.screen
        await pilot.resize_terminal(20, 5)
        await settle(pilot)
        app.push_screen(ConfirmModal("Luk alligevel?"), answers.append)
        await settle(pilot)
        assert screen_text(app.screen).startswith(TOO_SMALL)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await keys(pilot, "escape")
        await settle(pilot)
        assert app.screen is conversation and answers == [False]
        assert not any(TOO_SMALL in screen_text(s) for s in app.screen_stack)

    run_at(create_app(store, session_id=at_step(store, felter, "tekst")), scenario)


@pytest.mark.parametrize("size", [(40, 24), (80, 24), (120, 40)])
def test_every_number_of_a_scale_is_on_screen(
    size: tuple[int, int], store: Store, felter: Guide
) -> None:
    """A 0-10 scale is eleven buttons. Below about 110 columns they used to be a third of the
    column wide each, so at 80 × 24 only "0" could be seen; now they wrap onto more rows."""
    from textual.widgets import Button

    session_id = at_step(store, felter, "tal")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        main = screen.find_widget(screen.query_one("#main")).region
        buttons = list(screen.query(".scale-button").results(Button))
        assert [str(b.label) for b in buttons] == [str(n) for n in range(11)]
        for button in buttons:
            region = screen.find_widget(button).region
            label = str(button.label)
            assert main.x <= region.x and region.right <= main.right, (label, region, main)
            assert region.width >= len(label), (label, region)

    run_at(create_app(store, session_id=session_id), scenario, size=size)


@pytest.mark.parametrize("step", ["raekker", "dato", "stort"])
def test_a_refused_answer_says_why_in_sight_at_80x24(
    step: str, store: Store, felter: Guide
) -> None:
    """The answer field is the last thing in sight at 80 × 24; the message saying why an answer
    was refused comes below it, and was left out of sight: Ctrl+S seemed to do nothing."""
    session_id = at_step(store, felter, step)
    typed = {"raekker": [*"Ring", "tab", *"Kim", "tab", *"31-02-2027"], "dato": [*"31-02-2027"]}

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        await keys(pilot, *typed.get(step, [*"999"]), "ctrl+s")
        await settle(pilot)
        error = screen.query_one("#error", Static)
        assert shown(error), step
        assert in_sight(error), f"{step}: the message is out of sight"
        assert in_sight(screen.query_one("#question")), step
        assert screen.session.step.id == step

    run_at(create_app(store, session_id=session_id), scenario, size=(80, 24))
