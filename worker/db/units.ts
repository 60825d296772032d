import { learnProvinces, provinceOf, shardFor, type Database, type Store } from "./store.ts";
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
 * Adds units (parents first) to the registry: to the shard of their province, whose triggers
 * count answers through the same closure, then to the catalog, which makes them usable. A
 * failure between the two leaves a unit nobody can answer for yet, and adding it again
 * completes it.
 */
export async function addUnits(store: Store, units: NewUnit[]): Promise<void> {
  const insert = (db: Database, some: NewUnit[], ignoreKnown: boolean) =>
    db.batch(
      some.map((u) =>
        db
          .prepare(`INSERT INTO units (code, name, kind, parent) VALUES (?1, ?2, ?3, ?4)${ignoreKnown ? " ON CONFLICT (code) DO NOTHING" : ""}`)
          .bind(u.code, u.name, u.kind, u.parent),
      ),
    );
  // A new unit's province is its parent's, or that of a unit added before it in the list.
  const known = new Set(units.map((u) => u.code));
  await learnProvinces(store, units.map((u) => u.parent).filter((p) => !known.has(p)));
  const added = new Map<string, string>();
  const byShard = new Map<Database, NewUnit[]>();
  for (const u of units) {
    const province = added.get(u.parent) ?? (await provinceOf(store, u.parent));
    if (!province) throw new Error(`unit ${u.code}: its parent ${u.parent} is not in the registry`);
    added.set(u.code, province);
    const shard = shardFor(store, province);
    byShard.set(shard, [...(byShard.get(shard) ?? []), u]);
  }
  for (const [shard, some] of byShard) await insert(shard, some, true);
  await insert(store.catalog, units, false);
}
