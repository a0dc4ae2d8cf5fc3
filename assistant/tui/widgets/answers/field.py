"""The base of every answer input, and what the inputs share."""

from typing import Any

from textual.containers import Vertical
from textual.message import Message

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
