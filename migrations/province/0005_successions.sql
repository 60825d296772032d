-- A copy of migrations/catalog/0009_successions.sql: the shard's figures add a merged unit's predecessors.
-- Which units continue which from which Viet Nam day: a merger (several predecessors, one
-- successor) or a split (one predecessor, several successors). Written at run time to the
-- catalog and to the province's shard alike (worker/db/successions.ts): the catalog says what
-- was recorded, the shard's copy lets a figure add a merged unit's predecessors in SQL. The
-- predecessor closed on `day` (its last day is the day before); units never move between
-- provinces, so both ends lie in one shard.
CREATE TABLE successions (
  predecessor TEXT NOT NULL REFERENCES units (code),
  successor   TEXT NOT NULL REFERENCES units (code),
  day         TEXT NOT NULL,
  -- 'merge': the successor's figures include the predecessor's answers before `day`;
  -- 'split': they do not (answers cannot be apportioned), the successor only continues part of it.
  kind        TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
  PRIMARY KEY (predecessor, successor),
  CHECK (predecessor <> successor)
) WITHOUT ROWID;
CREATE INDEX successions_successor ON successions (successor);

CREATE TRIGGER successions_fixed_update BEFORE UPDATE ON successions
BEGIN
  SELECT RAISE(ABORT, 'a succession is history: it is never changed');
END;
CREATE TRIGGER successions_fixed_delete BEFORE DELETE ON successions
BEGIN
  SELECT RAISE(ABORT, 'a succession is history: it is never deleted');
END;
