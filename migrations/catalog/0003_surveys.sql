-- Surveys and the settings a unit and its subtree share: national and small, in the catalog.

-- Survey definitions, versioned: a published version never changes, a change is a new
-- version. The definition is JSON validated by worker/domain/survey.ts.
CREATE TABLE surveys (
  id           TEXT NOT NULL,
  version      INTEGER NOT NULL CHECK (version >= 1),
  owner        TEXT NOT NULL REFERENCES units (code),
  definition   TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE TRIGGER surveys_immutable BEFORE UPDATE ON surveys
BEGIN
  SELECT RAISE(ABORT, 'published survey versions are immutable');
END;

-- Per-unit settings, each inherited by the subtree from the nearest ancestor that sets it.
CREATE TABLE unit_settings (
  unit               TEXT PRIMARY KEY REFERENCES units (code),
  survey             TEXT,
  turnstile_site_key TEXT
);

-- Web origins allowed to embed the widget for a unit and its subtree.
CREATE TABLE allowed_origins (
  unit   TEXT NOT NULL REFERENCES units (code),
  origin TEXT NOT NULL,
  PRIMARY KEY (unit, origin)
) WITHOUT ROWID;
