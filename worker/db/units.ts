import type { UnitView } from "../domain/access.ts";

/*
 * Reads of the unit tree for the private API. Scope is one lookup in the closure table:
 * a unit is within an account's scope when the account's unit is among its ancestors.
 */

const UNIT_COLUMNS = `u.code, u.name, u.kind, u.parent`;

/** A unit with whether it lies in the subtree under `root`. */
export interface ScopedUnit extends UnitView {
  inScope: number;
}

/** The unit with this code and whether it lies under `root`; no row for an unknown code. */
export function scopedUnit(db: D1Database, code: string, root: string): Promise<ScopedUnit | null> {
  return db
    .prepare(
      `SELECT ${UNIT_COLUMNS}, EXISTS (SELECT 1 FROM unit_ancestors a WHERE a.unit = u.code AND a.ancestor = ?2) AS inScope
       FROM units u WHERE u.code = ?1`,
    )
    .bind(code, root)
    .first<ScopedUnit>();
}

/** The current direct children of a unit, by code. */
export function childrenQuery(db: D1Database, code: string): D1PreparedStatement {
  return db.prepare(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.parent = ?1 AND u.valid_to IS NULL ORDER BY u.code`).bind(code);
}

/** The ancestors of a unit from the country down, the unit itself excluded. */
export function pathQuery(db: D1Database, code: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${UNIT_COLUMNS} FROM unit_ancestors a JOIN units u ON u.code = a.ancestor
       WHERE a.unit = ?1 AND a.distance > 0 ORDER BY a.distance DESC`,
    )
    .bind(code);
}

/** Every current unit in the subtree under `root` (at most a few thousand), for searching by name. */
export async function subtreeUnits(db: D1Database, root: string): Promise<UnitView[]> {
  const { results } = await db
    .prepare(
      `SELECT ${UNIT_COLUMNS} FROM unit_ancestors a JOIN units u ON u.code = a.unit
       WHERE a.ancestor = ?1 AND u.valid_to IS NULL`,
    )
    .bind(root)
    .all<UnitView>();
  return results;
}
