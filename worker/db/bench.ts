/*
 * Statements that exist only for `npm run bench` (BENCH=1): the baselines the real paths
 * are measured against.
 */

let tableReady: Promise<unknown> | undefined;

/** Inserts one row and nothing else: the baseline for ingest. */
export async function insertBareRow(db: D1Database, body: string): Promise<void> {
  tableReady ??= db.prepare(`CREATE TABLE IF NOT EXISTS bench_rows (id TEXT PRIMARY KEY, body TEXT NOT NULL)`).run();
  await tableReady;
  await db.prepare(`INSERT INTO bench_rows (id, body) VALUES (?1, ?2)`).bind(crypto.randomUUID(), body).run();
}

/**
 * A unit's monthly overall figures computed from the raw answers instead of the rollups:
 * the baseline for the trend query, which reads rollups only.
 */
export async function rawMonthlyTrend(db: D1Database, unit: string, from: string, to: string) {
  const { results } = await db
    .prepare(
      `SELECT substr(r.day, 1, 7) AS month, count(*) AS n, sum(a.value >= 2) AS satisfied
       FROM responses r
       JOIN json_each(r.answers) a ON a.key = 'overall'
       JOIN unit_ancestors ua ON ua.unit = coalesce(r.official, r.unit) AND ua.ancestor = ?1
       WHERE r.status = 'accepted' AND r.day BETWEEN ?2 AND ?3
       GROUP BY month ORDER BY month`,
    )
    .bind(unit, from, to)
    .all<{ month: string; n: number; satisfied: number }>();
  return results;
}
