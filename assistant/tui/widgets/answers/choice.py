"""Answers chosen from a list: one choice (with "andet" typed), or several."""

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, OptionList, SelectionList
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from ....dialogue.model import AnswerSpec, Choice
from ...text import plain
from .field import NOTHING_CHOSEN, OTHER_PREFIX, AnswerField


class ChoiceField(AnswerField):
    """One choice from a list: arrow keys and Enter, or a click, answers at once."""

    hint = "Vælg med piletasterne og tryk Enter, eller klik på svaret."
    nothing_chosen = NOTHING_CHOSEN

    DEFAULT_CSS = """
    .answer-choices { height: auto; max-height: 14; }
    """

    def __init__(
        self, choices: tuple[Choice, ...] | list[Choice], value: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.choices = tuple(choices)
        self._value = value
        # The first option is highlighted to start from, not chosen: the save key takes only a
        # stored answer, or a highlight the staff member moved.
        self._moved = value in [c.value for c in self.choices]

    def compose(self) -> ComposeResult:
        yield OptionList(
            *(Option(plain(c.label), id=f"valg-{i}") for i, c in enumerate(self.choices)),
            classes="answer-choices",
        )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [c.value for c in self.choices]
        options.highlighted = values.index(self._value) if self._value in values else 0

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != 0:
            self._moved = True

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Submitted(self.choices[event.option_index].value))

    def raw(self) -> Any:
        index = self.query_one(OptionList).highlighted
        return "" if index is None or not self._moved else self.choices[index].value


class MultiChoiceField(AnswerField):
    """Several choices: Space ticks, the save key answers; optionally a free "andet"."""

    hint = "Sæt flueben med mellemrum eller et klik. Tryk Ctrl+S, når alle, der passer, er valgt."
    nothing_chosen = "Vælg mindst ét svar først: sæt flueben med mellemrum eller et klik."

    DEFAULT_CSS = """
    .answer-multi { height: auto; max-height: 14; }
    .answer-other { height: auto; }
    .answer-other Label { padding: 1 1 0 0; }
    .answer-other Input { width: 1fr; }
    """

    def __init__(self, spec: AnswerSpec, value: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        chosen = [str(v) for v in value] if isinstance(value, list) else []
        self._chosen = [v for v in chosen if not v.casefold().startswith(OTHER_PREFIX)]
        others = [v for v in chosen if v.casefold().startswith(OTHER_PREFIX)]
        self._other = "; ".join(v[len(OTHER_PREFIX) :].strip() for v in others)

    def compose(self) -> ComposeResult:
        yield SelectionList[str](
            *(
                Selection(plain(c.label), c.value, c.value in self._chosen)
                for c in self.spec.choices
            ),
            classes="answer-multi",
        )
        if self.spec.other:
            with Horizontal(classes="answer-other"):
                yield Label("Andet:", classes="field-label")
                yield Input(
                    self._other, placeholder="Skriv noget andet (valgfrit)", id="answer-other"
                )

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self.raw(event.value)))

    def raw(self, other: str | None = None) -> Any:
        """The ticked choices and "andet" (``other``: as Enter found it, else as it is now)."""
        order = [c.value for c in self.spec.choices]
        picked = sorted(self.query_one(SelectionList).selected, key=order.index)
        if self.spec.other:
            if other is None:
                other = self.query_one("#answer-other", Input).value
            other = other.strip()
            if other:
                picked.append(f"{OTHER_PREFIX} {other}")
        return picked or ""

    def typed(self) -> bool:
        ticked = set(self.query_one(SelectionList).selected) != set(self._chosen)
        other = self.query("#answer-other").results(Input)
        return ticked or any(i.value.strip() != self._other for i in other)
