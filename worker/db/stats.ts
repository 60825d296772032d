import type { UnitView } from "../domain/access.ts";
import type { Period } from "../domain/period.ts";
import { OVERALL } from "../domain/scales.ts";
import { addCounts, NO_COUNTS, type Counts } from "../domain/stats.ts";
import { surveyDefinitionSchema, type SurveyDefinition } from "../domain/survey.ts";
import { underUnit, type Database, type Store } from "./store.ts";

/*
 * Reads of the rollups, the read model: one row per unit, item and Viet Nam day, so each
 * query touches at most one row per day of the period whatever the number of answers. Each
 * shard counts its own answers at every ancestor, the country included, so a figure is the
 * sum of its rows over the shards that hold the unit's answers: one shard below the country,
 * every shard for it. Each figure costs one batch per shard.
 */

const SUMS = ["n", "c1", "c2", "c3", "c4", "c5", "sum"].map((col) => `coalesce(sum(r.${col}), 0) AS ${col}`).join(", ");

/** Rows of counts summed by a key, in the order the keys first appear. */
function sumBy<K extends string, R extends Counts & Record<K, string>>(rows: R[], key: K): R[] {
  const sums = new Map<string, R>();
  for (const row of rows) {
    const seen = sums.get(row[key]);
    sums.set(row[key], seen ? { ...seen, ...addCounts(seen, row) } : row);
  }
  return [...sums.values()];
}

const total = (results: Counts[]) => results.reduce<Counts>(addCounts, NO_COUNTS);

/** Orders rows by a text key as SQLite does (by code point). */
const byKey = <K extends string>(key: K) => (a: Record<K, string>, b: Record<K, string>) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);

function totalStatement(db: Database, unit: string, item: string, period: Period): D1PreparedStatement {
  return db.prepare(`SELECT ${SUMS} FROM rollups r WHERE r.unit = ?1 AND r.item = ?2 AND r.day BETWEEN ?3 AND ?4`).bind(unit, item, period.from, period.to);
}

function excludedStatement(db: Database, unit: string, period: Period): D1PreparedStatement {
  return db.prepare(`SELECT coalesce(sum(n), 0) AS excluded FROM exclusions WHERE unit = ?1 AND day BETWEEN ?2 AND ?3`).bind(unit, period.from, period.to);
}

const excludedOf = (result: D1Result | undefined) => (result!.results[0] as { excluded: number }).excluded;

/** How many answers were excluded from a unit's figures over a period (quarantined, not counted). */
export async function excludedCount(store: Store, unit: string, period: Period): Promise<number> {
  const counts = await underUnit(store, unit, async (db) => (await excludedStatement(db, unit, period).first<{ excluded: number }>())!.excluded);
  return counts.reduce((a, b) => a + b, 0);
}

/** A unit's day rows for one item over a period, in day order, with what was excluded. */
export async function dayCounts(store: Store, unit: string, item: string, period: Period): Promise<{ days: (Counts & { day: string })[]; excluded: number }> {
  const shards = await underUnit(store, unit, async (db) => {
    const [days, excluded] = await db.batch([
      db
        .prepare(`SELECT r.day, r.n, r.c1, r.c2, r.c3, r.c4, r.c5, r.sum FROM rollups r WHERE r.unit = ?1 AND r.item = ?2 AND r.day BETWEEN ?3 AND ?4`)
        .bind(unit, item, period.from, period.to),
      excludedStatement(db, unit, period),
    ]);
    return { days: days!.results as (Counts & { day: string })[], excluded: excludedOf(excluded) };
  });
  const days = sumBy(shards.flatMap((s) => s.days), "day").sort(byKey("day"));
  return { days, excluded: shards.reduce((k, s) => k + s.excluded, 0) };
}

/** A unit's counts for one item over a period, with what was excluded. */
export async function totalCounts(store: Store, unit: string, item: string, period: Period): Promise<{ counts: Counts; excluded: number }> {
  const shards = await underUnit(store, unit, async (db) => {
    const [counts, excluded] = await db.batch([totalStatement(db, unit, item, period), excludedStatement(db, unit, period)]);
    return { counts: counts!.results[0] as Counts, excluded: excludedOf(excluded) };
  });
  return { counts: total(shards.map((s) => s.counts)), excluded: shards.reduce((k, s) => k + s.excluded, 0) };
}

/**
 * A unit's counts for one item with those of its direct children that existed in the period
 * (by code), and what was excluded: the 34 provinces, for the country, in one read per shard.
 */
export async function childCounts(
  store: Store,
  unit: string,
  item: string,
  period: Period,
): Promise<{ total: Counts; children: (UnitView & Counts)[]; excluded: number }> {
  const shards = await underUnit(store, unit, async (db) => {
    const [counts, children, excluded] = await db.batch([
      totalStatement(db, unit, item, period),
      db
        .prepare(
          `SELECT u.code, u.name, u.kind, u.parent, ${SUMS}
           FROM units u LEFT JOIN rollups r ON r.unit = u.code AND r.item = ?2 AND r.day BETWEEN ?3 AND ?4
           WHERE u.parent = ?1 AND (u.valid_to IS NULL OR u.valid_to >= ?3)
           GROUP BY u.code ORDER BY u.code`,
        )
        .bind(unit, item, period.from, period.to),
      excludedStatement(db, unit, period),
    ]);
    return { counts: counts!.results[0] as Counts, children: children!.results as (UnitView & Counts)[], excluded: excludedOf(excluded) };
  });
  return {
    total: total(shards.map((s) => s.counts)),
    children: sumBy(shards.flatMap((s) => s.children), "code"),
    excluded: shards.reduce((k, s) => k + s.excluded, 0),
  };
}

/** A unit's counts per statement (every item but the overall question) over a period, with what was excluded. */
export async function statementCounts(store: Store, unit: string, period: Period): Promise<{ statements: (Counts & { item: string })[]; excluded: number }> {
  const shards = await underUnit(store, unit, async (db) => {
    const [statements, excluded] = await db.batch([
      db
        .prepare(`SELECT r.item, ${SUMS} FROM rollups r WHERE r.unit = ?1 AND r.day BETWEEN ?2 AND ?3 AND r.item <> ?4 GROUP BY r.item`)
        .bind(unit, period.from, period.to, OVERALL),
      excludedStatement(db, unit, period),
    ]);
    return { statements: statements!.results as (Counts & { item: string })[], excluded: excludedOf(excluded) };
  });
  const statements = sumBy(shards.flatMap((s) => s.statements), "item").sort(byKey("item"));
  return { statements, excluded: shards.reduce((k, s) => k + s.excluded, 0) };
}

/** The items a unit has answers for in a period (columns of its answers export), sorted. */
export async function answeredItems(store: Store, unit: string, period: Period): Promise<string[]> {
  const shards = await underUnit(store, unit, async (db) => {
    const { results } = await db
      .prepare(`SELECT DISTINCT r.item FROM rollups r WHERE r.unit = ?1 AND r.day BETWEEN ?2 AND ?3`)
      .bind(unit, period.from, period.to)
      .all<{ item: string }>();
    return results.map((r) => r.item);
  });
  return [...new Set(shards.flat())].sort();
}

/**
 * The definitions of every survey the unit's answers may come from: those owned by the unit,
 * its ancestors (the national templates among them) or its subtree; newest first.
 */
export async function surveyDefinitions({ catalog }: Store, unit: string): Promise<SurveyDefinition[]> {
  const { results } = await catalog
    .prepare(
      `SELECT definition FROM surveys
       WHERE owner IN (SELECT ancestor FROM unit_ancestors WHERE unit = ?1 UNION SELECT unit FROM unit_ancestors WHERE ancestor = ?1)
       ORDER BY published_at DESC, version DESC`,
    )
    .bind(unit)
    .all<{ definition: string }>();
  return results.map((row) => surveyDefinitionSchema.parse(JSON.parse(row.definition)));
}
