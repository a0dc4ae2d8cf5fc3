"""An input for action-plan cells: Enter moves on to the next field, as Tab does."""

from __future__ import annotations

from textual.widgets import Input

from ..bindings import bindings


class NextFieldInput(Input):
    """Enter moves on to the next field as a binding of its own, like Tab: not through
    ``Input.Submitted``, which would get there after the keys typed next (see ``tui.keys``)."""

    BINDINGS = bindings("next-field")
