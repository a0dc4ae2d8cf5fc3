-- The notes schema on PostgreSQL: the same tables, columns and meaning as SQLite's
-- notes/migrations/0001-0005 together, plus the lease table and the purge marker.
-- Text that is compared or ordered is COLLATE "C" (byte order), as SQLite compares.
-- sort_key is the updated time in seconds since the epoch (SQLite keeps julianday():
-- the same order); touched, the tie-breaker, comes from a sequence.

CREATE TABLE guides (
    hash     TEXT PRIMARY KEY,
    guide_id TEXT NOT NULL,
    version  TEXT NOT NULL,
    content  TEXT NOT NULL,
    saved_at TEXT NOT NULL
);

CREATE SEQUENCE sessions_touched;

CREATE TABLE sessions (
    id                TEXT COLLATE "C" PRIMARY KEY,
    guide_id          TEXT NOT NULL,
    guide_version     TEXT NOT NULL,
    guide_hash        TEXT NOT NULL REFERENCES guides(hash),
    guide_title       TEXT NOT NULL,
    mode              TEXT NOT NULL,
    borger            TEXT,
    medarbejder       TEXT,
    status            TEXT NOT NULL
                      CHECK (status IN ('in_progress', 'completed', 'abandoned')),
    started_at        TEXT COLLATE "C" NOT NULL,
    updated_at        TEXT NOT NULL,
    touched           BIGINT NOT NULL DEFAULT nextval('sessions_touched'),
    answered          INTEGER NOT NULL DEFAULT 0,
    borger_key        TEXT COLLATE "C",
    search_key        TEXT COLLATE "C" NOT NULL DEFAULT '',
    sort_key          DOUBLE PRECISION,
    masked            INTEGER NOT NULL DEFAULT 0,
    followup          TEXT,
    agreements_synced INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE events (
    session_id TEXT COLLATE "C" NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL CHECK (data::jsonb IS NOT NULL),
    at         TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);

CREATE INDEX sessions_touched_idx ON sessions(touched);
CREATE INDEX sessions_recent ON sessions(sort_key DESC, touched DESC);
CREATE INDEX sessions_borger_recent ON sessions(borger_key, sort_key DESC, touched DESC);
CREATE INDEX sessions_status_recent ON sessions(status, sort_key DESC, touched DESC);

-- Who opened, exported and deleted which note: by id and guide title, never by resident.
CREATE TABLE audit (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          TEXT NOT NULL,
    medarbejder TEXT NOT NULL,
    action      TEXT NOT NULL,
    session_id  TEXT,
    detail      TEXT NOT NULL DEFAULT ''
);

-- Set in the transaction that deletes notes, cleared once the tables are vacuumed.
CREATE TABLE pending_purge (id INTEGER PRIMARY KEY CHECK (id = 1), since TEXT NOT NULL);

-- Agreements, derived from the events of their session (see notes/agreements.py).
CREATE TABLE agreements (
    session_id TEXT COLLATE "C" NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    answer_key TEXT COLLATE "C" NOT NULL,
    row      INTEGER NOT NULL,
    hvad       TEXT NOT NULL,
    hvem       TEXT NOT NULL DEFAULT '',
    hvem_key   TEXT COLLATE "C" NOT NULL DEFAULT '',
    hvornaar   TEXT COLLATE "C",
    status     TEXT NOT NULL DEFAULT 'åben'
               CHECK (status IN ('åben', 'i_gang', 'udført', 'opgivet')),
    status_at  TEXT COLLATE "C",
    status_by  TEXT,
    reason     TEXT,
    PRIMARY KEY (session_id, answer_key, row)
);
CREATE INDEX agreements_due ON agreements(status, hvornaar);

-- One writer per conversation (notes/lease.py), across machines: who holds it (the holder
-- id, its host and process) and when it was taken and last renewed (server time, seconds
-- since the epoch). Rows go with their session; they name hosts, never residents.
CREATE TABLE leases (
    session_id TEXT COLLATE "C" PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    holder     TEXT NOT NULL,
    host       TEXT NOT NULL,
    pid        INTEGER,
    taken_at   DOUBLE PRECISION NOT NULL,
    renewed_at DOUBLE PRECISION NOT NULL
);
