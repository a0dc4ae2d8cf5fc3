"""The dialogs of one agreement: what to do with it, and why it is given up."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...notes.agreements import DONE, DROPPED, STARTED, STATUS_LABELS, Agreement
from ...notes.interface import NoteStore
from ...notes.store import StoreError
from ..bindings import bindings
from ..text import day, plain, when

# what the agreement dialog dismisses with
NOTE, FOLLOW_UP, TIMELINE = "note", "opfoelgning", "tidslinje"
BUTTON_IDS = {DONE: "udfoert", STARTED: "i-gang", DROPPED: "opgiv"}  # ids are ASCII


def agreement_text(agreement: Agreement) -> Text:
    """The agreement as the dialog shows it: what, who, when, status, where it came from."""
    text = plain(agreement.what, "bold")
    text.append("\n")
    text.append(plain(f"Hvem: {agreement.who or '(ingen nævnt)'}"))
    text.append("  ·  ")
    text.append(plain(f"Hvornår: {day(agreement.due) if agreement.due else '(ingen dato)'}"))
    text.append("\n")
    text.append(plain(f"Status: {STATUS_LABELS.get(agreement.status, agreement.status)}"))
    if agreement.status_at:
        by = f" af {agreement.status_by}" if agreement.status_by else ""
        text.append(plain(f" ({when(agreement.status_at)}{by})", "dim"))
    text.append("\n")
    text.append(
        plain(
            f"Borger: {agreement.borger or '(uden borger)'}  ·  {agreement.guide_title}, "
            f"{day(agreement.started_at)}  ·  id {agreement.id}",
            "dim",
        )
    )
    return text


class AgreementModal(ModalScreen[str | None]):
    """What to do with one agreement; dismisses with the choice (a status, or NOTE,
    FOLLOW_UP, TIMELINE), None when closed."""

    BINDINGS = bindings("agreement")

    def __init__(self, agreement: Agreement) -> None:
        super().__init__(classes="modal")
        self.agreement = agreement

    def compose(self) -> ComposeResult:
        a = self.agreement
        resident = a.borger or "(uden borger)"
        choices = (
            (NOTE, "Åbn noten", True),
            (FOLLOW_UP, f"Start opfølgning med {resident}", bool(a.borger)),
            (BUTTON_IDS[DONE], "Marker som udført", a.status != DONE),
            (BUTTON_IDS[STARTED], "Marker som i gang", a.status != STARTED),
            (BUTTON_IDS[DROPPED], "Opgiv …", a.status != DROPPED),
            (TIMELINE, f"Tidslinje for {resident}", bool(a.borger)),
            ("annuller", "Annullér (Esc)", True),
        )
        with Vertical(classes="dialog", id="agreement-dialog"):
            yield Static("Aftale", classes="dialog-title")
            with VerticalScroll(id="agreement-about", can_focus=False):  # a long hvad scrolls
                yield Static(agreement_text(a), id="agreement-text", classes="dialog-text")
            yield OptionList(
                *(
                    Option(plain(label), id=f"valg-{choice}", disabled=not usable)
                    for choice, label, usable in choices
                ),
                id="agreement-choices",
            )

    def on_mount(self) -> None:
        choices = self.query_one("#agreement-choices", OptionList)
        choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected, "#agreement-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = (event.option.id or "").removeprefix("valg-")
        status = {button: status for status, button in BUTTON_IDS.items()}.get(choice)
        self.dismiss(None if choice == "annuller" else status or choice)

    def action_close(self) -> None:
        self.dismiss(None)


class ReasonModal(ModalScreen[str | None]):
    """Why an agreement is given up; dismisses with the reason ("" for none), None when
    cancelled."""

    BINDINGS = bindings("reason")

    def __init__(self, agreement: Agreement) -> None:
        super().__init__(classes="modal")
        self.agreement = agreement

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Opgiv aftalen", classes="dialog-title")
            yield Static(plain(self.agreement.what, "bold"), classes="dialog-text")
            yield Static(
                "Hvorfor opgives aftalen? Skriv kort begrundelsen, så kollegerne kan se den "
                "på tidslinjen.",
                classes="hint",
            )
            yield Input(placeholder="Fx: Borgeren ønsker det ikke længere", id="reason")
            with Horizontal(classes="buttons"):
                yield Button("Opgiv aftalen", id="reason-ok", variant="error")
                yield Button("Annullér", id="reason-cancel")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#reason-ok")
    def _ok(self) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())

    @on(Button.Pressed, "#reason-cancel")
    def action_close(self) -> None:
        self.dismiss(None)


def change_status(
    node: DOMNode,
    store: NoteStore,
    agreement: Agreement,
    status: str,
    done: Callable[[], None],
) -> None:
    """Set ``agreement``'s status as the staff member the app knows (asking the reason when it
    is given up), say so, and call ``done`` (to show the change at once)."""
    app = node.app

    def store_it(reason: str | None) -> None:
        try:
            store.set_agreement_status(agreement.id, status, app.actor(), reason)  # type: ignore[attr-defined]
        except StoreError as e:
            app.notify(str(e), markup=False, severity="error", timeout=12)
        else:
            app.notify(f"Aftalen »{agreement.what}« er nu {STATUS_LABELS[status]}.", markup=False)
        done()

    if status != DROPPED:
        store_it(None)
        return

    def answered(reason: str | None) -> None:
        if reason is not None:
            store_it(reason or None)

    app.push_screen(ReasonModal(agreement), answered)


__all__ = [
    "FOLLOW_UP",
    "NOTE",
    "TIMELINE",
    "AgreementModal",
    "ReasonModal",
    "agreement_text",
    "change_status",
]
