-- Ballot stuffing: enrolled kiosks, the pace of each source, incidents of suspicious answers
-- held out of the figures until a manager decides, and the count of what was excluded.

-- A desk tablet enrolled by a manager. Only the SHA-256 of its token and of its one-time
-- enrolment code are kept; the code is spent when the tablet opens it, or expires unused.
CREATE TABLE devices (
  id               TEXT PRIMARY KEY,
  unit             TEXT NOT NULL REFERENCES units (code),
  name             TEXT NOT NULL,
  enrol_hash       TEXT UNIQUE,
  enrol_expires_at TEXT,
  token_hash       TEXT UNIQUE,
  created_by       INTEGER NOT NULL REFERENCES users (id),
  created_at       TEXT NOT NULL,
  enrolled_at      TEXT,
  revoked_at       TEXT,
  revoked_by       INTEGER REFERENCES users (id)
) WITHOUT ROWID;
CREATE INDEX devices_unit ON devices (unit);

-- Flagged answers of one source at one unit within a stretch of time, for a manager to
-- release (they count from then on, on their own days) or confirm (they stay out).
CREATE TABLE incidents (
  id         INTEGER PRIMARY KEY,
  unit       TEXT NOT NULL REFERENCES units (code),
  -- "kiosk:<device id>" for an enrolled kiosk, else the daily client hash.
  source     TEXT NOT NULL,
  first_at   TEXT NOT NULL,
  last_at    TEXT NOT NULL,
  -- The signals that fired, as a JSON array ("volume", "repetition", "speed").
  signals    TEXT NOT NULL CHECK (json_valid(signals)),
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'released', 'confirmed')),
  created_at TEXT NOT NULL
);
CREATE INDEX incidents_unit ON incidents (unit, last_at DESC);
CREATE INDEX incidents_newest ON incidents (last_at DESC, id DESC);

-- Every decision on an incident, with its note and author.
CREATE TABLE incident_events (
  id       INTEGER PRIMARY KEY,
  incident INTEGER NOT NULL REFERENCES incidents (id),
  decision TEXT NOT NULL CHECK (decision IN ('released', 'confirmed')),
  note     TEXT NOT NULL,
  user_id  INTEGER NOT NULL REFERENCES users (id),
  at       TEXT NOT NULL
);
CREATE INDEX incident_events_incident ON incident_events (incident, id);
CREATE TRIGGER incident_events_append_only_update BEFORE UPDATE ON incident_events
BEGIN
  SELECT RAISE(ABORT, 'decisions are append-only');
END;
CREATE TRIGGER incident_events_append_only_delete BEFORE DELETE ON incident_events
BEGIN
  SELECT RAISE(ABORT, 'decisions are append-only');
END;
CREATE TRIGGER incidents_never_deleted BEFORE DELETE ON incidents
BEGIN
  SELECT RAISE(ABORT, 'incidents are never deleted');
END;

-- Who sent an answer, and when its pace is judged: an enrolled kiosk by the time the citizen
-- answered (a kiosk back online sends a day's answers at once), any other source by the
-- time it arrived (a script can write any answeredAt, not any arrival). How long the citizen
-- took, as the widget measured it: a hint, never proof. The incident it was flagged in.
ALTER TABLE responses ADD COLUMN device TEXT REFERENCES devices (id);
ALTER TABLE responses ADD COLUMN source TEXT;
ALTER TABLE responses ADD COLUMN paced_at TEXT;
ALTER TABLE responses ADD COLUMN duration_ms INTEGER;
ALTER TABLE responses ADD COLUMN incident INTEGER REFERENCES incidents (id);
UPDATE responses SET source = client_hash, paced_at = received_at;
CREATE INDEX responses_pace ON responses (unit, source, paced_at);
CREATE INDEX responses_incident ON responses (incident) WHERE incident IS NOT NULL;

-- The new columns are as fixed as the others, except the incident an answer is flagged in.
CREATE TRIGGER responses_immutable_source BEFORE UPDATE OF device, source, paced_at, duration_ms ON responses
BEGIN
  SELECT RAISE(ABORT, 'stored answers never change: quarantine an answer or erase its text instead');
END;
CREATE TRIGGER responses_incident_once BEFORE UPDATE OF incident ON responses
WHEN OLD.incident IS NOT NULL AND NEW.incident IS NOT OLD.incident
BEGIN
  SELECT RAISE(ABORT, 'an answer stays in the incident it was flagged in');
END;

-- What was excluded from the figures (quarantined: a bot's honeypot, a flagged burst), per
-- unit and every ancestor, per Viet Nam day, so that every figure can say how many answers it
-- leaves out. Kept by the same statements as the rollups.
CREATE TABLE exclusions (
  unit TEXT NOT NULL,
  day  TEXT NOT NULL,
  n    INTEGER NOT NULL,
  PRIMARY KEY (unit, day)
) WITHOUT ROWID;

CREATE VIEW exclusion_moves (counted_unit, day, sign) AS SELECT NULL, NULL, NULL WHERE 0;
CREATE TRIGGER exclusion_moves_apply INSTEAD OF INSERT ON exclusion_moves
BEGIN
  INSERT INTO exclusions (unit, day, n)
    SELECT a.ancestor, NEW.day, NEW.sign FROM unit_ancestors a WHERE a.unit = NEW.counted_unit
    ON CONFLICT (unit, day) DO UPDATE SET n = n + excluded.n;
  DELETE FROM exclusions
    WHERE NEW.sign < 0 AND n = 0 AND (unit, day) IN (SELECT a.ancestor, NEW.day FROM unit_ancestors a WHERE a.unit = NEW.counted_unit);
END;

INSERT INTO exclusions (unit, day, n)
  SELECT a.ancestor, r.day, count(*) FROM responses r JOIN unit_ancestors a ON a.unit = coalesce(r.official, r.unit)
  WHERE r.status <> 'accepted' GROUP BY 1, 2;

CREATE TRIGGER responses_excluded AFTER INSERT ON responses WHEN NEW.status <> 'accepted'
BEGIN
  INSERT INTO exclusion_moves VALUES (coalesce(NEW.official, NEW.unit), NEW.day, 1);
END;

DROP TRIGGER responses_status;
CREATE TRIGGER responses_status AFTER UPDATE OF status ON responses
WHEN (OLD.status = 'accepted') <> (NEW.status = 'accepted')
BEGIN
  INSERT INTO rollup_moves VALUES (coalesce(NEW.official, NEW.unit), NEW.day, NEW.answers, iif(NEW.status = 'accepted', 1, -1));
  INSERT INTO exclusion_moves VALUES (coalesce(NEW.official, NEW.unit), NEW.day, iif(NEW.status = 'accepted', -1, 1));
END;

CREATE TRIGGER exclusions_never_deleted BEFORE DELETE ON exclusions WHEN OLD.n <> 0
BEGIN
  SELECT RAISE(ABORT, 'exclusions are kept by the responses triggers: change the responses instead');
END;
