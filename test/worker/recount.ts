import { expect } from "vitest";
import type { Bucket } from "../../worker/domain/period.ts";
import { OUTBOX_RETENTION_DAYS } from "../../worker/domain/answered-at.ts";
import { shards } from "./helpers.ts";

/*
 * An independent recount of the figures from the raw record (responses and their answers), with
 * SQLite's own date arithmetic for Viet Nam days and bucket starts and the Wilson formula
 * written out here, to check what the API computes from its rollups. Each province's shard is
 * recounted on its own, from its own answers: the country's figure is the sum over the shards.
 */

const BUCKET_START: Record<Bucket, string> = {
  day: "d",
  week: "date(d, 'weekday 0', '-6 days')",
  month: "strftime('%Y-%m-01', d)",
  quarter: "printf('%s-%02d-01', strftime('%Y', d), ((cast(strftime('%m', d) AS integer) - 1) / 3) * 3 + 1)",
};

/**
 * The Viet Nam day a response `r` counts on, recomputed from its two times: when it was
 * answered if that lies before its receipt and within the outbox's retention, else when it
 * was received.
 */
export const COUNTED_DAY = `date(iif(r.answered_at < r.received_at
  AND julianday(r.received_at) - julianday(r.answered_at) <= ${OUTBOX_RETENTION_DAYS}, r.answered_at, r.received_at), '+7 hours')`;

/** Every rollup row recounted from the answers that count, for every unit, ancestor, item and day. */
const RECOUNT_ROLLUPS = `
  SELECT a.ancestor AS unit, ans.key AS item, ${COUNTED_DAY} AS day, count(*) AS n,
         sum(ans.value = 1) AS c1, sum(ans.value = 2) AS c2, sum(ans.value = 3) AS c3,
         sum(ans.value = 4) AS c4, sum(ans.value = 5) AS c5,
         sum(ans.value) AS sum, sum(ans.value * ans.value) AS sumsq
  FROM responses r, json_each(r.answers) ans
  JOIN unit_ancestors a ON a.unit = coalesce(r.official, r.unit)
  WHERE r.status = 'accepted'
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

/** The answers left out, recounted per unit, ancestor and day. */
const RECOUNT_EXCLUSIONS = `
  SELECT a.ancestor AS unit, ${COUNTED_DAY} AS day, count(*) AS n
  FROM responses r JOIN unit_ancestors a ON a.unit = coalesce(r.official, r.unit)
  WHERE r.status <> 'accepted' GROUP BY 1, 2 ORDER BY 1, 2`;

/** The answers a shard holds of units outside its province (there should be none). */
const MISPLACED = `
  SELECT r.id, r.unit FROM responses r
  WHERE NOT EXISTS (SELECT 1 FROM unit_ancestors a WHERE a.unit = r.unit AND a.ancestor = ?1)
     OR (r.official IS NOT NULL AND NOT EXISTS (SELECT 1 FROM unit_ancestors a WHERE a.unit = r.official AND a.ancestor = ?1))`;

/**
 * Expects, in every province's shard, the read model (rollups and exclusions) to equal a
 * recount of that shard's stored answers, and the shard to hold only its province's answers.
 */
export async function expectReadModelMatchesRecount(): Promise<void> {
  for (const [province, db] of shards()) {
    const [rollups, recounted, exclusions, excluded, misplaced] = await db.batch([
      db.prepare(`SELECT unit, item, day, n, c1, c2, c3, c4, c5, sum, sumsq FROM rollups ORDER BY 1, 2, 3`),
      db.prepare(RECOUNT_ROLLUPS),
      db.prepare(`SELECT unit, day, n FROM exclusions ORDER BY 1, 2`),
      db.prepare(RECOUNT_EXCLUSIONS),
      db.prepare(MISPLACED).bind(province),
    ]);
    expect(rollups?.results, `rollups of shard ${province}`).toEqual(recounted?.results);
    expect(exclusions?.results, `exclusions of shard ${province}`).toEqual(excluded?.results);
    expect(misplaced?.results, `answers of other provinces in shard ${province}`).toEqual([]);
  }
}

export interface Recount {
  n: number;
  satisfied: number;
  sum: number;
  levels: Record<number, number>;
}

/**
 * Counts per bucket start (or one "all" bucket) of an item's answers counted under a unit,
 * recounted in every shard and added up.
 */
export async function recount(unit: string, item: string, from: string, to: string, bucket?: Bucket): Promise<Map<string, Recount>> {
  const perShard = await Promise.all([...shards().values()].map((db) => recountIn(db, unit, item, from, to, bucket)));
  const satisfiedFrom = item === "overall" ? 2 : 4;
  const out = new Map<string, Recount>();
  for (const row of perShard.flat()) {
    const r = out.get(row.start) ?? { n: 0, satisfied: 0, sum: 0, levels: {} };
    r.n += row.n;
    r.sum += row.level * row.n;
    if (row.level >= satisfiedFrom) r.satisfied += row.n;
    r.levels[row.level] = (r.levels[row.level] ?? 0) + row.n;
    out.set(row.start, r);
  }
  return out;
}

/** One shard's counts per bucket start and level of an item's answers counted under a unit. */
async function recountIn(db: D1Database, unit: string, item: string, from: string, to: string, bucket?: Bucket) {
  const { results } = await db.prepare(
    `SELECT ${bucket ? BUCKET_START[bucket] : "'all'"} AS start, level, count(*) AS n
     FROM (SELECT ${COUNTED_DAY} AS d, a.value AS level FROM responses r, json_each(r.answers) a
           JOIN unit_ancestors ua ON ua.unit = coalesce(r.official, r.unit)
           WHERE ua.ancestor = ?1 AND a.key = ?2 AND r.status = 'accepted')
     WHERE d BETWEEN ?3 AND ?4 GROUP BY start, level`,
  )
    .bind(unit, item, from, to)
    .all<{ start: string; level: number; n: number }>();
  return results;
}

/** The figure the API should give for a recount. */
export function expectedFigure(r: Recount | undefined, minSample: number) {
  const n = r?.n ?? 0;
  if (!r || n < minSample) return { n, satisfied: null, share: null, lower: null, upper: null, mean: null };
  const z = 1.959964;
  const p = r.satisfied / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return { n, satisfied: r.satisfied, share: p, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), mean: r.sum / n };
}

type Figure = ReturnType<typeof expectedFigure>;

/** Whether two figures agree, numbers to 1e-9. */
export function sameFigure(actual: Figure, expected: Figure): boolean {
  return (Object.keys(expected) as (keyof Figure)[]).every((key) => {
    const [a, e] = [actual[key], expected[key]];
    return a === null || e === null ? a === e : Math.abs(a - e) < 1e-9;
  });
}
