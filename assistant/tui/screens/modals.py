"""Small dialogs: confirm, help, checklist, export, edit one answer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from ...dialogue.model import Checklist
from ...notes.export import note_to_json_text, note_to_markdown
from ...notes.model import Note
from ...session import Session, SessionError
from ..bindings import bindings
from ..text import lines, plain
from ..widgets.answers import AnswerField, answer_field


class ConfirmModal(ModalScreen[bool]):
    """A yes/no question; dismisses with True only on the yes button."""

    BINDINGS = bindings("confirm")

    def __init__(
        self, question: str, yes: str = "Ja", no: str = "Annullér", danger: bool = True
    ) -> None:
        super().__init__(classes="modal")
        self.question, self.yes, self.no, self.danger = question, yes, no, danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question), id="confirm-question")
            with Horizontal(classes="buttons"):
                yield Button(
                    plain(self.yes), id="confirm-yes", variant="error" if self.danger else "primary"
                )
                yield Button(plain(self.no), id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_no(self) -> None:
        self.dismiss(False)


class InfoModal(ModalScreen[None]):
    """A titled text to read (help, checklist); closes with Escape, Enter or the button."""

    BINDINGS = bindings("info")

    def __init__(self, title: str, parts: list[tuple[str, Text]]) -> None:
        super().__init__(classes="modal")
        self.title_text, self.parts = title, parts

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(plain(self.title_text, "bold"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                for heading, body in self.parts:
                    yield Static(plain(heading, "bold"), classes="dialog-heading")
                    yield Static(body, classes="dialog-text")
            with Horizontal(classes="buttons"):
                yield Button("Luk", id="info-close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#info-close", Button).focus()

    @on(Button.Pressed, "#info-close")
    def action_close(self) -> None:
        self.dismiss(None)


def checklist_modal(checklist: Checklist) -> InfoModal:
    parts = [
        (title, lines(items, "☐"))
        for title, items in (
            ("Før samtalen", checklist.before),
            ("Under samtalen", checklist.during),
            ("Efter samtalen", checklist.after),
        )
        if items
    ]
    return InfoModal("Tjekliste", parts or [("", plain("Guiden har ingen tjekliste."))])


class ExportModal(ModalScreen[Path | None]):
    """Choose Markdown or JSON and a file name; writes the note and returns the path."""

    BINDINGS = bindings("export")

    def __init__(self, note: Callable[[], Note], session_id: str) -> None:
        super().__init__(classes="modal")
        self.note = note
        self.session_id = session_id
        self._confirm_overwrite: Path | None = None

    def _default(self, fmt: str) -> str:
        return f"samtale-{self.session_id}.{fmt}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Eksportér noten", classes="dialog-title")
            yield Label("Format")
            with RadioSet(id="export-format"):
                yield RadioButton("Markdown (til journal og print)", value=True, id="format-md")
                yield RadioButton("JSON (til andre programmer)", id="format-json")
            yield Label("Filnavn (gemmes i mappen " + str(Path.cwd()) + ")", markup=False)
            yield Input(self._default("md"), id="export-path")
            yield Static("", id="export-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Eksportér", id="export-do", variant="primary")
                yield Button("Annullér", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @property
    def fmt(self) -> str:
        return "json" if self.query_one("#format-json", RadioButton).value else "md"

    @on(RadioSet.Changed)
    def _format(self) -> None:
        path = self.query_one("#export-path", Input)
        if path.value in (self._default("md"), self._default("json")):
            path.value = self._default(self.fmt)

    @on(Input.Changed, "#export-path")
    def _edited(self) -> None:
        self._confirm_overwrite = None

    @on(Button.Pressed, "#export-cancel")
    def action_close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-do")
    def export(self) -> None:
        error = self.query_one("#export-error", Static)
        name = self.query_one("#export-path", Input).value.strip()
        if not name:
            error.update("Skriv et filnavn.")
            return
        from ...notes.files import ExportError, FileExists, write_private

        path = Path.cwd() / Path(name).expanduser()  # not resolved: a link is refused, not followed
        note = self.note()
        text = note_to_json_text(note) if self.fmt == "json" else note_to_markdown(note)
        try:
            write_private(path, text, overwrite=self._confirm_overwrite == path)
        except FileExists as e:
            self._confirm_overwrite = path
            error.update(plain(f"{e} Tryk Eksportér igen for at overskrive den."))
            return
        except ExportError as e:
            error.update(plain(str(e)))
            return
        audit = getattr(self.app, "audit", None)
        if audit is not None:
            audit("exported", note.id, f"{note.guide_title} ({self.fmt})")
        self.dismiss(path)


class EditAnswerModal(ModalScreen[bool]):
    """Change or fill in one answer while reviewing the note (``Session.correct``)."""

    BINDINGS = bindings("edit-answer")

    def __init__(self, session: Session, key: str) -> None:
        super().__init__(classes="modal")
        self.session, self.key = session, key
        spec = session.answer_spec(key)
        assert spec is not None
        self.spec = spec

    def compose(self) -> ComposeResult:
        step = self.session.guide.answer_specs()[self.key][0]
        with Vertical(classes="dialog wide"):
            yield Static(plain(self.spec.label, "bold"), classes="dialog-title")
            yield Static(plain(self.session.render(step.ask)), classes="dialog-text")
            field = answer_field(self.spec, self.session.values.get(self.key))
            yield Static(plain(field.hint), classes="hint")
            yield field
            yield Static("", id="edit-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Gem (Ctrl+S)", id="edit-save", variant="primary")
                yield Button("Annullér", id="edit-cancel")

    def on_mount(self) -> None:
        self.query_one(AnswerField).focus_first()

    @on(AnswerField.Submitted)
    def _submitted(self, event: AnswerField.Submitted) -> None:
        self._save(event.raw)

    def unsaved_typing(self) -> bool:
        return self.query_one(AnswerField).typed()

    @on(Button.Pressed, "#edit-save")
    def action_save(self) -> None:
        field = self.query_one(AnswerField)
        raw = field.raw()
        if raw == "" and field.nothing_chosen:
            self.query_one("#edit-error", Static).update(plain(field.nothing_chosen))
            return
        self._save(raw)

    def _save(self, raw: Any) -> None:
        try:
            outcome = self.session.correct(self.key, raw)
        except SessionError as e:
            outcome_message = str(e)
        else:
            if outcome.ok:
                if outcome.message:
                    self.app.notify(outcome.message, markup=False, severity="warning")
                self.dismiss(True)
                return
            outcome_message = outcome.message
        self.query_one("#edit-error", Static).update(plain(outcome_message))

    @on(Button.Pressed, "#edit-cancel")
    def action_close(self) -> None:
        self.dismiss(False)
