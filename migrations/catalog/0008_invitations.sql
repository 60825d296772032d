-- One-time links that let a person set an account's password: the invitation of a new
-- account, or a new link for a forgotten password. There is no mail server, so the creator
-- copies the link and sends it. Only the SHA-256 of the token is kept, like a session's.
-- An account has at most one link: issuing a new one replaces the old, which dies at once;
-- setting the password spends it (the row is deleted).
CREATE TABLE invitations (
  user_id    INTEGER PRIMARY KEY REFERENCES users (id),
  token_hash TEXT NOT NULL UNIQUE,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- When the account last logged in, for the list of accounts (sessions are purged a day after
-- they end, so they cannot tell).
ALTER TABLE users ADD COLUMN last_login_at TEXT;
