"""Trio practice: the persona card, the guide scaffold and the observer's tally board side by side."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Button, Footer, Header, Static, TextArea

from ....notes.store import StoreError
from ....practice import TALLY_KEYS, Practice
from ....roleplay.codes import LABELS, Code
from ....roleplay.persona import card_text
from ....session import SessionError
from ...bindings import bindings
from ...help import sections
from ...text import plain
from ...widgets import Column
from ..modals import InfoModal
from .common import Command, PracticeBase, Scaffold, live_text

KEY_OF: dict[Code, str] = {code: key for key, code in TALLY_KEYS.items()}


class TrioPracticeScreen(PracticeBase):
    """Two people talk aloud; the observer counts each behaviour with one key and writes feedback.

    The feedback is stored when saved (Ctrl+S), a moment after typing stops, when the text area
    loses focus, and whenever the screen is left, so nothing typed is lost."""

    AUTOSAVE = 2.0  # seconds after the last keystroke in the feedback

    BINDINGS = bindings("practice-trio")

    def __init__(self, practice: Practice) -> None:
        super().__init__(practice)
        self.feedback_text = practice.feedback
        self.history: list[Code] = self._history()
        self._autosave: Timer | None = None

    def _history(self) -> list[Code]:
        """The counts in the order they were made (taking back removes the latest of its code)."""
        history: list[Code] = []
        for event in self.session.events:
            if event.kind != "tally":
                continue
            code = Code(event.data["code"])
            if event.data.get("delta", 1) > 0:
                history.append(code)
            elif code in history:
                del history[len(history) - 1 - history[::-1].index(code)]
        return history

    def compose(self) -> ComposeResult:
        p = self.practice
        yield Header()
        with Horizontal(id="trio"):
            with Column(id="trio-card"):
                yield Static("Personakort", classes="panel-heading")
                yield Static("Til den, der spiller borgeren.", classes="hint")
                card = card_text(p.persona) if p.persona else f"{p.persona_name}"
                yield Static(plain(card), id="persona-card")
            with Column(id="trio-guide"):
                yield Static("Guiden", classes="panel-heading")
                yield Static("Til den, der spiller medarbejderen.", classes="hint")
                yield Scaffold(id="scaffold")
            with Column(id="trio-board"):
                yield Static("Observatør", classes="panel-heading")
                yield Static(
                    "Tryk tasten, hver gang du hører adfærden. Backspace tager den sidste tilbage.",
                    classes="hint",
                )
                for key, code in TALLY_KEYS.items():
                    with Horizontal(classes="tally-row"):
                        yield Button(
                            Text.assemble((f"{key}  ", "bold"), LABELS[code]),
                            id=f"count-{key}",
                            classes="tally-button",
                            compact=True,
                        )
                        yield Static(id=f"n-{key}", classes="tally-count")
                yield Button(
                    "Fortryd sidste (Backspace)", id="undo", classes="tally-undo", compact=True
                )
                yield Static(id="tally-live", classes="tally-live")
                yield Static("Feedback", classes="panel-heading")
                yield TextArea(
                    self.feedback_text,
                    soft_wrap=True,
                    show_line_numbers=False,
                    id="feedback",
                )
                yield Static(id="feedback-state", classes="hint")
                with Horizontal(classes="buttons"):
                    yield Button("Gem feedback (Ctrl+S)", id="save-feedback", compact=True)
        yield Footer()

    def mounted(self) -> None:
        self.show_tally()
        self._feedback_state()
        self.query_one("#count-a", Button).focus()

    # --- counting -------------------------------------------------------------------------------
    @property
    def typing(self) -> bool:
        return isinstance(self.focused, TextArea)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("count", "undo") and self.typing:
            return False  # the letters and Backspace belong to the feedback text
        return True

    def action_count(self, value: str) -> None:
        code = Code(value)
        try:
            self.practice.count(code)
        except (SessionError, StoreError) as e:
            self.notify(str(e), markup=False, severity="error")
            return
        self.history.append(code)
        self.show_tally(code)

    def action_undo(self) -> None:
        if not self.history:
            self.notify("Der er ingen optælling at tage tilbage.", markup=False)
            return
        code = self.history[-1]
        try:
            self.practice.count(code, -1)
        except (SessionError, StoreError) as e:
            self.notify(str(e), markup=False, severity="error")
            return
        self.history.pop()
        self.show_tally(code)
        self.notify(f"Taget tilbage: {LABELS[code]}", markup=False, timeout=4)

    @on(Button.Pressed, ".tally-button")
    def _count_button(self, event: Button.Pressed) -> None:
        key = (event.button.id or "").removeprefix("count-")
        if key in TALLY_KEYS:
            self.action_count(TALLY_KEYS[key].value)

    @on(Button.Pressed, "#undo")
    def _undo_button(self) -> None:
        self.action_undo()

    def show_tally(self, changed: Code | None = None) -> None:
        counts = self.practice.tally.counts
        for key, code in TALLY_KEYS.items():
            count = self.query_one(f"#n-{key}", Static)
            count.update(str(counts.get(code, 0)))
            count.set_class(code == changed, "tally-changed")
        self.query_one("#tally-live", Static).update(live_text(self.practice.scorecard()))
        self.query_one("#undo", Button).disabled = not self.history

    # --- feedback -------------------------------------------------------------------------------
    @on(TextArea.Changed, "#feedback")
    def _typed(self, event: TextArea.Changed) -> None:
        self.feedback_text = event.text_area.text
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(self.AUTOSAVE, self.save_feedback)
        self._feedback_state()

    def on_descendant_blur(self, event: object) -> None:
        self.save_feedback()

    def save_feedback(self) -> bool:
        """Store the feedback if it changed; False if the store refused."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        if self.session.status != "in_progress":
            return True
        try:
            masked = self.practice.set_feedback(self.feedback_text)
        except (SessionError, StoreError) as e:
            self.notify(str(e), markup=False, severity="error")
            return False
        if masked:  # show the feedback as it is stored, and say why it changed
            self.feedback_text = self.practice.feedback
            for area in self.query("#feedback").results(TextArea):
                area.text = self.feedback_text
                area.move_cursor(area.document.end)
            self.app.notify_cpr_masked()  # type: ignore[attr-defined]
        self._feedback_state()
        return True

    def _feedback_state(self) -> None:
        saved = self.feedback_text == self.practice.feedback
        for state in self.query("#feedback-state").results(Static):  # none while closing
            state.update(
                plain("Gemt." if saved else "Gemmes om lidt …") if self.feedback_text else ""
            )

    @on(Button.Pressed, "#save-feedback")
    def action_save_feedback(self) -> None:
        if self.save_feedback():
            self.notify("Feedbacken er gemt.", markup=False, timeout=4)

    def action_feedback(self) -> None:
        if self.typing:
            self.save_feedback()
            self.query_one("#count-a", Button).focus()
        else:
            self.query_one("#feedback", TextArea).focus()

    def before_leaving(self) -> None:
        self.save_feedback()

    # --- help and palette -----------------------------------------------------------------------
    def help_parts(self) -> list[tuple[str, Text]]:
        keys = Text("\n").join(
            Text.assemble((f"{key:>3}  ", "bold"), LABELS[code]) for key, code in TALLY_KEYS.items()
        )
        return [
            *sections("practice-trio"),
            ("Tasterne til optællingen", keys),
            *self.scaffold_help(),
        ]

    def palette_commands(self) -> list[Command]:
        p = self.practice
        card = card_text(p.persona) if p.persona else p.persona_name
        return [
            (
                "Vis personakort",
                "Kortet til den, der spiller borgeren",
                lambda: self.app.push_screen(InfoModal("Personakort", [("", plain(card))])),
            ),
            *super().palette_commands(),
        ]
