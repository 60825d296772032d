import type { UnitView } from "../domain/access.ts";
import { NO_766_COUNTS, type Decision766Counts } from "../domain/decision-766.ts";
import type { Period } from "../domain/period.ts";
import { NOT_SATISFIED, OVERALL } from "../domain/scales.ts";
import { notAboutOfficial } from "./feedback.ts";
import { underUnit, type Store } from "./store.ts";

/*
 * The counts of the official forms, read from the answers and the complaints inbox (the
 * rollups hold no complaint): per unit of a scope, the unit and its direct children, in one
 * read per shard holding the scope's answers.
 */

/** The scope ?1 and its direct children open on some day of the period ?2..?3, with their names. */
const LISTED = `listed AS (
  SELECT code, name, kind, parent FROM units WHERE code = ?1
  UNION ALL SELECT code, name, kind, parent FROM units WHERE parent = ?1 AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to > ?2))`;

/** What a report of Decision 766 asks for: the scope, the period, whether officials' items count, and the day that decides what is overdue. */
export interface Decision766Query extends Period {
  root: string;
  officials: boolean;
  today: string;
}

/**
 * The counts of Decision 766's ratios (worker/domain/decision-766.ts) for the scope and each
 * of its direct children open in the period, by code, the scope first. Complaints are those
 * received in the period; answer sets those given in it. A case is rated once (the store
 * keeps one counted answer per case), so counting answer sets counts each case once.
 */
export async function decision766Counts(store: Store, q: Decision766Query): Promise<(UnitView & Decision766Counts)[]> {
  const complaintsOfficials = q.officials ? "" : `AND ${notAboutOfficial("f.unit")}`;
  const setsOfficials = q.officials ? "" : `AND ${notAboutOfficial("coalesce(r.official, r.unit)")}`;
  const listedOfficials = q.officials ? "" : `WHERE l.kind <> 'official'`;
  const shards = await underUnit(store, q.root, async (db) => {
    const { results } = await db
      .prepare(
        `WITH ${LISTED},
         complaints AS (
           SELECT a.ancestor AS code, count(*) AS received,
             sum(f.status = 'resolved' AND date(f.resolved_at, '+7 hours') <= f.due_day) AS onTime,
             sum(iif(f.status = 'resolved', date(f.resolved_at, '+7 hours') <= f.due_day, f.due_day >= ?4)) AS timely
           FROM listed l CROSS JOIN unit_ancestors a ON a.ancestor = l.code CROSS JOIN feedback f ON f.unit = a.unit
           WHERE f.accepted = 1 AND f.kind = 'complaint' AND f.day BETWEEN ?2 AND ?3 ${complaintsOfficials}
           GROUP BY a.ancestor),
         sets AS (
           SELECT a.ancestor AS code, count(*) AS answerSets,
             sum(coalesce(r.answers ->> ?5, 0) <> ?6
               AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.response_id = r.id AND f.kind = 'complaint' AND f.status <> 'resolved')) AS satisfiedSets
           FROM listed l CROSS JOIN unit_ancestors a ON a.ancestor = l.code CROSS JOIN responses r ON coalesce(r.official, r.unit) = a.unit
           WHERE r.status = 'accepted' AND r.day BETWEEN ?2 AND ?3 ${setsOfficials}
           GROUP BY a.ancestor)
         SELECT l.code, l.name, l.kind, l.parent,
           coalesce(c.received, 0) AS received, coalesce(c.onTime, 0) AS onTime, coalesce(c.timely, 0) AS timely,
           coalesce(s.answerSets, 0) AS answerSets, coalesce(s.satisfiedSets, 0) AS satisfiedSets
         FROM listed l LEFT JOIN complaints c ON c.code = l.code LEFT JOIN sets s ON s.code = l.code ${listedOfficials}`,
      )
      .bind(q.root, q.from, q.to, q.today, `$.${OVERALL}`, NOT_SATISFIED)
      .all<UnitView & Decision766Counts>();
    return results;
  });
  const units = new Map<string, UnitView & Decision766Counts>();
  for (const row of shards.flat()) {
    const seen = units.get(row.code) ?? { ...row, ...NO_766_COUNTS };
    for (const field of ["received", "onTime", "timely", "answerSets", "satisfiedSets"] as const) seen[field] += row[field];
    units.set(row.code, seen);
  }
  const rows = [...units.values()];
  return [...rows.filter((u) => u.code === q.root), ...rows.filter((u) => u.code !== q.root).sort((a, b) => (a.code < b.code ? -1 : 1))];
}
