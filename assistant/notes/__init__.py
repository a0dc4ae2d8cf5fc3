"""Notes: what a conversation leaves behind, and where it is kept.

The note itself (``model``) and its Markdown and JSON (``export``, ``files``) and FHIR (``fhir/``:
the guide as a Questionnaire, the note as a QuestionnaireResponse); masking CPR-like
numbers (``cpr``) and pseudonyms (``names``); the notes store: its interface (``interface``:
``NoteStore`` and ``ListFilter``), its records and errors, the SQLite implementation in
``sqlite/`` with its schema in ``migrations/*.sql``, and ``store``, which exports the store
the program opens; one writer per conversation (``lease``, ``holding``); moving a SQLite store
into PostgreSQL (``move``, with what it copies in ``copied``).

Modules here import the standard library and each other, never ``engine`` or anything above
(``session``, the front ends); of ``dialogue``, the neighbour on the same layer that never
imports notes, only the exports read the guide model (``export`` its dates, ``fhir`` the whole
guide). Importing this package imports nothing else.
"""
