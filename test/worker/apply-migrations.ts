import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Setup files run outside per-file storage isolation and may run more than once;
// applyD1Migrations() applies only what is not applied yet. The raw bindings, not the
// store's D1 sessions: migrations take a database.
const shards = Object.entries(env).filter(([name]) => /^PROVINCE_\d{2}$/.test(name)).map(([, db]) => db as D1Database);
await applyD1Migrations(env.CATALOG, env.CATALOG_MIGRATIONS);
await Promise.all(shards.map((shard) => applyD1Migrations(shard, env.PROVINCE_MIGRATIONS)));
