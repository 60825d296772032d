/**
 * Runs the worker locally the way `npm start`, the bench and the browser tests need it: the
 * local catalog and 34 province databases migrated (and seeded when asked and empty), then
 * `wrangler dev` on loopback, returned once it answers.
 */
import { readD1Migrations, type D1Migration } from "@cloudflare/vitest-plugin";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { storeFrom, type Database, type Store } from "../worker/db/store.ts";

export interface LocalServer {
  url: string;
  stop(): Promise<void>;
}

export interface LocalServerOptions {
  port: number;
  /** Where local D1 keeps its files; the default is wrangler's own (.wrangler/state). */
  persistTo?: string;
  /** Extra worker vars, e.g. { BENCH: "1" }. */
  vars?: Record<string, string>;
  /** Runs on the migrated databases before the worker starts (e.g. the demo seed). */
  prepare?: () => Promise<void>;
  /** Show wrangler's output (npm start) or keep it quiet (tests, bench). */
  verbose?: boolean;
}

const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };

/** Runs a wrangler command to completion, throwing with its output if it fails. */
export function wrangler(args: string[]): string {
  const run = spawnSync("wrangler", args, { env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

export function persistArgs(persistTo?: string): string[] {
  return persistTo ? ["--persist-to", persistTo] : [];
}

/** Opens the local databases that `wrangler dev` uses (or those under persistTo) from Node, as the worker's store. */
export async function withLocalStore<T>(persistTo: string | undefined, use: (store: Store) => Promise<T>): Promise<T> {
  const proxy = await getPlatformProxy<{ CATALOG: D1Database }>({
    configPath: "wrangler.toml",
    persist: persistTo ? { path: join(persistTo, "v3") } : true,
    remoteBindings: false,
  });
  try {
    return await use(storeFrom(proxy.env));
  } finally {
    await proxy.dispose();
  }
}

/**
 * Applies what is not applied yet of migrations/catalog to the catalog and of
 * migrations/province to every shard, recorded in d1_migrations as `wrangler d1 migrations
 * apply` records them. In one process: wrangler's command takes some six seconds per
 * database, and the test pool's applyD1Migrations runs only inside workerd.
 */
export async function migrateLocal(store: Store): Promise<void> {
  const [catalog, province] = await Promise.all([readD1Migrations("migrations/catalog"), readD1Migrations("migrations/province")]);
  await applyMigrations(store.catalog, catalog);
  for (const shard of store.shards.values()) await applyMigrations(shard, province);
}

async function applyMigrations(db: Database, migrations: D1Migration[]): Promise<void> {
  await db.prepare(`CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`).run();
  const { results } = await db.prepare(`SELECT name FROM d1_migrations`).all<{ name: string }>();
  const applied = new Set(results.map((m) => m.name));
  for (const { name, queries } of migrations.filter((m) => !applied.has(m.name))) {
    await db.batch([...queries.map((q) => db.prepare(q)), db.prepare(`INSERT INTO d1_migrations (name) VALUES (?1)`).bind(name)]);
  }
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  await withLocalStore(options.persistTo, migrateLocal);
  await options.prepare?.();

  const vars = Object.entries(options.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
  const child = spawn(
    "wrangler",
    ["dev", "--ip", "127.0.0.1", "--port", String(options.port), "--show-interactive-dev-session=false", ...persistArgs(options.persistTo), ...vars],
    { env, stdio: options.verbose ? "inherit" : "pipe" },
  );
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntilUp(`${url}/api/v1/openapi.json`, child, () => output);
  return { url, stop: () => stop(child) };
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`wrangler dev did not answer at ${url} within 60 s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}

/** A loopback port nobody is listening on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}
