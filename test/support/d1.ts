/**
 * Reads and changes the browser tests' local databases directly (the server's own count, not
 * what a page believes). Each call runs `wrangler d1 execute`, about a second: use sparingly.
 */
import { readFileSync } from "node:fs";
import { persistArgs, wrangler } from "../../scripts/local-server.ts";
import { shardBinding } from "../../worker/db/store.ts";

/** The catalog's binding: units, settings, origins, accounts, devices. */
export const CATALOG = "CATALOG";

const registry = JSON.parse(readFileSync(new URL("../../worker/data/vn-admin-units-2025.json", import.meta.url), "utf8")) as {
  provinces: { code: string; units: { code: string }[] }[];
};

/** The binding of the shard holding a commune's answers, or those of a desk or official below it ("14329-tn"). */
export function shardOfUnit(unit: string): string {
  const commune = unit.split("-")[0];
  const province = registry.provinces.find((p) => p.code === commune || p.units.some((u) => u.code === commune));
  if (!province) throw new Error(`unit ${unit} is in no province of the registry`);
  return shardBinding(province.code);
}

/** The rows of one read-only SQL statement against a local database (CATALOG, or a shard's binding) in `persistTo`. */
export function d1Rows<T = Record<string, unknown>>(persistTo: string, database: string, sql: string): T[] {
  const out = wrangler(["d1", "execute", database, "--local", ...persistArgs(persistTo), "--command", sql, "--json"]);
  return (JSON.parse(out) as { results: T[] }[])[0]?.results ?? [];
}

/** Runs one SQL statement that changes a local database in `persistTo` (a test's setting, say). */
export function d1Run(persistTo: string, database: string, sql: string): void {
  wrangler(["d1", "execute", database, "--local", ...persistArgs(persistTo), "--command", sql]);
}
