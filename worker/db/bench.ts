/*
 * Statements that exist only for `npm run bench` (BENCH=1): the baselines the real paths
 * are measured against.
 */

import { eachShard, provinceOf, shardFor, underUnit, type Store } from "./store.ts";

/** The shards (by province) whose bench table exists, as far as this isolate knows. */
const tablesReady = new Map<string, Promise<unknown>>();

/** Inserts one row and nothing else into a unit's shard: the baseline for ingest. */
export async function insertBareRow(store: Store, unit: string, body: string): Promise<void> {
  const province = (await provinceOf(store, unit))!;
  const db = shardFor(store, province);
  if (!tablesReady.has(province)) tablesReady.set(province, db.prepare(`CREATE TABLE IF NOT EXISTS bench_rows (id TEXT PRIMARY KEY, body TEXT NOT NULL)`).run());
  await tablesReady.get(province);
  await db.prepare(`INSERT INTO bench_rows (id, body) VALUES (?1, ?2)`).bind(crypto.randomUUID(), body).run();
}

/**
 * A unit's monthly overall figures computed from the raw answers instead of the rollups:
 * the baseline for the trend query, which reads rollups only.
 */
export async function rawMonthlyTrend(store: Store, unit: string, from: string, to: string) {
  const shards = await underUnit(store, unit, async (db) => {
    const { results } = await db
      .prepare(
        `SELECT substr(r.day, 1, 7) AS month, count(*) AS n, sum(a.value >= 2) AS satisfied
         FROM responses r
         JOIN json_each(r.answers) a ON a.key = 'overall'
         JOIN unit_ancestors ua ON ua.unit = coalesce(r.official, r.unit) AND ua.ancestor = ?1
         WHERE r.status = 'accepted' AND r.day BETWEEN ?2 AND ?3
         GROUP BY month`,
      )
      .bind(unit, from, to)
      .all<{ month: string; n: number; satisfied: number }>();
    return results;
  });
  const months = new Map<string, { month: string; n: number; satisfied: number }>();
  for (const m of shards.flat()) {
    const seen = months.get(m.month);
    months.set(m.month, seen ? { month: m.month, n: seen.n + m.n, satisfied: seen.satisfied + m.satisfied } : m);
  }
  return [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** How many bytes a province's shard takes, as D1 reports it after a statement. */
export async function databaseBytes(store: Store, province: string): Promise<number> {
  const { meta } = await shardFor(store, province).prepare(`SELECT 1`).run();
  return meta.size_after;
}

/**
 * One trivial statement on each of `shards` (every shard, or the first), read as the figures
 * read them: what reading across shards costs on this platform before any rollup is read.
 */
export async function touchShards(store: Store, all: boolean): Promise<number> {
  const shards = [...store.shards.values()].slice(0, all ? undefined : 1);
  const ones = await eachShard(shards, async (db) => (await db.prepare(`SELECT 1 AS one`).first<{ one: number }>())!.one);
  return ones.length;
}
