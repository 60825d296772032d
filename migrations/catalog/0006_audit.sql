-- The administrative record: who changed what, before and after, and when. Each change is
-- recorded in the same batch as the change itself, in the database that holds it: changes
-- to the catalog (accounts, units, surveys, origins, devices) here, decisions on a
-- province's incidents and complaints in its shard (migrations/province/0004_audit.sql).
-- Rows are never updated or deleted.
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  -- The account that made the change (users.id); null for the command line (npm run admin:create).
  actor   INTEGER,
  -- What was done, e.g. "account.create", "incident.decide" (worker/domain/audit.ts).
  action  TEXT NOT NULL,
  -- The unit the change concerns, for reading the record of a subtree.
  unit    TEXT NOT NULL,
  -- What was changed within the unit: an account's id, a device's, a survey's, a response's.
  target  TEXT NOT NULL,
  -- JSON of the changed fields before and after; null where there was nothing before (or after).
  before  TEXT,
  after   TEXT
);
CREATE INDEX audit_log_unit_at ON audit_log (unit, at);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
