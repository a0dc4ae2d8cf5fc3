"""Answers that are typed: free text, one line (numbers, dates), and rows of an action plan."""

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, TextArea

from ....dialogue.answers import danish_date
from ....dialogue.model import AnswerSpec
from ...text import plain
from ..inputs import NextFieldInput
from .field import AnswerField


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
