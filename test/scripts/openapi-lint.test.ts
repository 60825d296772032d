/**
 * The OpenAPI document as GET /api/v1/openapi.json serves it passes Redocly's lint with the
 * recommended rules, describes every route of the app, and claims the security the API
 * enforces.
 *
 * Warnings fail too, all but `info-license`: the project publishes no licence, and naming
 * one is its owners' decision, not the document's.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test, vi } from "vitest";
import app from "../../worker/index.ts";

/** Bindings enough to serve the document and to get past the session check: no databases (worker/db/store.ts). */
const env = { CLIENT_HASH_SECRET: "openapi-lint", CATALOG: { withSession: () => ({}) } };

const ACCEPTED_WARNINGS = new Set(["info-license"]);

interface Problem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  location: { pointer: string }[];
}

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
}

const served = await app.request("/api/v1/openapi.json", {}, env);
const document = (await served.json()) as { paths: Record<string, Record<string, Operation>> };
const dir = mkdtempSync(join(tmpdir(), "hailong-openapi-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Redocly's CLI on the document, on this Node, offline: no telemetry, no update check. */
async function lint(): Promise<Problem[]> {
  const file = join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify(document));
  const cli = promisify(execFile)(process.execPath, ["node_modules/@redocly/cli/bin/cli.js", "lint", file, "--extends=recommended", "--format=json", "--max-problems=1000"], {
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  // It exits 1 when it finds an error; the report on stdout is the same either way.
  const { stdout } = await cli.catch((failed: { stdout?: string }) => {
    if (!failed.stdout) throw failed;
    return { stdout: failed.stdout };
  });
  return (JSON.parse(stdout) as { problems: Problem[] }).problems;
}

const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

describe("the OpenAPI document", () => {
  test("passes redocly lint (recommended) with no error and no warning but the licence", async () => {
    const problems = (await lint()).filter((p) => !(p.severity === "warn" && ACCEPTED_WARNINGS.has(p.ruleId)));
    expect(problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
  });

  test("every operation has its own id", () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("describes every route of the API (the bench's, 404 in a deployment, aside; the hosted pages /s/ are no API)", () => {
    const routes = app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/") && !r.path.startsWith("/api/v1/bench/") && r.path !== "/api/v1/openapi.json")
      .map((r) => `${r.method.toLowerCase()} ${r.path.slice("/api/v1".length).replace(/:(\w+)/g, "{$1}")}`);
    expect([...new Set(routes)].sort()).toEqual(operations.map(({ method, path }) => `${method} ${path}`).sort());
  });

  test("an operation said to need the session cookie answers 401 without one; the others ask for none", async () => {
    expect(operations.length).toBeGreaterThan(20);
    // A sessionless operation goes on to the databases, which are not there: its 500 is logged.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const { path, method, op } of operations) {
        const needsSession = op.security?.some((s) => "session" in s) ?? false;
        const url = `/api/v1${path.replace(/\{[^}]+\}/g, "x")}`;
        const res = await app.request(url, { method: method.toUpperCase() }, env);
        expect(res.status === 401, `${method} ${path}`).toBe(needsSession);
      }
    } finally {
      quiet.mockRestore();
    }
  });
});
