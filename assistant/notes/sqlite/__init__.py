"""The SQLite notes store, the first implementation of ``notes.interface.NoteStore``.

``store`` puts it together (``SqliteStore``); ``connection`` opens the file (directory and file
modes, settings, write transactions), ``migrate`` applies ``notes/migrations/*.sql``, ``events``
writes and reads sessions, ``queries`` lists, searches and counts, ``audit`` keeps the audit
trail, ``erasure`` deletes for good and ``lease`` keeps one writer per conversation.

Modules here import the rest of ``assistant.notes`` (records, errors, names, CPR masking,
the lease protocol) and the standard library, nothing above ``notes``.
"""
