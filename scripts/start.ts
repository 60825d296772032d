/**
 * `npm start`: builds the assets, migrates the local databases (the catalog and 34 province
 * shards), seeds the demo data when no shard has answers yet, and runs the worker on
 * http://127.0.0.1:8787.
 */
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { totalCounts } from "../worker/db/stats.ts";
import { OVERALL } from "../worker/domain/scales.ts";
import { surveyPageUrl } from "../worker/domain/survey-page.ts";
import { COUNTRY } from "../worker/domain/units.ts";
import { buildAll } from "./build.ts";
import { startLocalServer, withLocalStore } from "./local-server.ts";
import { DEMO_ACCOUNT, seedDemo } from "./seed.ts";

const PORT = 8787;

/** Seeds the demo data unless the database already has answers. */
export async function seedIfEmpty(persistTo?: string, options?: Parameters<typeof seedDemo>[1]): Promise<void> {
  await withLocalStore(persistTo, async (store) => {
    if ((await totalCounts(store, COUNTRY, OVERALL, { from: "2000-01-01", to: "2999-12-31" })).counts.n > 0) return;
    const started = Date.now();
    process.stdout.write("Seeding 12 months of demo answers for Ninh Bình and Quảng Trị…");
    const stored = await seedDemo(store, { ...options, progress: (n) => n % 5000 < 200 && process.stdout.write(".") });
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
  Counter QR page    ${surveyPageUrl(url, "14329-tn")}  (the demo desk's; its poster: Dashboard → Áp phích QR)

  Demo login (local demo data only): ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}

Press Ctrl+C to stop.`);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
