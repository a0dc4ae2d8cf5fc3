"""The home screen: the guides by use, conversations to resume, recent notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...dialogue.index import GuideInfo, guide_index
from ...notes.cpr import removed_text
from ...notes.store import ListFilter, SessionRecord, Store
from .. import navigation
from ..bindings import bindings
from ..help import sections
from ..text import plain, unusable, when
from ..widgets import Column

if TYPE_CHECKING:
    from ...dialogue.model import Guide

RESUME, NOTE = "fortsaet", "note"  # side-list option ids are "fortsaet-<id>" and "note-<id>"
RECENT = 5  # finished notes on the home screen; all of them are under N (Noter)
IN_PROGRESS = 10  # conversations to resume, the most recently paused first; all of them under N


def session_line(store: Store, record: SessionRecord) -> Text:
    if record.mode == "practice":
        text = Text(f"Øvelse med {practice_persona(store, record.id)}", "bold")
    else:
        text = Text(record.borger or "(uden borger)", "bold")
    text.append(f"  ·  {record.guide_title}\n")
    text.append(f"{when(record.updated_at)}  ·  id {record.id}", "dim")
    if record.numbers_removed:
        text.append(f"  ·  {removed_text(record.numbers_removed)}", "dim")
    return text


def heading_option(text: str, group: str, *, first: bool) -> Option:
    """A group heading inside an option list: bold, not choosable, a blank line above it unless
    it is the first."""
    return Option(
        plain(("" if first else "\n") + text, "bold"), disabled=True, id=f"gruppe-{group}"
    )


def highlight(options: OptionList, keep: str | None = None) -> None:
    """Highlight the option whose id is ``keep`` if it is there, else the first choosable one."""
    choosable = [i for i, option in enumerate(options.options) if not option.disabled]
    kept = [i for i in choosable if options.options[i].id == keep]
    options.highlighted = (kept or choosable)[0] if kept or choosable else None


def practice_persona(store: Store, session_id: str) -> str:
    """The name of the simulated resident of a practice session (its first event says)."""
    start = next((e for e in store.events(session_id) if e.kind == "practice"), None)
    if start is None:
        return "en simuleret borger"
    return str(start.data.get("persona_name") or start.data.get("persona") or "")


class HomeScreen(Screen[None]):
    """Where the program starts."""

    BINDINGS = bindings("home")

    def __init__(self, store: Store, guides: list[Guide] | None = None) -> None:
        super().__init__()
        self.store = store
        self.guides: Sequence[Guide | GuideInfo]
        self.problems: list[str]
        if guides is None:  # from the metadata index: no guide is parsed until one is chosen
            self.guides, self.problems = guide_index()
        else:
            from ...dialogue.model import by_use

            self.guides, self.problems = by_use(guides), []

    def compose(self) -> ComposeResult:
        # No header bar here: it would only repeat the program's name, which the first line
        # says, and Ctrl+P (its icon) is in the footer. The other screens have one, naming the
        # guide, resident or practice they show.
        with Column(id="home-guides"):
            yield Static("Samtale – vælg en samtaleguide", classes="screen-title")
            yield Static(
                "Gå op og ned med piletasterne, og tryk Enter for at begynde. "
                "Tab skifter mellem listerne.",
                classes="hint",
            )
            yield OptionList(*self._guide_options(), id="guide-list")
            yield Static(
                self._purpose(self.guides[0]) if self.guides else "",
                id="guide-purpose",
                classes="purpose",
            )
            if not self.guides:
                yield Static("Der er ingen samtaleguides endnu.", classes="hint")
            if self.problems:
                yield Static(unusable("guider", self.problems), classes="error")
        with Column(id="home-side"):
            yield Static("Samtaler og noter", classes="screen-title")
            yield OptionList(id="side-list")
            yield Static(
                "Tryk N for at se, eksportere og slette alle noter. Tryk O for at øve en "
                "samtale med en simuleret borger – alene, eller i trio på et kursus.",
                classes="hint",
            )
        yield Footer()

    def _guide_options(self) -> list[Option]:
        """One line per guide (title and duration) under a heading per use; the purpose of the
        highlighted guide is shown below the list."""
        options: list[Option] = []
        group = None
        for guide in self.guides:
            if guide.use_label != group:
                options.append(heading_option(guide.use_label, guide.use, first=group is None))
                group = guide.use_label
            text = Text.assemble(guide.title, (f"  ·  ca. {guide.duration} min", "dim"))
            options.append(Option(text, id=f"guide-{guide.id}"))
        return options

    def on_mount(self) -> None:
        guides = self.query_one("#guide-list", OptionList)
        highlight(guides)
        guides.focus()

    def on_screen_resume(self) -> None:
        """Read the conversations and notes when the screen is first shown, and again on every
        return to it (a conversation paused or finished, a note deleted), keeping the highlight
        on the entry it was on if that is still there (else on the first entry)."""
        side = self.query_one("#side-list", OptionList)
        was = side.highlighted_option.id if side.highlighted_option else None
        side.set_options(self.side_options())
        highlight(side, keep=was)

    def side_options(self) -> list[Option]:
        """The conversations to resume (the most recently paused first) and the latest finished
        notes, each under a heading that counts what it lists (when not all are shown), or with
        a line saying why it is empty."""
        paused_filter = ListFilter(status="in_progress", limit=IN_PROGRESS)
        recent_filter = ListFilter(status="completed", limit=RECENT)
        in_progress = self.store.list_sessions(paused_filter)
        recent = self.store.list_sessions(recent_filter)
        paused = self.store.total(in_progress, paused_filter)
        finished = self.store.total(recent, recent_filter)
        options: list[Option] = []
        for prefix, heading, records, empty in (
            (
                RESUME,
                f"Samtaler i gang (de {IN_PROGRESS} seneste af {paused})"
                if paused > IN_PROGRESS
                else "Samtaler i gang",
                in_progress,
                "Ingen samtaler er i gang.",
            ),
            (
                NOTE,
                f"Seneste noter (de {RECENT} seneste af {finished})"
                if finished > RECENT
                else "Seneste noter",
                recent,
                "Der er ingen afsluttede noter endnu.",
            ),
        ):
            options.append(heading_option(heading, prefix, first=not options))
            options.extend(
                Option(session_line(self.store, r), id=f"{prefix}-{r.id}") for r in records
            )
            if not records:
                options.append(Option(plain(empty), disabled=True, id=f"tom-{prefix}"))
        return options

    def entry(self, option: Option) -> Guide | GuideInfo | None:
        """The guide a guide-list option stands for (None for a heading)."""
        guide_id = (option.id or "").removeprefix("guide-")
        return next((g for g in self.guides if g.id == guide_id), None)

    def guide(self, entry: Guide | GuideInfo) -> Guide | None:
        """The full guide behind a list entry; None (and the staff member told) if it broke."""
        try:
            from ...dialogue.library import as_guide

            return as_guide(entry)
        except Exception as e:  # noqa: BLE001 - a guide edited into errors since the list was made
            self.notify(
                f"Guiden kan ikke bruges: {str(e).splitlines()[0] if str(e) else e}",
                markup=False,
                severity="error",
                timeout=12,
            )
            return None

    @staticmethod
    def _purpose(guide: Guide | GuideInfo) -> Text:
        return Text.assemble(
            (guide.title, "bold"),
            f"  ·  {guide.use_label}  ·  ca. {guide.duration} min\n",
            guide.purpose.strip(),
        )

    @on(OptionList.OptionHighlighted, "#guide-list")
    def _show_purpose(self, event: OptionList.OptionHighlighted) -> None:
        if (entry := self.entry(event.option)) is not None:
            self.query_one("#guide-purpose", Static).update(self._purpose(entry))

    @on(OptionList.OptionSelected, "#guide-list")
    def _guide(self, event: OptionList.OptionSelected) -> None:
        entry = self.entry(event.option)
        guide = self.guide(entry) if entry is not None else None
        if guide is not None:
            navigation.go(self, navigation.Start(guide))

    @on(OptionList.OptionSelected, "#side-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        """Resume a paused conversation, or read a finished note."""
        kind, _, session_id = (event.option.id or "").partition("-")
        if kind == RESUME:
            navigation.go(self, navigation.Resume(session_id))
        elif kind == NOTE:
            navigation.go(self, navigation.Note(session_id))

    def action_notes(self) -> None:
        navigation.go(self, navigation.Notes())

    def action_practice(self) -> None:
        navigation.go(self, navigation.PracticeStart())

    def help_parts(self) -> list[tuple[str, Text]]:
        return sections("home")

    def palette_commands(self) -> list[tuple[str, str, object]]:
        return [
            (
                "Øv en samtale",
                "Rollespil med en simuleret borger – alene eller i trio",
                self.action_practice,
            ),
            *(
                (
                    f"Start: {g.title}",
                    g.use_label,
                    lambda g=g: navigation.go(self, navigation.Start(g)),
                )
                for g in self.guides
            ),
        ]
