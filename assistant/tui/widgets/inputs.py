"""An input for action-plan cells: Enter moves on to the next field, as Tab does."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class NextFieldInput(Input):
    """Enter moves on to the next field as a binding of its own, like Tab: not through
    ``Input.Submitted``, which would get there after the keys typed next (see ``tui.keys``)."""

    BINDINGS = [Binding("enter", "app.focus_next", show=False, priority=True)]
