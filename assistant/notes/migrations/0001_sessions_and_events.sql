-- Guide snapshots, sessions (runs of a guide) and their append-only events.

CREATE TABLE guides (
    hash     TEXT PRIMARY KEY,
    guide_id TEXT NOT NULL,
    version  TEXT NOT NULL,
    content  TEXT NOT NULL,
    saved_at TEXT NOT NULL
);

CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,
    guide_id      TEXT NOT NULL,
    guide_version TEXT NOT NULL,
    guide_hash    TEXT NOT NULL REFERENCES guides(hash),
    guide_title   TEXT NOT NULL,
    mode          TEXT NOT NULL,
    borger        TEXT,
    medarbejder   TEXT,
    status        TEXT NOT NULL
                  CHECK (status IN ('in_progress', 'completed', 'abandoned')),
    started_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    touched       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE events (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    data       TEXT NOT NULL CHECK (json_valid(data)),
    at         TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);

CREATE INDEX sessions_borger ON sessions(borger);
CREATE INDEX sessions_updated_at ON sessions(updated_at);
CREATE INDEX sessions_status ON sessions(status);
CREATE INDEX sessions_touched ON sessions(touched);
