import type { UnitView } from "../domain/access.ts";
import type { Period } from "../domain/period.ts";
import { OVERALL } from "../domain/scales.ts";
import { addCounts, NO_COUNTS, type Counts } from "../domain/stats.ts";
import { surveyDefinitionSchema, type SurveyDefinition } from "../domain/survey.ts";
import { lineageByRoot, lineageStatement, lineageTable, NO_LINEAGE, type Lineage, type LineageRow } from "./successions.ts";
import { underUnit, type Database, type Store } from "./store.ts";

/*
 * Reads of the rollups, the read model: one row per unit, item and Viet Nam day, so each
 * query touches at most one row per day of the period whatever the number of answers. Each
 * shard counts its own answers at every ancestor, the country included, so a figure is the
 * sum of its rows over the shards that hold the unit's answers: one shard below the country,
 * every shard for it. Each figure costs one batch per shard.
 */

const COUNT_COLUMNS = ["n", "c1", "c2", "c3", "c4", "c5", "sum"];
const SUMS = COUNT_COLUMNS.map((col) => `coalesce(sum(r.${col}), 0) AS ${col}`).join(", ");

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

/** A unit's own code as the roots of a lineage: the statements below bind it as ?1. */
const ONE_UNIT = `SELECT ?1 AS code`;

/**
 * The rollup rows counted at a unit: its own, and with `merged` those of the units merged
 * into it on the days before each merger (lineage must be defined). Item and period are ?2..?4.
 *
 * CROSS JOIN makes SQLite read the lineage first and find each unit's rows by the rollups'
 * key. Left to choose, the SQLite of D1 (and workerd) knows nothing of a common table's size
 * and reads every rollup row of the shard against a Bloom filter of the lineage instead: a
 * cost that grows with all the answers the shard holds (test/worker/query-plans.test.ts).
 */
const LINEAGE_ROLLUPS = `lineage l CROSS JOIN rollups r ON r.unit = l.unit AND r.day < l.until`;

function totalStatement(db: Database, unit: string, item: string, period: Period, merged = true): D1PreparedStatement {
  return db
    .prepare(`WITH ${lineageTable(ONE_UNIT, merged)} SELECT ${SUMS} FROM ${LINEAGE_ROLLUPS} WHERE r.item = ?2 AND r.day BETWEEN ?3 AND ?4`)
    .bind(unit, item, period.from, period.to);
}

/** The answers left out of a unit's figures (its predecessors' too, before they merged into it). */
function excludedStatement(db: Database, unit: string, period: Period, merged = true): D1PreparedStatement {
  return db
    .prepare(
      `WITH ${lineageTable(ONE_UNIT, merged)}
       SELECT coalesce(sum(x.n), 0) AS excluded FROM lineage l CROSS JOIN exclusions x ON x.unit = l.unit AND x.day < l.until WHERE x.day BETWEEN ?2 AND ?3`,
    )
    .bind(unit, period.from, period.to);
}

const excludedOf = (result: D1Result | undefined) => (result!.results[0] as { excluded: number }).excluded;

/** What each shard read of a unit's (or its children's) predecessors, by root. */
const lineageOf = (results: (D1Result | undefined)[]) => lineageByRoot(results.flatMap((r) => r!.results as LineageRow[]));

/** How many answers were excluded from a unit's figures over a period (quarantined, not counted). */
export async function excludedCount(store: Store, unit: string, period: Period): Promise<number> {
  const counts = await underUnit(store, unit, async (db) => (await excludedStatement(db, unit, period).first<{ excluded: number }>())!.excluded);
  return counts.reduce((a, b) => a + b, 0);
}

/** Figures' counts with the units merged into the unit they are of, and those it continues part of. */
type WithLineage<T> = T & Lineage;

/**
 * A unit's day rows for one item over a period, in day order, with what was excluded: those
 * of the units merged into it included on the days before each merger.
 */
export async function dayCounts(store: Store, unit: string, item: string, period: Period): Promise<WithLineage<{ days: (Counts & { day: string })[]; excluded: number }>> {
  const shards = await underUnit(store, unit, async (db) => {
    const [days, excluded, lineage] = await db.batch([
      db
        .prepare(`WITH ${lineageTable(ONE_UNIT)} SELECT r.day, ${SUMS} FROM ${LINEAGE_ROLLUPS} WHERE r.item = ?2 AND r.day BETWEEN ?3 AND ?4 GROUP BY r.day`)
        .bind(unit, item, period.from, period.to),
      excludedStatement(db, unit, period),
      lineageStatement(db, ONE_UNIT, unit),
    ]);
    return { days: days!.results as (Counts & { day: string })[], excluded: excludedOf(excluded), lineage };
  });
  const days = sumBy(shards.flatMap((s) => s.days), "day").sort(byKey("day"));
  return { days, excluded: shards.reduce((k, s) => k + s.excluded, 0), ...(lineageOf(shards.map((s) => s.lineage)).get(unit) ?? NO_LINEAGE) };
}

/**
 * A unit's counts for one item over a period, with what was excluded. With `merged` (figures)
 * the units merged into it count on the days before each merger; without (what is stored
 * under the unit, as its answers export holds), only its own.
 */
export async function totalCounts(
  store: Store,
  unit: string,
  item: string,
  period: Period,
  { merged = false }: { merged?: boolean } = {},
): Promise<WithLineage<{ counts: Counts; excluded: number }>> {
  const shards = await underUnit(store, unit, async (db) => {
    const [counts, excluded, lineage] = await db.batch([
      totalStatement(db, unit, item, period, merged),
      excludedStatement(db, unit, period, merged),
      lineageStatement(db, ONE_UNIT, unit),
    ]);
    return { counts: counts!.results[0] as Counts, excluded: excludedOf(excluded), lineage };
  });
  const lineage = merged ? (lineageOf(shards.map((s) => s.lineage)).get(unit) ?? NO_LINEAGE) : NO_LINEAGE;
  return { counts: total(shards.map((s) => s.counts)), excluded: shards.reduce((k, s) => k + s.excluded, 0), ...lineage };
}

/**
 * The direct children of ?1 open on some day of the period ?3..?4, less those merged into
 * another child listed (their answers are in its row): each answer is in one row at most.
 */
const LISTED_CHILDREN = `SELECT c.code FROM units c WHERE c.parent = ?1 AND c.valid_from <= ?4 AND (c.valid_to IS NULL OR c.valid_to > ?3)`;

/**
 * A unit's counts for one item with those of its direct children open in the period (by
 * code), and what was excluded: the 34 provinces, for the country, in one read per shard. A
 * child's row includes the units merged into it (listed in its `predecessors`), which are
 * then not listed on their own: no answer is in two rows, and the parent's total is its own.
 */
export async function childCounts(
  store: Store,
  unit: string,
  item: string,
  period: Period,
): Promise<WithLineage<{ total: Counts; children: WithLineage<UnitView & Counts>[]; excluded: number }>> {
  const shards = await underUnit(store, unit, async (db) => {
    const [counts, children, excluded, lineage] = await db.batch([
      totalStatement(db, unit, item, period),
      db
        .prepare(
          `WITH ${lineageTable(LISTED_CHILDREN)}
           SELECT u.code, u.name, u.kind, u.parent, ${SUMS}
           FROM lineage l JOIN units u ON u.code = l.root
           LEFT JOIN rollups r ON r.unit = l.unit AND r.day < l.until AND r.item = ?2 AND r.day BETWEEN ?3 AND ?4
           WHERE l.root NOT IN (SELECT unit FROM lineage WHERE unit <> root)
           GROUP BY u.code ORDER BY u.code`,
        )
        .bind(unit, item, period.from, period.to),
      excludedStatement(db, unit, period),
      lineageStatement(db, `${ONE_UNIT} UNION ${LISTED_CHILDREN}`, unit, item, period.from, period.to),
    ]);
    return { counts: counts!.results[0] as Counts, children: children!.results as (UnitView & Counts)[], excluded: excludedOf(excluded), lineage };
  });
  const lineage = lineageOf(shards.map((s) => s.lineage));
  return {
    total: total(shards.map((s) => s.counts)),
    children: sumBy(shards.flatMap((s) => s.children), "code").map((child) => ({ ...child, ...(lineage.get(child.code) ?? NO_LINEAGE) })),
    excluded: shards.reduce((k, s) => k + s.excluded, 0),
    ...(lineage.get(unit) ?? NO_LINEAGE),
  };
}

/** Every unit of ?1's subtree (itself included) open on some day of the period ?3..?4. */
const SUBTREE = `SELECT a.unit AS code FROM unit_ancestors a JOIN units c ON c.code = a.unit WHERE a.ancestor = ?1 AND c.valid_from <= ?4 AND (c.valid_to IS NULL OR c.valid_to > ?3)`;

/** A unit with its weekly counts, each week by its Monday. */
export interface UnitWeeks extends UnitView {
  weeks: { start: string; counts: Counts }[];
}

/**
 * The weekly counts of one item for every unit of a subtree (the unit itself down to its
 * officials) open in the period, in one read per shard: the rows of each unit and of the units
 * merged into it, as dayCounts reads them, summed per ISO week (Monday to Sunday, Viet Nam
 * days). A week below `minSample` answers is left out where the shard holds all of its
 * answers (every unit but the country, whose weeks are summed over the shards first). Units
 * by code, weeks in order; weeks without answers are absent.
 */
export async function subtreeWeeklyCounts(store: Store, unit: string, item: string, period: Period, minSample: number): Promise<UnitWeeks[]> {
  const shards = await underUnit(store, unit, async (db) => {
    const { results } = await db
      .prepare(
        // Summed per unit and week before anything else is joined: the week as a number (days
        // since Thursday 1 January 1970, plus 3, over 7, counts Mondays), named by its Monday
        // once per week rather than worked out as a date on every day's row. One row per unit,
        // its weeks as [Monday, ...counts] in JSON: a province's thousands of unit-weeks would
        // otherwise cross from D1 as as many rows, each repeating the unit's name.
        `WITH ${lineageTable(SUBTREE)},
         weeks AS (
           SELECT l.root, (unixepoch(r.day) / 86400 + 3) / 7 AS week, ${SUMS}
           FROM ${LINEAGE_ROLLUPS}
           WHERE r.item = ?2 AND r.day BETWEEN ?3 AND ?4
           GROUP BY l.root, week)
         SELECT u.code, u.name, u.kind, u.parent,
                json_group_array(json_array(date((w.week * 7 - 3) * 86400, 'unixepoch'), ${COUNT_COLUMNS.map((col) => `w.${col}`).join(", ")})) AS weeks
         FROM weeks w JOIN units u ON u.code = w.root
         WHERE w.root NOT IN (SELECT unit FROM lineage WHERE unit <> root) AND (w.n >= ?5 OR u.kind = 'country')
         GROUP BY u.code`,
      )
      .bind(unit, item, period.from, period.to, minSample)
      .all<UnitView & { weeks: string }>();
    return results;
  });
  const units = new Map<string, UnitView & { weeks: Map<string, Counts> }>();
  for (const { weeks, ...view } of shards.flat()) {
    const seen = units.get(view.code) ?? { ...view, weeks: new Map<string, Counts>() };
    for (const [week, ...values] of JSON.parse(weeks) as [string, ...number[]][]) {
      const counts = Object.fromEntries(COUNT_COLUMNS.map((col, i) => [col, values[i]])) as unknown as Counts;
      seen.weeks.set(week, addCounts(seen.weeks.get(week) ?? NO_COUNTS, counts));
    }
    units.set(view.code, seen);
  }
  return [...units.values()]
    .sort(byKey("code"))
    .map(({ weeks, ...view }) => ({ ...view, weeks: [...weeks].sort(([a], [b]) => (a < b ? -1 : 1)).map(([start, counts]) => ({ start, counts })) }));
}

/** A unit's counts per statement (every item but the overall question) over a period, with its predecessors', and what was excluded. */
export async function statementCounts(store: Store, unit: string, period: Period): Promise<WithLineage<{ statements: (Counts & { item: string })[]; excluded: number }>> {
  const shards = await underUnit(store, unit, async (db) => {
    const [statements, excluded, lineage] = await db.batch([
      db
        .prepare(`WITH ${lineageTable(ONE_UNIT)} SELECT r.item, ${SUMS} FROM ${LINEAGE_ROLLUPS} WHERE r.day BETWEEN ?2 AND ?3 AND r.item <> ?4 GROUP BY r.item`)
        .bind(unit, period.from, period.to, OVERALL),
      excludedStatement(db, unit, period),
      lineageStatement(db, ONE_UNIT, unit),
    ]);
    return { statements: statements!.results as (Counts & { item: string })[], excluded: excludedOf(excluded), lineage };
  });
  const statements = sumBy(shards.flatMap((s) => s.statements), "item").sort(byKey("item"));
  return { statements, excluded: shards.reduce((k, s) => k + s.excluded, 0), ...(lineageOf(shards.map((s) => s.lineage)).get(unit) ?? NO_LINEAGE) };
}

/** The last Viet Nam day a unit has answers on, counted or excluded, at or after `day`; null if none. */
export async function lastAnswerDaySince(store: Store, unit: string, day: string): Promise<string | null> {
  const days = await underUnit(store, unit, async (db) =>
    db
      .prepare(`SELECT max(day) AS day FROM (SELECT day FROM rollups WHERE unit = ?1 AND day >= ?2 UNION ALL SELECT day FROM exclusions WHERE unit = ?1 AND day >= ?2)`)
      .bind(unit, day)
      .first<string | null>("day"),
  );
  return days.reduce<string | null>((last, d) => (d && (!last || d > last) ? d : last), null);
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
 * its ancestors (the national templates among them), its subtree or the subtrees of the units
 * merged into it; newest first.
 */
export async function surveyDefinitions({ catalog }: Store, unit: string): Promise<SurveyDefinition[]> {
  const { results } = await catalog
    .prepare(
      `WITH ${lineageTable(ONE_UNIT)}
       SELECT definition FROM surveys
       WHERE owner IN (SELECT ancestor FROM unit_ancestors WHERE unit = ?1 UNION SELECT a.unit FROM lineage l CROSS JOIN unit_ancestors a ON a.ancestor = l.unit)
       ORDER BY published_at DESC, version DESC`,
    )
    .bind(unit)
    .all<{ definition: string }>();
  return results.map((row) => surveyDefinitionSchema.parse(JSON.parse(row.definition)));
}
