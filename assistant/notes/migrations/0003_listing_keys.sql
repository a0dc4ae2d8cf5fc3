-- Listing without per-row work: the answer count is kept up to date by append_event,
-- the casefolded text that filters and searches match is stored when a session is
-- created (Python's casefold, so æ/ø/å/ß match as they always have), and the order
-- by real time is a stored key that indexes serve. The key is julianday(), as
-- before, so a UTC offset change (summer time) does not reorder; touched breaks ties.
-- borger_key and search_key hold the pseudonym too: deleting a session removes them.
-- The old indexes on borger, updated_at and status are replaced by ones in that order.
-- casefold() is Python's, registered by notes/sqlite/migrate.py.

ALTER TABLE sessions ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN borger_key TEXT;
ALTER TABLE sessions ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN sort_key REAL;

UPDATE sessions SET
    answered   = (SELECT COUNT(*) FROM events e
                  WHERE e.session_id = sessions.id AND e.kind = 'answer'),
    borger_key = casefold(borger),
    search_key = casefold(COALESCE(borger, '')) || char(31) || casefold(guide_title),
    sort_key   = julianday(updated_at);

DROP INDEX sessions_borger;
DROP INDEX sessions_updated_at;
DROP INDEX sessions_status;
CREATE INDEX sessions_recent ON sessions(sort_key DESC, touched DESC);
CREATE INDEX sessions_borger_recent ON sessions(borger_key, sort_key DESC, touched DESC);
CREATE INDEX sessions_status_recent ON sessions(status, sort_key DESC, touched DESC);
