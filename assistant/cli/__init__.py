"""The command line: ``samtale`` and its commands.

- ``parser``: the Danish argparse parser (every command and option, help and errors in Danish);
- ``dispatch``: ``main``, which parses, runs one command and turns errors into exit codes;
- one module per command: ``start``, ``resume``, ``notes`` (with ``notes_write`` for export and
  delete, and ``fhir`` for the FHIR export of notes and guides), ``guides``, ``check``,
  ``practice``, ``personas``, ``coach``, ``serve`` (the TUI in a browser, through textual-serve);
- ``common``: what the commands share (the store, the Danish usage error, the audit trail, the
  TUI).

May import every layer below it (``plain``, ``session``, ``practice``, ``roleplay``, ``dialogue``,
``engine``, ``notes``), only inside the functions that need them so that a command starts fast;
Textual only through ``tui``, and only to show the TUI. The command modules import ``common``
and the standard library, never this package's ``__init__``."""

from .dispatch import main

__all__ = ["main"]
