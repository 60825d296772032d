import type { Period } from "../domain/period.ts";

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

/** Where the previous page ended, in the order of the index: counting unit, day, row. */
export interface ExportPosition {
  unit: string;
  day: string;
  row: number;
}

/**
 * One page of the answer sets stored in the subtree under `root` (at the unit they are counted
 * at, as the rollups count them) in a period, those left out of the figures included, read
 * along the index responses_counted_day so that every page costs the same.
 */
export async function exportPage(db: D1Database, root: string, period: Period, after: ExportPosition | null, size: number) {
  const { results } = await db
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
    .bind(root, period.from, period.to, after?.unit ?? null, after?.day ?? null, after?.row ?? null, size)
    .all<ExportRow & { row: number; counted: string }>();
  const last = results.at(-1);
  return { rows: results as ExportRow[], next: results.length === size && last ? { unit: last.counted, day: last.day, row: last.row } : null };
}
