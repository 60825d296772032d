-- The complaints queue: what kind each inbox item is, who has it, by when it is due, when it
-- was resolved, and a search index over what was written (worker/db/feedback.ts).

-- Each province's deadline for handling a complaint, in calendar days from the day it was
-- received; a province without a row has the default of 15 (Decision 766's indicator). A
-- complaint keeps the due day it was given: changing the deadline moves later ones only, so
-- a month already reported on stays as it was judged. Kept with the complaints it dates.
CREATE TABLE complaint_deadlines (
  province TEXT PRIMARY KEY REFERENCES units (code),
  days     INTEGER NOT NULL CHECK (days BETWEEN 1 AND 365)
) WITHOUT ROWID;

-- kind: a complaint (a reason after "Không hài lòng", or a comment on that answer) or
--   feedback (a comment on a satisfied answer: praise, suggestions), never counted as a
--   complaint;
-- overall: the answer's overall level, for the level filter;
-- due_day: the Viet Nam day by which a complaint is to be handled (none for feedback);
-- assignee: the account (in the catalog) that has it, NULL for nobody;
-- resolved_at: when it was last moved to resolved, NULL while it is open;
-- accepted: whether its answer counts (1) or is quarantined (0), as the answer's status, so
--   the queue's lists and counts read the inbox alone.
ALTER TABLE feedback ADD COLUMN kind TEXT NOT NULL DEFAULT 'feedback' CHECK (kind IN ('complaint', 'feedback'));
ALTER TABLE feedback ADD COLUMN overall INTEGER;
ALTER TABLE feedback ADD COLUMN due_day TEXT;
ALTER TABLE feedback ADD COLUMN assignee INTEGER;
ALTER TABLE feedback ADD COLUMN resolved_at TEXT;
ALTER TABLE feedback ADD COLUMN accepted INTEGER NOT NULL DEFAULT 1 CHECK (accepted IN (0, 1));

UPDATE feedback SET
  accepted = (SELECT r.status = 'accepted' FROM responses r WHERE r.id = feedback.response_id),
  overall = (SELECT json_extract(r.answers, '$.overall') FROM responses r WHERE r.id = feedback.response_id),
  kind = iif((SELECT r.reason IS NOT NULL OR json_extract(r.answers, '$.overall') = 1 FROM responses r WHERE r.id = feedback.response_id), 'complaint', 'feedback');
UPDATE feedback SET due_day = date(day, '+15 days') WHERE kind = 'complaint';
UPDATE feedback SET resolved_at = coalesce(
  (SELECT e.at FROM feedback_events e WHERE e.response_id = feedback.response_id ORDER BY e.id DESC LIMIT 1), updated_at, received_at)
WHERE status = 'resolved';

CREATE TRIGGER feedback_kind_fixed BEFORE UPDATE OF kind, overall, due_day ON feedback
BEGIN
  SELECT RAISE(ABORT, 'an inbox item keeps its kind, level and due day');
END;

-- The queue reads a province's items along feedback_newest (in the order received, both
-- ways), a commune's unit by unit (its scope is a handful of units), and an account's.
CREATE INDEX feedback_unit ON feedback (unit, kind, status, received_at);
CREATE INDEX feedback_assignee ON feedback (assignee, status) WHERE assignee IS NOT NULL;

-- Search over what was written (the reason, the comment) and the notes, whatever the
-- diacritics and case: the tokenizer folds diacritics and case, and đ, which Unicode does not
-- decompose into d and a mark, is folded before indexing (worker/domain/search.ts folds
-- queries the same way). A row per text: the citizen's under the answer's rowid, each note
-- under minus its event id, so erasing the citizen's text deletes one known row.
CREATE VIRTUAL TABLE feedback_text USING fts5 (body, response_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO feedback_text (rowid, body, response_id)
  SELECT r.rowid, replace(replace(coalesce(r.reason, '') || ' ' || coalesce(r.comment, ''), 'đ', 'd'), 'Đ', 'D'), r.id
  FROM feedback f JOIN responses r ON r.id = f.response_id WHERE r.reason IS NOT NULL OR r.comment IS NOT NULL;
INSERT INTO feedback_text (rowid, body, response_id)
  SELECT -e.id, replace(replace(e.note, 'đ', 'd'), 'Đ', 'D'), e.response_id FROM feedback_events e WHERE e.note <> '';

DROP TRIGGER responses_feedback;
CREATE TRIGGER responses_feedback AFTER INSERT ON responses
WHEN NEW.reason IS NOT NULL OR NEW.comment IS NOT NULL
BEGIN
  INSERT INTO feedback (response_id, unit, received_at, day, accepted, kind, overall, due_day)
  SELECT NEW.id, coalesce(NEW.official, NEW.unit), NEW.received_at, NEW.day, NEW.status = 'accepted', k.kind, k.overall,
    iif(k.kind = 'complaint',
      date(NEW.day, '+' || coalesce(
        (SELECT d.days FROM unit_ancestors a JOIN complaint_deadlines d ON d.province = a.ancestor WHERE a.unit = NEW.unit), 15) || ' days'),
      NULL)
  FROM (SELECT json_extract(NEW.answers, '$.overall') AS overall,
          iif(NEW.reason IS NOT NULL OR json_extract(NEW.answers, '$.overall') = 1, 'complaint', 'feedback') AS kind) k;
  INSERT INTO feedback_text (rowid, body, response_id)
  VALUES (NEW.rowid, replace(replace(coalesce(NEW.reason, '') || ' ' || coalesce(NEW.comment, ''), 'đ', 'd'), 'Đ', 'D'), NEW.id);
END;

CREATE TRIGGER responses_feedback_accepted AFTER UPDATE OF status ON responses
WHEN OLD.status IS NOT NEW.status
BEGIN
  UPDATE feedback SET accepted = (NEW.status = 'accepted') WHERE response_id = NEW.id;
END;

CREATE TRIGGER responses_text_unindexed AFTER UPDATE OF erased_at ON responses
WHEN NEW.erased_at IS NOT NULL AND OLD.erased_at IS NULL
BEGIN
  DELETE FROM feedback_text WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER feedback_events_indexed AFTER INSERT ON feedback_events
WHEN NEW.note <> ''
BEGIN
  INSERT INTO feedback_text (rowid, body, response_id) VALUES (-NEW.id, replace(replace(NEW.note, 'đ', 'd'), 'Đ', 'D'), NEW.response_id);
END;
