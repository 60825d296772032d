import type { UnitView } from "../domain/access.ts";
import type { Author } from "../domain/audit.ts";
import { auditStatement } from "./audit.ts";
import type { Store } from "./store.ts";

/*
 * Which units' results citizens may read at /cong-khai/<code> (migrations/catalog
 * 0011_published_units.sql): a unit is published from the moment a manager publishes it
 * until one unpublishes it. Officials never are.
 */

/** When a unit's results were published, or null while they are not. */
export async function publishedAt({ catalog }: Store, unit: string): Promise<string | null> {
  return (await catalog.prepare(`SELECT published_at FROM published_units WHERE unit = ?1`).bind(unit).first<string>("published_at")) ?? null;
}

/**
 * Publishes a unit's results or withdraws them, with the record (`unit.publish`) in the same
 * transaction; asking for what already holds changes nothing and keeps the first publication's
 * time. Returns when the unit is published from, or null.
 */
export async function setPublished(store: Store, unit: string, published: boolean, by: Author): Promise<string | null> {
  const before = await publishedAt(store, unit);
  if ((before !== null) === published) return before;
  const after = published ? by.at.toISOString() : null;
  const { catalog } = store;
  await catalog.batch([
    published
      ? catalog.prepare(`INSERT INTO published_units (unit, published_at, published_by) VALUES (?1, ?2, ?3)`).bind(unit, after, by.actor)
      : catalog.prepare(`DELETE FROM published_units WHERE unit = ?1`).bind(unit),
    auditStatement(catalog, { ...by, action: "unit.publish", unit, target: unit, before: { published: !published }, after: { published } }),
  ]);
  return after;
}

/** A published unit as its public page names it: with its parent's name (null for the country). */
export interface PublishedUnit extends UnitView {
  parentName: string | null;
}

/** The unit with this code if its results are published; null for any other code, an official's always. */
export function publishedUnit({ catalog }: Store, code: string): Promise<PublishedUnit | null> {
  return catalog
    .prepare(
      `SELECT u.code, u.name, u.kind, u.parent, p.name AS parentName
       FROM published_units pu JOIN units u ON u.code = pu.unit LEFT JOIN units p ON p.code = u.parent
       WHERE pu.unit = ?1 AND u.kind <> 'official'`,
    )
    .bind(code)
    .first<PublishedUnit>();
}
