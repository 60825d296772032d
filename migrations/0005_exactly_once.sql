-- Exactly once: the database itself keeps every figure equal to a recount of the answers that
-- count, whatever writes to it. Answers are never changed or deleted; a status change moves an
-- answer out of or into the rollups in the same statement; personal text can be erased while
-- the count stays; the unit tree never changes shape under its answers.

-- When the citizen answered (by the device's clock, as sent), when their personal text was
-- erased, and the case in normalised form at its commune ("14329:H4022250101"), on which one
-- rating per case is enforced however the code was written (worker/domain/case-code.ts).
ALTER TABLE responses ADD COLUMN answered_at TEXT;
ALTER TABLE responses ADD COLUMN erased_at TEXT;
ALTER TABLE responses ADD COLUMN case_key TEXT;

-- Answers stored before: keyed at their commune (or province, for a province's own centre),
-- with the separators people type removed.
UPDATE responses SET case_key = (
    SELECT a.ancestor FROM unit_ancestors a JOIN units u ON u.code = a.ancestor
    WHERE a.unit = responses.unit AND u.kind IN ('xa', 'phuong', 'dac_khu', 'province')
    ORDER BY u.kind = 'province', a.distance LIMIT 1
  ) || ':' || upper(replace(replace(replace(replace(replace(case_code, ' ', ''), '-', ''), '.', ''), '/', ''), '_', ''))
  WHERE case_code IS NOT NULL;

DROP INDEX responses_case;
CREATE UNIQUE INDEX responses_case ON responses (case_key) WHERE case_key IS NOT NULL AND status = 'accepted';

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
DROP TRIGGER responses_rollup;
CREATE TRIGGER responses_rollup AFTER INSERT ON responses WHEN NEW.status = 'accepted'
BEGIN
  INSERT INTO rollup_moves VALUES (coalesce(NEW.official, NEW.unit), NEW.day, NEW.answers, 1);
END;

CREATE TRIGGER responses_status AFTER UPDATE OF status ON responses
WHEN (OLD.status = 'accepted') <> (NEW.status = 'accepted')
BEGIN
  INSERT INTO rollup_moves VALUES (coalesce(NEW.official, NEW.unit), NEW.day, NEW.answers, iif(NEW.status = 'accepted', 1, -1));
END;

-- What an answer said, where, when and from whom never changes.
CREATE TRIGGER responses_immutable BEFORE UPDATE OF
  id, body_hash, unit, official, survey, version, answers, received_at, answered_at, day, channel, lang,
  case_code, case_key, client_hash ON responses
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

-- The inbox holds every response with text, whatever its status; lists and counts show only
-- those of accepted responses, so a quarantined complaint leaves the inbox with its answer and
-- comes back, with its history, when released.
DROP TRIGGER responses_feedback;
CREATE TRIGGER responses_feedback AFTER INSERT ON responses
WHEN NEW.reason IS NOT NULL OR NEW.comment IS NOT NULL
BEGIN
  INSERT INTO feedback (response_id, unit, received_at, day)
  VALUES (NEW.id, coalesce(NEW.official, NEW.unit), NEW.received_at, NEW.day);
END;
INSERT INTO feedback (response_id, unit, received_at, day)
  SELECT id, coalesce(official, unit), received_at, day FROM responses
  WHERE status <> 'accepted' AND (reason IS NOT NULL OR comment IS NOT NULL);

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

-- The tree under the answers: a unit never moves, changes kind or disappears (a merger closes
-- units with valid_to and continues them in another), so the closure stays true.
CREATE TRIGGER units_fixed_place BEFORE UPDATE OF code, kind, parent ON units
BEGIN
  SELECT RAISE(ABORT, 'a unit never moves or changes kind: close it (valid_to) and add its successor');
END;
CREATE TRIGGER units_never_deleted BEFORE DELETE ON units
BEGIN
  SELECT RAISE(ABORT, 'units are never deleted: close them with valid_to');
END;
CREATE TRIGGER unit_ancestors_by_trigger_only_update BEFORE UPDATE ON unit_ancestors
BEGIN
  SELECT RAISE(ABORT, 'the unit closure is kept by the units trigger');
END;
CREATE TRIGGER unit_ancestors_by_trigger_only_delete BEFORE DELETE ON unit_ancestors
BEGIN
  SELECT RAISE(ABORT, 'the unit closure is kept by the units trigger');
END;
