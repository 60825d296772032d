import type { Store } from "./store.ts";
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

/** Replaces the origins set on a unit itself, in one transaction. */
export async function replaceOrigins({ catalog: db }: Store, unit: string, origins: string[]): Promise<void> {
  await db.batch([
    db.prepare(`DELETE FROM allowed_origins WHERE unit = ?1`).bind(unit),
    db.prepare(`INSERT INTO allowed_origins (unit, origin) SELECT ?1, value FROM json_each(?2)`).bind(unit, JSON.stringify(origins)),
  ]);
}
