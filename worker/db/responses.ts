import type { ResponseRecord, ResponseStatus } from "../domain/submission.ts";
import { deviceByTokenStatement, toDeviceAuth, type DeviceAuth } from "./devices.ts";
import { paceCountStatement } from "./incidents.ts";
import { learnProvinces, shardOf, type Database, type Store } from "./store.ts";
import { unitContext, type UnitContext, type UnitContextQuery } from "./contexts.ts";

/**
 * Stores responses in one statement, whatever their number (the records travel as one JSON
 * parameter): the API stores one, the demo seed hundreds. The responses_rollup trigger
 * counts each accepted one into the rollups within the same statement, so a response is
 * stored and counted together or not at all.
 *
 * A receipt code another answer holds already is not stored with this one, which is stored
 * all the same and answered as any: the code's first holder keeps it, and a client that sent
 * someone else's code (to take it over, or to learn whether it exists) is told nothing.
 */
function insertResponsesStatement(db: Database, records: ResponseRecord[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO responses (id, body_hash, unit, official, survey, version, answers, received_at, answered_at, day,
         channel, lang, case_code, case_key, reason, comment, receipt, client_hash, device, source, paced_at, duration_ms, status)
       SELECT r.value ->> 'id', r.value ->> 'bodyHash', r.value ->> 'unit', r.value ->> 'official',
         r.value ->> 'survey', r.value ->> 'version', r.value -> 'answers', r.value ->> 'receivedAt',
         r.value ->> 'answeredAt', r.value ->> 'day', r.value ->> 'channel', r.value ->> 'lang',
         r.value ->> 'caseCode', r.value ->> 'caseKey', r.value ->> 'reason', r.value ->> 'comment',
         iif(EXISTS (SELECT 1 FROM responses held WHERE held.receipt = r.value ->> 'receipt'), NULL, r.value ->> 'receipt'),
         r.value ->> 'clientHash', r.value ->> 'device', r.value ->> 'source', r.value ->> 'pacedAt',
         r.value ->> 'durationMs', r.value ->> 'status'
       FROM json_each(?1) r`,
    )
    .bind(JSON.stringify(records));
}

/**
 * Stores many responses, each in its unit's shard, one statement per shard (the demo seed's
 * path: the same insert and triggers as a submission's).
 */
export async function storeResponses(store: Store, records: ResponseRecord[]): Promise<void> {
  await learnProvinces(store, records.map((r) => r.unit));
  const byShard = new Map<Database, ResponseRecord[]>();
  for (const record of records) {
    const shard = (await shardOf(store, record.unit))!;
    byShard.set(shard, [...(byShard.get(shard) ?? []), record]);
  }
  for (const [shard, some] of byShard) await insertResponsesStatement(shard, some).run();
}

/** What an earlier receipt of a response id stored, for idempotent replays. */
export interface StoredReceipt {
  bodyHash: string;
  status: ResponseStatus;
  incident: number | null;
}

/** The statement that finds an earlier receipt, to run alone or in a batch with other reads. */
function findReceiptStatement(db: Database, id: string): D1PreparedStatement {
  return db.prepare(`SELECT body_hash AS bodyHash, status, incident FROM responses WHERE id = ?1`).bind(id);
}

/** The earlier receipt of a response id at a unit, if its shard stored one. */
export async function findReceipt(store: Store, unit: string, id: string): Promise<StoredReceipt | null> {
  const shard = await shardOf(store, unit);
  return shard && findReceiptStatement(shard, id).first<StoredReceipt>();
}

/**
 * What a submission needs to know before it is stored: its unit's context (from what the
 * isolate keeps of the unit's province, see contexts.ts), and the kiosk behind a device
 * token if it sent one (by the token's hash; read every time, so a revoked kiosk stops at once).
 */
export async function submissionReads(
  store: Store,
  q: UnitContextQuery,
  deviceTokenHash: string | null,
): Promise<{ context: UnitContext | null; device: DeviceAuth | null }> {
  const [context, device] = await Promise.all([
    unitContext(store, q),
    deviceTokenHash ? deviceByTokenStatement(store.catalog, deviceTokenHash, q.unit).first<Parameters<typeof toDeviceAuth>[0]>() : undefined,
  ]);
  return { context, device: toDeviceAuth(device ?? undefined) };
}

/**
 * Stores one response in its unit's shard (see insertResponsesStatement) and, in the same
 * round trip, counts its source's answers at its unit within the window of its pace, itself
 * included.
 */
export async function storeResponse(store: Store, record: ResponseRecord): Promise<{ paced: number }> {
  const db = (await shardOf(store, record.unit))!;
  const [, pace] = await db.batch([insertResponsesStatement(db, [record]), paceCountStatement(db, record.unit, record.source, record.pacedAt)]);
  return { paced: (pace?.results[0] as { n: number }).n };
}

/** Whether a failed insert broke a uniqueness rule (the id, or one rating per case). */
export function violatedUniqueness(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed: responses\./i.test(err.message);
}

/**
 * Moves responses of a unit's shard in or out of the count. The responses_status trigger
 * moves their answers out of or into the rollups in the same statement; a release that would
 * give a case a second counted rating fails on its uniqueness, changing nothing.
 */
export async function setResponseStatus(store: Store, unit: string, ids: string[], status: ResponseStatus): Promise<void> {
  const db = (await shardOf(store, unit))!;
  await db.prepare(`UPDATE responses SET status = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND status <> ?2`).bind(JSON.stringify(ids), status).run();
}
