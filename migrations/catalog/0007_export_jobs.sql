-- Answers exports larger than one request can read, prepared in the background: the queue
-- carries one step of a job at a time to the worker, which reads the next rows from the
-- shards and writes them into an R2 multipart upload (worker/jobs/export-job.ts). The row
-- holds where the next step resumes, so each step is short and a retried one repeats
-- exactly what it did.
CREATE TABLE export_jobs (
  -- A random UUID: it names the job in the API, and only its account may use it.
  id          TEXT PRIMARY KEY,
  account     INTEGER NOT NULL REFERENCES users (id),
  unit        TEXT NOT NULL REFERENCES units (code),
  period_from TEXT NOT NULL,
  period_to   TEXT NOT NULL,
  -- Whether the text of answers about a named official is in the file (not for viewers).
  officials   INTEGER NOT NULL CHECK (officials IN (0, 1)),
  -- The item columns, fixed when the job starts (JSON array).
  columns     TEXT NOT NULL CHECK (json_valid(columns) AND json_type(columns) = 'array'),
  status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed')),
  -- Answer sets in the export when it started, and written so far.
  total       INTEGER NOT NULL,
  rows        INTEGER NOT NULL DEFAULT 0,
  -- The step to run next, and the last step a queue message was sent for.
  step        INTEGER NOT NULL DEFAULT 0,
  sent        INTEGER NOT NULL DEFAULT 0,
  -- Where the next step reads (JSON { shard, after }), NULL before the first row.
  position    TEXT CHECK (position IS NULL OR json_valid(position)),
  -- The bytes written but not yet uploaded: every part but the last has the same size.
  carry       BLOB NOT NULL,
  object_key  TEXT NOT NULL,
  upload_id   TEXT NOT NULL,
  -- The parts uploaded: JSON [{ "partNumber", "etag" }].
  parts       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(parts)),
  bytes       INTEGER NOT NULL DEFAULT 0,
  -- Why it failed, for the operators; the account is told only that it did.
  error       TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  -- When the file can no longer be downloaded (the bucket's lifecycle rule deletes it).
  expires_at  TEXT
);
CREATE INDEX export_jobs_account ON export_jobs (account, created_at);
