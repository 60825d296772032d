import { surveyDefinitionSchema, type SurveyVersion } from "../domain/survey.ts";

/*
 * Reads for the public survey endpoints. Each query is a prepared statement builder, so a
 * route can send several in one round trip with db.batch(), plus the parser of its rows.
 */

/** A unit as the survey endpoints need it, with the settings it inherits. */
export interface SurveyUnit {
  code: string;
  name: string;
  /** The survey chosen by the nearest ancestor that chose one (the national default at worst). */
  survey: string;
  turnstileSiteKey: string | null;
}

/** A current unit with its inherited survey choice and Turnstile key (no row if none). */
export function surveyUnitQuery(db: D1Database, code: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT u.code, u.name,
         (SELECT s.survey FROM unit_ancestors a JOIN unit_settings s ON s.unit = a.ancestor
           WHERE a.unit = u.code AND s.survey IS NOT NULL ORDER BY a.distance LIMIT 1) AS survey,
         (SELECT s.turnstile_site_key FROM unit_ancestors a JOIN unit_settings s ON s.unit = a.ancestor
           WHERE a.unit = u.code AND s.turnstile_site_key IS NOT NULL ORDER BY a.distance LIMIT 1) AS turnstileSiteKey
       FROM units u WHERE u.code = ?1 AND u.valid_to IS NULL`,
    )
    .bind(code);
}

/**
 * A published version of a survey that a unit may use (one owned by the unit or by an
 * ancestor: the built-in templates belong to the country). Without a version, the newest.
 */
export function surveyVersionQuery(db: D1Database, unit: string, id: string, version?: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT id, version, definition FROM surveys
       WHERE id = ?1 AND (?3 IS NULL OR version = ?3)
         AND owner IN (SELECT ancestor FROM unit_ancestors WHERE unit = ?2)
       ORDER BY version DESC LIMIT 1`,
    )
    .bind(id, unit, version ?? null);
}

/** The survey version in a row of surveyVersionQuery. */
export function parseSurveyVersion(row: { id: string; version: number; definition: string }): SurveyVersion {
  return { id: row.id, version: row.version, definition: surveyDefinitionSchema.parse(JSON.parse(row.definition)) };
}

/** The current officials in a unit's subtree, for the widget's "who served you" choice. */
export function officialsQuery(db: D1Database, unit: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT u.code, u.name FROM unit_ancestors a JOIN units u ON u.code = a.unit
       WHERE a.ancestor = ?1 AND u.kind = 'official' AND u.valid_to IS NULL ORDER BY u.name`,
    )
    .bind(unit);
}

/**
 * Whether an official may be named with an answer for a unit: a current official in the
 * subtree of the unit's commune (the desk an official sits at is a sibling of the portal's
 * commune-level embed, so the commune, not the unit, is the boundary).
 */
export function officialAllowedQuery(db: D1Database, unit: string, official: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT EXISTS (
         SELECT 1 FROM units o
         JOIN unit_ancestors oa ON oa.unit = o.code
         JOIN unit_ancestors ua ON ua.ancestor = oa.ancestor AND ua.unit = ?1
         JOIN units c ON c.code = oa.ancestor AND c.kind IN ('xa', 'phuong', 'dac_khu')
         WHERE o.code = ?2 AND o.kind = 'official' AND o.valid_to IS NULL
       ) AS allowed`,
    )
    .bind(unit, official);
}
