import type { Database, Store } from "./store.ts";
import type { Author } from "../domain/audit.ts";
import { surveyDefinitionSchema, type OfficialChoice, type SurveyDefinition } from "../domain/survey.ts";
import { DEFAULT_SURVEY } from "../domain/templates.ts";
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
 * record (`survey.choose`) in the same transaction; null clears the unit's own choice, so it
 * inherits again. Choosing the survey already chosen changes nothing. `by` is the command
 * line unless an account is named.
 */
export async function chooseSurvey({ catalog }: Store, unit: string, survey: string | null, by: Author = { actor: null, at: new Date() }): Promise<void> {
  const before = (await catalog.prepare(`SELECT survey FROM unit_settings WHERE unit = ?1`).bind(unit).first<string | null>("survey")) ?? null;
  if (before === survey) return;
  await catalog.batch([
    catalog
      .prepare(`INSERT INTO unit_settings (unit, survey) VALUES (?1, ?2) ON CONFLICT (unit) DO UPDATE SET survey = excluded.survey`)
      .bind(unit, survey),
    auditStatement(catalog, { ...by, action: "survey.choose", unit, target: survey ?? "inherit", before: { survey: before }, after: { survey } }),
  ]);
}

/** A published version as the private API lists it. */
export interface PublishedVersion {
  version: number;
  publishedAt: string;
  definition: SurveyDefinition;
}

/** A survey a unit may use, with its versions, newest first. */
export interface UsableSurvey {
  id: string;
  owner: { code: string; name: string };
  versions: PublishedVersion[];
}

/** The survey a unit uses, and the unit whose choice it is (null for the national default). */
export interface SurveyChoice {
  survey: string;
  from: { code: string; name: string } | null;
}

interface VersionRow {
  id: string;
  version: number;
  owner: string;
  ownerName: string;
  definition: string;
  publishedAt: string;
}

const VERSION_COLUMNS = `s.id, s.version, s.owner, u.name AS ownerName, s.definition, s.published_at AS publishedAt`;

/** Rows of versions, newest first, grouped by survey in the rows' order. */
function bySurvey(rows: VersionRow[]): UsableSurvey[] {
  const surveys = new Map<string, UsableSurvey>();
  for (const row of rows) {
    const survey = surveys.get(row.id) ?? { id: row.id, owner: { code: row.owner, name: row.ownerName }, versions: [] };
    survey.versions.push({ version: row.version, publishedAt: row.publishedAt, definition: surveyDefinitionSchema.parse(JSON.parse(row.definition)) });
    surveys.set(row.id, survey);
  }
  return [...surveys.values()];
}

/**
 * The surveys a unit may use (the templates, its own and its ancestors', nearest owner
 * first) and the one it uses: the nearest choice up the tree, else the national default.
 */
export async function surveysFor({ catalog }: Store, unit: string): Promise<{ surveys: UsableSurvey[]; choice: SurveyChoice }> {
  const [versions, choice] = await catalog.batch([
    catalog
      .prepare(
        `SELECT ${VERSION_COLUMNS} FROM surveys s JOIN unit_ancestors a ON a.ancestor = s.owner AND a.unit = ?1 JOIN units u ON u.code = s.owner
         ORDER BY a.distance, s.id, s.version DESC`,
      )
      .bind(unit),
    catalog
      .prepare(
        `SELECT st.survey, u.code, u.name FROM unit_ancestors a JOIN unit_settings st ON st.unit = a.ancestor AND st.survey IS NOT NULL
         JOIN units u ON u.code = a.ancestor WHERE a.unit = ?1 ORDER BY a.distance LIMIT 1`,
      )
      .bind(unit),
  ]);
  const chosen = choice!.results[0] as { survey: string; code: string; name: string } | undefined;
  return {
    surveys: bySurvey(versions!.results as VersionRow[]),
    choice: chosen ? { survey: chosen.survey, from: { code: chosen.code, name: chosen.name } } : { survey: DEFAULT_SURVEY, from: null },
  };
}

/** A survey with every version, newest first, or null if there is none with this id. */
export async function surveyById({ catalog }: Store, id: string): Promise<UsableSurvey | null> {
  const { results } = await catalog
    .prepare(`SELECT ${VERSION_COLUMNS} FROM surveys s JOIN units u ON u.code = s.owner WHERE s.id = ?1 ORDER BY s.version DESC`)
    .bind(id)
    .all<VersionRow>();
  return bySurvey(results)[0] ?? null;
}

/** The ids of the surveys a unit owns. */
export async function surveyIdsOwnedBy({ catalog }: Store, unit: string): Promise<string[]> {
  const { results } = await catalog.prepare(`SELECT DISTINCT id FROM surveys WHERE owner = ?1`).bind(unit).all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * Publishes a version, with its record (`survey.publish`) in the same transaction. Returns
 * false, changing nothing, when that version exists already (another was published meanwhile).
 */
export async function publishVersion(
  { catalog }: Store,
  v: { id: string; version: number; owner: string; definition: SurveyDefinition },
  by: Author,
): Promise<boolean> {
  try {
    await catalog.batch([
      catalog
        .prepare(`INSERT INTO surveys (id, version, owner, definition, published_at) VALUES (?1, ?2, ?3, ?4, ?5)`)
        .bind(v.id, v.version, v.owner, JSON.stringify(v.definition), by.at.toISOString()),
      auditStatement(catalog, {
        ...by,
        action: "survey.publish",
        unit: v.owner,
        target: v.id,
        before: v.version === 1 ? null : { version: v.version - 1 },
        after: { version: v.version },
      }),
    ]);
    return true;
  } catch (err) {
    if (err instanceof Error && /UNIQUE constraint failed: surveys\./i.test(err.message)) return false;
    throw err;
  }
}
