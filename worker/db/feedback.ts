import type { Period } from "../domain/period.ts";
import { OVERALL } from "../domain/scales.ts";
import type { FeedbackItem, FeedbackStatus } from "../domain/feedback.ts";

/*
 * The complaints inbox: responses with a reason or a comment (the feedback table, filled by
 * a trigger as they are stored), their current status and the history of changes. Only
 * items of accepted responses are shown: a quarantined answer's text is out of the inbox
 * as its answer is out of the figures.
 */

const ITEM_SELECT = `
  SELECT r.id, r.received_at AS receivedAt, r.day, r.unit AS unitCode, u.name AS unitName,
    r.official AS officialCode, o.name AS officialName,
    json_extract(r.answers, '$.' || ?1) AS overall,
    r.reason, r.comment, r.case_code AS caseCode, r.erased_at AS erasedAt, f.status,
    (SELECT json_group_array(json_object('status', e.status, 'note', e.note, 'by', w.name, 'at', e.at) ORDER BY e.id)
       FROM feedback_events e JOIN users w ON w.id = e.user_id WHERE e.response_id = f.response_id) AS history
  FROM feedback f JOIN responses r ON r.id = f.response_id AND r.status = 'accepted' JOIN units u ON u.code = r.unit
  LEFT JOIN units o ON o.code = r.official`;

type ItemRow = Omit<FeedbackItem, "unit" | "official" | "history"> & {
  unitCode: string;
  unitName: string;
  officialCode: string | null;
  officialName: string | null;
  history: string;
};

const toItem = ({ unitCode, unitName, officialCode, officialName, history, ...rest }: ItemRow): FeedbackItem => ({
  ...rest,
  unit: { code: unitCode, name: unitName },
  official: officialCode ? { code: officialCode, name: officialName ?? officialCode } : null,
  history: JSON.parse(history),
});

/** Where a listing continues: after the item with this time and id. */
export interface FeedbackCursor {
  receivedAt: string;
  id: string;
}

/** What to list: the subtree under `root`, a period, a status (all when null), a page. */
export interface FeedbackFilter extends Period {
  root: string;
  /** Whether items about a named official are listed: only for the unit's managers and admins. */
  officials: boolean;
  status: FeedbackStatus | null;
  after: FeedbackCursor | null;
  limit: number;
}

/** Feedback items, newest first. */
export async function listFeedback(db: D1Database, f: FeedbackFilter): Promise<FeedbackItem[]> {
  const { results } = await db
    .prepare(
      `${ITEM_SELECT}
       JOIN unit_ancestors a ON a.unit = f.unit AND a.ancestor = ?2
       WHERE f.day BETWEEN ?3 AND ?4 AND (?5 IS NULL OR f.status = ?5)
         AND (?6 IS NULL OR (f.received_at, f.response_id) < (?6, ?7))
         AND (?9 = 1 OR r.official IS NULL)
       ORDER BY f.received_at DESC, f.response_id DESC LIMIT ?8`,
    )
    .bind(OVERALL, f.root, f.from, f.to, f.status, f.after?.receivedAt ?? null, f.after?.id ?? null, f.limit, f.officials ? 1 : 0)
    .all<ItemRow>();
  return results.map(toItem);
}

/** One feedback item, or null. */
export async function findFeedback(db: D1Database, id: string): Promise<FeedbackItem | null> {
  const row = await db.prepare(`${ITEM_SELECT} WHERE f.response_id = ?2`).bind(OVERALL, id).first<ItemRow>();
  return row && toItem(row);
}

/** Whether a feedback item exists and lies in the subtree under `root`; no row if it does not exist. */
export function feedbackScope(db: D1Database, id: string, root: string): Promise<{ inScope: number } | null> {
  return db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM unit_ancestors a WHERE a.unit = f.unit AND a.ancestor = ?2) AS inScope
       FROM feedback f JOIN responses r ON r.id = f.response_id AND r.status = 'accepted' WHERE f.response_id = ?1`,
    )
    .bind(id, root)
    .first<{ inScope: number }>();
}

/** Sets an item's status and records the change with its note and author, in one transaction. */
export function setFeedbackStatus(db: D1Database, id: string, status: FeedbackStatus, note: string, userId: number, at: Date): Promise<D1Result[]> {
  return db.batch([
    db.prepare(`UPDATE feedback SET status = ?2 WHERE response_id = ?1`).bind(id, status),
    db
      .prepare(`INSERT INTO feedback_events (response_id, status, note, user_id, at) VALUES (?1, ?2, ?3, ?4, ?5)`)
      .bind(id, status, note, userId, at.toISOString()),
  ]);
}
