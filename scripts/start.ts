/**
 * `npm start`: builds the assets, migrates the local D1, seeds the demo data when the
 * database has no answers yet, and runs the worker on http://127.0.0.1:8787.
 */
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { buildAll } from "./build.ts";
import { startLocalServer } from "./local-server.ts";
import { DEMO_ACCOUNT, seedDemo } from "./seed.ts";

const PORT = 8787;

/** Opens the local D1 that `wrangler dev` uses (or the one under persistTo) from Node. */
export async function withLocalDb<T>(persistTo: string | undefined, use: (db: D1Database) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: "wrangler.toml",
    persist: persistTo ? { path: join(persistTo, "v3") } : true,
    remoteBindings: false,
  });
  try {
    return await use(proxy.env.DB);
  } finally {
    await proxy.dispose();
  }
}

/** Seeds the demo data unless the database already has answers. */
export async function seedIfEmpty(persistTo?: string, options?: Parameters<typeof seedDemo>[1]): Promise<void> {
  await withLocalDb(persistTo, async (db) => {
    const existing = await db.prepare("SELECT count(*) AS n FROM responses").first<number>("n");
    if (existing) return;
    const started = Date.now();
    process.stdout.write("Seeding 12 months of demo answers for Ninh Bình and Quảng Trị…");
    const stored = await seedDemo(db, { ...options, progress: (n) => n % 5000 < 200 && process.stdout.write(".") });
    console.log(` ${stored.toLocaleString("en")} answer sets in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  });
}

if (import.meta.main) {
  const { widgetGzipBytes } = await buildAll();
  console.log(`Built the widget (${(widgetGzipBytes / 1024).toFixed(1)} KB gzipped) and the dashboard.`);
  // The key of the daily client hash; a real secret in production (wrangler secret put).
  if (!existsSync(".dev.vars")) writeFileSync(".dev.vars", `CLIENT_HASH_SECRET=${randomBytes(32).toString("hex")}\n`);

  const server = await startLocalServer({ port: PORT, prepare: () => seedIfEmpty() });
  const url = server.url;
  console.log(`
Hài Lòng is running.

  Demo ward portal   ${url}/demo/
  Dashboard          ${url}/dashboard/
  API                ${url}/api/v1/
  OpenAPI document   ${url}/api/v1/openapi.json
  Widget script      ${url}/widget.js

  Demo login (local demo data only): ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}

Press Ctrl+C to stop.`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
