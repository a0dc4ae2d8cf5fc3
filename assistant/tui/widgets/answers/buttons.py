"""Answers chosen from a row of buttons: a numbered scale, or yes and no."""

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from ....dialogue.model import AnswerSpec
from ...bindings import bindings
from ...text import plain
from .field import NOTHING_CHOSEN, AnswerField


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
            index = buttons.index(focused)
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
