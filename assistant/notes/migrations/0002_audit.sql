-- Who opened, exported and deleted which note. It names notes by id and guide title,
-- never by resident, so deleting a resident leaves no trace of them here either.

CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    medarbejder TEXT NOT NULL,
    action      TEXT NOT NULL,
    session_id  TEXT,
    detail      TEXT NOT NULL DEFAULT ''
);
