-- Hài Lòng core schema: the unit registry, versioned surveys, answers and their rollups.

-- The administrative tree: the country, 34 provinces, 3,321 communes (official statistics
-- codes), and below a commune the desks and officials that admins add. A unit is never
-- deleted: a merger closes it (valid_to) so answers keep pointing at what existed then.
CREATE TABLE units (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('country', 'province', 'xa', 'phuong', 'dac_khu', 'desk', 'official')),
  parent     TEXT REFERENCES units (code),
  valid_from TEXT NOT NULL DEFAULT '2025-07-01',
  valid_to   TEXT,
  CHECK ((kind = 'country') = (parent IS NULL))
);
CREATE INDEX units_parent ON units (parent);

-- Closure of the tree: one row per (unit, ancestor) pair, the unit itself included at
-- distance 0. Rollups fan out through it and scope checks are one indexed lookup.
CREATE TABLE unit_ancestors (
  unit     TEXT NOT NULL REFERENCES units (code),
  ancestor TEXT NOT NULL REFERENCES units (code),
  distance INTEGER NOT NULL,
  PRIMARY KEY (unit, ancestor)
) WITHOUT ROWID;
CREATE INDEX unit_ancestors_ancestor ON unit_ancestors (ancestor, distance);

-- Keeps the closure true for every unit added later (desks, officials, merged units).
CREATE TRIGGER units_closure AFTER INSERT ON units
BEGIN
  INSERT INTO unit_ancestors (unit, ancestor, distance) VALUES (NEW.code, NEW.code, 0);
  INSERT INTO unit_ancestors (unit, ancestor, distance)
    SELECT NEW.code, ancestor, distance + 1 FROM unit_ancestors WHERE unit = NEW.parent;
END;

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

-- One row per answer set, keyed by the id the client chose (the idempotency key). Answers
-- are a JSON object of item id → level: 1..3 for the overall question, 1..5 for statements.
CREATE TABLE responses (
  id          TEXT PRIMARY KEY,
  body_hash   TEXT NOT NULL,
  unit        TEXT NOT NULL REFERENCES units (code),
  official    TEXT REFERENCES units (code),
  survey      TEXT NOT NULL,
  version     INTEGER NOT NULL,
  answers     TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
  received_at TEXT NOT NULL,
  day         TEXT NOT NULL,
  channel     TEXT NOT NULL CHECK (channel IN ('web', 'kiosk', 'qr')),
  lang        TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
  case_code   TEXT,
  reason      TEXT,
  comment     TEXT,
  client_hash TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('accepted', 'quarantined')),
  FOREIGN KEY (survey, version) REFERENCES surveys (id, version)
);
CREATE INDEX responses_unit_day ON responses (unit, day);
-- One rating per case: a case code counts once per unit.
CREATE UNIQUE INDEX responses_case ON responses (unit, case_code)
  WHERE case_code IS NOT NULL AND status = 'accepted';

-- The read model: per unit (every ancestor of the answering unit too), Viet Nam day and
-- item, the count per level with the sum and sum of squares of levels.
CREATE TABLE rollups (
  unit  TEXT NOT NULL,
  item  TEXT NOT NULL,
  day   TEXT NOT NULL,
  n     INTEGER NOT NULL,
  c1    INTEGER NOT NULL,
  c2    INTEGER NOT NULL,
  c3    INTEGER NOT NULL,
  c4    INTEGER NOT NULL,
  c5    INTEGER NOT NULL,
  sum   INTEGER NOT NULL,
  sumsq INTEGER NOT NULL,
  PRIMARY KEY (unit, item, day)
) WITHOUT ROWID;

-- Every accepted response adds to the rollups of its unit and of every ancestor, for its day
-- and each item it answered, inside the statement that stores it: no path can store an
-- answer without counting it, and a failed insert counts nothing. An official, when named,
-- is the deepest unit, so the chain runs through the official's desk and commune.
-- A quarantined response is stored but never counted. A recount from responses must always
-- reproduce the rollups (test/worker/rollups.test.ts).
CREATE TRIGGER responses_rollup AFTER INSERT ON responses WHEN NEW.status = 'accepted'
BEGIN
  INSERT INTO rollups (unit, item, day, n, c1, c2, c3, c4, c5, sum, sumsq)
    SELECT a.ancestor, ans.key, NEW.day, 1,
           ans.value = 1, ans.value = 2, ans.value = 3, ans.value = 4, ans.value = 5,
           ans.value, ans.value * ans.value
    FROM json_each(NEW.answers) ans, unit_ancestors a
    WHERE a.unit = coalesce(NEW.official, NEW.unit)
    ON CONFLICT (unit, item, day) DO UPDATE SET
      n = n + excluded.n,
      c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3,
      c4 = c4 + excluded.c4, c5 = c5 + excluded.c5,
      sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq;
END;
