-- How many CPR-like numbers were masked in a note (its pseudonym, initials and events),
-- so that lists and the note itself can say so; unknown (0) for older notes.
ALTER TABLE sessions ADD COLUMN masked INTEGER NOT NULL DEFAULT 0;

-- Older versions caught only ddmmyy-xxxx: mask (and count) what they let through.
-- cpr_count, cpr_mask, cpr_count_json and cpr_mask_json are the Python masking of
-- notes/cpr.py, registered by notes/sqlite/migrate.py.
UPDATE sessions SET masked =
    cpr_count(borger) + cpr_count(medarbejder)
    + (SELECT COALESCE(SUM(cpr_count_json(e.data)), 0) FROM events e
       WHERE e.session_id = sessions.id);
UPDATE sessions SET borger = cpr_mask(borger), medarbejder = cpr_mask(medarbejder)
WHERE cpr_count(borger) + cpr_count(medarbejder) > 0;
UPDATE events SET data = cpr_mask_json(data) WHERE cpr_count_json(data) > 0;
UPDATE audit SET medarbejder = cpr_mask(medarbejder), detail = cpr_mask(detail)
WHERE cpr_count(medarbejder) + cpr_count(detail) > 0;

-- A pseudonym is one name however it is typed (see notes/names.py): stored in NFC,
-- trimmed and collapsed, matched by a casefolded key of that (pseudonym() and name_key()
-- are Python's, registered on the connection).
UPDATE sessions SET
    borger     = pseudonym(borger),
    borger_key = name_key(borger),
    search_key = COALESCE(name_key(borger), '') || char(31) || name_key(guide_title);

-- Set in the transaction that deletes notes, cleared when their bytes are gone from
-- the file and the log: a deletion whose purge was stopped is finished by deleting again.
CREATE TABLE pending_purge (id INTEGER PRIMARY KEY CHECK (id = 1), since TEXT NOT NULL);
