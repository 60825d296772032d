import type { Store } from "./store.ts";
import type { Role, SessionUser } from "../domain/access.ts";
import type { Account, AccountChange, NewAccount } from "../domain/accounts.ts";
import type { AuditAction, Author } from "../domain/audit.ts";
import { auditStatement } from "./audit.ts";
import { dropInvitationStatement, invitationStatement } from "./invitations.ts";
import { revokeSessionsStatement } from "./sessions.ts";
import { hashPassword, UNMATCHABLE_HASH, verifyPassword } from "../domain/password.ts";
import type { UnitKind } from "../domain/units.ts";

/** An account to create; the password is hashed before it goes anywhere. */
export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  unit: string;
}

/** The stored values of a new account, in the order of INSERT_USER's parameters. */
export type UserRow = [email: string, name: string, passwordHash: string, role: Role, unit: string, createdAt: string];

const INSERT_USER = `INSERT INTO users (email, name, password_hash, role, unit, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`;

/** Hashes the password and gives the row to store; emails are kept in lower case. */
export async function userRow(user: NewUser, now = new Date()): Promise<UserRow> {
  return [user.email.trim().toLowerCase(), user.name.trim(), await hashPassword(user.password), user.role, user.unit, now.toISOString()];
}

/** Creates an account in the catalog; returns its id. */
export async function createUser({ catalog }: Store, user: NewUser, now = new Date()): Promise<number> {
  const { meta } = await catalog.prepare(INSERT_USER).bind(...(await userRow(user, now))).run();
  return meta.last_row_id;
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * The same insert as one SQL text with its values quoted in, for `wrangler d1 execute`,
 * which takes no parameters (npm run admin:create).
 */
export function createUserSql(row: UserRow): string {
  return INSERT_USER.replace(/\?(\d)/g, (_, i: string) => literal(row[Number(i) - 1]!)) + ";\n";
}

/** The columns that make a SessionUser from `users u JOIN units s ON s.code = u.unit`. */
export const SESSION_USER_COLUMNS = `u.id, u.email, u.name, u.role, s.code AS unitCode, s.name AS unitName, s.kind AS unitKind`;

/** A row selected with SESSION_USER_COLUMNS. */
export interface SessionUserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  unitCode: string;
  unitName: string;
  unitKind: UnitKind;
}

export function toSessionUser(row: SessionUserRow): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, unit: { code: row.unitCode, name: row.unitName, kind: row.unitKind } };
}

/**
 * The enabled account with this email if the password is its own, else null. The password is
 * hashed either way: against the account's stored hash, or against UNMATCHABLE_HASH (the same
 * parameters, so the same work) when there is no such account or it is disabled, so that
 * neither the answer nor its timing tells an unknown account from a wrong password. `verify`
 * is the password check (verifyPassword; a test passes one that records its calls).
 */
export async function checkCredentials(
  { catalog: db }: Store,
  email: string,
  password: string,
  verify: (password: string, stored: string) => Promise<boolean> = verifyPassword,
): Promise<SessionUser | null> {
  const row = await db
    .prepare(`SELECT ${SESSION_USER_COLUMNS}, u.password_hash AS passwordHash FROM users u JOIN units s ON s.code = u.unit WHERE u.email = ?1 AND u.disabled = 0`)
    .bind(email.trim().toLowerCase())
    .first<SessionUserRow & { passwordHash: string }>();
  const matches = await verify(password, row?.passwordHash ?? UNMATCHABLE_HASH);
  return row && matches ? toSessionUser(row) : null;
}

/**
 * The names of the accounts that wrote some histories (the shards keep account ids; accounts
 * are in the catalog), read once for all of them: a function from an id to its name.
 */
export async function authorNames({ catalog }: Store, histories: { by: number }[][]): Promise<(id: number) => string> {
  const ids = [...new Set(histories.flat().map((event) => event.by))];
  const { results } = ids.length
    ? await catalog.prepare(`SELECT id, name FROM users WHERE id IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(ids)).all<{ id: number; name: string }>()
    : { results: [] };
  const names = new Map(results.map((u) => [u.id, u.name]));
  return (id) => names.get(id) ?? `#${id}`;
}

/*
 * Accounts as their administrators see and change them. Every change is recorded in the
 * audit log in its own batch (worker/db/audit.ts).
 */

const ACCOUNT_SELECT = `
  SELECT u.id, u.email, u.name, u.role, u.unit AS unitCode, s.name AS unitName, u.disabled,
    u.last_login_at AS lastLoginAt, i.expires_at AS invitationExpiresAt
  FROM users u JOIN units s ON s.code = u.unit LEFT JOIN invitations i ON i.user_id = u.id`;

interface AccountRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  unitCode: string;
  unitName: string;
  disabled: number;
  lastLoginAt: string | null;
  invitationExpiresAt: string | null;
}

function toAccount(row: AccountRow, now: Date): Account {
  const { unitCode, unitName, disabled, invitationExpiresAt, ...rest } = row;
  return {
    ...rest,
    unit: { code: unitCode, name: unitName },
    disabled: disabled === 1,
    invitation: invitationExpiresAt ? { expiresAt: invitationExpiresAt, expired: invitationExpiresAt <= now.toISOString() } : null,
  };
}

/** The accounts of the subtree under `root`, by name. */
export async function listAccounts({ catalog: db }: Store, root: string, now: Date): Promise<Account[]> {
  const { results } = await db
    .prepare(`${ACCOUNT_SELECT} JOIN unit_ancestors a ON a.unit = u.unit AND a.ancestor = ?1 ORDER BY u.name, u.id`)
    .bind(root)
    .all<AccountRow>();
  return results.map((row) => toAccount(row, now));
}

/** One account, or null. */
export async function findAccount({ catalog: db }: Store, id: number, now: Date): Promise<Account | null> {
  const row = await db.prepare(`${ACCOUNT_SELECT} WHERE u.id = ?1`).bind(id).first<AccountRow>();
  return row && toAccount(row, now);
}

/**
 * Creates an account with its invitation and the record of both, in one transaction. The
 * account has no usable password (UNMATCHABLE_HASH, so that logging in to it costs the same
 * as any wrong password) until its owner sets one through the link. Returns its id, or null
 * when the email is taken.
 */
export async function createInvitedAccount({ catalog: db }: Store, account: NewAccount, tokenHash: string, expiresAt: Date, by: Author): Promise<number | null> {
  // The next id is chosen here so that the one batch can refer to it; a concurrent creation
  // taking the same id fails the whole batch, and the next attempt takes the one after.
  for (;;) {
    const id = (await db.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM users`).first<number>("id"))!;
    try {
      await db.batch([
        db
          .prepare(`INSERT INTO users (id, email, name, password_hash, role, unit, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`)
          .bind(id, account.email, account.name, UNMATCHABLE_HASH, account.role, account.unit, by.at.toISOString()),
        invitationStatement(db, { userId: id, tokenHash, createdBy: by.actor, at: by.at, expiresAt }),
        auditStatement(db, {
          at: by.at,
          actor: by.actor,
          action: "account.create",
          unit: account.unit,
          target: String(id),
          before: null,
          after: { ...account, invitationExpiresAt: expiresAt.toISOString() },
        }),
      ]);
      return id;
    } catch (err) {
      if (err instanceof Error && /UNIQUE constraint failed: users\.email/.test(err.message)) return null;
      if (!(err instanceof Error && /UNIQUE constraint failed: users\.id/.test(err.message))) throw err;
    }
  }
}

/**
 * Applies a change to an account as it was (`before`), with its records: `account.update` for
 * its name, role or unit, `account.disable` or `account.enable`. Disabling ends its sessions
 * and its unused link at once. A change to nothing is no change and leaves no record.
 */
export async function changeAccount({ catalog: db }: Store, before: Account, change: AccountChange, by: Author): Promise<void> {
  const was = { name: before.name, role: before.role, unit: before.unit.code };
  const changed = (Object.keys(was) as (keyof typeof was)[]).filter((key) => change[key] !== undefined && change[key] !== was[key]);
  const statements: D1PreparedStatement[] = [];
  const record = (action: AuditAction, from: Record<string, unknown>, to: Record<string, unknown>) =>
    auditStatement(db, { at: by.at, actor: by.actor, action, unit: before.unit.code, target: String(before.id), before: from, after: to });
  if (changed.length > 0) {
    const now = { ...was, ...change };
    statements.push(
      db.prepare(`UPDATE users SET name = ?2, role = ?3, unit = ?4 WHERE id = ?1`).bind(before.id, now.name, now.role, now.unit),
      record("account.update", pick(was, changed), pick(now, changed)),
    );
  }
  if (change.disabled !== undefined && change.disabled !== before.disabled) {
    statements.push(
      db.prepare(`UPDATE users SET disabled = ?2 WHERE id = ?1`).bind(before.id, change.disabled ? 1 : 0),
      ...(change.disabled ? [revokeSessionsStatement(db, before.id, by.at), dropInvitationStatement(db, before.id)] : []),
      record(change.disabled ? "account.disable" : "account.enable", { disabled: before.disabled }, { disabled: change.disabled }),
    );
  }
  if (statements.length > 0) await db.batch(statements);
}

const pick = <T extends object>(from: T, keys: (keyof T)[]) => Object.fromEntries(keys.map((key) => [key, from[key]]));

/** Issues a new link for an account (a forgotten password), ending the earlier one, with its record. */
export async function reinviteAccount({ catalog: db }: Store, account: Account, tokenHash: string, expiresAt: Date, by: Author): Promise<void> {
  await db.batch([
    invitationStatement(db, { userId: account.id, tokenHash, createdBy: by.actor, at: by.at, expiresAt }),
    auditStatement(db, {
      at: by.at,
      actor: by.actor,
      action: "account.invite",
      unit: account.unit.code,
      target: String(account.id),
      before: account.invitation && { invitationExpiresAt: account.invitation.expiresAt },
      after: { invitationExpiresAt: expiresAt.toISOString() },
    }),
  ]);
}

/** An account a complaint may be given to. */
export interface Assignable {
  id: number;
  name: string;
  unit: { code: string; name: string };
}

/**
 * The accounts that may act on the items of `unit` and lie within the subtree under
 * `within` (the assigning account's unit): enabled managers and admins of the unit or of a
 * unit above it, nearest first.
 */
export async function assignableAccounts({ catalog }: Store, unit: string, within: string): Promise<Assignable[]> {
  const { results } = await catalog
    .prepare(
      `SELECT u.id, u.name, s.code AS unitCode, s.name AS unitName
       FROM unit_ancestors up JOIN unit_ancestors inside ON inside.unit = up.ancestor AND inside.ancestor = ?2
       JOIN users u ON u.unit = up.ancestor AND u.role <> 'viewer' AND u.disabled = 0 JOIN units s ON s.code = u.unit
       WHERE up.unit = ?1 ORDER BY up.distance, u.name, u.id`,
    )
    .bind(unit, within)
    .all<{ id: number; name: string; unitCode: string; unitName: string }>();
  return results.map(({ unitCode, unitName, ...account }) => ({ ...account, unit: { code: unitCode, name: unitName } }));
}
