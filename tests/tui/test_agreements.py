"""Agreements in the TUI (issue 16): the home panel "Aftaler til opfølgning", what Enter on an
agreement offers (the note, a follow-up, a new status, the timeline), and the resident's
timeline, at 80x24 and 120x40."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

import assistant.notes.records as records_module
import assistant.session.core as session_module
from assistant.dialogue.model import Guide
from assistant.notes.agreements import DONE, DROPPED, OPEN
from assistant.notes.store import Store
from assistant.tui.app import SamtaleApp, create_app
from assistant.tui.screens.agreement_modals import AgreementModal, ReasonModal
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.notes import NotesScreen, NoteViewScreen
from assistant.tui.screens.start import StartScreen
from assistant.tui.screens.timeline import TimelineScreen

from ..pilot import Scenario, keys, shown
from ..walk_agreements import with_agreements
from .test_tui_sizes import every_size, in_sight

SIZES = [(80, 24), (120, 40)]
TODAY = date.today()


def typed(days: int) -> str:
    """A due date as a care worker types it: 05-03-2026."""
    return (TODAY + timedelta(days=days)).strftime("%d-%m-%Y")


def short(days: int) -> str:
    """A due date as the home panel shows it: 05-03 this year, 05-03-2027 in another."""
    due = TODAY + timedelta(days=days)
    return due.strftime("%d-%m" if due.year == TODAY.year else "%d-%m-%Y")


class Clock(datetime):
    """``datetime`` whose ``now()`` moves on a minute each time: notes made one after another
    have different times, so "newest first" is testable."""

    moment = datetime.now().astimezone() - timedelta(days=1)

    @classmethod
    def now(cls, tz: Any = None) -> Clock:  # type: ignore[override]
        Clock.moment += timedelta(minutes=1)
        return cls.fromtimestamp(Clock.moment.timestamp(), tz or Clock.moment.tzinfo)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(records_module, "datetime", Clock)
    monkeypatch.setattr(session_module, "datetime", Clock)
    yield


def run_at(app: SamtaleApp, scenario: Scenario, size: tuple[int, int]) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())


def panel(app: SamtaleApp) -> tuple[str, list[str], list[str]]:
    """The panel's title, its group headings and its agreement lines (first line of each)."""
    home = app.screen
    assert isinstance(home, HomeScreen), type(home).__name__
    title = shown(home.query_one("#agreements-title", Static))
    options = home.query_one("#agreement-list", OptionList)
    found = [options.get_option_at_index(i) for i in range(options.option_count)]
    headings = [str(o.prompt).strip() for o in found if (o.id or "").startswith("gruppe-")]
    entries = [
        str(o.prompt).strip().splitlines()[0]
        for o in found
        if not (o.id or "").startswith("gruppe-")
    ]
    return title, headings, entries


async def choose(app: SamtaleApp, pilot: Pilot[None], what: str) -> AgreementModal:
    """On the home screen: go to the panel, down to the agreement ``what``, press Enter."""
    options = app.screen.query_one("#agreement-list", OptionList)
    options.focus()
    await pilot.pause()
    for _ in range(options.option_count):
        option = options.highlighted_option
        if option is not None and what in str(option.prompt):
            break
        await keys(pilot, "down")
    await keys(pilot, "enter")
    assert isinstance(app.screen, AgreementModal), type(app.screen).__name__
    assert what in app.screen.agreement.what
    return app.screen


@pytest.fixture
def week(store: Store, mini: Guide, clock: None) -> None:
    """Two residents' notes: two agreements overdue, one due today, one in three days, one in
    three weeks and one without a date."""
    with_agreements(
        store,
        mini,
        [
            f"Ringe til datteren ; kontaktperson ; {typed(-3)}",
            f"Følge Inger til sang ; Lone ; {typed(3)}",
            f"Bestille fodterapeut ; Lone ; {typed(21)}",
            "Finde de gamle fotoalbum frem ; Lone",
        ],
        borger="Stue 12",
    )
    with_agreements(
        store,
        mini,
        [f"Købe blomster ; Ali ; {typed(-1)}", f"Ny høreapparatbatteri ; Ali ; {typed(0)}"],
        borger="Stue 14",
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_panel_shows_the_overdue_first_and_counts_them(
    store: Store, mini: Guide, week: None, size: tuple[int, int]
) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        title, headings, entries = panel(app)
        assert title == "Aftaler til opfølgning – 2 forfaldne"
        assert headings == ["Forfaldne", "I dag", "Resten af ugen"]
        assert entries == [
            "Ringe til datteren",
            "Købe blomster",
            "Ny høreapparatbatteri",
            "Følge Inger til sang",
        ]  # not the one in three weeks, nor the undated one
        options = app.screen.query_one("#agreement-list", OptionList)
        line = options.get_option("aftale-" + agreement_id(store, "Ringe til datteren")).prompt
        assert str(line).splitlines()[1] == f"{short(-3)}  ·  kontaktperson  ·  Stue 12"
        assert in_sight(app.screen.query_one("#agreements-title"))

    run_at(create_app(store, guides=[mini]), scenario, size)


async def pick(pilot: Pilot[None], choice: str) -> None:
    """In the agreement dialog: down to ``choice`` (its option id) and Enter."""
    choices = pilot.app.screen.query_one("#agreement-choices", OptionList)
    while (choices.highlighted_option and choices.highlighted_option.id) != choice:
        await keys(pilot, "down")
    await keys(pilot, "enter")


def agreement_id(store: Store, what: str) -> str:
    return next(a.id for a in store.agreements() if a.what == what)


def test_an_empty_week_is_one_quiet_line(store: Store, mini: Guide) -> None:
    with_agreements(store, mini, [f"Bestille fodterapeut ; Lone ; {typed(21)}"])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert panel(app) == ("Aftaler til opfølgning", [], ["Ingen aftaler forfalder denne uge."])

    run_at(create_app(store, guides=[mini]), scenario, (120, 40))


def test_a_handful_then_og_n_flere_shows_them_all(store: Store, mini: Guide) -> None:
    with_agreements(store, mini, [f"Aftale {n} ; Lone ; {typed(n - 4)}" for n in range(8)])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        title, _, entries = panel(app)
        assert title == "Aftaler til opfølgning – 4 forfaldne"
        assert len(entries) == 6 and entries[-1] == "og 3 flere – Enter viser dem alle"
        options = app.screen.query_one("#agreement-list", OptionList)
        options.focus()
        options.highlighted = options.get_option_index("flere-aftaler")
        await keys(pilot, "enter")
        title, _, entries = panel(app)
        assert title == "Aftaler til opfølgning – 4 forfaldne"
        assert entries == [f"Aftale {n}" for n in range(8)]

    run_at(create_app(store, guides=[mini]), scenario, (120, 40))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_mark_done_leaves_the_overdue_group_and_the_timeline_shows_it(
    store: Store, mini: Guide, week: None, size: tuple[int, int]
) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        dialog = await choose(app, pilot, "Ringe til datteren")
        choices = dialog.query_one("#agreement-choices", OptionList)
        assert in_sight(choices) and choices.option_count == 7  # all fit, at 80x24 too
        await pick(pilot, "valg-udfoert")
        assert isinstance(app.screen, HomeScreen)
        title, _, entries = panel(app)  # at once, without leaving the screen
        assert title == "Aftaler til opfølgning – 1 forfalden"
        assert not any("Ringe til datteren" in e for e in entries)
        done = store.agreement(agreement_id(store, "Ringe til datteren"))
        assert (done.status, done.status_by) == (DONE, "LK")
        audit = store.audit_trail(done.session_id)
        assert any(line.action == "agreement" and line.medarbejder == "LK" for line in audit)
        # the timeline of that resident, from the same dialog
        await choose(app, pilot, "Følge Inger til sang")
        await pick(pilot, "valg-tidslinje")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        text = "\n".join(shown(s) for s in screen.query(".timeline-agreement"))
        assert "Ringe til datteren" in text and "udført af LK" in text
        await keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)

    run_at(create_app(store, guides=[mini], medarbejder="LK"), scenario, size)


def test_in_progress_stays_in_the_panel(store: Store, mini: Guide, week: None) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await choose(app, pilot, "Købe blomster")
        await pick(pilot, "valg-i-gang")
        assert store.agreement(agreement_id(store, "Købe blomster")).status == "i_gang"
        assert "Købe blomster" in panel(app)[2]
        assert panel(app)[0] == "Aftaler til opfølgning – 2 forfaldne"  # still not done

    run_at(create_app(store, guides=[mini], medarbejder="LK"), scenario, (120, 40))


def test_opgiv_asks_a_reason_and_escape_gives_nothing_up(
    store: Store, mini: Guide, week: None
) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await choose(app, pilot, "Købe blomster")
        await pick(pilot, "valg-opgiv")
        assert isinstance(app.screen, ReasonModal)
        await keys(pilot, *"x", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert store.agreement(agreement_id(store, "Købe blomster")).status == OPEN
        await choose(app, pilot, "Købe blomster")
        await pick(pilot, "valg-opgiv")
        assert isinstance(app.focused, Input)
        await keys(pilot, *"Hun vil hellere have en plante", "enter")
        dropped = store.agreement(agreement_id(store, "Købe blomster"))
        assert (dropped.status, dropped.reason) == (DROPPED, "Hun vil hellere have en plante")
        assert panel(app)[0] == "Aftaler til opfølgning – 1 forfalden"
        await choose(app, pilot, "Ny høreapparatbatteri")
        await pick(pilot, "valg-tidslinje")
        text = "\n".join(shown(s) for s in app.screen.query(".timeline-agreement"))
        assert "opgivet af LK: Hun vil hellere have en plante" in text

    run_at(create_app(store, guides=[mini], medarbejder="LK"), scenario, (120, 40))


def test_the_note_opens_from_the_dialog(store: Store, mini: Guide, week: None) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await choose(app, pilot, "Ringe til datteren")
        await pick(pilot, "valg-note")
        screen = app.screen
        assert isinstance(screen, NoteViewScreen)
        assert screen.session_id == agreement_id(store, "Ringe til datteren").split("-")[0]
        await keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)

    run_at(create_app(store, guides=[mini]), scenario, (120, 40))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_follow_up_opens_the_start_screen_with_the_resident(
    store: Store, mini: Guide, week: None, size: tuple[int, int]
) -> None:
    # The bundled guide opfoelgning_aftaler is written in parallel; a stand-in has its id.
    follow_up = dataclasses.replace(mini, id="opfoelgning_aftaler", title="Opfølgning på aftaler")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await choose(app, pilot, "Købe blomster")
        await pick(pilot, "valg-opfoelgning")
        screen = app.screen
        assert isinstance(screen, StartScreen), type(screen).__name__
        assert screen.guide.id == "opfoelgning_aftaler"
        assert screen.query_one("#borger", Input).value == "Stue 14"
        assert screen.query_one("#medarbejder", Input).value == "LK"

    app = create_app(store, guides=[mini, follow_up], medarbejder="LK")
    run_at(app, scenario, size)


def test_without_the_follow_up_guide_it_says_so(store: Store, mini: Guide, week: None) -> None:
    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await choose(app, pilot, "Købe blomster")
        await pick(pilot, "valg-opfoelgning")
        assert isinstance(app.screen, HomeScreen)
        assert "opfoelgning_aftaler" in app.notices[-1][1]

    run_at(create_app(store, guides=[mini]), scenario, (120, 40))


def test_the_timeline_lists_conversations_and_agreements_newest_first(
    store: Store, mini: Guide, clock: None
) -> None:
    first = with_agreements(
        store, mini, [f"Ringe til datteren ; Lone ; {typed(-2)}"], borger="Stue 12"
    )
    second = with_agreements(
        store,
        mini,
        [f"Følge Inger til sang ; Ali ; {typed(5)}"],
        borger="stue 12",
        medarbejder="AH",
    )
    store.set_agreement_status(f"{first.id}-1", "i_gang", "KB")
    store.set_agreement_status(f"{first.id}-1", DONE, "AH")

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "n")
        notes = app.screen
        assert isinstance(notes, NotesScreen)
        footer = {b.binding.action: b.binding for b in notes.active_bindings.values()}
        assert footer["timeline"].show and footer["timeline"].description == "Tidslinje"
        await keys(pilot, "f7")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        assert shown(screen.query_one("#timeline-next", Static)).startswith(
            f"Næste: {typed(5)}  Følge Inger til sang"
        )
        talks = shown(screen.query_one("#timeline-conversations", Static))
        assert talks.index(second.id) < talks.index(first.id)
        assert "AH  ·  Afsluttet" in talks and "KB  ·  Afsluttet" in talks
        items = [shown(s) for s in screen.query(".timeline-agreement")]
        assert [i.splitlines()[0].split("  ")[1] for i in items] == [
            "Følge Inger til sang",
            "Ringe til datteren",
        ]
        history = items[1].splitlines()[2:]
        assert "udført af AH" in history[0] and "i gang af KB" in history[1]
        await keys(pilot, "escape")
        assert isinstance(app.screen, NotesScreen)

    run_at(create_app(store, guides=[mini]), scenario, (120, 40))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_markup_and_a_long_hvad_show_as_typed_and_keep_the_layout(
    store: Store, mini: Guide, size: tuple[int, int]
) -> None:
    long = "[red]Tale med[/] " + "datteren om besøgene i weekenden og om hvem der henter " * 3
    with_agreements(
        store, mini, [f"{long.strip()} ; [b]Lone[/b] ; {typed(-1)}"], borger="[red]S[/]"
    )

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        home = app.screen
        options = home.query_one("#agreement-list", OptionList)
        line = str(options.get_option_at_index(1).prompt)
        assert "[red]Tale med[/]" in line and "[b]Lone[/b]  ·  [red]S[/]" in line
        assert in_sight(home.query_one("#agreements-title"))
        assert in_sight(home.query_one("#guide-list"))
        dialog = await choose(app, pilot, "[red]Tale med[/]")
        assert "[red]Tale med[/]" in shown(dialog.query_one("#agreement-text", Static))
        choices = dialog.query_one("#agreement-choices", OptionList)
        assert in_sight(choices)
        assert "Tidslinje for [red]S[/]" in str(choices.get_option("valg-tidslinje").prompt)
        await pick(pilot, "valg-tidslinje")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        assert "Tidslinje for [red]S[/]" in shown(screen.query_one(".screen-title", Static))
        item = shown(screen.query_one(".timeline-agreement", Static))
        assert "[red]Tale med[/]" in item and "[b]Lone[/b]" in item
        assert in_sight(screen.query_one("#timeline-next"))

    run_at(create_app(store, guides=[mini]), scenario, size)


def test_help_on_the_timeline(store: Store, mini: Guide) -> None:
    with_agreements(store, mini, [f"Ringe til datteren ; Lone ; {typed(-2)}"])

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        from assistant.tui import navigation

        app.go(navigation.Timeline("Stue 12"))
        await pilot.pause()
        await keys(pilot, "f1")
        body = "\n".join(shown(s) for s in app.screen.query(".dialog-text"))
        assert "Tidslinjen" in "\n".join(shown(s) for s in app.screen.query(".dialog-heading"))
        assert "Esc" in body

    run_at(create_app(store, guides=[mini]), scenario, (120, 40))


def test_a_week_later_the_agreements_are_overdue_and_the_timeline_has_it_all(
    store: Store, mini: Guide, clock: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's whole walk in the TUI: agreements made in one conversation are due this week,
    overdue a week later; one is marked done, the follow-up starts for the rest, and the
    resident's timeline shows the conversation, the agreements and the change."""
    from assistant.tui.screens import home

    talk = with_agreements(
        store,
        mini,
        ["Følge Inger til sang torsdag ; Lone ; om 1 uge", "Ringe til datteren ; Ali ; om 3 dage"],
        borger="Inger",
    )
    follow_up = dataclasses.replace(mini, id="opfoelgning_aftaler", title="Opfølgning på aftaler")

    async def this_week(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert panel(app) == (
            "Aftaler til opfølgning",
            ["Resten af ugen"],
            ["Ringe til datteren", "Følge Inger til sang torsdag"],
        )

    run_at(create_app(store, guides=[mini, follow_up]), this_week, (120, 40))

    real = date

    class EightDaysLater(date):
        @classmethod
        def today(cls) -> EightDaysLater:
            moved = real.today() + timedelta(days=8)
            return cls(moved.year, moved.month, moved.day)

    monkeypatch.setattr(home, "date", EightDaysLater)

    async def a_week_later(app: SamtaleApp, pilot: Pilot[None]) -> None:
        title, headings, entries = panel(app)
        assert title == "Aftaler til opfølgning – 2 forfaldne" and headings == ["Forfaldne"]
        await choose(app, pilot, "Ringe til datteren")
        await pick(pilot, "valg-udfoert")
        assert panel(app)[0] == "Aftaler til opfølgning – 1 forfalden"
        assert panel(app)[2] == ["Følge Inger til sang torsdag"]
        await choose(app, pilot, "Følge Inger til sang torsdag")
        await pick(pilot, "valg-opfoelgning")
        start = app.screen
        assert isinstance(start, StartScreen) and start.guide.id == "opfoelgning_aftaler"
        assert start.query_one("#borger", Input).value == "Inger"
        await keys(pilot, "escape")
        await choose(app, pilot, "Følge Inger til sang torsdag")
        await pick(pilot, "valg-tidslinje")
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        assert shown(screen.query_one("#timeline-next", Static)).startswith(
            f"Næste: {typed(7)}  Følge Inger til sang torsdag"
        )
        talks = shown(screen.query_one("#timeline-conversations", Static))
        assert talk.id in talks and "KB  ·  Afsluttet" in talks
        items = "\n".join(shown(s) for s in screen.query(".timeline-agreement"))
        assert "Ringe til datteren" in items and "udført af LK" in items

    run_at(create_app(store, guides=[mini, follow_up], medarbejder="LK"), a_week_later, (80, 24))


def test_tab_passes_over_an_empty_panel_and_stops_at_a_full_one(store: Store, mini: Guide) -> None:
    async def empty(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "tab")
        assert app.focused is app.screen.query_one("#side-list")

    run_at(create_app(store, guides=[mini]), empty, (120, 40))
    with_agreements(store, mini, [f"Ringe til datteren ; Lone ; {typed(-2)}"])

    async def full(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await keys(pilot, "tab")
        assert app.focused is app.screen.query_one("#agreement-list")
        await keys(pilot, "enter")
        await pick(pilot, "valg-udfoert")  # the last one: the panel is empty, and left
        assert panel(app)[2] == ["Ingen aftaler forfalder denne uge."]
        assert app.focused is app.screen.query_one("#guide-list")

    run_at(create_app(store, guides=[mini]), full, (120, 40))


@pytest.mark.sqlite_only
def test_agreements_of_notes_from_an_older_version_are_derived_at_start(
    store: Store, mini: Guide
) -> None:
    with_agreements(store, mini, [f"Ringe til datteren ; Lone ; {typed(-2)}"])
    store._conn.execute("DELETE FROM agreements")
    store._conn.execute("UPDATE sessions SET agreements_synced = 0")
    store._conn.commit()

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        assert panel(app)[:2] == ("Aftaler til opfølgning – 1 forfalden", ["Forfaldne"])
        assert store.unsynced_sessions() == []

    run_at(create_app(store, guides=[mini]), scenario, (120, 40))


def test_the_panel_the_dialogs_and_the_timeline_survive_every_size(
    store: Store, mini: Guide, week: None
) -> None:
    """Resized from tiny to large and back: "Gør vinduet større" while too small, the same
    screen again afterwards."""

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await every_size(app, pilot, "hjem med aftaler")
        await choose(app, pilot, "Købe blomster")
        await every_size(app, pilot, "aftale")
        await pick(pilot, "valg-opgiv")
        await every_size(app, pilot, "opgiv")
        await keys(pilot, "escape")
        await choose(app, pilot, "Købe blomster")
        await pick(pilot, "valg-tidslinje")
        await every_size(app, pilot, "tidslinje")
        assert isinstance(app.screen, TimelineScreen)

    run_at(create_app(store, guides=[mini]), scenario, (120, 40))


def test_the_follow_up_conversation_walks_an_agreement_in_the_tui(
    store: Store, mini: Guide, clock: None
) -> None:
    """From the panel to the bundled follow-up guide: its part for the agreement names it, and
    answering "Lykkedes" there marks the agreement done in the note it came from."""
    from assistant.tui.screens.conversation import ConversationScreen

    talk = with_agreements(
        store, mini, [f"Følge Inger til sang torsdag ; Lone ; {typed(-1)}"], borger="Inger"
    )
    agreement_id = f"{talk.id}-1"

    async def scenario(app: SamtaleApp, pilot: Pilot[None]) -> None:
        await choose(app, pilot, "Følge Inger til sang torsdag")
        await pick(pilot, "valg-opfoelgning")
        assert isinstance(app.screen, StartScreen)
        await pilot.click("#start-button")  # the resident is filled in
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen), type(screen).__name__
        session = screen.session
        assert session.guide.id == "opfoelgning_aftaler"
        for _ in range(12):
            step = session.step
            assert step is not None
            if step.id == "fa_videre__1":
                break
            if step.answer is None:
                await keys(pilot, "enter")
            elif step.answer.type == "valg":
                await keys(pilot, "enter")  # the first choice: "Ja"
            else:
                await keys(pilot, *"Hun sang med", "ctrl+s")
        assert session.step_id == "fa_videre__1"
        assert "Følge Inger til sang torsdag" in shown(screen.query_one("#question")) + shown(
            screen.query_one("#where")
        )
        values = [c.value for c in session.step.answer.choices]
        await keys(pilot, *["down"] * values.index("lykkedes"), "enter")
        assert session.answers["fa_videre__1"] == "lykkedes"
        assert store.agreement(agreement_id).status == DONE

    run_at(create_app(store, medarbejder="LK"), scenario, (120, 40))
    changed = store.agreement(agreement_id)
    assert changed.status_by == "LK" and "Opfølgning" in (changed.reason or "")
