import type { Period } from "../domain/period.ts";
import type { AnswerColumn } from "../jobs/answers-csv.ts";
import type { ExportJob, ExportStatus } from "../jobs/export-job.ts";
import { shardsUnder, type Store } from "./store.ts";

/**
 * Rows per read. One request may make 1,000 D1 queries (Workers Paid): an export streamed in
 * one request (at most EXPORT_MAX_ROWS, wrangler.toml) reads that many rows in full pages and
 * one short page per shard; a larger one is written by a job, a few pages a step.
 */
export const EXPORT_PAGE_ROWS = 1000;

/** One answer set as the answers export lists it. */
export interface ExportRow {
  id: string;
  receivedAt: string;
  answeredAt: string | null;
  day: string;
  unit: string;
  unitName: string;
  survey: string;
  version: number;
  channel: string;
  lang: string;
  caseCode: string | null;
  reason: string | null;
  comment: string | null;
  /** The official the answer is about: named in it, or the unit it was given at. */
  official: string | null;
  /** JSON object item → level. */
  answers: string;
  status: "accepted" | "quarantined";
  /** The incident a quarantined answer was flagged in; null for a honeypot's. */
  incident: number | null;
  /** Where an export that stops after this row resumes. */
  resume: ExportPosition;
}

/** Where the next page starts: a shard (by its place among the root's), after a row in the order of the index (counting unit, day, row) or at its start. */
export interface ExportPosition {
  shard: number;
  after: { unit: string; day: string; row: number } | null;
}

/**
 * One page of the answer sets stored in the subtree under `root` (at the unit they are counted
 * at, as the rollups count them) in a period, those left out of the figures included: shard
 * after shard, each read along the index responses_counted_day so that every page costs the
 * same; a shard without rows in the period costs one read. Pass `next` back for the page
 * after; null after the last.
 */
export async function exportPage(store: Store, root: string, period: Period, at: ExportPosition | null, size: number) {
  const shards = await shardsUnder(store, root);
  for (let shard = at?.shard ?? 0; shard < shards.length; shard++) {
    const from = at?.shard === shard ? at.after : null;
    const { results } = await shards[shard]!
      .prepare(
        `SELECT r.rowid AS row, coalesce(r.official, r.unit) AS counted, r.id, r.received_at AS receivedAt,
           r.answered_at AS answeredAt, r.day, r.unit, u.name AS unitName, r.survey, r.version, r.channel, r.lang,
           r.case_code AS caseCode, r.reason, r.comment, iif(u.kind = 'official', r.unit, r.official) AS official, r.answers AS answers, r.status, r.incident
         FROM responses r JOIN units u ON u.code = r.unit
         WHERE coalesce(r.official, r.unit) IN (SELECT unit FROM unit_ancestors WHERE ancestor = ?1)
           AND r.day BETWEEN ?2 AND ?3
           AND (?4 IS NULL OR (coalesce(r.official, r.unit), r.day, r.rowid) > (?4, ?5, ?6))
         ORDER BY coalesce(r.official, r.unit), r.day, r.rowid LIMIT ?7`,
      )
      .bind(root, period.from, period.to, from?.unit ?? null, from?.day ?? null, from?.row ?? null, size)
      .all<Omit<ExportRow, "resume"> & { row: number; counted: string }>();
    const rows = results.map(({ row, counted, ...r }): ExportRow => ({ ...r, resume: { shard, after: { unit: counted, day: r.day, row } } }));
    // A full page may have more after it; a short one ends its shard, so the next page starts the next shard.
    if (rows.length === size) return { rows, next: rows.at(-1)!.resume };
    if (rows.length > 0) return { rows, next: shard + 1 < shards.length ? { shard: shard + 1, after: null } : null };
  }
  return { rows: [] as ExportRow[], next: null };
}

/*
 * Export jobs (migrations/catalog/0007_export_jobs.sql): each step of a job moves it on with
 * one conditional write, so that a step run twice (a queue delivers at least once) moves it
 * once.
 */

const JOB = `SELECT id, account, unit, period_from AS "from", period_to AS "to", officials, columns, status, total, rows, step, sent,
  position, carry, object_key AS objectKey, upload_id AS uploadId, parts, bytes, error, created_at AS createdAt,
  updated_at AS updatedAt, expires_at AS expiresAt FROM export_jobs`;

interface JobRow extends Omit<ExportJob, "period" | "officials" | "columns" | "position" | "carry" | "parts"> {
  from: string;
  to: string;
  officials: number;
  columns: string;
  position: string | null;
  carry: ArrayBuffer | number[];
  parts: string;
}

const toJob = ({ from, to, officials, columns, position, carry, parts, ...rest }: JobRow): ExportJob => ({
  ...rest,
  period: { from, to },
  officials: officials === 1,
  columns: JSON.parse(columns) as AnswerColumn[],
  position: position === null ? null : (JSON.parse(position) as ExportPosition),
  carry: new Uint8Array(carry),
  parts: JSON.parse(parts) as R2UploadedPart[],
});

/** A job about to start: what it exports, for whom, and where its file goes. */
export type NewExportJob = Pick<ExportJob, "id" | "account" | "unit" | "period" | "officials" | "columns" | "total" | "carry" | "objectKey" | "uploadId">;

/** Stores a new job, queued at its first step. */
export async function insertExportJob({ catalog: db }: Store, job: NewExportJob, at: Date): Promise<void> {
  await db
    .prepare(
      `INSERT INTO export_jobs (id, account, unit, period_from, period_to, officials, columns, status, total, carry, object_key, upload_id, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', ?8, ?9, ?10, ?11, ?12, ?12)`,
    )
    .bind(job.id, job.account, job.unit, job.period.from, job.period.to, job.officials ? 1 : 0, JSON.stringify(job.columns), job.total, job.carry, job.objectKey, job.uploadId, at.toISOString())
    .run();
}

/** A job by its id, or null. */
export function findExportJob({ catalog: db }: Store, id: string): Promise<ExportJob | null> {
  return db
    .prepare(`${JOB} WHERE id = ?1`)
    .bind(id)
    .first<JobRow>()
    .then((row) => row && toJob(row));
}

/** The account's job for the same export that is still under way, and has moved since `movedSince`, if there is one. */
export function unfinishedExportJob({ catalog: db }: Store, account: number, unit: string, period: Period, officials: boolean, movedSince: Date): Promise<ExportJob | null> {
  return db
    .prepare(
      `${JOB} WHERE account = ?1 AND unit = ?2 AND period_from = ?3 AND period_to = ?4 AND officials = ?5 AND status IN ('queued', 'running')
         AND updated_at > ?6 ORDER BY created_at DESC LIMIT 1`,
    )
    .bind(account, unit, period.from, period.to, officials ? 1 : 0, movedSince.toISOString())
    .first<JobRow>()
    .then((row) => row && toJob(row));
}

/** What a step leaves: the job's progress, and its status after it. */
export type ExportProgress = Pick<ExportJob, "position" | "carry" | "parts" | "rows" | "bytes" | "expiresAt"> & { status: Extract<ExportStatus, "running" | "ready"> };

/**
 * Records step `step` of a job as done, unless it was already (a second run of the same
 * step): returns whether this call did.
 */
export async function advanceExportJob({ catalog: db }: Store, id: string, step: number, p: ExportProgress, at: Date): Promise<boolean> {
  const { meta } = await db
    .prepare(
      `UPDATE export_jobs SET step = step + 1, status = ?3, position = ?4, carry = ?5, parts = ?6, rows = ?7, bytes = ?8, expires_at = ?9, updated_at = ?10
       WHERE id = ?1 AND step = ?2 AND status IN ('queued', 'running')`,
    )
    .bind(id, step, p.status, p.position && JSON.stringify(p.position), p.carry, JSON.stringify(p.parts), p.rows, p.bytes, p.expiresAt, at.toISOString())
    .run();
  return meta.changes > 0;
}

/** Records that the message for a job's step `step` was sent. */
export async function markExportStepSent({ catalog: db }: Store, id: string, step: number): Promise<void> {
  await db.prepare(`UPDATE export_jobs SET sent = max(sent, ?2) WHERE id = ?1`).bind(id, step).run();
}

/** Marks a job under way as failed, keeping why for the operators. */
export async function failExportJob({ catalog: db }: Store, id: string, error: string, at: Date): Promise<void> {
  await db
    .prepare(`UPDATE export_jobs SET status = 'failed', error = ?2, updated_at = ?3 WHERE id = ?1 AND status IN ('queued', 'running')`)
    .bind(id, error, at.toISOString())
    .run();
}
