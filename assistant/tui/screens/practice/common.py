"""What the solo and the trio practice share: the guide beside the talk (the scaffold), the
coach's figures as text, and the screen base that owns a running practice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import (
    Static,
)

from ....notes.store import StoreError
from ....practice import Practice
from ....roleplay.coach import (
    BELOW_FAIR,
    FAIR,
    GOOD,
    TOO_FEW,
    Scorecard,
)
from ....roleplay.codes import LABELS, Code
from ....roleplay.persona import (
    LEVELS,
)
from ....session import Outcome, Session, SessionError
from ... import navigation
from ...text import lines, plain, step_help
from ...widgets import Column
from ..modals import ExportModal

Command = tuple[str, str, Callable[[], Any]]


def openness_text(name: str, openness: str) -> Text:
    """``Karen virker tøvende`` and a gauge: lukket · [tøvende] · åben."""
    text = plain(f"{name} virker ", "bold")
    text.append(openness or "?", f"bold {openness_style(openness)}")
    text.append("\n")
    for i, level in enumerate(LEVELS):
        if i:
            text.append(" · ", "dim")
        text.append(
            f"[{level}]" if level == openness else level, "" if level == openness else "dim"
        )
    return text


def openness_style(openness: str) -> str:
    return {"lukket": "red", "tøvende": "yellow", "åben": "green"}.get(openness, "")


def code_labels(codes: list[str] | tuple[Code, ...]) -> str:
    return " + ".join(LABELS.get(Code(c), str(c)) for c in codes) or LABELS[Code.OTHER]


LEVEL_STYLES = {GOOD: "green", FAIR: "yellow", BELOW_FAIR: "red", TOO_FEW: "dim"}


def live_text(card: Scorecard) -> Text:
    """The coach's key figures as they stand: R:Q, open questions, complex reflections, and the
    MI-non-adherent count; a figure with too few utterances behind it says so."""
    text = Text()
    for metric in card.metrics:
        if text:
            text.append("\n")
        text.append(metric.label, "bold")
        text.append(f"\n  {metric.formatted()} – ")
        text.append(metric.level, LEVEL_STYLES.get(metric.level, ""))
        if metric.level == TOO_FEW:
            text.append(f"\n  kræver {metric.minimum_text()}", "dim")
    text.append("\nRåd uden lov og konfrontation: ", "bold")
    text.append(str(card.non_adherent), "bold red" if card.non_adherent else "")
    return text


def counts_text(counts: dict[Code, int]) -> Text:
    """One line per behaviour code heard so far, with its count."""
    seen = [code for code in Code if counts.get(code)]
    if not seen:
        return plain("Ingen ytringer endnu.", "dim")
    return Text("\n").join(
        Text.assemble((f"{counts[code]:>3}  ", "bold"), LABELS[code]) for code in seen
    )


class Scaffold(Column):
    """The guide's current step as support: where, what to ask, how, and tips."""

    def compose(self) -> ComposeResult:
        yield Static(id="scaffold-where")
        yield Static(id="scaffold-question")
        yield Static("Sådan kan du spørge", classes="panel-heading", id="scaffold-examples-head")
        yield Static(id="scaffold-examples")
        yield Static("Gode råd", classes="panel-heading", id="scaffold-tips-head")
        yield Static(id="scaffold-tips")
        yield Static(id="scaffold-themes", classes="hint")
        yield Static("F2 forrige trin  ·  F3 næste trin", classes="hint scaffold-keys")

    def show(self, session: Session) -> None:
        step = session.step
        where = self.query_one("#scaffold-where", Static)
        question = self.query_one("#scaffold-question", Static)
        themes = self.query_one("#scaffold-themes", Static)
        if step is None:
            where.update(plain("Guiden er gennemgået", "bold"))
            question.update(plain("Afslut øvelsen for at få din feedback (F10)."))
            for part in ("examples", "tips"):
                self.query_one(f"#scaffold-{part}").display = False
                self.query_one(f"#scaffold-{part}-head").display = False
            themes.display = False
            return
        section = session.guide.section(step.section).title
        where.update(Text.assemble((section, "bold"), f"  ·  {step.title}"))
        question.update(plain(session.render(step.ask)))
        for part, items, bullet in (
            ("examples", step.examples, "»"),
            ("tips", step.tips, "•"),
        ):
            self.query_one(f"#scaffold-{part}", Static).update(
                lines([session.render(item) for item in items], bullet)
            )
            self.query_one(f"#scaffold-{part}").display = bool(items)
            self.query_one(f"#scaffold-{part}-head").display = bool(items)
        left = []
        if step.is_hub:
            left = [c.label for c in session.hub_choices()[:-1] if "✓" not in c.label]
        themes.update(plain("Temaer tilbage: " + ", ".join(left) + " (F3 tager det første)"))
        themes.display = bool(left)
        self.scroll_home(animate=False)


# --- shared by the solo and the trio screen -----------------------------------------------------
class PracticeBase(Screen[None]):
    """Owns the practice while it runs: scaffold steps, pause, finish, export."""

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self.owns_practice = True
        self.title = "Trioøvelse" if practice.trio else "Øvelse"
        self.sub_title = f"{practice.persona_name} · {practice.session.guide.title}"

    @property
    def session(self) -> Session:
        return self.practice.session

    def on_mount(self) -> None:
        try:
            self.session.resume()
        except (SessionError, StoreError) as e:
            self.notify(str(e), markup=False, severity="error")
        if self.practice.persona_changed:
            self.notify(
                "Personaen er ændret, siden øvelsen begyndte. Det, der er sagt, er gemt som det "
                "var; de næste svar følger den nye udgave.",
                markup=False,
                severity="warning",
                timeout=12,
            )
        self.query_one(Scaffold).show(self.session)
        self.mounted()

    def mounted(self) -> None:
        """What the solo or trio screen shows once mounted."""

    def on_unmount(self) -> None:
        self.before_leaving()
        if self.owns_practice:
            self.practice.close()

    def before_leaving(self) -> None:
        """Store what is typed but not yet saved (the trio's feedback)."""

    def pause_for_quit(self) -> None:
        """The app is closing: keep everything and leave the practice paused."""
        self.before_leaving()
        if self.session.status == "in_progress":
            try:
                self.session.pause()
            except (SessionError, StoreError):
                pass

    def _step(self, action: Callable[[], Outcome]) -> None:
        try:
            outcome = action()
        except (SessionError, StoreError) as e:
            outcome = Outcome(False, str(e))
        if not outcome.ok:
            self.notify(outcome.message, markup=False, severity="warning")
        self.query_one(Scaffold).show(self.session)

    def action_next_step(self) -> None:
        self._step(self.practice.next_step)

    def action_previous_step(self) -> None:
        self._step(self.practice.previous_step)

    def action_pause(self) -> None:
        self.before_leaving()
        what = f"Øvelsen med {self.practice.persona_name}"
        self.app.pause_and_go_home(self.session, what)  # type: ignore[attr-defined]

    def action_finish(self) -> None:
        self.before_leaving()
        try:
            message = self.practice.finish()
        except (SessionError, StoreError) as e:
            message = str(e)
        if not self.practice.finished:
            self.notify(message, markup=False, severity="error")
            return
        self.notify(message, title="Øvelsen er slut", markup=False, timeout=10)
        self.owns_practice = False
        navigation.go(self, navigation.Scorecard(self.practice))

    def export(self) -> None:
        self.before_leaving()

        def done(path: Any) -> None:
            if path is not None:
                self.notify(f"Øvelsen er eksporteret til {path}", markup=False, timeout=10)

        self.app.push_screen(ExportModal(self.practice.note, self.session.id), done)

    def scaffold_help(self) -> list[tuple[str, Text]]:
        return step_help(self.session, "Guiden: spørgsmålet nu")

    def palette_commands(self) -> list[Command]:
        return [
            (
                "Eksportér øvelsen",
                "Gem øvelsen, som den er nu, som Markdown eller JSON",
                self.export,
            )
        ]
