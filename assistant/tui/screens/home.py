"""The home screen: the guides by use, agreements due, conversations to resume, recent notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...dialogue.index import GuideInfo, guide_index
from ...notes.agreements import Agreement, AgreementFilter
from ...notes.cpr import removed_text
from ...notes.interface import NoteStore
from ...notes.store import ListFilter, SessionRecord
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
AGREEMENT, MORE = "aftale", "flere-aftaler"  # agreement option ids are "aftale-<id>"
SHORT = 60  # characters of a hvad in the panel
HANDFUL = 5  # agreements on the home screen until "og N flere" is chosen
WEEK = 7  # days ahead that the panel looks
FOLLOW_UP_GUIDE = "opfoelgning_aftaler"  # the guide that walks a resident's open agreements


def session_line(store: NoteStore, record: SessionRecord) -> Text:
    if record.mode == "practice":
        text = Text(f"Øvelse med {practice_persona(store, record.id)}", "bold")
    else:
        text = Text(record.borger or "(uden borger)", "bold")
    text.append(f"  ·  {record.guide_title}\n")
    text.append(f"{when(record.updated_at)}  ·  id {record.id}", "dim")
    if record.numbers_removed:
        text.append(f"  ·  {removed_text(record.numbers_removed)}", "dim")
    return text


def agreement_line(agreement: Agreement, today: date) -> Text:
    """What (bold, a long one shortened: the dialog shows it all), then the due date, who and
    the resident: all as typed, never markup."""
    what = agreement.what if len(agreement.what) <= SHORT else agreement.what[: SHORT - 1] + "…"
    due = date.fromisoformat(agreement.due) if agreement.due else today
    text = plain(what, "bold")
    text.append("\n")
    text.append_text(
        plain(
            f"{due.strftime('%d-%m' if due.year == today.year else '%d-%m-%Y')}  ·  "
            f"{agreement.who or '(ingen nævnt)'}  ·  {agreement.borger or '(uden borger)'}",
            "dim",
        )
    )
    return text


def agreements_title(overdue: int) -> str:
    if not overdue:
        return "Aftaler til opfølgning"
    return f"Aftaler til opfølgning – {overdue} {'forfalden' if overdue == 1 else 'forfaldne'}"


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


def practice_persona(store: NoteStore, session_id: str) -> str:
    """The name of the simulated resident of a practice session (its first event says)."""
    start = next((e for e in store.events(session_id) if e.kind == "practice"), None)
    if start is None:
        return "en simuleret borger"
    return str(start.data.get("persona_name") or start.data.get("persona") or "")


class HomeScreen(Screen[None]):
    """Where the program starts."""

    BINDINGS = bindings("home")

    def __init__(self, store: NoteStore, guides: list[Guide] | None = None) -> None:
        super().__init__()
        self.store = store
        self.guides: Sequence[Guide | GuideInfo]
        self.problems: list[str]
        if guides is None:  # from the metadata index: no guide is parsed until one is chosen
            self.guides, self.problems = guide_index()
        else:
            from ...dialogue.model import by_use

            self.guides, self.problems = by_use(guides), []
        self.all_agreements = False  # "og N flere" chosen: the panel lists all due this week

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
            yield Static(agreements_title(0), id="agreements-title", classes="screen-title")
            yield OptionList(id="agreement-list")
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
        self.sync_agreements()

    def sync_agreements(self) -> None:
        """Derive the agreements of notes an older version wrote (none, almost always: one
        quick query, and the session layer is only imported when there are some)."""
        from ...notes.store import StoreError

        try:
            if not self.store.unsynced_sessions():
                return
        except StoreError:
            return  # not fatal here: the panel is read again on every return
        from ...session import SessionError, sync_all_agreements

        try:
            sync_all_agreements(self.store)
        except (StoreError, SessionError) as e:
            self.notify(
                f"Aftalerne i nogle ældre noter kunne ikke læses: {e}",
                markup=False,
                severity="warning",
                timeout=12,
            )

    def on_screen_resume(self) -> None:
        """Read the conversations and notes when the screen is first shown, and again on every
        return to it (a conversation paused or finished, a note deleted), keeping the highlight
        on the entry it was on if that is still there (else on the first entry)."""
        side = self.query_one("#side-list", OptionList)
        was = side.highlighted_option.id if side.highlighted_option else None
        side.set_options(self.side_options())
        highlight(side, keep=was)
        self.refresh_agreements()

    def refresh_agreements(self) -> None:
        """Fill the panel "Aftaler til opfølgning", keeping the highlight where it was."""
        panel = self.query_one("#agreement-list", OptionList)
        was = panel.highlighted_option.id if panel.highlighted_option else None
        title, options = self.agreement_options()
        self.query_one("#agreements-title", Static).update(plain(title))
        panel.set_options(options)
        highlight(panel, keep=was)
        # A quiet "nothing due" line is no stop for Tab (it goes on to the conversations).
        panel.can_focus = panel.highlighted is not None
        if not panel.can_focus and panel.has_focus:
            self.query_one("#guide-list", OptionList).focus()

    def agreement_options(self) -> tuple[str, list[Option]]:
        """The panel's title (counting the overdue) and its lines: the still open agreements
        due within a week, soonest first, so the overdue come first, then today's, then the
        rest of the week. One indexed query; the counts only when there are more than shown."""
        today = date.today()
        week = AgreementFilter(due_by=(today + timedelta(days=WEEK)).isoformat())
        limit = None if self.all_agreements else HANDFUL
        due = self.store.agreements(
            week if limit is None else AgreementFilter(due_by=week.due_by, limit=limit + 1)
        )
        iso = today.isoformat()
        if limit is not None and len(due) > limit:
            due = due[:limit]
            total = self.store.count_agreements(week)
            overdue = self.store.count_agreements(AgreementFilter(overdue_on=iso))
        else:
            total, overdue = len(due), sum(1 for a in due if (a.due or iso) < iso)
        options: list[Option] = []
        group = None
        for agreement in due:
            day = agreement.due or iso
            name, heading = (
                ("forfaldne", "Forfaldne")
                if day < iso
                else ("i-dag", "I dag")
                if day == iso
                else ("ugen", "Resten af ugen")
            )
            if name != group:
                options.append(heading_option(heading, f"aftaler-{name}", first=group is None))
                group = name
            options.append(
                Option(agreement_line(agreement, today), id=f"{AGREEMENT}-{agreement.id}")
            )
        if not due:
            options.append(
                Option(plain("Ingen aftaler forfalder denne uge."), disabled=True, id="tom-aftaler")
            )
        elif total > len(due):
            options.append(
                Option(plain(f"og {total - len(due)} flere – Enter viser dem alle"), id=MORE)
            )
        return agreements_title(overdue), options

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

    @on(OptionList.OptionSelected, "#agreement-list")
    def _agreement(self, event: OptionList.OptionSelected) -> None:
        """Ask what to do with the agreement chosen; or list all when "og N flere" is."""
        option_id = event.option.id or ""
        if option_id == MORE:
            self.all_agreements = True
            self.refresh_agreements()
            return
        from ...notes.store import StoreError
        from .agreement_modals import AgreementModal

        try:
            agreement = self.store.agreement(option_id.removeprefix(f"{AGREEMENT}-"))
        except StoreError as e:  # deleted meanwhile, in another window
            self.notify(str(e), markup=False, severity="error")
            self.refresh_agreements()
            return
        self.app.push_screen(AgreementModal(agreement), lambda choice: self.act(agreement, choice))

    def act(self, agreement: Agreement, choice: str | None) -> None:
        """Carry out what was chosen in the agreement dialog."""
        from .agreement_modals import FOLLOW_UP, NOTE, TIMELINE, change_status

        if choice is None:
            return
        if choice == NOTE:
            navigation.go(self, navigation.Note(agreement.session_id))
        elif choice == TIMELINE and agreement.borger:
            navigation.go(self, navigation.Timeline(agreement.borger))
        elif choice == FOLLOW_UP and agreement.borger:
            self.start_follow_up(agreement.borger)
        elif choice not in (NOTE, TIMELINE, FOLLOW_UP):
            change_status(self, self.store, agreement, choice, self.refresh_agreements)

    def start_follow_up(self, borger: str) -> None:
        """The start screen of the follow-up guide, with the resident filled in."""
        entry = next((g for g in self.guides if g.id == FOLLOW_UP_GUIDE), None)
        if entry is None:
            self.notify(
                f"Guiden til opfølgning på aftaler ({FOLLOW_UP_GUIDE}) findes ikke her. "
                "Start en anden guide til venstre.",
                markup=False,
                severity="warning",
            )
            return
        guide = self.guide(entry)
        if guide is not None:
            medarbejder = getattr(self.app, "start_medarbejder", None)
            navigation.go(self, navigation.Start(guide, borger, medarbejder))

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
