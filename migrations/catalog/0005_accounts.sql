-- Dashboard accounts, their sessions, and the kiosks they enrolled: in the catalog.

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
