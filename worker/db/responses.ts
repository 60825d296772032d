import { addToRollupsStatement } from "./rollups.ts";

/** A response as stored: text already masked, the client address already hashed. */
export interface ResponseRecord {
  id: string;
  bodyHash: string;
  unit: string;
  official: string | null;
  survey: string;
  version: number;
  receivedAt: string;
  day: string;
  channel: string;
  lang: string;
  caseCode: string | null;
  reason: string | null;
  comment: string | null;
  clientHash: string;
  status: ResponseStatus;
  answers: Record<string, number>;
}

/** Accepted answers count; quarantined ones (honeypot, abuse) are kept but never counted. */
export type ResponseStatus = "accepted" | "quarantined";

/**
 * The statements that store one response: the row, its answers and its share of the
 * rollups. Run them in one db.batch(), which is one transaction, so a response is stored
 * and counted together or not at all. The seed batches many responses' statements at once.
 */
export function insertResponseStatements(db: D1Database, r: ResponseRecord): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO responses (id, body_hash, unit, official, survey, version, received_at, day,
           channel, lang, case_code, reason, comment, client_hash, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)`,
      )
      .bind(r.id, r.bodyHash, r.unit, r.official, r.survey, r.version, r.receivedAt, r.day,
        r.channel, r.lang, r.caseCode, r.reason, r.comment, r.clientHash, r.status),
    db
      .prepare(`INSERT INTO answers (response_id, item, level) SELECT ?1, key, value FROM json_each(?2)`)
      .bind(r.id, JSON.stringify(r.answers)),
    addToRollupsStatement(db, r.id),
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
