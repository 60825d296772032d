import type { ResponseRecord, ResponseStatus } from "../domain/submission.ts";
import { deviceByTokenStatement, toDeviceAuth, type DeviceAuth } from "./devices.ts";
import { paceCountStatement } from "./incidents.ts";
import { toUnitContext, unitContextStatement, type UnitContext, type UnitContextQuery, type UnitContextRow } from "./surveys.ts";

/**
 * Stores responses in one statement, whatever their number (the records travel as one JSON
 * parameter): the API stores one, the demo seed hundreds. The responses_rollup trigger
 * counts each accepted one into the rollups within the same statement, so a response is
 * stored and counted together or not at all.
 */
export function insertResponsesStatement(db: D1Database, records: ResponseRecord[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO responses (id, body_hash, unit, official, survey, version, answers, received_at, answered_at, day,
         channel, lang, case_code, case_key, reason, comment, client_hash, device, source, paced_at, duration_ms, status)
       SELECT r.value ->> 'id', r.value ->> 'bodyHash', r.value ->> 'unit', r.value ->> 'official',
         r.value ->> 'survey', r.value ->> 'version', r.value -> 'answers', r.value ->> 'receivedAt',
         r.value ->> 'answeredAt', r.value ->> 'day', r.value ->> 'channel', r.value ->> 'lang',
         r.value ->> 'caseCode', r.value ->> 'caseKey', r.value ->> 'reason', r.value ->> 'comment',
         r.value ->> 'clientHash', r.value ->> 'device', r.value ->> 'source', r.value ->> 'pacedAt',
         r.value ->> 'durationMs', r.value ->> 'status'
       FROM json_each(?1) r`,
    )
    .bind(JSON.stringify(records));
}

/** What an earlier receipt of a response id stored, for idempotent replays. */
export interface StoredReceipt {
  bodyHash: string;
  status: ResponseStatus;
  incident: number | null;
}

/** The statement that finds an earlier receipt, to run alone or in a batch with other reads. */
function findReceiptStatement(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare(`SELECT body_hash AS bodyHash, status, incident FROM responses WHERE id = ?1`).bind(id);
}

export function findReceipt(db: D1Database, id: string): Promise<StoredReceipt | null> {
  return findReceiptStatement(db, id).first<StoredReceipt>();
}

/**
 * What a submission needs to know before it is stored, in one round trip: whether its id was
 * stored already (a replay is answered before anything else), its unit's context, and the
 * kiosk behind a device token, if it sent one (by the token's hash).
 */
export async function submissionReads(
  db: D1Database,
  id: string,
  q: UnitContextQuery,
  deviceTokenHash: string | null,
): Promise<{ earlier: StoredReceipt | null; context: UnitContext | null; device: DeviceAuth | null }> {
  const reads = [findReceiptStatement(db, id), unitContextStatement(db, q)];
  if (deviceTokenHash) reads.push(deviceByTokenStatement(db, deviceTokenHash, q.unit));
  const [receipt, context, device] = await db.batch(reads);
  return {
    earlier: (receipt?.results[0] as StoredReceipt | undefined) ?? null,
    context: toUnitContext(context?.results[0] as UnitContextRow | undefined),
    device: toDeviceAuth(device?.results[0] as Parameters<typeof toDeviceAuth>[0]),
  };
}

/**
 * Stores one response (see insertResponsesStatement) and, in the same round trip, counts its
 * source's answers at its unit within the window of its pace, itself included.
 */
export async function storeResponse(db: D1Database, record: ResponseRecord): Promise<{ paced: number }> {
  const [, pace] = await db.batch([insertResponsesStatement(db, [record]), paceCountStatement(db, record.unit, record.source, record.pacedAt)]);
  return { paced: (pace?.results[0] as { n: number }).n };
}

/** Whether a failed insert broke a uniqueness rule (the id, or one rating per case). */
export function violatedUniqueness(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed: responses\./i.test(err.message);
}

/**
 * Moves responses in or out of the count. The responses_status trigger moves their answers
 * out of or into the rollups in the same statement; a release that would give a case a
 * second counted rating fails on its uniqueness, changing nothing.
 */
export function setResponseStatus(db: D1Database, ids: string[], status: ResponseStatus): Promise<D1Result> {
  return db
    .prepare(`UPDATE responses SET status = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND status <> ?2`)
    .bind(JSON.stringify(ids), status)
    .run();
}

/**
 * Erases a response's free text (reason and comment), keeping the answer and its count; the
 * only change the database allows to stored text. Returns whether there was such a response.
 */
export async function eraseResponseText(db: D1Database, id: string, at: Date): Promise<boolean> {
  const result = await db
    .prepare(`UPDATE responses SET reason = NULL, comment = NULL, erased_at = coalesce(erased_at, ?2) WHERE id = ?1`)
    .bind(id, at.toISOString())
    .run();
  return result.meta.changes > 0;
}
