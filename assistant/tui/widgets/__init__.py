"""Widgets used by more than one screen."""

from textual.containers import VerticalScroll


class Column(VerticalScroll, can_focus=False):
    """A scrolling column that Tab passes through to the widgets inside it."""
