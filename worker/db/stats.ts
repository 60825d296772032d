import type { UnitView } from "../domain/access.ts";
import type { Period } from "../domain/period.ts";
import { OVERALL } from "../domain/scales.ts";
import type { Counts } from "../domain/stats.ts";
import { surveyDefinitionSchema, type SurveyDefinition } from "../domain/survey.ts";

/*
 * Reads of the rollups, the read model: one row per unit, item and Viet Nam day, so each
 * query touches at most one row per day of the period whatever the number of answers.
 */

const SUMS = ["n", "c1", "c2", "c3", "c4", "c5", "sum"].map((col) => `coalesce(sum(r.${col}), 0) AS ${col}`).join(", ");

/** A unit's day rows for one item over a period, in day order. */
export async function dayCounts(db: D1Database, unit: string, item: string, period: Period): Promise<(Counts & { day: string })[]> {
  const { results } = await db
    .prepare(
      `SELECT r.day, r.n, r.c1, r.c2, r.c3, r.c4, r.c5, r.sum FROM rollups r
       WHERE r.unit = ?1 AND r.item = ?2 AND r.day BETWEEN ?3 AND ?4 ORDER BY r.day`,
    )
    .bind(unit, item, period.from, period.to)
    .all<Counts & { day: string }>();
  return results;
}

/** A unit's counts for one item over a period. */
export function totalQuery(db: D1Database, unit: string, item: string, period: Period): D1PreparedStatement {
  return db
    .prepare(`SELECT ${SUMS} FROM rollups r WHERE r.unit = ?1 AND r.item = ?2 AND r.day BETWEEN ?3 AND ?4`)
    .bind(unit, item, period.from, period.to);
}

/** The counts in a totalQuery result. */
export function totalOf(result: D1Result | undefined): Counts {
  return result?.results[0] as Counts;
}

/** The direct children of a unit that existed in the period, each with its counts for one item. */
export function childCountsQuery(db: D1Database, parent: string, item: string, period: Period): D1PreparedStatement {
  return db
    .prepare(
      `SELECT u.code, u.name, u.kind, u.parent, ${SUMS}
       FROM units u LEFT JOIN rollups r ON r.unit = u.code AND r.item = ?2 AND r.day BETWEEN ?3 AND ?4
       WHERE u.parent = ?1 AND (u.valid_to IS NULL OR u.valid_to >= ?3)
       GROUP BY u.code ORDER BY u.code`,
    )
    .bind(parent, item, period.from, period.to);
}

/** The rows of a childCountsQuery result. */
export function childCountsOf(result: D1Result | undefined): (UnitView & Counts)[] {
  return (result?.results ?? []) as (UnitView & Counts)[];
}

/** A unit's counts per statement (every item but the overall question) over a period. */
export function statementCountsQuery(db: D1Database, unit: string, period: Period): D1PreparedStatement {
  return db
    .prepare(
      `SELECT r.item, ${SUMS} FROM rollups r
       WHERE r.unit = ?1 AND r.day BETWEEN ?2 AND ?3 AND r.item <> ?4
       GROUP BY r.item ORDER BY r.item`,
    )
    .bind(unit, period.from, period.to, OVERALL);
}

/** The rows of a statementCountsQuery result. */
export function statementCountsOf(result: D1Result | undefined): (Counts & { item: string })[] {
  return (result?.results ?? []) as (Counts & { item: string })[];
}

/** The items a unit has answers for in a period (columns of its answers export). */
export async function answeredItems(db: D1Database, unit: string, period: Period): Promise<string[]> {
  const { results } = await db
    .prepare(`SELECT DISTINCT r.item FROM rollups r WHERE r.unit = ?1 AND r.day BETWEEN ?2 AND ?3 ORDER BY r.item`)
    .bind(unit, period.from, period.to)
    .all<{ item: string }>();
  return results.map((r) => r.item);
}

/**
 * The definitions of every survey the unit's answers may come from: those owned by the unit,
 * its ancestors (the national templates among them) or its subtree; newest first.
 */
export function surveyDefinitionsQuery(db: D1Database, unit: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT definition FROM surveys
       WHERE owner IN (SELECT ancestor FROM unit_ancestors WHERE unit = ?1 UNION SELECT unit FROM unit_ancestors WHERE ancestor = ?1)
       ORDER BY published_at DESC, version DESC`,
    )
    .bind(unit);
}

/** The definitions in a surveyDefinitionsQuery result, in its order. */
export function definitionsOf(result: D1Result | undefined): SurveyDefinition[] {
  return ((result?.results ?? []) as { definition: string }[]).map((row) => surveyDefinitionSchema.parse(JSON.parse(row.definition)));
}
