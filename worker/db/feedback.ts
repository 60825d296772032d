import type { Period } from "../domain/period.ts";
import { OVERALL } from "../domain/scales.ts";
import type { FeedbackItem, FeedbackStatus, ReceiptView } from "../domain/feedback.ts";
import { COUNTRY } from "../domain/units.ts";
import { auditStatement } from "./audit.ts";
import { eachShard, shardHolding, shardOf, shardsUnder, type Database, type Store } from "./store.ts";
import { authorNames } from "./users.ts";

/*
 * The complaints inbox: responses with a reason or a comment (the feedback table, filled by
 * a trigger as they are stored), their current status and the history of changes. Only
 * items of accepted responses are shown: a quarantined answer's text is out of the inbox
 * as its answer is out of the figures. Each province's inbox is in its shard; the history
 * names its authors by account id, whose names are in the catalog.
 */

const ITEM_SELECT = `
  SELECT r.id, r.received_at AS receivedAt, r.day, r.unit AS unitCode, u.name AS unitName,
    r.official AS officialCode, o.name AS officialName,
    json_extract(r.answers, '$.' || ?1) AS overall,
    r.reason, r.comment, r.case_code AS caseCode, r.receipt, r.erased_at AS erasedAt, f.status, f.reply,
    (SELECT json_group_array(json_object('status', e.status, 'note', e.note, 'reply', e.reply, 'by', e.user_id, 'at', e.at) ORDER BY e.id)
       FROM feedback_events e WHERE e.response_id = f.response_id) AS history
  FROM feedback f JOIN responses r ON r.id = f.response_id AND r.status = 'accepted' JOIN units u ON u.code = r.unit
  LEFT JOIN units o ON o.code = r.official`;

type ItemRow = Omit<FeedbackItem, "unit" | "official" | "history"> & {
  unitCode: string;
  unitName: string;
  officialCode: string | null;
  officialName: string | null;
  history: string;
};

/** Inbox items as the API shows them, their history's authors by name. */
async function toItems(store: Store, rows: ItemRow[]): Promise<FeedbackItem[]> {
  const histories = rows.map((row) => JSON.parse(row.history) as (Omit<FeedbackItem["history"][number], "by"> & { by: number })[]);
  const name = await authorNames(store, histories);
  return rows.map(({ unitCode, unitName, officialCode, officialName, history: _, ...rest }, i) => ({
    ...rest,
    unit: { code: unitCode, name: unitName },
    official: officialCode ? { code: officialCode, name: officialName ?? officialCode } : null,
    history: histories[i]!.map((event) => ({ ...event, by: name(event.by) })),
  }));
}

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

const newestFirst = (a: { receivedAt: string; id: string }, b: { receivedAt: string; id: string }) =>
  a.receivedAt === b.receivedAt ? (a.id < b.id ? 1 : -1) : a.receivedAt < b.receivedAt ? 1 : -1;

/** Feedback items, newest first: a page from each shard under `root`, merged. */
export async function listFeedback(store: Store, f: FeedbackFilter): Promise<FeedbackItem[]> {
  const pages = await eachShard(await shardsUnder(store, f.root), async (db) => {
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
    return results;
  });
  return toItems(store, pages.flat().sort(newestFirst).slice(0, f.limit));
}

/** The shard holding an inbox item, looked for under `root` first. */
const shardOfItem = (store: Store, id: string, root = COUNTRY) =>
  shardHolding(store, id, root, async (db) => !!(await db.prepare(`SELECT 1 FROM feedback WHERE response_id = ?1`).bind(id).first()));

/** One feedback item, or null. */
export async function findFeedback(store: Store, id: string): Promise<FeedbackItem | null> {
  const db = await shardOfItem(store, id);
  const row = db && (await db.prepare(`${ITEM_SELECT} WHERE f.response_id = ?2`).bind(OVERALL, id).first<ItemRow>());
  return row ? (await toItems(store, [row]))[0]! : null;
}

/** Whether a feedback item of an accepted answer exists and lies in the subtree under `root`; null if it does not exist. */
export async function feedbackScope(store: Store, id: string, root: string): Promise<{ inScope: number } | null> {
  const db = await shardOfItem(store, id, root);
  return (
    db &&
    db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM unit_ancestors a WHERE a.unit = f.unit AND a.ancestor = ?2) AS inScope
         FROM feedback f JOIN responses r ON r.id = f.response_id AND r.status = 'accepted' WHERE f.response_id = ?1`,
      )
      .bind(id, root)
      .first<{ inScope: number }>()
  );
}

/** What an item is before a change: its unit, status, public reply, and when its text was erased. */
const itemState = (db: Database, id: string) =>
  db
    .prepare(`SELECT r.unit, f.status, f.reply, r.erased_at AS erasedAt FROM feedback f JOIN responses r ON r.id = f.response_id WHERE f.response_id = ?1`)
    .bind(id)
    .first<{ unit: string; status: FeedbackStatus; reply: string | null; erasedAt: string | null }>();

/** A change of an inbox item: its status, an internal note, and the public reply if it gives one ("" withdraws it). */
export interface FeedbackChange {
  status: FeedbackStatus;
  note: string;
  reply?: string;
}

/**
 * Sets an item's status (and its public reply, when the change gives a different one) and
 * records the change with its note and author in its history and in the shard's audit log
 * (`feedback.status`), in one transaction. The time of the change is what its receipt shows
 * as updated only when the status or the reply changed: an internal note is no news to the
 * citizen.
 */
export async function setFeedbackStatus(store: Store, id: string, { status, note, reply }: FeedbackChange, userId: number, at: Date): Promise<void> {
  const db = (await shardOfItem(store, id))!;
  const before = (await itemState(db, id))!;
  const newReply = reply === undefined || reply === (before.reply ?? "") ? null : reply;
  const replyBefore = newReply === null ? {} : { reply: before.reply };
  const replyAfter = newReply === null ? {} : { reply: newReply || null };
  await db.batch([
    db
      .prepare(
        `UPDATE feedback SET status = ?2, reply = iif(?3 IS NULL, reply, nullif(?3, '')),
           updated_at = iif(status IS NOT ?2 OR ?3 IS NOT NULL, ?4, updated_at)
         WHERE response_id = ?1`,
      )
      .bind(id, status, newReply, at.toISOString()),
    db
      .prepare(`INSERT INTO feedback_events (response_id, status, note, reply, user_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`)
      .bind(id, status, note, newReply, userId, at.toISOString()),
    auditStatement(db, {
      at,
      actor: userId,
      action: "feedback.status",
      unit: before.unit,
      target: id,
      before: { status: before.status, ...replyBefore },
      after: { status, note, ...replyAfter },
    }),
  ]);
}

/**
 * Erases an inbox item's free text (the response's reason and comment), keeping the answer and
 * its count; the only change the database allows to stored text. The first erasure is
 * recorded (`feedback.erase`, without the text) in the same transaction; erasing again changes
 * nothing. `actor` is the account that asked, null for a script. Returns whether there was
 * such an item.
 */
export async function eraseFeedbackText(store: Store, id: string, at: Date, actor: number | null = null): Promise<boolean> {
  const db = await shardOfItem(store, id);
  if (!db) return false;
  const before = (await itemState(db, id))!;
  if (before.erasedAt) return true;
  await db.batch([
    db.prepare(`UPDATE responses SET reason = NULL, comment = NULL, erased_at = coalesce(erased_at, ?2) WHERE id = ?1`).bind(id, at.toISOString()),
    auditStatement(db, { at, actor, action: "feedback.erase", unit: before.unit, target: id, before: { erasedAt: null }, after: { erasedAt: at.toISOString() } }),
  ]);
  return true;
}

/** A status change of an inbox item, as a follow-up records it. */
export interface FollowUp {
  id: string;
  status: FeedbackStatus;
  note: string;
  at: string;
}

/**
 * Records many follow-ups of items under one province (or below) by one account, in one
 * transaction: each in the items' history, and each item's status (and when it changed) set to its latest.
 */
export async function recordFollowUps(store: Store, root: string, followUps: FollowUp[], userId: number): Promise<void> {
  const db = (await shardOf(store, root))!;
  const insert = db.prepare(
    `INSERT INTO feedback_events (response_id, status, note, user_id, at)
     SELECT e.value ->> 'id', e.value ->> 'status', e.value ->> 'note', ?2, e.value ->> 'at' FROM json_each(?1) e`,
  );
  // In chunks: one bound parameter has a size limit.
  const chunks: D1PreparedStatement[] = [];
  for (let i = 0; i < followUps.length; i += 2000) chunks.push(insert.bind(JSON.stringify(followUps.slice(i, i + 2000)), userId));
  await db.batch([
    ...chunks,
    db
      .prepare(
        `UPDATE feedback SET (status, updated_at) = (SELECT e.status, e.at FROM feedback_events e WHERE e.response_id = feedback.response_id ORDER BY e.id DESC LIMIT 1)
         WHERE response_id IN (SELECT value ->> 'id' FROM json_each(?1))`,
      )
      .bind(JSON.stringify(followUps.map(({ id }) => ({ id })))),
  ]);
}

/** A complaint as its receipt shows it, and when the citizen's text was erased. */
export type ReceiptRecord = ReceiptView & { erasedAt: string | null };

/**
 * The complaint a receipt code follows, or null. The code names no province, so every shard
 * is asked, a few at a time. Should two shards hold the code (a client may send another's
 * code at a unit of another province), the answer received first keeps it, as within a shard
 * (worker/db/responses.ts). Quarantined answers are found like any: their senders are told
 * nothing different.
 */
export async function findByReceipt(store: Store, code: string): Promise<ReceiptRecord | null> {
  const found = await eachShard([...store.shards.values()], (db) =>
    db
      .prepare(
        `SELECT r.receipt AS code, f.status, r.received_at AS receivedAt, coalesce(f.updated_at, r.received_at) AS updatedAt,
           f.reply, r.erased_at AS erasedAt
         FROM responses r JOIN feedback f ON f.response_id = r.id WHERE r.receipt = ?1`,
      )
      .bind(code)
      .first<Omit<ReceiptRecord, "reply"> & { reply: string | null }>(),
  );
  const first = found.filter((row) => row !== null).sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1))[0];
  if (!first) return null;
  const { reply, ...rest } = first;
  return { ...rest, ...(reply !== null && { reply }) };
}
