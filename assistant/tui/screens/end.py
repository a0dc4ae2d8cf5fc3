"""The end of a conversation: review and correct the note, fill in what is missing, complete."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, DataTable, Footer, Header, Static

from ...dialogue.answers import danish_date
from ...notes.store import StoreError
from ...practice import note_for
from ...session import Outcome, Session, SessionError
from .. import navigation
from ..bindings import bindings
from ..help import sections
from ..text import plain
from ..widgets import Column
from ..widgets.checklist import Checklist
from .modals import ConfirmModal, EditAnswerModal, ExportModal, checklist_modal
from .notes import copy_note


class EditButton(Button):
    """A button that opens one answer for correction; id ``ret-KEY`` or ``udfyld-KEY``."""

    def __init__(self, label: str, key: str, prefix: str = "ret") -> None:
        super().__init__(label, classes="edit-button", id=f"{prefix}-{ascii_id(key)}")
        self.key = key


def ascii_id(key: str) -> str:
    """An answer key as a widget id (ids are ASCII): æ ø å become ae oe aa."""
    key = key.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return "".join(c if c.isascii() and (c.isalnum() or c in "_-") else "_" for c in key)


class EndScreen(Screen[None]):
    """Review the note (each answer editable), then complete it and export it."""

    BINDINGS = bindings("end")

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.owns_session = True
        self.title = "Gennemse noten"
        who = session.record.borger
        self.sub_title = f"{session.guide.title} · Borger: {who}" if who else session.guide.title

    def compose(self) -> ComposeResult:
        yield Header()
        with Column(id="end-main"):
            yield Static("Gennemse noten", classes="screen-title")
            yield Static(id="end-status")
            yield Vertical(id="review")
            after = self.session.guide.checklist.after
            if after:
                yield Static("Efter samtalen", classes="section-heading")
                yield Static(
                    "Sæt flueben med et klik eller mellemrum. Listen er til hjælp og "
                    "står også i den eksporterede note.",
                    classes="hint",
                )
                yield Checklist(after, id="after")
            yield Static(id="export-info")
            with Horizontal(id="end-buttons", classes="buttons"):
                yield Button("Afslut samtalen (F10)", id="complete", variant="primary")
                yield Button("Eksportér (F6)", id="export")
                yield Button("Kopiér (F9)", id="copy")
                yield Button("Tilbage (F2)", id="back-to-conversation")
                yield Button("Startskærm (Esc)", id="to-home")
        yield Footer()

    async def on_mount(self) -> None:
        if not self.completed:
            self._run(self.session.resume)
        await self.refresh_review()
        self.query_one("#export-info").display = False
        self.query_one("#complete", Button).focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#end-main").scroll_home, animate=False)

    def on_unmount(self) -> None:
        if self.owns_session:
            self.session.close()

    @property
    def completed(self) -> bool:
        return self.session.status == "completed"

    # --- the review -----------------------------------------------------------------------------
    def _review(self) -> list[Widget]:
        session = self.session
        note = note_for(session)
        layout = session.guide.note
        specs = session.guide.answer_specs()
        out: list[Widget] = []
        items = session.missing_items()
        missing = [(m.key, m.label) for m in items if m.key]
        other = [m.label for m in items if not m.key]
        if missing or other:
            out.append(Static("Der mangler svar", classes="section-heading warning"))
            for key, label in missing:
                out.append(
                    Horizontal(
                        Static(plain(label), classes="answer-text"),
                        EditButton("Udfyld", key, "udfyld"),
                        classes="answer-line missing",
                    )
                )
            for label in other:
                out.append(
                    Static(
                        plain(label + " (gå tilbage til samtalen for at tale om flere temaer)"),
                        classes="answer-line missing",
                    )
                )
        for section in (s for s in note.sections if s.answers):
            out.append(Static(plain(section.title), classes="section-heading"))
            for answer in section.answers:
                text = Vertical(
                    Static(plain(answer.label, "bold")),
                    Static(plain(answer.display)),
                    classes="answer-text",
                )
                widgets: list[Widget] = [text]
                if answer.key in specs:
                    widgets.append(EditButton("Ret", answer.key))
                out.append(Horizontal(*widgets, classes="answer-line"))
        if layout.actions_key in specs or note.actions:
            out.append(Static("Aftaler", classes="section-heading"))
            body: Widget
            if note.actions:
                table: DataTable[Text] = DataTable(
                    show_cursor=False, id="actions-table", classes="answer-text"
                )
                table.can_focus = False
                table.add_columns("Hvad", "Hvem", "Hvornår")
                for action in note.actions:
                    table.add_row(
                        plain(action.what),
                        plain(action.who),
                        plain(danish_date(action.when) if action.when else ""),
                    )
                body = table
            else:
                body = Static("Der er ingen aftaler skrevet.", classes="answer-text")
            widgets = [body]
            if layout.actions_key in specs:
                widgets.append(EditButton("Ret aftaler", layout.actions_key or ""))
            out.append(Horizontal(*widgets, classes="answer-line"))
        for plan_key, title, value in (
            (layout.followup_key, "Opfølgning", danish_date(note.followup or "")),
            (layout.followup_who_key, "Hvem følger op", note.followup_who or ""),
        ):
            if plan_key and plan_key in specs:
                body = Vertical(
                    Static(plain(title, "bold")),
                    Static(plain(value or "(ikke udfyldt)")),
                    classes="answer-text",
                )
                out.append(Horizontal(body, EditButton("Ret", plan_key), classes="answer-line"))
        if not out:
            out.append(Static("Der er ingen svar i noten endnu."))
        return out

    async def refresh_review(self) -> None:
        review = self.query_one("#review")
        await review.remove_children()
        await review.mount_all(self._review())
        status = Text()
        if self.completed:
            status.append(
                f"Samtalen er afsluttet og gemt. Notens id: {self.session.id}", "bold green"
            )
        else:
            status.append(
                "Læs noten igennem sammen, ret det, der skal rettes, og tryk 'Afslut samtalen'."
            )
        self.query_one("#end-status", Static).update(status)
        for button in ("#complete", "#back-to-conversation"):
            self.query_one(button).display = not self.completed
        self.refresh_bindings()

    @on(Button.Pressed, ".edit-button")
    def _edit(self, event: Button.Pressed) -> None:
        assert isinstance(event.button, EditButton)
        self.edit(event.button.key)

    def edit(self, key: str) -> None:
        async def done(changed: bool | None) -> None:
            if changed:
                await self.refresh_review()
                self.notify("Svaret er gemt.", markup=False)

        self.app.push_screen(EditAnswerModal(self.session, key), done)

    # --- actions --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("complete", "back_to_conversation"):
            return not self.completed
        return True

    def _run(self, action: Any) -> Outcome:
        try:
            return action()
        except (SessionError, StoreError) as e:
            return Outcome(False, str(e))

    @on(Button.Pressed, "#complete")
    async def action_complete(self) -> None:
        if self.completed:
            return
        outcome = self._run(self.session.complete)
        if outcome.ok:
            await self._completed(outcome)
            return
        if not outcome.missing:
            self.notify(outcome.message, markup=False, severity="error")
            return
        question = (
            "Der mangler stadig svar:\n"
            + "\n".join(f"• {m}" for m in outcome.missing)
            + "\n\nVil du afslutte samtalen alligevel? Det, der mangler, står i noten."
        )

        async def confirmed(yes: bool | None) -> None:
            if yes:
                result = self._run(lambda: self.session.complete(force=True))
                if result.ok:
                    await self._completed(result)
                else:
                    self.notify(result.message, markup=False, severity="error")

        self.app.push_screen(
            ConfirmModal(question, yes="Afslut alligevel", no="Tilbage til noten", danger=False),
            confirmed,
        )

    async def _completed(self, outcome: Outcome) -> None:
        self.notify(outcome.message, title="Afsluttet", markup=False, timeout=10)
        await self.refresh_review()
        self.query_one("#export", Button).focus()

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        def done(path: Any) -> None:
            if path is not None:
                info = self.query_one("#export-info", Static)
                info.update(plain(f"Noten er eksporteret til {path}"))
                info.display = True
                self.notify(f"Noten er eksporteret til {path}", markup=False, timeout=10)

        self.app.push_screen(ExportModal(lambda: note_for(self.session), self.session.id), done)

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        copy_note(self, note_for(self.session))

    @on(Button.Pressed, "#back-to-conversation")
    def action_back_to_conversation(self) -> None:
        if self.completed:
            return
        outcome = self._run(self.session.back)
        if not outcome.ok:
            self.notify(outcome.message, markup=False, severity="error")
            return
        self.owns_session = False
        navigation.go(self, navigation.Conversation(self.session))

    @on(Button.Pressed, "#to-home")
    def action_home(self) -> None:
        if not self.completed:
            self._run(self.session.pause)
            self.notify(
                "Samtalen er ikke afsluttet. Du finder den under 'Samtaler i gang' på "
                "startskærmen.",
                markup=False,
            )
        self.app.pop_screen()

    # --- help and command palette ---------------------------------------------------------------
    def help_parts(self) -> list[tuple[str, Text]]:
        return sections("end")

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Eksportér note", "Gem noten som Markdown eller JSON", self.action_export),
            ("Kopiér note", "Som Markdown til udklipsholderen, til journalen", self.action_copy),
            (
                "Vis tjekliste",
                "Før, under og efter samtalen",
                lambda: self.app.push_screen(checklist_modal(self.session.guide.checklist)),
            ),
        ]
