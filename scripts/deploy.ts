/**
 * Deploys to production:
 *
 *   npm run deploy
 *
 * Builds the static assets (scripts/build.ts), applies the migrations not yet applied to every
 * D1 database of wrangler.toml (`wrangler d1 migrations apply <BINDING> --remote`, the catalog
 * first, then each province), and then runs `wrangler deploy`. Stops at the first failure,
 * before the worker is deployed. Refuses to start while any database_id in wrangler.toml is
 * still a placeholder: `npm run d1:create` creates the databases first.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { buildAll } from "./build.ts";
import { CONFIG, d1Blocks, isPlaceholderId } from "./d1-create.ts";

/**
 * The bindings to migrate, in order: CATALOG first, then the others (the provinces) as they
 * stand in wrangler.toml. Throws, naming them, if any database has no real id yet.
 */
export function migrationOrder(toml: string): string[] {
  const blocks = d1Blocks(toml);
  const pending = blocks.filter((b) => !b.databaseId || isPlaceholderId(b.databaseId)).map((b) => b.binding);
  if (pending.length > 0) {
    const which = pending.length > 3 ? `${pending.slice(0, 3).join(", ")} and ${pending.length - 3} more` : pending.join(", ");
    throw new Error(`${pending.length} D1 database(s) in ${CONFIG} have no real database_id yet (${which}): run npm run d1:create first.`);
  }
  const bindings = blocks.map((b) => b.binding);
  if (!bindings.includes("CATALOG")) throw new Error(`${CONFIG} has no [[d1_databases]] block with binding = "CATALOG"`);
  return ["CATALOG", ...bindings.filter((b) => b !== "CATALOG")];
}

/** Runs wrangler with its output on this terminal; throws what failed if it fails. */
function wrangler(args: string[], what: string, env: Record<string, string> = {}): void {
  const run = spawnSync("wrangler", args, { stdio: "inherit", env: { ...process.env, WRANGLER_SEND_METRICS: "false", ...env } });
  if (run.error) throw new Error(`Could not run wrangler (${run.error.message}); run this through npm run deploy.`);
  if (run.status !== 0) {
    throw new Error(`${what} failed (wrangler ${args.join(" ")} exited with ${run.status ?? run.signal}); the worker was not deployed.`);
  }
}

async function main(): Promise<void> {
  const bindings = migrationOrder(readFileSync(CONFIG, "utf8"));
  await buildAll();
  for (const binding of bindings) {
    console.log(`\nMigrating ${binding}`);
    // CI=true: wrangler skips its "continue?" question, asked for each of the 35 databases otherwise.
    wrangler(["d1", "migrations", "apply", binding, "--remote"], `Migrating ${binding}`, { CI: "true" });
  }
  wrangler(["deploy"], "Deploying the worker");
}

if (import.meta.main) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
