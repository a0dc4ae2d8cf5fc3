"""Notes: what a conversation leaves behind, and where it is kept.

The note itself (``model``) and its Markdown and JSON (``export``, ``files``); masking CPR-like
numbers (``cpr``) and pseudonyms (``names``); the notes store: its interface (``interface``:
``NoteStore`` and ``ListFilter``), its records and errors, the SQLite implementation in
``sqlite/`` with its schema in ``migrations/*.sql``, and ``store``, which exports the store
the program opens; one writer per conversation (``lease``, ``holding``).

Modules here import the standard library and each other, never ``dialogue``, ``engine`` or
anything above (``session``, the front ends). Importing this package imports nothing else.
"""
