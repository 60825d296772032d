import type { Period } from "../domain/period.ts";
import { shardsUnder, type Store } from "./store.ts";

/** One answer set as the answers export lists it. */
export interface ExportRow {
  id: string;
  receivedAt: string;
  answeredAt: string | null;
  day: string;
  unit: string;
  unitName: string;
  survey: string;
  version: number;
  channel: string;
  lang: string;
  caseCode: string | null;
  reason: string | null;
  comment: string | null;
  /** The official the citizen named, if any. */
  official: string | null;
  /** JSON object item → level. */
  answers: string;
  status: "accepted" | "quarantined";
  /** The incident a quarantined answer was flagged in; null for a honeypot's. */
  incident: number | null;
}

/** Where the next page starts: a shard (by its place among the root's), after a row in the order of the index (counting unit, day, row) or at its start. */
export interface ExportPosition {
  shard: number;
  after: { unit: string; day: string; row: number } | null;
}

/**
 * One page of the answer sets stored in the subtree under `root` (at the unit they are counted
 * at, as the rollups count them) in a period, those left out of the figures included: shard
 * after shard, each read along the index responses_counted_day so that every page costs the
 * same; a shard without rows in the period costs one read. Pass `next` back for the page
after; null after the last.
 */
export async function exportPage(store: Store, root: string, period: Period, at: ExportPosition | null, size: number) {
  const shards = await shardsUnder(store, root);
  for (let shard = at?.shard ?? 0; shard < shards.length; shard++) {
    const from = at?.shard === shard ? at.after : null;
    const { results } = await shards[shard]!
      .prepare(
        `SELECT r.rowid AS row, coalesce(r.official, r.unit) AS counted, r.id, r.received_at AS receivedAt,
           r.answered_at AS answeredAt, r.day, r.unit, u.name AS unitName, r.survey, r.version, r.channel, r.lang,
           r.case_code AS caseCode, r.reason, r.comment, r.official, r.answers AS answers, r.status, r.incident
         FROM responses r JOIN units u ON u.code = r.unit
         WHERE coalesce(r.official, r.unit) IN (SELECT unit FROM unit_ancestors WHERE ancestor = ?1)
           AND r.day BETWEEN ?2 AND ?3
           AND (?4 IS NULL OR (coalesce(r.official, r.unit), r.day, r.rowid) > (?4, ?5, ?6))
         ORDER BY coalesce(r.official, r.unit), r.day, r.rowid LIMIT ?7`,
      )
      .bind(root, period.from, period.to, from?.unit ?? null, from?.day ?? null, from?.row ?? null, size)
      .all<ExportRow & { row: number; counted: string }>();
    const last = results.at(-1);
    // A full page may have more after it; a short one ends its shard, so the next page starts the next shard.
    if (results.length === size && last) return { rows: results as ExportRow[], next: { shard, after: { unit: last.counted, day: last.day, row: last.row } } };
    if (results.length > 0) return { rows: results as ExportRow[], next: shard + 1 < shards.length ? { shard: shard + 1, after: null } : null };
  }
  return { rows: [] as ExportRow[], next: null };
}
