import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { insertBareRow, rawMonthlyTrend, touchShards } from "../db/bench.ts";
import type { AppEnv } from "../env.ts";
import { enforceLimit } from "../http/rate-limit.ts";

/** Every bench route answers 404 unless the worker runs with BENCH=1: none exists in a deployment. */
/** Where a bare insert goes unless `?unit=` names another unit: a commune of Ninh Bình, the demo's province. */
const BENCH_UNIT = "14329";

const benchOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (c.env.BENCH !== "1") return c.notFound();
  await next();
});

/** The baselines `npm run bench` measures the real endpoints against. */
export const bench = new Hono<AppEnv>()
  .use("/bench/*", benchOnly)
  .post("/bench/bare", async (c) => {
    await insertBareRow(c.var.store, c.req.query("unit") ?? BENCH_UNIT, await c.req.text());
    return c.json({ ok: true }, 201);
  })
  // The same with the rate-limit call every submission makes, to show that call's share.
  .post("/bench/bare-limited", async (c) => {
    await enforceLimit(c.env.SUBMIT_LIMITER, `bench:${c.var.clientHash}:${crypto.randomUUID()}`);
    await insertBareRow(c.var.store, c.req.query("unit") ?? BENCH_UNIT, await c.req.text());
    return c.json({ ok: true }, 201);
  })
  .get("/bench/fan-out", async (c) => c.json({ shards: await touchShards(c.var.store, c.req.query("shards") === "all") }))
  .get("/bench/raw-trend", async (c) => {
    const { unit = "VN", from = "0000-01-01", to = "9999-12-31" } = c.req.query();
    return c.json({ points: await rawMonthlyTrend(c.var.store, unit, from, to) });
  });
