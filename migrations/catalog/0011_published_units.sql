-- Units whose results a manager has published to citizens at /cong-khai/<code>. A row is a
-- publication; unpublishing deletes it (the audit log keeps the history, unit.publish).
CREATE TABLE published_units (
  unit         TEXT PRIMARY KEY REFERENCES units (code),
  published_at TEXT NOT NULL,
  -- The account that published; null for the command line.
  published_by INTEGER REFERENCES users (id)
) WITHOUT ROWID;

-- An official's figures are for their unit's managers only: never published.
CREATE TRIGGER published_units_no_official BEFORE INSERT ON published_units
WHEN (SELECT kind FROM units WHERE code = NEW.unit) = 'official'
BEGIN
  SELECT RAISE(ABORT, 'an official''s results are never published');
END;
