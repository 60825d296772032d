import { learnProvinces, shardOf, type Database, type Store } from "./store.ts";
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
export function scopedUnit({ catalog: db }: Store, code: string, root: string): Promise<ScopedUnit | null> {
  return db
    .prepare(
      `SELECT ${UNIT_COLUMNS}, EXISTS (SELECT 1 FROM unit_ancestors a WHERE a.unit = u.code AND a.ancestor = ?2) AS inScope
       FROM units u WHERE u.code = ?1`,
    )
    .bind(code, root)
    .first<ScopedUnit>();
}

/** The current direct children of a unit, by code. */
export async function childrenOf({ catalog: db }: Store, code: string): Promise<UnitView[]> {
  const { results } = await db.prepare(`SELECT ${UNIT_COLUMNS} FROM units u WHERE u.parent = ?1 AND u.valid_to IS NULL ORDER BY u.code`).bind(code).all<UnitView>();
  return results;
}

/** The ancestors of a unit from the country down, the unit itself excluded. */
export async function pathOf({ catalog: db }: Store, code: string): Promise<UnitView[]> {
  const { results } = await db
    .prepare(
      `SELECT ${UNIT_COLUMNS} FROM unit_ancestors a JOIN units u ON u.code = a.ancestor
       WHERE a.unit = ?1 AND a.distance > 0 ORDER BY a.distance DESC`,
    )
    .bind(code)
    .all<UnitView>();
  return results;
}

/** Every current unit in the subtree under `root` (at most a few thousand), for searching by name. */
export async function subtreeUnits({ catalog: db }: Store, root: string): Promise<UnitView[]> {
  const { results } = await db
    .prepare(
      `SELECT ${UNIT_COLUMNS} FROM unit_ancestors a JOIN units u ON u.code = a.unit
       WHERE a.ancestor = ?1 AND u.valid_to IS NULL`,
    )
    .bind(root)
    .all<UnitView>();
  return results;
}

/** A unit to add below a commune: a desk, or an official at a desk. */
export interface NewUnit {
  code: string;
  name: string;
  kind: "desk" | "official";
  parent: string;
}

/**
 * Adds units (parents first) to the registry: the catalog, and the shard of their province,
 * whose triggers count answers through the same closure. The catalog first: a unit is known
 * there before its shard can receive an answer for it.
 */
export async function addUnits(store: Store, units: NewUnit[]): Promise<void> {
  const insert = (db: Database) =>
    db.batch(units.map((u) => db.prepare(`INSERT INTO units (code, name, kind, parent) VALUES (?1, ?2, ?3, ?4)`).bind(u.code, u.name, u.kind, u.parent)));
  await insert(store.catalog);
  await learnProvinces(store, units.map((u) => u.code));
  const shards = new Set<Database>();
  for (const u of units) shards.add((await shardOf(store, u.code))!);
  for (const shard of shards) await insert(shard);
}
