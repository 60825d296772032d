import type { Database, Store } from "./store.ts";
import { surveyDefinitionSchema, type OfficialChoice, type SurveyDefinition, type SurveyVersion } from "../domain/survey.ts";
import type { UnitKind } from "../domain/units.ts";

/*
 * Reads for the public endpoints. A widget's request needs to know, about one unit, several
 * things at once; they come from one statement so that a submission costs one read.
 */

/** What the public endpoints need to know about a unit, for one request. */
export interface UnitContext {
  code: string;
  name: string;
  kind: UnitKind;
  /** The commune (or, for a province's own centre, the province) whose cases the unit serves. */
  caseScope: string;
  /** Set when the unit (or an ancestor) requires Cloudflare Turnstile. */
  turnstileSiteKey: string | null;
  /** The survey version asked for, or the unit's inherited one; null if the unit may not use it. */
  survey: SurveyVersion | null;
  /** Whether the origin is on the allowed list of the unit or an ancestor (true if none was given). */
  originAllowed: boolean;
  /** Whether the official may be named with this unit's answers (true if none was given). */
  officialAllowed: boolean;
}

export interface UnitContextQuery {
  unit: string;
  /** A survey id; without it, the one chosen by the nearest ancestor that chose one. */
  survey?: string;
  /** A version; without it, the newest published. */
  version?: number;
  origin?: string;
  official?: string;
}

export type UnitContextRow = Omit<UnitContext, "survey" | "originAllowed" | "officialAllowed"> & {
  surveyId: string | null;
  version: number | null;
  definition: string | null;
  originAllowed: number;
  officialAllowed: number;
};

/**
 * The statement reading the context of a current unit (no row if there is none), to run
 * alone (unitContext) or in a batch with other reads. A survey is usable by a unit when the
 * unit or an ancestor owns it (the built-in templates belong to the country). An official may
 * be named when it is a current official in the subtree of the unit's commune (an official
 * sits at a desk, a sibling of a commune-level embed).
 */
export function unitContextStatement(db: Database, q: UnitContextQuery): D1PreparedStatement {
  return db
    .prepare(
      `WITH unit AS (SELECT code, name, kind FROM units WHERE code = ?1 AND valid_to IS NULL),
       chosen AS (
         SELECT coalesce(?2, (SELECT s.survey FROM unit_ancestors a JOIN unit_settings s ON s.unit = a.ancestor
                              WHERE a.unit = ?1 AND s.survey IS NOT NULL ORDER BY a.distance LIMIT 1)) AS id
       ),
       version AS (
         SELECT id, version, definition FROM surveys
         WHERE id = (SELECT id FROM chosen) AND (?3 IS NULL OR version = ?3)
           AND owner IN (SELECT ancestor FROM unit_ancestors WHERE unit = ?1)
         ORDER BY version DESC LIMIT 1
       )
       SELECT u.code, u.name, u.kind,
         (SELECT a.ancestor FROM unit_ancestors a JOIN units s ON s.code = a.ancestor
           WHERE a.unit = ?1 AND s.kind IN ('xa', 'phuong', 'dac_khu', 'province')
           ORDER BY s.kind = 'province', a.distance LIMIT 1) AS caseScope,
         (SELECT s.turnstile_site_key FROM unit_ancestors a JOIN unit_settings s ON s.unit = a.ancestor
           WHERE a.unit = ?1 AND s.turnstile_site_key IS NOT NULL ORDER BY a.distance LIMIT 1) AS turnstileSiteKey,
         v.id AS surveyId, v.version, v.definition,
         ?4 IS NULL OR EXISTS (
           SELECT 1 FROM unit_ancestors a JOIN allowed_origins o ON o.unit = a.ancestor
           WHERE a.unit = ?1 AND o.origin = ?4) AS originAllowed,
         ?5 IS NULL OR EXISTS (
           SELECT 1 FROM units o
           JOIN unit_ancestors oa ON oa.unit = o.code
           JOIN unit_ancestors ua ON ua.ancestor = oa.ancestor AND ua.unit = ?1
           JOIN units c ON c.code = oa.ancestor AND c.kind IN ('xa', 'phuong', 'dac_khu')
           WHERE o.code = ?5 AND o.kind = 'official' AND o.valid_to IS NULL) AS officialAllowed
       FROM unit u LEFT JOIN version v`,
    )
    .bind(q.unit, q.survey ?? null, q.version ?? null, q.origin ?? null, q.official ?? null);
}

/*
 * A published survey version never changes (migrations/catalog/0003_surveys.sql), so each
 * isolate parses its definition once: a submission checks its answers against it without
 * validating the whole definition again.
 */
const definitions = new Map<string, SurveyDefinition>();

function parsedDefinition(id: string, version: number, definition: string): SurveyDefinition {
  const key = `${id}@${version}`;
  let parsed = definitions.get(key);
  if (!parsed) definitions.set(key, (parsed = surveyDefinitionSchema.parse(JSON.parse(definition))));
  return parsed;
}

/** The context read by unitContextStatement, as a domain value. */
export function toUnitContext(row: UnitContextRow | null | undefined): UnitContext | null {
  if (!row) return null;
  const { surveyId, version, definition, originAllowed, officialAllowed, ...unit } = row;
  return {
    ...unit,
    survey: surveyId && version && definition ? { id: surveyId, version, definition: parsedDefinition(surveyId, version, definition) } : null,
    originAllowed: originAllowed === 1,
    officialAllowed: officialAllowed === 1,
  };
}

/** The context of a current unit, or null if there is none. */
export async function unitContext({ catalog: db }: Store, q: UnitContextQuery): Promise<UnitContext | null> {
  return toUnitContext(await unitContextStatement(db, q).first<UnitContextRow>());
}

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

/** Chooses the survey a unit and its subtree use, until one of them chooses another. */
export async function chooseSurvey({ catalog }: Store, unit: string, survey: string): Promise<void> {
  await catalog
    .prepare(`INSERT INTO unit_settings (unit, survey) VALUES (?1, ?2) ON CONFLICT (unit) DO UPDATE SET survey = excluded.survey`)
    .bind(unit, survey)
    .run();
}
