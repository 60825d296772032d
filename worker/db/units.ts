import { learnProvinces, provinceOf, shardFor, shardOf, type Database, type Store } from "./store.ts";
import { auditStatement } from "./audit.ts";
import type { UnitView } from "../domain/access.ts";
import type { AuditEntry } from "../domain/audit.ts";
import type { ManagedUnit } from "../domain/desks.ts";
import { childOf, nextChildCode } from "../domain/unit-children.ts";
import { vnDay } from "../domain/vn-time.ts";

/*
 * The unit tree for the private API: its reads, and the desks and officials that managers
 * add, rename and close. Scope is one lookup in the closure table: a unit is within an
 * account's scope when the account's unit is among its ancestors.
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

/** A unit to add: a desk, an official at a desk, or a commune continuing merged ones (worker/db/successions.ts). */
export interface NewUnit {
  code: string;
  name: string;
  kind: "desk" | "official" | "xa" | "phuong" | "dac_khu";
  parent: string;
  /** The Viet Nam day it opens; the registry's start (1 July 2025) if left out. */
  validFrom?: string;
}

/** The insert of a new unit into a database's registry; in a shard, `ignoreKnown` completes an interrupted addition. */
export function unitInsert(db: Database, u: NewUnit, ignoreKnown: boolean): D1PreparedStatement {
  const day = u.validFrom ? [u.validFrom] : [];
  return db
    .prepare(
      `INSERT INTO units (code, name, kind, parent${day.length ? ", valid_from" : ""}) VALUES (?1, ?2, ?3, ?4${day.length ? ", ?5" : ""})${ignoreKnown ? " ON CONFLICT (code) DO NOTHING" : ""}`,
    )
    .bind(u.code, u.name, u.kind, u.parent, ...day);
}

/**
 * Adds units (parents first) to the registry: to the shard of their province, whose triggers
 * count answers through the same closure, then to the catalog, which makes them usable,
 * with the records of the change (`audit`) in the catalog's batch. A failure between the two
 * leaves a unit nobody can answer for yet, and adding it again completes it.
 */
export async function addUnits(store: Store, units: NewUnit[], audit: AuditEntry[] = []): Promise<void> {
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
  for (const [shard, some] of byShard) await shard.batch(some.map((u) => unitInsert(shard, u, true)));
  await store.catalog.batch([...units.map((u) => unitInsert(store.catalog, u, false)), ...audit.map((e) => auditStatement(store.catalog, e))]);
}

const MANAGED_COLUMNS = `u.code, u.name, u.kind, u.parent, u.valid_from AS validFrom, u.valid_to AS validTo`;

/** A unit with its validity days, open or closed; null for an unknown code. */
export function unitWithValidity({ catalog: db }: Store, code: string): Promise<ManagedUnit | null> {
  return db.prepare(`SELECT ${MANAGED_COLUMNS} FROM units u WHERE u.code = ?1`).bind(code).first<ManagedUnit>();
}

/** The desks and officials below a unit, open and closed, by code: each official right after its desk. */
export async function managedUnitsUnder({ catalog: db }: Store, root: string): Promise<ManagedUnit[]> {
  const { results } = await db
    .prepare(
      `SELECT ${MANAGED_COLUMNS} FROM unit_ancestors a JOIN units u ON u.code = a.unit
       WHERE a.ancestor = ?1 AND a.distance > 0 AND u.kind IN ('desk', 'official') ORDER BY u.code`,
    )
    .bind(root)
    .all<ManagedUnit>();
  return results;
}

/** The codes of the units directly below `parent` in one database, open or closed: those a new code must avoid. */
export const childCodes = async (db: Database, parent: string) =>
  (await db.prepare(`SELECT code FROM units WHERE parent = ?1`).bind(parent).all<{ code: string }>()).results.map((r) => r.code);

/** How many codes an addition tries when other managers of the commune take them first. */
const ADD_ATTEMPTS = 5;

const takenCode = (err: unknown) => err instanceof Error && /UNIQUE constraint failed: units\.code/i.test(err.message);

/**
 * Adds a desk (below a commune or province) or an official (below a desk) under the next
 * code free in the catalog and in the shard (where an interrupted addition may have left
 * one), opening today, and records it. Another manager adding at the same moment may take
 * the code first: then the next one is taken.
 */
export async function addManagedUnit(store: Store, parent: UnitView, name: string, actor: number, at: Date): Promise<ManagedUnit> {
  const child = childOf(parent.kind);
  if (!child) throw new Error(`nothing is added below ${parent.kind} ${parent.code}`);
  const shard = await shardOf(store, parent.code);
  for (let attempt = 1; ; attempt++) {
    const taken = (await Promise.all([store.catalog, ...(shard ? [shard] : [])].map((db) => childCodes(db, parent.code)))).flat();
    const unit = { code: nextChildCode(parent.code, child.suffix, taken), name, kind: child.kind, parent: parent.code, validFrom: vnDay(at) };
    const { code, ...after } = unit;
    try {
      await addUnits(store, [unit], [{ at, actor, action: "unit.create", unit: code, target: code, before: null, after }]);
      // The shard keeps the first row under a code: that of a manager who lost the code in the catalog, perhaps.
      if (shard) await renameStatement(shard, code, name).run();
      return { ...unit, validTo: null };
    } catch (err) {
      if (!takenCode(err) || attempt === ADD_ATTEMPTS) throw err;
    }
  }
}

const renameStatement = (db: Database, code: string, name: string) => db.prepare(`UPDATE units SET name = ?2 WHERE code = ?1`).bind(code, name);

/** Renames a desk or official, in its shard (whose figures list it) and in the catalog, recorded. */
export async function renameUnit(store: Store, unit: ManagedUnit, name: string, actor: number, at: Date): Promise<ManagedUnit> {
  const shard = await shardOf(store, unit.code);
  if (shard) await renameStatement(shard, unit.code, name).run();
  await store.catalog.batch([
    renameStatement(store.catalog, unit.code, name),
    auditStatement(store.catalog, { at, actor, action: "unit.rename", unit: unit.code, target: unit.code, before: { name: unit.name }, after: { name } }),
  ]);
  return { ...unit, name };
}

/** A unit and the open units below it (a desk's officials), open ones only. */
export async function openSubtree({ catalog: db }: Store, code: string): Promise<ManagedUnit[]> {
  const { results } = await db
    .prepare(
      `SELECT ${MANAGED_COLUMNS} FROM unit_ancestors a JOIN units u ON u.code = a.unit
       WHERE a.ancestor = ?1 AND u.valid_to IS NULL ORDER BY u.code`,
    )
    .bind(code)
    .all<ManagedUnit>();
  return results;
}

/** The closing of open units on a Viet Nam day in a database's registry (one already closed keeps its day). */
export function closeStatement(db: Database, codes: string[], day: string): D1PreparedStatement {
  return db.prepare(`UPDATE units SET valid_to = ?2 WHERE code IN (SELECT value FROM json_each(?1)) AND valid_to IS NULL`).bind(JSON.stringify(codes), day);
}

/**
 * Closes units on a Viet Nam day: in their shard first, then in the catalog, which stops
 * their answers, with one record per unit in the catalog's batch. Their answers and figures
 * stay. A failure between the two leaves them open, and closing again completes it.
 */
export async function closeUnits(store: Store, units: ManagedUnit[], day: string, actor: number, at: Date): Promise<ManagedUnit[]> {
  const close = (db: Database) => closeStatement(db, units.map((u) => u.code), day);
  const shard = units[0] && (await shardOf(store, units[0].code));
  if (shard) await close(shard).run();
  await store.catalog.batch([
    close(store.catalog),
    ...units.map((u) => auditStatement(store.catalog, { at, actor, action: "unit.close", unit: u.code, target: u.code, before: { validTo: null }, after: { validTo: day } })),
  ]);
  return units.map((u) => ({ ...u, validTo: day }));
}
