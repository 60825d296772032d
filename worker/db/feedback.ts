import type { Bucket, Period } from "../domain/period.ts";
import {
  DEFAULT_DEADLINE_DAYS,
  isOverdue,
  lowerMedian,
  type ComplaintMeasures,
  type FeedbackItem,
  type FeedbackKind,
  type FeedbackStatus,
  type QueueCounts,
  type QueueStatus,
  type ReceiptView,
} from "../domain/feedback.ts";
import { COUNTRY } from "../domain/units.ts";
import { vnDay } from "../domain/vn-time.ts";
import { auditStatement } from "./audit.ts";
import { eachShard, holdsWholeShards, provinceOf, shardFor, shardHolding, shardOf, shardsUnder, type Database, type Store } from "./store.ts";
import { authorNames } from "./users.ts";

/*
 * The complaints inbox: responses with a reason or a comment (the feedback table, filled by
 * a trigger as they are stored), their kind, status, assignee and due day, and the history
 * of changes. Only items of accepted responses are shown: a quarantined answer's text is out
 * of the inbox as its answer is out of the figures. Each province's inbox is in its shard;
 * the history and the assignee name accounts by id, whose names are in the catalog.
 */

const ITEM_COLUMNS = `
  r.id, f.kind, r.received_at AS receivedAt, r.day, u.code AS unitCode, u.name AS unitName,
  o.code AS officialCode, o.name AS officialName, f.overall,
  r.reason, r.comment, r.case_code AS caseCode, r.receipt, r.erased_at AS erasedAt, f.status,
  f.due_day AS dueDay, f.assignee AS assigneeId, f.resolved_at AS resolvedAt, f.reply,
  (SELECT json_group_array(json_object('status', e.status, 'note', e.note, 'reply', e.reply, 'by', e.user_id, 'at', e.at) ORDER BY e.id)
     FROM feedback_events e WHERE e.response_id = f.response_id) AS history`;

/**
 * The items of accepted answers, with the official they are about (named in the answer, or
 * the unit it was given at, such as an official's own counter page) and the unit that served:
 * the official's desk, or else the unit the answer was given at.
 */
const ITEMS_FROM = `
  FROM feedback f JOIN responses r ON r.id = f.response_id AND r.status = 'accepted'
  LEFT JOIN units o ON o.code = f.unit AND o.kind = 'official'
  JOIN units u ON u.code = iif(r.official IS NULL AND o.code IS NOT NULL, o.parent, r.unit)`;

type ItemRow = Omit<FeedbackItem, "unit" | "official" | "history" | "assignee" | "overdue"> & {
  unitCode: string;
  unitName: string;
  officialCode: string | null;
  officialName: string | null;
  assigneeId: number | null;
  history: string;
};

/** Inbox items as the API shows them on `today` (a Viet Nam day), their accounts by name. */
async function toItems(store: Store, rows: ItemRow[], today: string): Promise<FeedbackItem[]> {
  const histories = rows.map((row) => JSON.parse(row.history) as (Omit<FeedbackItem["history"][number], "by"> & { by: number })[]);
  const assignees = rows.flatMap((row) => (row.assigneeId === null ? [] : [{ by: row.assigneeId }]));
  const name = await authorNames(store, [...histories, assignees]);
  return rows.map(({ unitCode, unitName, officialCode, officialName, assigneeId, history: _, ...rest }, i) => ({
    ...rest,
    unit: { code: unitCode, name: unitName },
    official: officialCode ? { code: officialCode, name: officialName ?? officialCode } : null,
    overdue: isOverdue(rest.dueDay, rest.status, today),
    assignee: assigneeId === null ? null : { id: assigneeId, name: name(assigneeId) },
    history: histories[i]!.map((event) => ({ ...event, by: name(event.by) })),
  }));
}

/**
 * The condition that an item counted at `unit` (a feedback item's unit, a response's counted
 * unit) is not about a named official: an official's own page counts there too. Accounts that
 * may not see officials have such items left out, in the queue as in the reports.
 */
export const notAboutOfficial = (unit: string) => `NOT EXISTS (SELECT 1 FROM units o WHERE o.code = ${unit} AND o.kind = 'official')`;

/** Where a listing continues: after the item with this time and id. */
export interface FeedbackCursor {
  receivedAt: string;
  id: string;
}

/**
 * Which items: the subtree under `root` and a period of received days, then each filter that
 * is set. Filters left out (or null) select everything.
 */
export interface QueueFilter extends Period {
  root: string;
  /** Whether items about a named official are included: only for the unit's managers and admins. */
  officials: boolean;
  /** The Viet Nam day that decides what is overdue; today's by default. */
  today?: string;
  kind?: FeedbackKind | null;
  status?: QueueStatus | null;
  /** Only items naming this official. */
  official?: string | null;
  /** The overall level answered. */
  level?: number | null;
  /** A full-text query (worker/domain/search.ts searchQuery) over the citizen's text and the notes. */
  search?: string | null;
  assignee?: number | null;
}

/** A page of the queue, newest or oldest first. */
export interface FeedbackFilter extends QueueFilter {
  sort?: "newest" | "oldest";
  after: FeedbackCursor | null;
  limit: number;
}

const todayOf = (f: QueueFilter) => f.today ?? vnDay(new Date());

/**
 * The conditions of a filter over the inbox `feedback f`, with their parameters: only the
 * filters that are set become conditions, so each query is planned for what it asks. A
 * province's or the country's items are every item of the shard, read along the time index
 * (feedback_newest) or whole; a smaller scope's are read unit by unit through the closure
 * (feedback_unit), which the kind, as `+f.kind`, never competes with.
 */
class Conditions {
  readonly values: unknown[] = [];
  readonly where: string[] = [];
  private readonly join: string;

  /** `whole`: the root's subtree is whole shards (holdsWholeShards). */
  constructor(f: QueueFilter, whole: boolean) {
    this.join = whole ? "" : `JOIN unit_ancestors a ON a.unit = f.unit AND a.ancestor = ${this.param(f.root)}`;
    this.add(`f.accepted = 1 AND f.day BETWEEN ${this.param(f.from)} AND ${this.param(f.to)}`);
    if (!f.officials) this.add(notAboutOfficial("f.unit"));
    if (f.kind) this.add(`+f.kind = ${this.param(f.kind)}`);
    if (f.status === "open") this.add("f.status <> 'resolved'");
    else if (f.status === "overdue") this.add(`f.status <> 'resolved' AND f.due_day < ${this.param(todayOf(f))}`);
    else if (f.status) this.add(`f.status = ${this.param(f.status)}`);
    if (f.official) this.add(`f.unit = ${this.param(f.official)}`);
    if (f.level != null) this.add(`f.overall = ${this.param(f.level)}`);
    if (f.search) this.add(`f.response_id IN (SELECT response_id FROM feedback_text WHERE feedback_text MATCH ${this.param(f.search)})`);
    if (f.assignee != null) this.add(`f.assignee = ${this.param(f.assignee)}`);
  }

  /** The placeholder of a new parameter. */
  param(value: unknown): string {
    this.values.push(value);
    return `?${this.values.length}`;
  }

  add(condition: string): void {
    this.where.push(condition);
  }

  /** The FROM and WHERE of the filtered items. */
  get sql(): string {
    return `FROM feedback f ${this.join} WHERE ${this.where.join(" AND ")}`;
  }
}

/** The shards under a root, and the conditions of a filter of that root there. */
async function underRoot(store: Store, root: string): Promise<{ shards: Database[]; where: (f: QueueFilter) => Conditions }> {
  const whole = await holdsWholeShards(store, root);
  return { shards: await shardsUnder(store, root), where: (f) => new Conditions(f, whole) };
}

const byTime = (a: { receivedAt: string; id: string }, b: { receivedAt: string; id: string }) =>
  a.receivedAt === b.receivedAt ? (a.id < b.id ? -1 : 1) : a.receivedAt < b.receivedAt ? -1 : 1;

/** Feedback items in the filter's order (newest first unless asked otherwise): a page from each shard under `root`, merged. */
export async function listFeedback(store: Store, f: FeedbackFilter): Promise<FeedbackItem[]> {
  const oldest = f.sort === "oldest";
  const root = await underRoot(store, f.root);
  const pages = await eachShard(root.shards, async (db) => {
    const where = root.where(f);
    if (f.after) where.add(`(f.received_at, f.response_id) ${oldest ? ">" : "<"} (${where.param(f.after.receivedAt)}, ${where.param(f.after.id)})`);
    const order = oldest ? "ASC" : "DESC";
    const { results } = await db
      .prepare(
        `SELECT ${ITEM_COLUMNS} ${ITEMS_FROM} WHERE f.response_id IN (
           SELECT f.response_id ${where.sql} ORDER BY f.received_at ${order}, f.response_id ${order} LIMIT ${where.param(f.limit)})
         ORDER BY f.received_at ${order}, f.response_id ${order}`,
      )
      .bind(...where.values)
      .all<ItemRow>();
    return results;
  });
  const merged = pages.flat().sort(oldest ? byTime : (a, b) => byTime(b, a));
  return toItems(store, merged.slice(0, f.limit), todayOf(f));
}

/** How many items the filter selects in each status, over every shard under `root`. */
export async function queueCounts(store: Store, f: QueueFilter): Promise<QueueCounts> {
  const { status: _, ...all } = f;
  const root = await underRoot(store, f.root);
  const rows = await eachShard(root.shards, async (db) => {
    const where = root.where(all);
    const today = where.param(todayOf(f));
    const { results } = await db
      .prepare(`SELECT f.status, count(*) AS n, coalesce(sum(f.status <> 'resolved' AND f.due_day < ${today}), 0) AS overdue ${where.sql} GROUP BY f.status`)
      .bind(...where.values)
      .all<{ status: FeedbackStatus; n: number; overdue: number }>();
    return results;
  });
  const counts: QueueCounts = { new: 0, in_progress: 0, overdue: 0, resolved: 0, total: 0 };
  for (const row of rows.flat()) {
    counts[row.status] += row.n;
    counts.overdue += row.overdue;
    counts.total += row.n;
  }
  return counts;
}

/** How many items the filter selects, over every shard under `root`. */
export async function countFeedback(store: Store, f: QueueFilter): Promise<number> {
  const root = await underRoot(store, f.root);
  const counts = await eachShard(root.shards, async (db) => {
    const where = root.where(f);
    return (await db.prepare(`SELECT count(*) AS n ${where.sql}`).bind(...where.values).first<number>("n")) ?? 0;
  });
  return counts.reduce((a, b) => a + b, 0);
}

/** The SQL for the first day of the bucket of `f.day`, as worker/domain/period.ts bucketStart computes it. */
const BUCKET_SQL: Record<Bucket, string> = {
  day: "f.day",
  week: "date(f.day, '-' || ((CAST(strftime('%w', f.day) AS INTEGER) + 6) % 7) || ' days')",
  month: "strftime('%Y-%m-01', f.day)",
  quarter: "printf('%s-%02d-01', strftime('%Y', f.day), (CAST(strftime('%m', f.day) AS INTEGER) - 1) / 3 * 3 + 1)",
};

interface MeasureRow {
  bucket: string;
  received: number;
  resolved: number;
  onTime: number;
  decided: number;
  open: number;
  overdue: number;
}

/**
 * The complaint measures (worker/domain/feedback.ts complaintMeasuresSchema) of the complaints
 * the filter selects (its kind is ignored: only complaints are measured), by the bucket of
 * their received day, or for the whole period (key "") without a bucket. Each shard counts
 * its own and gives its times to resolution as counts per whole hour, which add up across
 * shards into the median.
 */
export async function complaintMeasures(store: Store, f: QueueFilter, bucket?: Bucket): Promise<Map<string, ComplaintMeasures>> {
  const filter = { ...f, kind: "complaint" as const };
  const key = bucket ? BUCKET_SQL[bucket] : "''";
  const root = await underRoot(store, f.root);
  const parts = await eachShard(root.shards, async (db) => {
    const totals = root.where(filter);
    const today = totals.param(todayOf(f));
    const hours = root.where({ ...filter, status: "resolved" });
    const [counted, times] = await db.batch<Record<string, number | string>>([
      db
        .prepare(
          `SELECT ${key} AS bucket, count(*) AS received, sum(f.status = 'resolved') AS resolved,
             sum(f.status = 'resolved' AND date(f.resolved_at, '+7 hours') <= f.due_day) AS onTime,
             sum(f.status = 'resolved' OR f.due_day < ${today}) AS decided,
             sum(f.status <> 'resolved') AS open, sum(f.status <> 'resolved' AND f.due_day < ${today}) AS overdue
           ${totals.sql} GROUP BY 1`,
        )
        .bind(...totals.values),
      db
        .prepare(`SELECT ${key} AS bucket, CAST(round((julianday(f.resolved_at) - julianday(f.received_at)) * 86400000) AS INTEGER) / 3600000 AS hours, count(*) AS n ${hours.sql} GROUP BY 1, 2`)
        .bind(...hours.values),
    ]);
    return { counted: counted!.results as unknown as MeasureRow[], times: times!.results as unknown as { bucket: string; hours: number; n: number }[] };
  });
  const sums = new Map<string, MeasureRow>();
  const histograms = new Map<string, Map<number, number>>();
  for (const { counted, times } of parts) {
    for (const row of counted) {
      const sum = sums.get(row.bucket) ?? { bucket: row.bucket, received: 0, resolved: 0, onTime: 0, decided: 0, open: 0, overdue: 0 };
      for (const field of ["received", "resolved", "onTime", "decided", "open", "overdue"] as const) sum[field] += row[field];
      sums.set(row.bucket, sum);
    }
    for (const { bucket: at, hours, n } of times) {
      const histogram = histograms.get(at) ?? new Map<number, number>();
      histogram.set(hours, (histogram.get(hours) ?? 0) + n);
      histograms.set(at, histogram);
    }
  }
  const measures = new Map<string, ComplaintMeasures>();
  for (const [at, { received, resolved, onTime, decided, open, overdue }] of sums) {
    measures.set(at, {
      received,
      resolved,
      medianHours: lowerMedian(histograms.get(at) ?? new Map()),
      onTime: { count: onTime, n: decided, share: decided === 0 ? null : onTime / decided },
      open,
      overdue,
    });
  }
  return measures;
}

/** No complaint received: the measures of an empty period or bucket. */
export const NO_COMPLAINTS: ComplaintMeasures = { received: 0, resolved: 0, medianHours: null, onTime: { count: 0, n: 0, share: null }, open: 0, overdue: 0 };

/** The shard holding an inbox item, looked for under `root` first. */
const shardOfItem = (store: Store, id: string, root = COUNTRY) =>
  shardHolding(store, id, root, async (db) => !!(await db.prepare(`SELECT 1 FROM feedback WHERE response_id = ?1`).bind(id).first()));

/** Feedback items by id, as they are now; those not found are left out. */
export async function findFeedback(store: Store, ids: string[]): Promise<FeedbackItem[]> {
  const rows = await Promise.all(
    ids.map(async (id) => {
      const db = await shardOfItem(store, id);
      return db && db.prepare(`SELECT ${ITEM_COLUMNS} ${ITEMS_FROM} WHERE f.response_id = ?1`).bind(id).first<ItemRow>();
    }),
  );
  return toItems(store, rows.filter((row) => row !== null), vnDay(new Date()));
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

/** What an item is before a change: its unit, status, public reply, assignee, and when its text was erased. */
const itemState = (db: Database, id: string) =>
  db
    .prepare(
      `SELECT f.unit AS counted, r.unit, f.status, f.reply, f.assignee, r.erased_at AS erasedAt
       FROM feedback f JOIN responses r ON r.id = f.response_id WHERE f.response_id = ?1`,
    )
    .bind(id)
    .first<{ counted: string; unit: string; status: FeedbackStatus; reply: string | null; assignee: number | null; erasedAt: string | null }>();

/** What an item is before a change. */
export type ItemState = NonNullable<Awaited<ReturnType<typeof itemState>>>;

/** Items as they are before a change, by id; null for an id with no item. */
export async function itemStates(store: Store, ids: string[]): Promise<Map<string, ItemState | null>> {
  const states = await Promise.all(ids.map(async (id) => [id, await shardOfItem(store, id).then((db) => db && itemState(db, id))] as const));
  return new Map(states);
}

/**
 * A change of an inbox item: its status, an internal note, the public reply if it gives one
 * ("" withdraws it), the account it is given to (null for nobody) if it moves it; what is
 * left out stays as it is.
 */
export interface FeedbackChange {
  status?: FeedbackStatus;
  note: string;
  reply?: string;
  assignee?: number | null;
}

/** The statements of one item's change, given the item as it was. */
function changeStatements(db: Database, id: string, before: ItemState, change: FeedbackChange, userId: number, at: Date): D1PreparedStatement[] {
  const status = change.status ?? before.status;
  const newReply = change.reply === undefined || change.reply === (before.reply ?? "") ? null : change.reply;
  const assignee = change.assignee === undefined ? before.assignee : change.assignee;
  const diff = <K extends string, V>(key: K, from: V, to: V, changed: boolean) => (changed ? [{ [key]: from }, { [key]: to }] : [{}, {}]);
  const [replyBefore, replyAfter] = diff("reply", before.reply, newReply || null, newReply !== null);
  const [assigneeBefore, assigneeAfter] = diff("assignee", before.assignee, assignee, assignee !== before.assignee);
  const when = at.toISOString();
  return [
    db
      .prepare(
        `UPDATE feedback SET status = ?2, reply = iif(?3 IS NULL, reply, nullif(?3, '')), assignee = ?5,
           resolved_at = iif(?2 = 'resolved', iif(status = 'resolved', resolved_at, ?4), NULL),
           updated_at = iif(status IS NOT ?2 OR ?3 IS NOT NULL, ?4, updated_at)
         WHERE response_id = ?1`,
      )
      .bind(id, status, newReply, when, assignee),
    db
      .prepare(`INSERT INTO feedback_events (response_id, status, note, reply, user_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`)
      .bind(id, status, change.note, newReply, userId, when),
    auditStatement(db, {
      at,
      actor: userId,
      action: "feedback.status",
      unit: before.unit,
      target: id,
      before: { status: before.status, ...replyBefore, ...assigneeBefore },
      after: { status, note: change.note, ...replyAfter, ...assigneeAfter },
    }),
  ];
}

/**
 * Changes items (their status, public reply when the change gives a different one, assignee)
 * and records each change with its note and author in the item's history and in the shard's
 * audit log (`feedback.status`): in one transaction per shard, so a move of several items of
 * one province is all or nothing (databases apart share no transaction: the caller checks
 * every item before any is written). `before` is each item as the caller checked it. The time
 * of a change is what a receipt shows as updated only when the status or the reply changed:
 * an internal note is no news to the citizen. Moving to resolved stamps when; moving out of
 * it clears that.
 */
export async function changeFeedback(store: Store, before: Map<string, ItemState>, change: FeedbackChange, userId: number, at: Date): Promise<void> {
  const byShard = new Map<Database, D1PreparedStatement[]>();
  for (const [id, state] of before) {
    const db = (await shardOfItem(store, id))!;
    byShard.set(db, [...(byShard.get(db) ?? []), ...changeStatements(db, id, state, change, userId, at)]);
  }
  await Promise.all([...byShard].map(([db, statements]) => db.batch(statements)));
}

/** The deadline for the complaints of a unit: its province's, in days, and whether it is the default. */
export async function complaintDeadline(store: Store, unit: string): Promise<{ province: string; days: number; isDefault: boolean }> {
  const province = (await provinceOf(store, unit))!;
  const days = await shardFor(store, province)
    .prepare(`SELECT days FROM complaint_deadlines WHERE province = ?1`)
    .bind(province)
    .first<number>("days");
  return { province, days: days ?? DEFAULT_DEADLINE_DAYS, isDefault: days === null };
}

/** Sets a province's deadline for the complaints received from now on, recorded in its shard's audit log (`complaints.deadline`). */
export async function setComplaintDeadline(store: Store, province: string, days: number, actor: number, at: Date): Promise<void> {
  const db = shardFor(store, province);
  const before = await complaintDeadline(store, province);
  await db.batch([
    db.prepare(`INSERT INTO complaint_deadlines (province, days) VALUES (?1, ?2) ON CONFLICT (province) DO UPDATE SET days = excluded.days`).bind(province, days),
    auditStatement(db, { at, actor, action: "complaints.deadline", unit: province, target: province, before: { days: before.days }, after: { days } }),
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
 * transaction: each in the items' history, and each item's status (and when it changed, and was resolved) set to its latest.
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
        `UPDATE feedback SET (status, updated_at, resolved_at) = (
           SELECT e.status, e.at, iif(e.status = 'resolved', e.at, NULL) FROM feedback_events e WHERE e.response_id = feedback.response_id ORDER BY e.id DESC LIMIT 1)
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
