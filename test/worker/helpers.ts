import { env, exports } from "cloudflare:workers";
import { forgetContexts } from "../../worker/db/contexts.ts";
import { provinceOf, shardBinding, storeFrom, type Store } from "../../worker/db/store.ts";
import type { Submission } from "../../worker/domain/submission.ts";

/** The worker's own origin in tests: not loopback, so allowed-origin rules apply in full. */
export const BASE = "https://hailong.example";

/** Ba Đình ward, Hà Nội: a real commune from the registry. */
export const WARD = "00004";

/**
 * What a test must call after changing units' settings, origins or the registry in SQL,
 * as the dashboard's change would have made this isolate forget what it kept of them.
 */
export { forgetContexts };

/** The store behind the worker's bindings, as the worker sees it. */
export const store = (): Store => storeFrom(env);

/** The catalog database: the registry, surveys, settings, origins, accounts, sessions, devices. */
export const catalog = (): D1Database => env.CATALOG;

/** Every province's shard, by province code, as bound in wrangler.toml (PROVINCE_<code>). */
export function shards(): Map<string, D1Database> {
  const out = new Map<string, D1Database>();
  for (const [name, binding] of Object.entries(env)) {
    const province = /^PROVINCE_(\d{2})$/.exec(name)?.[1];
    if (province) out.set(province, binding as D1Database);
  }
  return out;
}

/** A province's shard: its answers, rollups, inbox, incidents. Hà Nội's (01) by default, where WARD is. */
export function shard(province = "01"): D1Database {
  const db = (env as unknown as Record<string, D1Database | undefined>)[shardBinding(province)];
  if (!db) throw new Error(`no binding ${shardBinding(province)}`);
  return db;
}

/** What a test puts between the store and a database: its own `prepare` and `batch`, given D1's. */
export interface D1Interceptor {
  prepare?(prepare: (sql: string) => D1PreparedStatement, sql: string): D1PreparedStatement;
  batch?(batch: (statements: D1PreparedStatement[]) => Promise<D1Result[]>, statements: D1PreparedStatement[]): Promise<D1Result[]>;
}

/**
 * A database, and every D1 session opened on it (the store reads and writes through
 * sessions), whose statements go through `interceptor`: to watch what the store sends, or
 * to make D1 fail the way it fails.
 */
export function interceptD1<T extends object>(db: T, interceptor: D1Interceptor): T {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      const own = value.bind(target);
      if (prop === "withSession") return (...args: unknown[]) => interceptD1(own(...args), interceptor);
      if (prop === "prepare" && interceptor.prepare) return (sql: string) => interceptor.prepare!(own, sql);
      if (prop === "batch" && interceptor.batch) return (statements: D1PreparedStatement[]) => interceptor.batch!(own, statements);
      return own;
    },
  });
}

/** Sends a request through the worker's fetch handler, as a client would. */
export function api(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}/api/v1${path}`, init));
}

/** A valid quick-survey answer set; override any field. */
export function answerSet(overrides: Partial<Submission> = {}): Submission {
  return {
    id: crypto.randomUUID(),
    unit: WARD,
    survey: "quick",
    version: 1,
    answers: { overall: 3 },
    channel: "web",
    lang: "vi",
    ...overrides,
  };
}

/** POSTs a body (an object is sent as JSON) to /responses. */
export function postResponse(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return api("/responses", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The rollup row for a unit, item and day in a province's shard (Hà Nội's by default), or null. */
export function rollup(unit: string, item: string, day: string, province = "01") {
  return shard(province).prepare(`SELECT n, c1, c2, c3, c4, c5, sum, sumsq FROM rollups WHERE unit = ?1 AND item = ?2 AND day = ?3`)
    .bind(unit, item, day)
    .first<{ n: number; c1: number; c2: number; c3: number; c4: number; c5: number; sum: number; sumsq: number }>();
}

/** Every row of the tables a submission writes, in every shard, to prove a rejection changed nothing. */
export async function snapshot(): Promise<string> {
  const tables = ["responses", "rollups"];
  const rows = await Promise.all([...shards().values()].map((db) => db.batch(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`)))));
  return JSON.stringify(rows.map((shard) => shard.map((r) => r.results)));
}

/**
 * Closes a unit (valid_to) in the registry, in the catalog and in its province's shard alike,
 * as a merger does: the catalog decides what takes answers, a shard which children its figures list.
 */
export async function closeUnit(code: string, validTo: string): Promise<void> {
  const province = await provinceOf(store(), code);
  const dbs = [catalog(), ...(province ? [shard(province)] : shards().values())];
  for (const db of dbs) await db.prepare("UPDATE units SET valid_to = ?2 WHERE code = ?1").bind(code, validTo).run();
  forgetContexts();
}

/** The shard of a unit's province, where its answers are stored (as the registry in the catalog says). */
export async function shardOfUnit(unit: string): Promise<D1Database> {
  const province = await provinceOf(store(), unit);
  if (!province) throw new Error(`no province for unit ${unit}`);
  return shard(province);
}

/** How many responses matching `where` each shard holds, by province; shards holding none are left out. */
export async function responsesPerShard(where = "1", ...params: unknown[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [province, db] of shards()) {
    const n = (await db.prepare(`SELECT count(*) AS n FROM responses WHERE ${where}`).bind(...params).first<number>("n")) ?? 0;
    if (n) out[province] = n;
  }
  return out;
}
