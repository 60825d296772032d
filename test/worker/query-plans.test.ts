import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decision766Counts } from "../../worker/db/reports.ts";
import {
  answeredItems,
  childCounts,
  dayCounts,
  excludedCount,
  lastAnswerDaySince,
  statementCounts,
  subtreeWeeklyCounts,
  surveyDefinitions,
  totalCounts,
} from "../../worker/db/stats.ts";
import { storeFrom } from "../../worker/db/store.ts";
import { COUNTRY } from "../../worker/domain/units.ts";
import { OVERALL } from "../../worker/domain/scales.ts";
import { interceptD1, WARD } from "./helpers.ts";

/*
 * A figure costs the same at ten million answers as at ten thousand only if its statements
 * find the rows they read through an index. SQLite decides that when it plans the statement,
 * the same way on an empty database as on a full one (there are no statistics to go by), so
 * the plans are checked here: every statement the figures send to any database, as they send
 * it, is planned by D1 itself (EXPLAIN QUERY PLAN) and must not scan a table that grows with
 * the answers or the registry.
 */

/** Tables that grow with the answers (the shards) or hold every unit (the catalog's closure). */
const GROWING = ["rollups", "exclusions", "responses", "feedback", "unit_ancestors"];

interface Sent {
  db: D1Database;
  sql: string;
  binds: unknown[];
}

/** The worker's bindings, each database (and each session on it) noting every statement prepared on it. */
function recordingEnv(sent: Sent[]): typeof env {
  const record = (db: D1Database) =>
    interceptD1(db, {
      prepare(prepare, sql) {
        const statement = prepare(sql);
        const entry: Sent = { db, sql, binds: [] };
        sent.push(entry);
        return new Proxy(statement, {
          get(s, key) {
            const member = Reflect.get(s, key);
            if (key !== "bind") return typeof member === "function" ? member.bind(s) : member;
            return (...binds: unknown[]) => ((entry.binds = binds), statement.bind(...binds));
          },
        });
      },
    });
  return Object.fromEntries(
    Object.entries(env).map(([name, binding]) => [name, name === "CATALOG" || name.startsWith("PROVINCE_") ? record(binding as D1Database) : binding]),
  ) as typeof env;
}

/** The tables a plan reads whole: SCAN lines naming a table (by alias, resolved from the SQL), not a common table. */
function scannedTables(sql: string, plan: string[]): string[] {
  const aliases = new Map<string, string>();
  for (const [, table, alias] of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    aliases.set(table!, table!);
    if (alias && !/^(ON|WHERE|JOIN|LEFT|CROSS|INNER|GROUP|ORDER|USING)$/i.test(alias)) aliases.set(alias, table!);
  }
  return plan.flatMap((line) => {
    const scanned = /^SCAN (\w+)/.exec(line)?.[1];
    const table = scanned && aliases.get(scanned);
    return table && GROWING.includes(table) ? [`${table} (${line})`] : [];
  });
}

const PERIOD = { from: "2025-12-01", to: "2026-11-30" };

describe("the figures' query plans", () => {
  it("find every row they read of the answers, rollups and registry through an index, at every level", async () => {
    const sent: Sent[] = [];
    const store = storeFrom(recordingEnv(sent));
    for (const unit of [COUNTRY, "01", WARD]) {
      await dayCounts(store, unit, OVERALL, PERIOD);
      await totalCounts(store, unit, OVERALL, PERIOD, { merged: true });
      await totalCounts(store, unit, OVERALL, PERIOD);
      await childCounts(store, unit, OVERALL, PERIOD);
      await statementCounts(store, unit, PERIOD);
      await excludedCount(store, unit, PERIOD);
      await lastAnswerDaySince(store, unit, PERIOD.from);
      await answeredItems(store, unit, PERIOD);
      await surveyDefinitions(store, unit);
      await decision766Counts(store, { root: unit, ...PERIOD, today: PERIOD.to, officials: true });
    }
    await subtreeWeeklyCounts(store, "01", OVERALL, PERIOD, 30);

    // Each distinct statement once, planned on the database it was sent to.
    const distinct = new Map(sent.map((s) => [s.sql, s]));
    expect(distinct.size).toBeGreaterThan(10);
    const scans: string[] = [];
    for (const { db, sql, binds } of distinct.values()) {
      const { results } = await db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...binds)
        .all<{ detail: string }>();
      const plan = results.map((r) => r.detail);
      expect(plan.length).toBeGreaterThan(0);
      for (const scan of scannedTables(sql, plan)) scans.push(`${scan} in: ${sql.replace(/\s+/g, " ").slice(0, 160)}`);
    }
    expect(scans).toEqual([]);
  });
});
