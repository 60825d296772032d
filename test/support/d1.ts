/**
 * Reads and changes the browser tests' local databases directly (the server's own count, not
 * what a page believes). A read opens the database's SQLite file read-only beside the running
 * worker (SQLite's WAL lets a reader in while workerd writes): milliseconds, where `wrangler d1
 * execute` takes a second or two. A change still goes through `wrangler d1 execute`.
 */
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { d1Blocks } from "../../scripts/d1-create.ts";
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

const databases = d1Blocks(readFileSync(new URL("../../wrangler.toml", import.meta.url), "utf8"));

/**
 * The SQLite file of a local D1 database under `persistTo`. Workerd keeps each database in
 * the file of its Durable Object, named by the id that idFromName derives from the database's
 * id (the HMAC scheme miniflare reproduces in durableObjectNamespaceIdFromName, under the
 * namespace key "miniflare-D1DatabaseObject"). Should that scheme change, opening the file
 * fails, never reads another database.
 */
function databaseFile(persistTo: string, binding: string): string {
  const id = databases.find((d) => d.binding === binding)?.databaseId;
  if (!id) throw new Error(`no [[d1_databases]] block in wrangler.toml binds ${binding}`);
  const key = createHash("sha256").update("miniflare-D1DatabaseObject").digest();
  const name = createHmac("sha256", key).update(id).digest().subarray(0, 16);
  const check = createHmac("sha256", key).update(name).digest().subarray(0, 16);
  return join(persistTo, "v3", "d1", "miniflare-D1DatabaseObject", `${Buffer.concat([name, check]).toString("hex")}.sqlite`);
}

/** The rows of one read-only SQL statement against a local database (CATALOG, or a shard's binding) in `persistTo`. */
export function d1Rows<T = Record<string, unknown>>(persistTo: string, database: string, sql: string): T[] {
  const db = new DatabaseSync(databaseFile(persistTo, database), { readOnly: true, timeout: 30_000 });
  try {
    return db.prepare(sql).all().map((row) => ({ ...row }) as T);
  } finally {
    db.close();
  }
}

/** Runs one SQL statement that changes a local database in `persistTo` (a test's setting, say). */
export function d1Run(persistTo: string, database: string, sql: string): void {
  wrangler(["d1", "execute", database, "--local", ...persistArgs(persistTo), "--command", sql]);
}
