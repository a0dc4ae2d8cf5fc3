-- Every event carries a key the program made before storing it (a random UUID, as text), the
-- same column as in the PostgreSQL store (notes/postgres/migrations/0003_event_keys.sql),
-- where an event sent again after a dropped connection is recognised by it and never stored
-- twice. Events written before this migration have no key (NULL; never equal).

ALTER TABLE events ADD COLUMN event_key TEXT;
CREATE UNIQUE INDEX events_event_key ON events(event_key);
