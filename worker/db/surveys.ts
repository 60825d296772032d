import type { Database, Store } from "./store.ts";
import type { Author } from "../domain/audit.ts";
import type { OfficialChoice } from "../domain/survey.ts";
import { auditStatement } from "./audit.ts";

/** The current officials in a unit's subtree, for the widget's "who served you" choice. */
export async function officialsUnder({ catalog: db }: Store, unit: string): Promise<OfficialChoice[]> {
  const { results } = await db
    .prepare(
      `SELECT u.code, u.name FROM unit_ancestors a JOIN units u ON u.code = a.unit
       WHERE a.ancestor = ?1 AND u.kind = 'official' AND u.valid_to IS NULL ORDER BY u.name`,
    )
    .bind(unit)
    .all<OfficialChoice>();
  return results;
}

/**
 * Chooses the survey a unit and its subtree use, until one of them chooses another, with its
 * record (`survey.choose`) in the same transaction; choosing the survey already chosen changes
 * nothing. `by` is the command line unless an account is named.
 */
export async function chooseSurvey({ catalog }: Store, unit: string, survey: string, by: Author = { actor: null, at: new Date() }): Promise<void> {
  const before = (await catalog.prepare(`SELECT survey FROM unit_settings WHERE unit = ?1`).bind(unit).first<string | null>("survey")) ?? null;
  if (before === survey) return;
  await catalog.batch([
    catalog
      .prepare(`INSERT INTO unit_settings (unit, survey) VALUES (?1, ?2) ON CONFLICT (unit) DO UPDATE SET survey = excluded.survey`)
      .bind(unit, survey),
    auditStatement(catalog, { ...by, action: "survey.choose", unit, target: survey, before: { survey: before }, after: { survey } }),
  ]);
}
