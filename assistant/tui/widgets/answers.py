"""One input widget per answer type; each posts ``AnswerField.Submitted`` with a raw value.

The raw value is what ``Session.answer`` and ``Session.correct`` accept: text, a choice value,
a list of values, a bool, or a list of row dicts. Nothing chosen is ``""`` so that the session
layer gives its usual Danish message.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, SelectionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from ...dialogue.answers import danish_date, input_hint
from ...dialogue.model import AnswerSpec, Choice
from ..bindings import bindings
from ..text import plain
from .inputs import NextFieldInput

OTHER_PREFIX = "andet:"
MAX_SCALE_BUTTONS = 11
NOTHING_CHOSEN = "Vælg et svar først: klik på det, eller gå til det med piletasterne og tryk Enter."


class AnswerField(Vertical):
    """Base class: an input for one answer; ``hint`` tells how to use it."""

    hint = "Skriv svaret og tryk Enter."
    # What to say when the answer is saved with nothing chosen ("" from raw()); "" lets the
    # session say it (an empty note, say).
    nothing_chosen = ""

    DEFAULT_CSS = """
    AnswerField { height: auto; }
    """

    class Submitted(Message):
        """The staff member chose or confirmed an answer."""

        def __init__(self, raw: Any) -> None:
            super().__init__()
            self.raw = raw

    def raw(self) -> Any:
        """The answer as it stands now (for a "Gem svar" button or key)."""
        return ""

    def typed(self) -> bool:
        """Whether something was typed or ticked here that is not saved yet."""
        return False

    def focus_first(self) -> None:
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return

    def submit(self) -> None:
        self.post_message(self.Submitted(self.raw()))


class TextField(AnswerField):
    """A free note: several lines; submitted with the save key or button."""

    hint = "Skriv din note. Tryk Ctrl+S eller 'Gem svar', når noten er skrevet."

    DEFAULT_CSS = """
    TextField TextArea { height: 8; }
    """

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._value = value or ""

    def compose(self) -> ComposeResult:
        yield TextArea(
            self._value,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            id="answer-text",
        )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)

    def raw(self) -> Any:
        return self.query_one(TextArea).text

    def typed(self) -> bool:
        return self.raw() != self._value


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


class ButtonRowField(AnswerField):
    """A row of answer buttons; the left and right arrow keys move between them."""

    BINDINGS = bindings("button-row")
    nothing_chosen = NOTHING_CHOSEN
    _given: Button | None = None  # the button focused to start from: not a choice

    def focus_given(self, button: Button, chosen: bool) -> None:
        """Focus ``button``; unless it holds the stored answer (``chosen``), the save key
        does not take it until the staff member moves to an answer."""
        self._given = None if chosen else button
        button.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget is not self._given:
            self._given = None

    def focused_answer(self, css_class: str) -> Button | None:
        """The answer button the staff member went to, if any."""
        focused = self.screen.focused
        if isinstance(focused, Button) and focused.has_class(css_class):
            return None if focused is self._given else focused
        return None

    def action_move(self, delta: int) -> None:
        buttons = list(self.query(Button))
        focused = self.screen.focused
        if focused in buttons:
            index = buttons.index(focused)  # type: ignore[arg-type]
            buttons[max(0, min(len(buttons) - 1, index + delta))].focus()


class ScaleField(ButtonRowField):
    """A numeric scale as a row of numbered buttons; pressing one answers."""

    hint = "Klik på et tal, eller gå til det med piletasterne og tryk Enter."

    # A grid as wide as fits (_fit): a 1fr row hid 1-10 below ~110 columns; a 0-wide cell crashes
    DEFAULT_CSS = """
    .scale-row { layout: grid; grid-gutter: 0 1; grid-rows: 3; grid-columns: 5; height: auto; }
    .scale-button { width: 100%; min-width: 3; padding: 0; }
    .scale-labels { color: $text-muted; height: auto; }
    """

    def __init__(self, spec: AnswerSpec, value: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        self._value = value if isinstance(value, int) else None

    def compose(self) -> ComposeResult:
        assert self.spec.scale_min is not None and self.spec.scale_max is not None
        with Horizontal(classes="scale-row"):
            for number in range(self.spec.scale_min, self.spec.scale_max + 1):
                yield Button(
                    str(number),
                    id=f"skala-{number}",
                    variant="primary" if number == self._value else "default",
                    classes="scale-button",
                )
        labels = self.spec.scale_labels
        if labels:
            yield Static(
                plain("   ".join(f"{n} = {labels[n]}" for n in sorted(labels))),
                classes="scale-labels",
            )

    def on_mount(self) -> None:
        if self._value is not None:
            self.query_one(f"#skala-{self._value}", Button).focus()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        """As many buttons to a row as fit ``width`` (label + 2, gap 1), widened to fill it."""
        assert self.spec.scale_min is not None and self.spec.scale_max is not None
        count = self.spec.scale_max - self.spec.scale_min + 1
        cell = max(len(str(self.spec.scale_min)), len(str(self.spec.scale_max))) + 2
        columns = max(1, min(count, (width + 1) // (cell + 1)))
        row = self.query_one(".scale-row")
        row.styles.grid_size_columns = columns
        row.styles.grid_columns = str(max(cell, (width + 1) // columns - 1))

    @on(Button.Pressed, ".scale-button")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Submitted(str(event.button.label)))

    def focus_first(self) -> None:
        if self._value is not None:
            self.query_one(f"#skala-{self._value}", Button).focus()
        else:
            self.focus_given(self.query(Button).first(), chosen=False)

    def raw(self) -> Any:
        focused = self.focused_answer("scale-button")
        if focused is not None:
            return str(focused.label)
        return "" if self._value is None else str(self._value)


class YesNoField(ButtonRowField):
    """Two large buttons, Ja and Nej; pressing one answers."""

    hint = "Klik på Ja eller Nej, eller gå til svaret med piletasterne og tryk Enter."

    DEFAULT_CSS = """
    .yes-no-row { height: auto; }
    .yes-no { min-width: 14; margin: 0 2 0 0; }
    """

    def __init__(self, value: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._value = value if isinstance(value, bool) else None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="yes-no-row"):
            yield Button(
                "Ja",
                id="svar-ja",
                classes="yes-no",
                variant="primary" if self._value is True else "default",
            )
            yield Button(
                "Nej",
                id="svar-nej",
                classes="yes-no",
                variant="primary" if self._value is False else "default",
            )

    @on(Button.Pressed, ".yes-no")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Submitted(event.button.id == "svar-ja"))

    def focus_first(self) -> None:
        button = self.query_one("#svar-nej" if self._value is False else "#svar-ja", Button)
        self.focus_given(button, chosen=self._value is not None)

    def raw(self) -> Any:
        focused = self.focused_answer("yes-no")
        if focused is not None:
            return focused.id == "svar-ja"
        return "" if self._value is None else self._value


class LineField(AnswerField):
    """One line of text (a date, or a scale too long for buttons); Enter answers."""

    def __init__(
        self, value: str = "", placeholder: str = "", hint: str = "", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        if hint:
            self.hint = hint + " Tryk Enter for at gemme."
        self._value = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(self._value, placeholder=self._placeholder, id="answer-line")

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))  # as Enter found it, not keys after it

    def raw(self) -> Any:
        return self.query_one(Input).value

    def typed(self) -> bool:
        return self.raw() != self._value


class RowsField(AnswerField):
    """Repeatable rows (e.g. Hvad / Hvem / Hvornår): one Input per field, "Tilføj række"."""

    hint = (
        "Skriv én række ad gangen. Tab eller Enter går til næste felt. 'Tilføj række' giver "
        "en ny række. Tryk Ctrl+S, når alt er skrevet."
    )

    DEFAULT_CSS = """
    .rows-header, .answer-row, #rows { height: auto; }
    .rows-heading, .row-cell { width: 1fr; }
    .rows-heading { text-style: bold; padding: 0 1; }
    #add-row { margin: 1 0 0 0; }
    """

    def __init__(self, spec: AnswerSpec, value: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec
        rows = value if isinstance(value, list) else []
        self._rows = [
            {
                f.key: (
                    danish_date(str(r.get(f.key, "")))
                    if f.type == "dato" and r.get(f.key)
                    else str(r.get(f.key, ""))
                )
                for f in spec.fields
            }
            for r in rows
            if isinstance(r, dict)
        ] or [{}]
        self._count = 0

    def compose(self) -> ComposeResult:
        with Horizontal(classes="rows-header"):
            for f in self.spec.fields:
                yield Label(
                    plain(f.label + (" *" if f.required else "")),
                    classes="rows-heading",
                    markup=False,
                )
        with Vertical(id="rows"):
            for row in self._rows:
                yield self._row(row)
        yield Button("Tilføj række", id="add-row")

    def _row(self, row: dict[str, str]) -> Horizontal:
        self._count += 1
        return Horizontal(
            *(
                NextFieldInput(
                    row.get(f.key, ""),
                    classes="row-cell",
                    placeholder="fx 24-12-2026" if f.type == "dato" else f.label,
                    name=f.key,
                )
                for f in self.spec.fields
            ),
            classes="answer-row",
            id=f"row-{self._count}",
        )

    @on(Button.Pressed, "#add-row")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        await self.add_row()

    async def add_row(self) -> None:
        row = self._row({})
        await self.query_one("#rows").mount(row)
        row.query(Input).first().focus()

    def raw(self) -> Any:
        rows = []
        for line in self.query(".answer-row"):
            row = {str(i.name): i.value for i in line.query(Input)}
            if any(v.strip() for v in row.values()):
                rows.append(row)
        return rows or ""

    def typed(self) -> bool:
        given = [
            {f.key: r.get(f.key, "") for f in self.spec.fields}
            for r in self._rows
            if any(v.strip() for v in r.values())
        ]
        return self.raw() != (given or "")


def answer_field(spec: AnswerSpec, value: Any = None) -> AnswerField:
    """The input that fits the answer type, prefilled with ``value`` (a stored value)."""
    kind = spec.type
    if kind == "tekst":
        return TextField(None if value is None else str(value))
    if kind == "valg" or (kind == "skala" and not spec.numeric_scale):
        return ChoiceField(spec.choices, value)
    if kind == "flervalg":
        return MultiChoiceField(spec, value)
    if kind == "skala":
        assert spec.scale_min is not None and spec.scale_max is not None
        if spec.scale_max - spec.scale_min + 1 <= MAX_SCALE_BUTTONS and spec.scale_min >= 0:
            return ScaleField(spec, value)
        return LineField(
            "" if value is None else str(value),
            f"Et tal fra {spec.scale_min} til {spec.scale_max}",
            input_hint(spec),
        )
    if kind == "ja_nej":
        return YesNoField(value)
    if kind == "dato":
        return LineField(
            danish_date(value) if value else "",
            "fx 24-12-2026, i morgen eller om 2 uger",
            input_hint(spec),
        )
    if kind == "rækker":
        return RowsField(spec, value)
    return LineField("" if value is None else str(value), hint=input_hint(spec))
