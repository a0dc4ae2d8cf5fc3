"""Widgets used by more than one screen: the answer inputs (``answers/``), the checklist, the
side panel with the wheel, and inputs. They may import ``text``, ``bindings`` and the layers below
the TUI, never a screen."""

from textual.containers import VerticalScroll


class Column(VerticalScroll, can_focus=False):
    """A scrolling column that Tab passes through to the widgets inside it."""
