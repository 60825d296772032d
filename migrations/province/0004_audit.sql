-- The administrative record of the decisions taken on this province's incidents and
-- complaints, each in the same batch as the decision. The same table as the catalog's
-- (migrations/catalog/0006_audit.sql), which records every other change; worker/db/audit.ts
-- reads both. Rows are never updated or deleted.
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   INTEGER,
  action  TEXT NOT NULL,
  unit    TEXT NOT NULL,
  target  TEXT NOT NULL,
  before  TEXT,
  after   TEXT
);
CREATE INDEX audit_log_unit_at ON audit_log (unit, at);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
