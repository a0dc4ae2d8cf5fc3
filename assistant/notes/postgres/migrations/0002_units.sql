-- Units ("afdelinger"). Every note, its events, agreements and lease, and every audit line
-- belong to one unit: the value of the setting samtale.unit on the connection that wrote
-- them (the program sets it on connecting: notes/postgres/units.py). Row-level security,
-- forced on the tables' owner too, keeps a connection to its own unit's rows: one unit
-- cannot read, change or delete another's. Superusers and roles with BYPASSRLS are not
-- held by it; the program warns when it connects as one. A connection that has not set
-- samtale.unit sees no rows and can write none. Guide snapshots (the guides' text, no
-- personal data), the schema version and the purge marker are shared by all units.
-- Rows written before this migration belong to the default unit, 'standard'.

ALTER TABLE sessions   ADD COLUMN unit TEXT COLLATE "C" NOT NULL DEFAULT 'standard';
ALTER TABLE events     ADD COLUMN unit TEXT COLLATE "C" NOT NULL DEFAULT 'standard';
ALTER TABLE agreements ADD COLUMN unit TEXT COLLATE "C" NOT NULL DEFAULT 'standard';
ALTER TABLE leases     ADD COLUMN unit TEXT COLLATE "C" NOT NULL DEFAULT 'standard';
ALTER TABLE audit      ADD COLUMN unit TEXT COLLATE "C" NOT NULL DEFAULT 'standard';

ALTER TABLE sessions   ALTER COLUMN unit SET DEFAULT current_setting('samtale.unit', true);
ALTER TABLE events     ALTER COLUMN unit SET DEFAULT current_setting('samtale.unit', true);
ALTER TABLE agreements ALTER COLUMN unit SET DEFAULT current_setting('samtale.unit', true);
ALTER TABLE leases     ALTER COLUMN unit SET DEFAULT current_setting('samtale.unit', true);
ALTER TABLE audit      ALTER COLUMN unit SET DEFAULT current_setting('samtale.unit', true);

ALTER TABLE sessions   ENABLE ROW LEVEL SECURITY;
ALTER TABLE events     ENABLE ROW LEVEL SECURITY;
ALTER TABLE agreements ENABLE ROW LEVEL SECURITY;
ALTER TABLE leases     ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit      ENABLE ROW LEVEL SECURITY;

ALTER TABLE sessions   FORCE ROW LEVEL SECURITY;
ALTER TABLE events     FORCE ROW LEVEL SECURITY;
ALTER TABLE agreements FORCE ROW LEVEL SECURITY;
ALTER TABLE leases     FORCE ROW LEVEL SECURITY;
ALTER TABLE audit      FORCE ROW LEVEL SECURITY;

-- USING without WITH CHECK: the same condition holds for the rows a unit writes.
CREATE POLICY own_unit ON sessions   USING (unit = current_setting('samtale.unit', true));
CREATE POLICY own_unit ON events     USING (unit = current_setting('samtale.unit', true));
CREATE POLICY own_unit ON agreements USING (unit = current_setting('samtale.unit', true));
CREATE POLICY own_unit ON leases     USING (unit = current_setting('samtale.unit', true));
CREATE POLICY own_unit ON audit      USING (unit = current_setting('samtale.unit', true));

-- The lists read one unit's notes, newest first: the unit leads the indexes they use.
DROP INDEX sessions_recent;
DROP INDEX sessions_borger_recent;
DROP INDEX sessions_status_recent;
CREATE INDEX sessions_recent ON sessions(unit, sort_key DESC, touched DESC);
CREATE INDEX sessions_borger_recent ON sessions(unit, borger_key, sort_key DESC, touched DESC);
CREATE INDEX sessions_status_recent ON sessions(unit, status, sort_key DESC, touched DESC);
CREATE INDEX agreements_unit_due ON agreements(unit, status, hvornaar);
DROP INDEX agreements_due;
CREATE INDEX audit_unit ON audit(unit, seq DESC);
