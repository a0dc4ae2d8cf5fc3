"""The notes: list, filter by resident, read, export, copy, delete one or all about a resident."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Input, Static, TextArea

from ...notes.errors import PurgeIncomplete
from ...notes.export import note_to_markdown
from ...notes.interface import NoteStore
from ...notes.model import Note, who_label
from ...notes.store import ListFilter, SessionRecord, StoreError
from ...practice import note_for
from ...session import Session, SessionError
from .. import navigation
from ..bindings import bindings
from ..help import sections
from ..text import plain, status_da, when
from ..widgets import Column
from .modals import ConfirmModal, ExportModal

SHOWN = 200  # notes in the table at once: enough to browse, few enough to open at once


def load_note(store: NoteStore, session_id: str) -> Note:
    """The stored note; a practice's note carries its training record."""
    session = Session.open(store, session_id)
    try:
        return note_for(session)
    finally:
        session.close()


class NotesScreen(Screen[None]):
    """Every stored note, newest first."""

    BINDINGS = bindings("notes")

    def __init__(self, store: NoteStore) -> None:
        super().__init__()
        self.store = store
        self.records: list[SessionRecord] = []
        self.title = "Noter"
        self.sub_title = f"Afdeling: {store.unit}" if store.unit else ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Column(id="notes-list"):
            yield Static("Noter", classes="screen-title")
            yield Input(placeholder="Søg efter borger, guide eller id", id="filter")
            yield DataTable(id="notes-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="notes-info", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Åbn (Enter)", id="open", variant="primary")
                yield Button("Genoptag", id="resume")
                yield Button("Eksportér (F6)", id="export")
                yield Button("Slet note (F8)", id="delete", variant="error")
                yield Button("Slet alt om borgeren", id="delete-borger", variant="error")
                yield Button("Tilbage (Esc)", id="back")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in (
            ("Borger", "borger"),
            ("Guide", "guide"),
            ("Status", "status"),
            ("Opdateret", "updated"),
            ("Id", "id"),
        ):
            table.add_column(label, key=key)
        table.focus()

    def on_screen_resume(self) -> None:
        """Fill the table when the screen is first shown, and again on every return to it;
        first finish removing the traces of an earlier deletion if another window kept them."""
        if self.store.purge_pending():
            try:
                self.store.purge()
            except StoreError:
                pass  # still kept open elsewhere: tried again next time
            else:
                self.notify("Spor af tidligere slettede noter er nu fjernet helt.", markup=False)
        self.refresh_table()

    def refresh_table(self) -> None:
        """The newest notes (at most SHOWN), or those the search finds, and how many there are."""
        table = self.query_one(DataTable)
        wanted = self.query_one("#filter", Input).value.strip()
        shown = ListFilter(search=wanted or None, limit=SHOWN)
        self.records = self.store.list_sessions(shown)
        table.clear()
        for r in self.records:
            table.add_row(
                plain(who_label(r.borger, r.mode)),
                plain(r.guide_title),
                plain(status_da(r.status)),
                plain(when(r.updated_at)),
                plain(r.id),
                key=r.id,
            )
        info = self.query_one("#notes-info", Static)
        count = len(self.records)
        total = self.store.total(self.records, shown)
        if count < total:
            found = "fundet" if wanted else "i alt"
            info.update(
                plain(
                    f"Viser de {count} nyeste af {total} noter {found}. Skriv mere i søgefeltet "
                    "(fx borgerens pseudonym) for at finde en ældre note."
                )
            )
        elif self.records:
            info.update(
                plain(
                    f"{count} {'note' if count == 1 else 'noter'}. "
                    "Vælg med piletasterne, og tryk Enter for at åbne."
                )
            )
        else:
            info.update(
                plain("Ingen noter passer på søgningen." if wanted else "Der er ingen noter endnu.")
            )
        self._buttons()

    @property
    def current(self) -> SessionRecord | None:
        table = self.query_one(DataTable)
        if not self.records or table.cursor_row is None:
            return None
        row = table.cursor_row
        return self.records[row] if 0 <= row < len(self.records) else None

    def _buttons(self) -> None:
        record = self.current
        for button in ("#open", "#export", "#delete"):
            self.query_one(button, Button).disabled = record is None
        self.query_one("#resume", Button).display = bool(record and record.status == "in_progress")
        borger = self.query_one("#delete-borger", Button)
        borger.disabled = not (record and record.borger)
        borger.label = (
            Text(f"Slet alt om {record.borger}")
            if record and record.borger
            else Text("Slet alt om borgeren")
        )

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._buttons()

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self.refresh_table()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    @on(Button.Pressed, "#open")
    def open_note(self) -> None:
        record = self.current
        if record is not None:
            navigation.go(self, navigation.Note(record.id))

    @on(Button.Pressed, "#resume")
    def _resume(self) -> None:
        record = self.current
        if record is not None and record.status == "in_progress":
            navigation.go(self, navigation.Resume(record.id))

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        record = self.current
        if record is not None:
            export_note(self, self.store, record.id)

    def action_copy(self) -> None:
        record = self.current
        if record is not None:
            try:
                note = load_note(self.store, record.id)
            except (SessionError, StoreError) as e:
                self.notify(str(e), markup=False, severity="error", timeout=12)
            else:
                copy_note(self, note)

    @on(Button.Pressed, "#delete")
    def action_delete(self) -> None:
        record = self.current
        if record is None:
            return
        who = record.borger or "(uden borger)"
        question = (
            f"Slet noten om {who} ({record.guide_title}, {when(record.updated_at)})?\n\n"
            "Noten slettes helt og kan ikke findes igen."
        )

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(
                    lambda who: self.store.delete_session(record.id, who), "Noten er slettet."
                )

        self.app.push_screen(ConfirmModal(question, yes="Ja, slet noten"), confirmed)

    @on(Button.Pressed, "#delete-borger")
    def delete_borger(self) -> None:
        record = self.current
        if record is None or not record.borger:
            return
        borger = record.borger
        count = self.store.count_sessions(ListFilter(borger=borger))
        question = (
            f"Slet alle {count} noter om borgeren {borger}?\n\n"
            f"Alt, der er gemt om {borger}, slettes helt – også samtaler, der er i "
            "gang. Det kan ikke fortrydes."
            if count != 1
            else f"Slet den ene note om borgeren {borger}?\n\nDen slettes helt og kan ikke "
            "findes igen."
        )

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._delete(
                    lambda who: self.store.delete_borger(borger, who),
                    f"Alle noter om {borger} er slettet.",
                )

        self.app.push_screen(ConfirmModal(question, yes=f"Ja, slet alt om {borger}"), confirmed)

    def _delete(self, action: Any, message: str) -> None:
        """Delete, with the audit line in the same transaction (both or neither)."""
        try:
            action(self.app.actor())  # type: ignore[attr-defined]
        except PurgeIncomplete:
            self.notify(
                f"{message} Men spor kan stadig ligge i databasens log, fordi et andet "
                "Samtale-vindue har den åben. Luk det; sporene fjernes, næste gang du åbner "
                "noterne (N).",
                markup=False,
                severity="warning",
                timeout=15,
            )
        except StoreError as e:
            self.notify(str(e), markup=False, severity="error", timeout=12)
        else:
            self.notify(message, markup=False)
        self.refresh_table()

    def action_timeline(self) -> None:
        """The timeline of the selected note's resident."""
        record = self.current
        if record is None:
            return
        if not record.borger:
            self.notify("Noten har ingen borger, så der er ingen tidslinje.", markup=False)
            return
        navigation.go(self, navigation.Timeline(record.borger))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.pop_screen()

    def help_parts(self) -> list[tuple[str, Text]]:
        return sections("notes", shown=SHOWN)

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        record = self.current
        if record is None:
            return []
        about = f"Noten om {record.borger or '(uden borger)'}"
        return [
            ("Eksportér note", about, self.action_export),
            ("Kopiér note", f"{about}, som Markdown til journalen", self.action_copy),
        ]


def export_note(screen: Screen[Any], store: NoteStore, session_id: str) -> None:
    def done(path: Any) -> None:
        if path is not None:
            screen.notify(f"Noten er eksporteret til {path}", markup=False, timeout=10)

    screen.app.push_screen(ExportModal(lambda: load_note(store, session_id), session_id), done)


COPIED = (
    "Noten er kopieret til udklipsholderen som Markdown. Den indeholder personlige oplysninger "
    "om borgeren: sæt den kun ind i journalen. Virker indsæt ikke, så brug Eksportér (F6)."
)


def copy_note(screen: Screen[Any], note: Note) -> None:
    """Put the note, as the Markdown that an export writes, on the clipboard (OSC 52: the
    terminal, or the browser, holds it), and say what it is and where it belongs."""
    screen.app.copy_to_clipboard(note_to_markdown(note))
    audit = getattr(screen.app, "audit", None)
    if audit is not None:
        audit("exported", note.id, f"{note.guide_title} (md, udklipsholder)")
    screen.notify(COPIED, title="Kopiér note", markup=False, timeout=12)


class NoteViewScreen(Screen[None]):
    """One note, read-only, as the Markdown text that an export would write."""

    BINDINGS = bindings("note")

    def __init__(self, store: NoteStore, session_id: str) -> None:
        super().__init__()
        self.store, self.session_id = store, session_id
        self.title = "Note"
        self.note: Note | None = None  # None when it could not be read

    def compose(self) -> ComposeResult:
        try:
            note = self.note = load_note(self.store, self.session_id)
        except (SessionError, StoreError) as e:
            text = str(e)
        else:
            text = note_to_markdown(note)
            self.app.audit("opened", note.id, note.guide_title)  # type: ignore[attr-defined]
        yield Header()
        yield TextArea(
            text, read_only=True, soft_wrap=True, show_line_numbers=False, id="note-text"
        )
        with Horizontal(classes="buttons"):
            yield Button("Eksportér (F6)", id="export", variant="primary")
            yield Button("Kopiér (F9)", id="copy")
            yield Button("Tilbage (Esc)", id="back")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        export_note(self, self.store, self.session_id)

    @on(Button.Pressed, "#copy")
    def action_copy(self) -> None:
        if self.note is None:
            self.notify("Noten kunne ikke læses, så der er intet at kopiere.", markup=False)
        else:
            copy_note(self, self.note)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.pop_screen()

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Eksportér note", "Gem noten som Markdown eller JSON", self.action_export),
            ("Kopiér note", "Som Markdown til udklipsholderen, til journalen", self.action_copy),
        ]
