/**
 * Creates the production D1 databases of wrangler.toml (the catalog and one per province) and
 * writes their ids into it:
 *
 *   npm run d1:create
 *
 * For each [[d1_databases]] block whose database_id is still a placeholder it runs
 * `wrangler d1 create <database_name>` and puts the new id on that block's database_id line;
 * every other byte of the file stays as it is. The file is written after each database, so a
 * run that stops halfway loses nothing and the next run goes on from there. A database that
 * already exists under that name (from an earlier run whose id was not written) is looked up
 * with `wrangler d1 list --json`. Log in first (`wrangler login`, or CLOUDFLARE_API_TOKEN).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

/** The config file, relative to the project root (npm runs scripts there). */
export const CONFIG = "wrangler.toml";

/** One [[d1_databases]] block of wrangler.toml. */
export interface D1Block {
  binding: string;
  databaseName: string;
  databaseId: string;
}

const PLACEHOLDER = /^00000000-0000-0000-0000-0000000000\d\d$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const D1_HEADER = /^\s*\[\[\s*d1_databases\s*\]\]\s*(#.*)?$/;
/** Any table header ends the block before it. */
const TABLE_HEADER = /^\s*\[/;
/** A `key = "value"` line, with an optional trailing comment (and \r of a CRLF file). */
const STRING_KEY = /^\s*([A-Za-z0-9_-]+)\s*=\s*"([^"]*)"\s*(#.*)?\r?$/;

/** Whether a database_id is one of the placeholders that stand in until `npm run d1:create`. */
export function isPlaceholderId(id: string): boolean {
  return PLACEHOLDER.test(id);
}

/** Each [[d1_databases]] block with the line index of its database_id (-1 if it has none). */
function blocksWithLines(toml: string): (D1Block & { idLine: number })[] {
  const blocks: (D1Block & { idLine: number })[] = [];
  let current: (D1Block & { idLine: number }) | undefined;
  toml.split("\n").forEach((line, i) => {
    if (D1_HEADER.test(line)) {
      current = { binding: "", databaseName: "", databaseId: "", idLine: -1 };
      blocks.push(current);
      return;
    }
    if (TABLE_HEADER.test(line)) current = undefined;
    const [, key, value = ""] = line.match(STRING_KEY) ?? [];
    if (!current || !key) return;
    if (key === "binding") current.binding = value;
    else if (key === "database_name") current.databaseName = value;
    else if (key === "database_id") Object.assign(current, { databaseId: value, idLine: i });
  });
  return blocks;
}

/**
 * The [[d1_databases]] blocks of a wrangler.toml, in file order. Reads only the simple
 * `key = "value"` lines this project writes; throws if a block lacks its binding or name.
 */
export function d1Blocks(toml: string): D1Block[] {
  return blocksWithLines(toml).map(({ binding, databaseName, databaseId }, i) => {
    if (!binding || !databaseName) {
      throw new Error(`${CONFIG}: [[d1_databases]] block ${i + 1} needs a binding and a database_name`);
    }
    return { binding, databaseName, databaseId };
  });
}

/** The blocks whose database_id is still a placeholder: the databases not created yet. */
export function placeholderBlocks(toml: string): D1Block[] {
  return d1Blocks(toml).filter((b) => isPlaceholderId(b.databaseId));
}

/**
 * The same wrangler.toml with the database_id of one binding's block set to id. Only the
 * quoted value on that one line changes.
 */
export function withDatabaseId(toml: string, binding: string, id: string): string {
  if (!new RegExp(`^${UUID.source}$`, "i").test(id)) throw new Error(`"${id}" is not a D1 database id (a UUID)`);
  const block = blocksWithLines(toml).find((b) => b.binding === binding);
  if (!block) throw new Error(`${CONFIG} has no [[d1_databases]] block with binding = "${binding}"`);
  if (block.idLine < 0) throw new Error(`${CONFIG}: the block of ${binding} has no database_id line to fill in`);
  const lines = toml.split("\n");
  lines[block.idLine] = lines[block.idLine]!.replace(/"[^"]*"/, `"${id}"`);
  return lines.join("\n");
}

/**
 * The new database's id in the output of `wrangler d1 create`, which ends with a config
 * snippet (TOML for a wrangler.toml, JSON for wrangler.jsonc) holding `database_id`. Takes
 * the value of database_id if present, otherwise the first UUID that is not a placeholder.
 */
export function databaseIdFrom(output: string): string | undefined {
  const keyed = output.match(/"?database_id"?\s*[=:]\s*"([^"]+)"/)?.[1];
  if (keyed && !isPlaceholderId(keyed) && new RegExp(`^${UUID.source}$`, "i").test(keyed)) return keyed;
  return [...output.matchAll(UUID)].map((m) => m[0]).find((id) => !isPlaceholderId(id));
}

/** The id of the database called name in the output of `wrangler d1 list --json`. */
export function idFromList(output: string, name: string): string | undefined {
  // Only the JSON array; anything wrangler might print around it is ignored.
  const json = output.slice(output.indexOf("["), output.lastIndexOf("]") + 1);
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    throw new Error(`wrangler d1 list --json printed no JSON list of databases:\n${output}`);
  }
  if (!Array.isArray(list)) return undefined;
  const db = list.find((d): d is { uuid: string } => d?.name === name && typeof d.uuid === "string");
  return db?.uuid;
}

function wrangler(args: string[]): { ok: boolean; stdout: string; output: string } {
  const run = spawnSync("wrangler", args, {
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    encoding: "utf8",
    stdio: ["inherit", "pipe", "pipe"],
  });
  if (run.error) throw new Error(`Could not run wrangler (${run.error.message}); run this through npm run d1:create.`);
  return { ok: run.status === 0, stdout: run.stdout, output: `${run.stdout}\n${run.stderr}` };
}

/** Creates the database of one block (or finds it, if it exists already) and returns its id. */
function createDatabase({ binding, databaseName }: D1Block): { id: string; existed: boolean } {
  const created = wrangler(["d1", "create", databaseName]);
  if (created.ok) {
    const id = databaseIdFrom(created.output);
    if (!id) throw new Error(`Created ${databaseName} but found no database id in wrangler's output:\n${created.output}`);
    return { id, existed: false };
  }
  if (!/already exists/i.test(created.output)) {
    throw new Error(`wrangler d1 create ${databaseName} (${binding}) failed:\n${created.output}`);
  }
  const listed = wrangler(["d1", "list", "--json"]);
  if (!listed.ok) throw new Error(`${databaseName} exists, but wrangler d1 list --json failed:\n${listed.output}`);
  const id = idFromList(listed.stdout, databaseName);
  if (!id) throw new Error(`wrangler says ${databaseName} exists, but wrangler d1 list --json does not show it:\n${listed.output}`);
  return { id, existed: true };
}

function main(): void {
  let toml = readFileSync(CONFIG, "utf8");
  for (const block of d1Blocks(toml)) {
    const label = `${block.binding} (${block.databaseName})`;
    if (!isPlaceholderId(block.databaseId)) {
      console.log(`${label}: already had an id, ${block.databaseId}`);
      continue;
    }
    const { id, existed } = createDatabase(block);
    toml = withDatabaseId(toml, block.binding, id);
    writeFileSync(CONFIG, toml);
    console.log(`${label}: ${existed ? "found existing" : "created"}, ${id}`);
  }
}

if (import.meta.main) {
  try {
    main();
  } catch (err) {
    console.error((err as Error).message);
    console.error(`Ids written so far are kept in ${CONFIG}; run npm run d1:create again to go on.`);
    process.exit(1);
  }
}
