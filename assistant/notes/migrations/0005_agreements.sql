-- Agreements: one row per row of a rækker answer with hvad, hvem and hvornår, derived from
-- the events of the session it is in (session/agreements.py writes them after every event),
-- with the status its aftale_status events gave it. Deleting a session deletes its rows.

CREATE TABLE agreements (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    answer_key TEXT NOT NULL,
    row        INTEGER NOT NULL,
    hvad       TEXT NOT NULL,
    hvem       TEXT NOT NULL DEFAULT '',
    hvem_key   TEXT NOT NULL DEFAULT '',
    hvornaar   TEXT,
    status     TEXT NOT NULL DEFAULT 'åben'
               CHECK (status IN ('åben', 'i_gang', 'udført', 'opgivet')),
    status_at  TEXT,
    status_by  TEXT,
    reason     TEXT,
    PRIMARY KEY (session_id, answer_key, row)
);

-- The overdue and the soon due: still open, by due date.
CREATE INDEX agreements_due ON agreements(status, hvornaar);

-- The follow-up date of the note, and whether its agreements were derived yet (the notes an
-- older version wrote are derived the first time agreements are listed).
ALTER TABLE sessions ADD COLUMN followup TEXT;
ALTER TABLE sessions ADD COLUMN agreements_synced INTEGER NOT NULL DEFAULT 0;
