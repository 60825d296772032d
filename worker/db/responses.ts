import type { ResponseRecord, ResponseStatus } from "../domain/submission.ts";
import { addToRollupsStatement } from "./rollups.ts";

/**
 * The statements that store responses: their rows, their answers and their share of the
 * rollups. Three statements whatever the number of responses (the records travel as one
 * JSON parameter), so the API stores one and the demo seed stores hundreds the same way.
 * Run them in one db.batch(), which is one transaction: stored and counted together, or not
 * at all.
 */
export function insertResponseStatements(db: D1Database, records: ResponseRecord[]): D1PreparedStatement[] {
  const json = JSON.stringify(records);
  return [
    db
      .prepare(
        `INSERT INTO responses (id, body_hash, unit, official, survey, version, received_at, day,
           channel, lang, case_code, reason, comment, client_hash, status)
         SELECT r.value ->> 'id', r.value ->> 'bodyHash', r.value ->> 'unit', r.value ->> 'official',
           r.value ->> 'survey', r.value ->> 'version', r.value ->> 'receivedAt', r.value ->> 'day',
           r.value ->> 'channel', r.value ->> 'lang', r.value ->> 'caseCode', r.value ->> 'reason',
           r.value ->> 'comment', r.value ->> 'clientHash', r.value ->> 'status'
         FROM json_each(?1) r`,
      )
      .bind(json),
    db
      .prepare(
        `INSERT INTO answers (response_id, item, level)
         SELECT r.value ->> 'id', a.key, a.value FROM json_each(?1) r, json_each(r.value -> 'answers') a`,
      )
      .bind(json),
    addToRollupsStatement(db, records.map((r) => r.id)),
  ];
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
