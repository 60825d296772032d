-- Receipts and public replies: a citizen who wrote a reason or a comment gets a receipt code
-- (worker/domain/receipt.ts) with which to follow it, and the unit answers them in public.

-- The receipt code the widget made for an answer set with text, stored with it. The first
-- answer to hold a code keeps it: a later one that brings the same code is stored without
-- it (worker/db/responses.ts), so the index only backs that up.
ALTER TABLE responses ADD COLUMN receipt TEXT;
CREATE UNIQUE INDEX responses_receipt ON responses (receipt) WHERE receipt IS NOT NULL;

CREATE TRIGGER responses_receipt_fixed BEFORE UPDATE OF receipt ON responses
BEGIN
  SELECT RAISE(ABORT, 'a receipt code belongs to its answer for good');
END;

-- The complaint as its receipt shows it:
-- - reply: the unit's public reply, which the citizen reads with the receipt; NULL if none;
-- - updated_at: when its status or reply last changed; NULL until then (the receipt then
--   shows the time the answer was received).
ALTER TABLE feedback ADD COLUMN reply TEXT;
ALTER TABLE feedback ADD COLUMN updated_at TEXT;

-- The public reply a change gave, '' when it withdrew the reply, NULL when it left it as it was.
ALTER TABLE feedback_events ADD COLUMN reply TEXT;
