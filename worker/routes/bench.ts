import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

let tableReady: Promise<unknown> | undefined;

/**
 * The baseline `npm run bench` compares ingest against: one row inserted, nothing else. It
 * answers 404 unless the worker runs with BENCH=1, so it never exists in a deployment.
 */
export const bench = new Hono<AppEnv>().post("/bench/bare", async (c) => {
  if (c.env.BENCH !== "1") return c.notFound();
  tableReady ??= c.env.DB.prepare(`CREATE TABLE IF NOT EXISTS bench_rows (id TEXT PRIMARY KEY, body TEXT NOT NULL)`).run();
  await tableReady;
  const body = await c.req.text();
  await c.env.DB.prepare(`INSERT INTO bench_rows (id, body) VALUES (?1, ?2)`).bind(crypto.randomUUID(), body).run();
  return c.json({ ok: true }, 201);
});
