"""One-line inputs whose Enter key holds in a burst of keys (a fast typist, a paste over a slow
connection): Enter acts on what was typed before it, and keys after it go where Enter sent them.

Textual hands a key to the focused widget as it arrives, but runs a widget's own key bindings
(Input's Enter) only when the key has come back up to the app: by then the keys typed after
Enter are already in the input. These inputs take Enter as it arrives instead."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class SubmitInput(Input):
    """Enter submits exactly what was typed before it: the submit waits in the input's own
    queue behind those keys, and ahead of the ones after it."""

    BINDINGS = [Binding("enter", "submit_typed", show=False, priority=True)]

    def action_submit_typed(self) -> None:
        self.call_later(self.action_submit)


class NextFieldInput(Input):
    """Enter moves on to the next field, like Tab, as the key arrives: what is typed after it
    lands in the next field."""

    BINDINGS = [Binding("enter", "app.focus_next", show=False, priority=True)]
