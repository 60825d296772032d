import type { Store } from "./store.ts";
import { auditStatement } from "./audit.ts";
import type { Author } from "../domain/audit.ts";

/** The origins set on a unit itself and those it inherits from its ancestors. */
export async function originsOf({ catalog: db }: Store, unit: string): Promise<{ origins: string[]; inherited: string[] }> {
  const { results } = await db
    .prepare(
      `SELECT o.origin, a.distance = 0 AS own FROM unit_ancestors a JOIN allowed_origins o ON o.unit = a.ancestor
       WHERE a.unit = ?1 ORDER BY o.origin`,
    )
    .bind(unit)
    .all<{ origin: string; own: number }>();
  return {
    origins: results.filter((r) => r.own).map((r) => r.origin),
    inherited: [...new Set(results.filter((r) => !r.own).map((r) => r.origin))],
  };
}

/**
 * Replaces the origins set on a unit itself, in one transaction with the record of each
 * origin added (`origin.add`) or removed (`origin.remove`). The same list again changes
 * nothing and records nothing.
 */
export async function replaceOrigins(store: Store, unit: string, origins: string[], by: Author): Promise<void> {
  const db = store.catalog;
  const before = (await originsOf(store, unit)).origins;
  const added = origins.filter((o) => !before.includes(o));
  const removed = before.filter((o) => !origins.includes(o));
  if (added.length + removed.length === 0) return;
  const record = (origin: string, action: "origin.add" | "origin.remove") =>
    auditStatement(db, { ...by, action, unit, target: origin, before: action === "origin.remove" ? { origin } : null, after: action === "origin.add" ? { origin } : null });
  await db.batch([
    db.prepare(`DELETE FROM allowed_origins WHERE unit = ?1`).bind(unit),
    db.prepare(`INSERT INTO allowed_origins (unit, origin) SELECT ?1, value FROM json_each(?2)`).bind(unit, JSON.stringify(origins)),
    ...added.map((origin) => record(origin, "origin.add")),
    ...removed.map((origin) => record(origin, "origin.remove")),
  ]);
}
