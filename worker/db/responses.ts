import type { ResponseRecord, ResponseStatus } from "../domain/submission.ts";

/**
 * Stores responses in one statement, whatever their number (the records travel as one JSON
 * parameter): the API stores one, the demo seed hundreds. The responses_rollup trigger
 * counts each accepted one into the rollups within the same statement, so a response is
 * stored and counted together or not at all.
 */
export function insertResponsesStatement(db: D1Database, records: ResponseRecord[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO responses (id, body_hash, unit, official, survey, version, answers, received_at, day,
         channel, lang, case_code, reason, comment, client_hash, status)
       SELECT r.value ->> 'id', r.value ->> 'bodyHash', r.value ->> 'unit', r.value ->> 'official',
         r.value ->> 'survey', r.value ->> 'version', r.value -> 'answers', r.value ->> 'receivedAt',
         r.value ->> 'day', r.value ->> 'channel', r.value ->> 'lang', r.value ->> 'caseCode',
         r.value ->> 'reason', r.value ->> 'comment', r.value ->> 'clientHash', r.value ->> 'status'
       FROM json_each(?1) r`,
    )
    .bind(JSON.stringify(records));
}

/** What an earlier receipt of a response id stored, for idempotent replays. */
export interface StoredReceipt {
  bodyHash: string;
  status: ResponseStatus;
}

export async function findReceipt(db: D1Database, id: string): Promise<StoredReceipt | null> {
  return db
    .prepare(`SELECT body_hash AS bodyHash, status FROM responses WHERE id = ?1`)
    .bind(id)
    .first<StoredReceipt>();
}

/** Which uniqueness rule a failed insert broke, if it broke one. */
export function violatedUniqueness(err: unknown): "id" | "case" | null {
  const message = err instanceof Error ? err.message : "";
  if (!/UNIQUE constraint failed/i.test(message)) return null;
  if (/responses\.id/.test(message)) return "id";
  if (/responses\.(unit|case_code)/.test(message)) return "case";
  return null;
}
