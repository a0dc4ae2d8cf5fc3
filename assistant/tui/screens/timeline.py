"""One resident's timeline: the next date due at the top, then every conversation and every
agreement with its status history, newest first (``notes.timeline``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...notes.agreements import STATUS_LABELS
from ...notes.interface import NoteStore
from ...notes.store import StoreError
from ...notes.timeline import Timeline, TimelineAgreement, timeline
from ...session import SessionError, sync_all_agreements
from ..bindings import bindings
from ..help import sections
from ..text import day, plain, status_da, when


def next_due_text(line: Timeline) -> Text:
    if line.next_due is None:
        return plain("Intet forfalder: ingen åbne aftaler med dato og ingen opfølgningsdato.")
    text = plain(f"Næste: {day(line.next_due)}  ", "bold")
    text.append_text(plain(line.next_due_what or ""))
    return text


def conversations_text(line: Timeline) -> Text:
    if not line.conversations:
        return plain("Ingen samtaler.", "dim")
    rows = []
    for record in line.conversations:
        text = plain(f"{when(record.started_at)}  ", "bold")
        text.append_text(plain(record.guide_title))
        text.append_text(
            plain(
                f"\n    {record.medarbejder or '(ingen initialer)'}  ·  "
                f"{status_da(record.status)}"
                + (f"  ·  opfølgning {day(f)}" if (f := line.followups.get(record.id)) else "")
                + f"  ·  id {record.id}",
                "dim",
            )
        )
        rows.append(text)
    return Text("\n").join(rows)


def agreement_text(item: TimelineAgreement) -> Text:
    a = item.agreement
    text = plain(f"{day(a.due) if a.due else '(ingen dato)'}  ", "bold")
    text.append_text(plain(a.what, "bold"))
    text.append_text(
        plain(
            f"\n    {a.who or '(ingen nævnt)'}  ·  {STATUS_LABELS.get(a.status, a.status)}  ·  "
            f"fra {a.guide_title}, {day(a.started_at)}  ·  id {a.id}",
            "dim",
        )
    )
    for change in reversed(item.history):  # newest first, as the rest
        by = f" af {change.by}" if change.by else ""
        why = f": {change.reason}" if change.reason else ""
        label = STATUS_LABELS.get(change.status, change.status)
        text.append_text(plain(f"\n    {when(change.at)}  {label}{by}{why}"))
    return text


class TimelineScreen(Screen[None]):
    """Everything about one resident, to read (Escape goes back)."""

    BINDINGS = bindings("timeline")

    def __init__(self, store: NoteStore, borger: str) -> None:
        super().__init__()
        self.store, self.borger = store, borger
        self.title = "Tidslinje"
        self.sub_title = borger

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="timeline-body"):
            try:
                sync_all_agreements(self.store)
                line = timeline(self.store, self.borger)
            except (SessionError, StoreError) as e:
                yield Static(plain(str(e)), classes="error")
            else:
                self.sub_title = line.borger
                yield Static(plain(f"Tidslinje for {line.borger}"), classes="screen-title")
                yield Static(next_due_text(line), id="timeline-next")
                yield Static(
                    plain(f"Samtaler ({len(line.conversations)})"), classes="section-heading"
                )
                yield Static(conversations_text(line), id="timeline-conversations")
                yield Static(plain(f"Aftaler ({len(line.agreements)})"), classes="section-heading")
                for item in line.agreements:
                    yield Static(agreement_text(item), classes="timeline-agreement", markup=False)
                if not line.agreements:
                    yield Static(plain("Ingen aftaler."), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#timeline-body").focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def help_parts(self) -> list[tuple[str, Text]]:
        return sections("timeline")
