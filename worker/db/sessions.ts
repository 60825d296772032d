import type { Database, Store } from "./store.ts";
import type { SessionUser } from "../domain/access.ts";
import { SESSION_USER_COLUMNS, toSessionUser, type SessionUserRow } from "./users.ts";

/** A live session with its account. */
export interface LiveSession {
  user: SessionUser;
  createdAt: Date;
  expiresAt: Date;
}

/** At most this many ended sessions are deleted per login: each login adds one, so the backlog only shrinks. */
export const PURGE_BATCH = 100;

/**
 * Stores a new session under the hash of its token, marks the account's last login and, in the
 * same transaction, deletes up to PURGE_BATCH sessions of any account that ended (expired, or
 * revoked) before `endedBefore`.
 * Logging in is when sessions are made, so the table holds live sessions, those ended within
 * that time, and a backlog every login shrinks.
 */
export async function createSession({ catalog: db }: Store, id: string, userId: number, createdAt: Date, expiresAt: Date, endedBefore: Date): Promise<void> {
  await db.batch([
    db.prepare(`UPDATE users SET last_login_at = ?2 WHERE id = ?1`).bind(userId, createdAt.toISOString()),
    db
      .prepare(
        `DELETE FROM sessions WHERE id IN (
           SELECT id FROM sessions WHERE expires_at < ?1 OR revoked_at < ?1 LIMIT ${PURGE_BATCH})`,
      )
      .bind(endedBefore.toISOString()),
    db.prepare(`INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)`).bind(id, userId, createdAt.toISOString(), expiresAt.toISOString()),
  ]);
}

/** The session with this id if it is neither revoked nor expired and its account is enabled. */
export async function findLiveSession({ catalog: db }: Store, id: string, now: Date): Promise<LiveSession | null> {
  const row = await db
    .prepare(
      `SELECT ${SESSION_USER_COLUMNS}, x.created_at AS createdAt, x.expires_at AS expiresAt
       FROM sessions x JOIN users u ON u.id = x.user_id JOIN units s ON s.code = u.unit
       WHERE x.id = ?1 AND x.revoked_at IS NULL AND x.expires_at > ?2 AND u.disabled = 0`,
    )
    .bind(id, now.toISOString())
    .first<SessionUserRow & { createdAt: string; expiresAt: string }>();
  return row && { user: toSessionUser(row), createdAt: new Date(row.createdAt), expiresAt: new Date(row.expiresAt) };
}

/** Moves a session's expiry (only ever forward). */
export async function extendSession({ catalog: db }: Store, id: string, expiresAt: Date): Promise<void> {
  await db
    .prepare(`UPDATE sessions SET expires_at = ?2 WHERE id = ?1 AND expires_at < ?2`)
    .bind(id, expiresAt.toISOString())
    .run();
}

/** Ends a session now (logout). */
export async function revokeSession({ catalog: db }: Store, id: string, now: Date): Promise<void> {
  await db.prepare(`UPDATE sessions SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL`).bind(id, now.toISOString()).run();
}

/** The statement ending every live session of an account now, for the batch that disables it or sets its password. */
export function revokeSessionsStatement(db: Database, userId: number, at: Date): D1PreparedStatement {
  return db.prepare(`UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL`).bind(userId, at.toISOString());
}
