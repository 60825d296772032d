import type { Store } from "./store.ts";
import type { Role, SessionUser } from "../domain/access.ts";
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
