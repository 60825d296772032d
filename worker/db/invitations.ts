import type { Database, Store } from "./store.ts";

/*
 * One-time links to set an account's password (migrations/catalog/0008_invitations.sql):
 * only the SHA-256 of the token is stored, at most one link per account.
 */

/** A link to issue: for which account, by whom, the hash of its token, when, and until when. */
export interface NewInvitation {
  userId: number;
  tokenHash: string;
  createdBy: number | null;
  at: Date;
  expiresAt: Date;
}

/** The statement storing an account's link, replacing (and so ending) any earlier one; for the batch of its audit record. */
export function invitationStatement(db: Database, i: NewInvitation): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO invitations (user_id, token_hash, created_by, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_by = excluded.created_by,
         created_at = excluded.created_at, expires_at = excluded.expires_at`,
    )
    .bind(i.userId, i.tokenHash, i.createdBy, i.at.toISOString(), i.expiresAt.toISOString());
}

/** The statement ending an account's link, if it has one (when the account is disabled). */
export function dropInvitationStatement(db: Database, userId: number): D1PreparedStatement {
  return db.prepare(`DELETE FROM invitations WHERE user_id = ?1`).bind(userId);
}

/**
 * Spends a link: sets the password of its enabled account, ends the account's sessions and
 * deletes the link, in one transaction, provided the link is stored and not expired at `at`.
 * Every statement checks that itself, so of two uses at once only one succeeds. Returns the
 * account's email, or null for an unknown, spent or expired link or a disabled account.
 */
export async function acceptInvitation({ catalog: db }: Store, tokenHash: string, passwordHash: string, at: Date): Promise<string | null> {
  const now = at.toISOString();
  const owner = `SELECT i.user_id FROM invitations i JOIN users u ON u.id = i.user_id WHERE i.token_hash = ?1 AND i.expires_at > ?2 AND u.disabled = 0`;
  const found = await db.prepare(`SELECT u.id, u.email FROM users u WHERE u.id = (${owner})`).bind(tokenHash, now).first<{ id: number; email: string }>();
  if (!found) return null;
  const [, , spent] = await db.batch([
    db.prepare(`UPDATE users SET password_hash = ?3 WHERE id = (${owner})`).bind(tokenHash, now, passwordHash),
    db.prepare(`UPDATE sessions SET revoked_at = ?2 WHERE revoked_at IS NULL AND user_id = (${owner})`).bind(tokenHash, now),
    db.prepare(`DELETE FROM invitations WHERE user_id = (${owner}) RETURNING user_id`).bind(tokenHash, now),
  ]);
  return spent!.results.length > 0 ? found.email : null;
}
