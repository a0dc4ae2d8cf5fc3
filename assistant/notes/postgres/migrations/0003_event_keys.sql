-- Every event carries a key the program made before sending it (a random UUID). When the
-- connection drops while an event is being stored, the program sends it again on a new
-- connection; if the lost reply was to a COMMIT that reached the server, the event is
-- already there, and the unique index recognises the second copy, so an event is never
-- stored twice. Events written before this migration have no key (NULL; never equal).
-- The SQLite store has the same column (notes/migrations/0006_event_keys.sql).

ALTER TABLE events ADD COLUMN event_key UUID;
CREATE UNIQUE INDEX events_event_key ON events(event_key);
