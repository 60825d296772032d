-- Dashboard accounts, their sessions, and the follow-up of citizens' complaints.

-- An account sees the subtree under its unit ('VN' for national accounts):
-- admin everything there, manager may also change things there, viewer only reads.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  -- "pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>" (worker/domain/password.ts).
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'viewer')),
  unit          TEXT NOT NULL REFERENCES units (code),
  created_at    TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  CHECK (email = lower(email))
);

-- A login. The id is the SHA-256 of the random token in the cookie, so a leaked table
-- cannot be replayed. expires_at moves forward with use, never past the absolute limit
-- (worker/domain/session.ts); logout sets revoked_at.
CREATE TABLE sessions (
  id         TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- The complaints inbox: one row per accepted response that carries a reason or a comment,
-- with its current status. unit is where the response is counted (its official if it
-- names one), as in the rollups, so scope checks use the same closure.
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
  user_id     INTEGER NOT NULL REFERENCES users (id),
  at          TEXT NOT NULL
);
CREATE INDEX feedback_events_response ON feedback_events (response_id, id);

-- Answers by the unit they are counted at (their official if they name one) and day, as
-- the rollups count them: the answers export of a subtree reads through it.
CREATE INDEX responses_counted_day ON responses (coalesce(official, unit), day);

-- A complaint enters the inbox in the same transaction that stores its response.
CREATE TRIGGER responses_feedback AFTER INSERT ON responses
WHEN NEW.status = 'accepted' AND (NEW.reason IS NOT NULL OR NEW.comment IS NOT NULL)
BEGIN
  INSERT INTO feedback (response_id, unit, received_at, day)
  VALUES (NEW.id, coalesce(NEW.official, NEW.unit), NEW.received_at, NEW.day);
END;

-- Responses stored before this migration.
INSERT INTO feedback (response_id, unit, received_at, day)
  SELECT id, coalesce(official, unit), received_at, day FROM responses
  WHERE status = 'accepted' AND (reason IS NOT NULL OR comment IS NOT NULL);
