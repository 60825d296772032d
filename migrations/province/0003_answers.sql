-- What grows with the answers, in each province's shard: the answers of its units (communes,
-- desks, officials), their rollups, the complaints inbox and its history, incidents and what
-- they exclude. Exactly once: the database itself keeps every figure equal to a recount of the
-- answers that count, whatever writes to it. Answers are never changed or deleted; a status
-- change moves an answer out of or into the rollups in the same statement; personal text can
-- be erased while the count stays.

-- One row per answer set, keyed by the id the client chose (the idempotency key). Answers
-- are a JSON object of item id → level: 1..3 for the overall question, 1..5 for statements.
-- The survey version and the kiosk are checked against the catalog before an answer is
-- stored, so they carry no foreign key here.
-- - answered_at: when the citizen answered (by the device's clock, as sent);
-- - erased_at: when their personal text was erased;
-- - case_key: the case in normalised form at its commune ("14329:H4022250101"), on which one
--   rating per case is enforced however the code was written (worker/domain/case-code.ts);
-- - source, paced_at: who sent it, and when its pace is judged: an enrolled kiosk
--   ("kiosk:<device id>") by the time the citizen answered (a kiosk back online sends a day's
--   answers at once), any other source (the daily client hash) by the time it arrived (a
--   script can write any answeredAt, not any arrival);
-- - duration_ms: how long the citizen took, as the widget measured it: a hint, never proof;
-- - incident: the incident it was flagged in.
CREATE TABLE responses (
  id          TEXT PRIMARY KEY,
  body_hash   TEXT NOT NULL,
  unit        TEXT NOT NULL REFERENCES units (code),
  official    TEXT REFERENCES units (code),
  survey      TEXT NOT NULL,
  version     INTEGER NOT NULL,
  answers     TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'object'),
  received_at TEXT NOT NULL,
  answered_at TEXT,
  day         TEXT NOT NULL,
  channel     TEXT NOT NULL CHECK (channel IN ('web', 'kiosk', 'qr')),
  lang        TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
  case_code   TEXT,
  case_key    TEXT,
  reason      TEXT,
  comment     TEXT,
  erased_at   TEXT,
  client_hash TEXT NOT NULL,
  device      TEXT,
  source      TEXT,
  paced_at    TEXT,
  duration_ms INTEGER,
  incident    INTEGER REFERENCES incidents (id),
  status      TEXT NOT NULL CHECK (status IN ('accepted', 'quarantined'))
);
CREATE INDEX responses_unit_day ON responses (unit, day);
CREATE UNIQUE INDEX responses_case ON responses (case_key) WHERE case_key IS NOT NULL AND status = 'accepted';
-- Answers by the unit they are counted at (their official if they name one) and day, as
-- the rollups count them: the answers export of a subtree reads through it.
CREATE INDEX responses_counted_day ON responses (coalesce(official, unit), day);
CREATE INDEX responses_pace ON responses (unit, source, paced_at);
CREATE INDEX responses_incident ON responses (incident) WHERE incident IS NOT NULL;

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
  -- The account, in the catalog.
  user_id  INTEGER NOT NULL,
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

-- An answer stays in the incident it was flagged in.
CREATE TRIGGER responses_incident_once BEFORE UPDATE OF incident ON responses
WHEN OLD.incident IS NOT NULL AND NEW.incident IS NOT OLD.incident
BEGIN
  SELECT RAISE(ABORT, 'an answer stays in the incident it was flagged in');
END;

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

-- Every change to what counts goes through this view: sign +1 when an answer starts counting
-- (stored as accepted, or released from quarantine), -1 when it stops (quarantined). Its
-- trigger is the one place that knows how an answer adds to the rollups of its unit and every
-- ancestor, per Viet Nam day and item. A row that falls to zero answers is removed, so the
-- rollups hold exactly what a recount groups.
CREATE VIEW rollup_moves (counted_unit, day, answers, sign) AS SELECT NULL, NULL, NULL, NULL WHERE 0;

CREATE TRIGGER rollup_moves_apply INSTEAD OF INSERT ON rollup_moves
BEGIN
  INSERT INTO rollups (unit, item, day, n, c1, c2, c3, c4, c5, sum, sumsq)
    SELECT a.ancestor, ans.key, NEW.day, NEW.sign,
           NEW.sign * (ans.value = 1), NEW.sign * (ans.value = 2), NEW.sign * (ans.value = 3),
           NEW.sign * (ans.value = 4), NEW.sign * (ans.value = 5),
           NEW.sign * ans.value, NEW.sign * ans.value * ans.value
    FROM json_each(NEW.answers) ans, unit_ancestors a
    WHERE a.unit = NEW.counted_unit
    ON CONFLICT (unit, item, day) DO UPDATE SET
      n = n + excluded.n,
      c1 = c1 + excluded.c1, c2 = c2 + excluded.c2, c3 = c3 + excluded.c3,
      c4 = c4 + excluded.c4, c5 = c5 + excluded.c5,
      sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq;
  DELETE FROM rollups
    WHERE NEW.sign < 0 AND n = 0 AND (unit, item, day) IN (
      SELECT a.ancestor, ans.key, NEW.day FROM json_each(NEW.answers) ans, unit_ancestors a WHERE a.unit = NEW.counted_unit);
END;

-- An official, when named, is the deepest unit, so the chain runs through the official's desk
-- and commune.
CREATE TRIGGER responses_rollup AFTER INSERT ON responses WHEN NEW.status = 'accepted'
BEGIN
  INSERT INTO rollup_moves VALUES (coalesce(NEW.official, NEW.unit), NEW.day, NEW.answers, 1);
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

CREATE TRIGGER responses_excluded AFTER INSERT ON responses WHEN NEW.status <> 'accepted'
BEGIN
  INSERT INTO exclusion_moves VALUES (coalesce(NEW.official, NEW.unit), NEW.day, 1);
END;

-- A status change moves the answer out of or into the rollups, and the other way in the
-- exclusions, in the same statement.
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

-- What an answer said, where, when and from whom never changes.
CREATE TRIGGER responses_immutable BEFORE UPDATE OF
  id, body_hash, unit, official, survey, version, answers, received_at, answered_at, day, channel, lang,
  case_code, case_key, client_hash, device, source, paced_at, duration_ms ON responses
BEGIN
  SELECT RAISE(ABORT, 'stored answers never change: quarantine an answer or erase its text instead');
END;

-- Erasure (a citizen's request, a mistake in what was kept) blanks the free text, stamps
-- erased_at and keeps the answer counted; text is never rewritten otherwise.
CREATE TRIGGER responses_text_erasure_only BEFORE UPDATE OF reason, comment, erased_at ON responses
WHEN NOT (NEW.reason IS NULL AND NEW.comment IS NULL AND NEW.erased_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'free text can only be erased: set reason and comment to NULL with erased_at');
END;

CREATE TRIGGER responses_never_deleted BEFORE DELETE ON responses
BEGIN
  SELECT RAISE(ABORT, 'answers are never deleted: quarantine an answer to stop counting it, or erase its text');
END;

-- A rollup row disappears only once nothing is counted in it.
CREATE TRIGGER rollups_never_deleted BEFORE DELETE ON rollups WHEN OLD.n <> 0
BEGIN
  SELECT RAISE(ABORT, 'rollups are kept by the responses triggers: change the responses instead');
END;

-- The complaints inbox: one row per response that carries a reason or a comment, with its
-- current status. unit is where the response is counted (its official if it names one), as
-- in the rollups, so scope checks use the same closure. The inbox holds every response with
-- text, whatever its status; lists and counts show only those of accepted responses, so a
-- quarantined complaint leaves the inbox with its answer and comes back, with its history,
-- when released.
CREATE TABLE feedback (
  response_id TEXT PRIMARY KEY REFERENCES responses (id),
  unit        TEXT NOT NULL REFERENCES units (code),
  received_at TEXT NOT NULL,
  day         TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'resolved'))
) WITHOUT ROWID;
CREATE INDEX feedback_newest ON feedback (received_at DESC, response_id DESC);

-- Every status change, with the note and the account that made it.
CREATE TABLE feedback_events (
  id          INTEGER PRIMARY KEY,
  response_id TEXT NOT NULL REFERENCES feedback (response_id),
  status      TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'resolved')),
  note        TEXT NOT NULL,
  -- The account, in the catalog.
  user_id     INTEGER NOT NULL,
  at          TEXT NOT NULL
);
CREATE INDEX feedback_events_response ON feedback_events (response_id, id);

CREATE TRIGGER responses_feedback AFTER INSERT ON responses
WHEN NEW.reason IS NOT NULL OR NEW.comment IS NOT NULL
BEGIN
  INSERT INTO feedback (response_id, unit, received_at, day)
  VALUES (NEW.id, coalesce(NEW.official, NEW.unit), NEW.received_at, NEW.day);
END;
CREATE TRIGGER feedback_never_deleted BEFORE DELETE ON feedback
BEGIN
  SELECT RAISE(ABORT, 'inbox items are never deleted');
END;
CREATE TRIGGER feedback_immutable BEFORE UPDATE OF response_id, unit, received_at, day ON feedback
BEGIN
  SELECT RAISE(ABORT, 'an inbox item belongs to its response: only its status changes');
END;
CREATE TRIGGER feedback_events_append_only_update BEFORE UPDATE ON feedback_events
BEGIN
  SELECT RAISE(ABORT, 'the follow-up history is append-only');
END;
CREATE TRIGGER feedback_events_append_only_delete BEFORE DELETE ON feedback_events
BEGIN
  SELECT RAISE(ABORT, 'the follow-up history is append-only');
END;
