import { COUNTRY } from "../domain/units.ts";

/*
 * The databases behind the API, and the one place that knows how the answers are spread over
 * them. The catalog holds what is national and small (the unit registry, surveys and
 * settings, origins, accounts, sessions, devices); each province's shard holds what grows
 * with its answers (answers, rollups, the inbox, incidents). A unit's province, from the
 * registry, picks its shard; the country's figures are the sum over every shard. The db
 * modules take a Store and return domain values, so no route, middleware or page knows
 * about shards.
 *
 * Each database is used through a D1 session (the Sessions API): reads may be served by a
 * nearby replica, and a request that carries the bookmarks of its account's last writes
 * (see bookmarksOf) reads at least what those writes left.
 */

/** A database as the db modules use it: a D1 session's statements and batches. */
export type Database = Pick<D1DatabaseSession, "prepare" | "batch">;

/** Where each database's session starts: a bookmark by database name (CATALOG, or a province code). */
export type Bookmarks = Record<string, string>;

/** The catalog and the province shards, by province code; one per request. */
export interface Store {
  readonly catalog: Database;
  readonly shards: ReadonlyMap<string, Database>;
  /** The shards found holding rows named by id (inbox items), so a request looks for each once. */
  readonly found: Map<string, Database>;
  /** Each database's session, by name, for its bookmark. */
  readonly sessions: ReadonlyMap<string, D1DatabaseSession>;
  /** How long an isolate may answer from what it read of a province's units and settings (db/contexts.ts). */
  readonly contextTtlMs: number;
}

/** UNIT_CONTEXT_TTL_S where the environment does not set it. */
const CONTEXT_TTL_S = 20;

const CATALOG = "CATALOG";

/** The binding of a province's shard in wrangler.toml: PROVINCE_ and its code. */
export const shardBinding = (province: string) => `PROVINCE_${province}`;

const SHARD_BINDING = /^PROVINCE_(\d{2})$/;

/**
 * The store behind a worker's bindings, CATALOG and every PROVINCE_<code>, each in a session
 * that starts at its bookmark if one is given, else wherever is nearest.
 */
export function storeFrom(env: { CATALOG: D1Database; UNIT_CONTEXT_TTL_S?: string }, bookmarks: Bookmarks = {}): Store {
  const sessions = new Map<string, D1DatabaseSession>();
  const open = (name: string, db: D1Database) => {
    const session = db.withSession(bookmarks[name] ?? "first-unconstrained");
    sessions.set(name, session);
    return session;
  };
  const catalog = open(CATALOG, env.CATALOG);
  // In the order of the province codes, so that whatever reads shard after shard (an export) reads them alike.
  const bindings = Object.entries(env).flatMap(([name, binding]) => {
    const province = SHARD_BINDING.exec(name)?.[1];
    return province ? [[province, binding as D1Database] as const] : [];
  });
  const shards = new Map<string, Database>(bindings.sort(([a], [b]) => (a < b ? -1 : 1)).map(([province, db]) => [province, open(province, db)]));
  return { catalog, shards, found: new Map(), sessions, contextTtlMs: Number(env.UNIT_CONTEXT_TTL_S ?? CONTEXT_TTL_S) * 1000 };
}

/** The bookmarks of the databases this store used: where a later request must start to read what it wrote. */
export function bookmarksOf(store: Store): Bookmarks {
  const bookmarks: Bookmarks = {};
  for (const [name, session] of store.sessions) {
    const bookmark = session.getBookmark();
    if (bookmark) bookmarks[name] = bookmark;
  }
  return bookmarks;
}

/*
 * A unit's province never changes (units never move: migrations/catalog/0001_units.sql), so
 * each isolate remembers it once read, for every unit of the province at once: the
 * submission path then picks its shard without a read of its own, after one read per
 * province however many of its communes send answers.
 */
const provinces = new Map<string, string>();

/** The province a unit lies in (a province is its own), null for the country; undefined for an unknown code. */
export async function provinceOf(store: Store, unit: string): Promise<string | null | undefined> {
  if (unit === COUNTRY) return null;
  if (!provinces.has(unit)) await learnProvinces(store, [unit]);
  return provinces.get(unit);
}

/** Reads, in one statement, the province of every unit in the provinces of units this isolate does not know yet. */
export async function learnProvinces(store: Store, units: string[]): Promise<void> {
  const unknown = units.filter((u) => u !== COUNTRY && !provinces.has(u));
  if (unknown.length === 0) return;
  const { results } = await store.catalog
    .prepare(
      `WITH province AS (
         SELECT DISTINCT a.ancestor AS code FROM unit_ancestors a JOIN units p ON p.code = a.ancestor AND p.kind = 'province'
         WHERE a.unit IN (SELECT value FROM json_each(?1)))
       SELECT a.unit, a.ancestor AS province FROM unit_ancestors a JOIN province p ON p.code = a.ancestor`,
    )
    .bind(JSON.stringify(unknown))
    .all<{ unit: string; province: string }>();
  for (const { unit, province } of results) provinces.set(unit, province);
}

/** The shard that stores a unit's answers; null for the country or an unknown code. */
export async function shardOf(store: Store, unit: string): Promise<Database | null> {
  const province = await provinceOf(store, unit);
  return (province && shardFor(store, province)) || null;
}

/** A province's shard; a missing binding is a deployment error, not a user's. */
export function shardFor(store: Store, province: string): Database {
  const shard = store.shards.get(province);
  if (!shard) throw new Error(`no D1 binding ${shardBinding(province)} for province ${province} (wrangler.toml)`);
  return shard;
}

/** The shards holding the answers of a unit's subtree: its province's, or every one for the country. */
export async function shardsUnder(store: Store, unit: string): Promise<Database[]> {
  if (unit === COUNTRY) return [...store.shards.values()];
  const shard = await shardOf(store, unit);
  return shard ? [shard] : [];
}

/** Whether the subtree under a unit is whole shards (the country, or a province), so that everything they hold is in it. */
export async function holdsWholeShards(store: Store, unit: string): Promise<boolean> {
  return unit === COUNTRY || (await provinceOf(store, unit)) === unit;
}

/**
 * How many shards are read at once. A Worker may keep six connections open at a time; more
 * reads would only queue behind them.
 */
export const SHARD_READS_AT_ONCE = 6;

/** Runs `read` on each shard, at most SHARD_READS_AT_ONCE at a time; results in the shards' order. */
export async function eachShard<T>(shards: Database[], read: (db: Database) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(shards.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < shards.length; i = next++) results[i] = await read(shards[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(SHARD_READS_AT_ONCE, shards.length) }, worker));
  return results;
}

/** The answers of a unit's subtree, read from each shard holding them; one result per shard. */
export async function underUnit<T>(store: Store, unit: string, read: (db: Database) => Promise<T>): Promise<T[]> {
  return eachShard(await shardsUnder(store, unit), read);
}

/**
 * The shard holding a row that only its id names (an inbox item is a response's id), or null:
 * the shards under `root` are searched first (an account's own province), the others only if
 * none has it, so that a row elsewhere is told apart from one that does not exist.
 */
export async function shardHolding(store: Store, id: string, root: string, holds: (db: Database) => Promise<boolean>): Promise<Database | null> {
  const known = store.found.get(id);
  if (known) return known;
  const near = await shardsUnder(store, root);
  const far = [...store.shards.values()].filter((db) => !near.includes(db));
  for (const shards of [near, far]) {
    const hits = await eachShard(shards, holds);
    const shard = shards[hits.indexOf(true)];
    if (shard) {
      store.found.set(id, shard);
      return shard;
    }
  }
  return null;
}
