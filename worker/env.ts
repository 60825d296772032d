import type { Store } from "./db/store.ts";
import type { ExportStep } from "./jobs/export-job.ts";

/** The worker's bindings, as wrangler.toml and its secrets declare them. */
export interface Bindings extends ProvinceShards {
  /** The national catalog (worker/db/store.ts). */
  CATALOG: D1Database;
  ASSETS: Fetcher;
  SUBMIT_LIMITER: RateLimit;
  /** Logins per client hash (and kiosk enrolments); see wrangler.toml and worker/routes/auth.ts. */
  LOGIN_LIMITER: RateLimit;
  /** Logins per account and client hash, or per known device of the account. */
  LOGIN_GUESS_LIMITER: RateLimit;
  /** Logins per account from browsers that are no known device of it. */
  LOGIN_ACCOUNT_LIMITER: RateLimit;
  /** Receipt lookups per client hash (worker/routes/receipts.ts). */
  RECEIPT_LIMITER: RateLimit;
  /** Below this many answers a figure is suppressed ("chưa đủ mẫu"). */
  MIN_SAMPLE: string;
  /** The most answer sets an answers export streamed in one request holds; a larger one runs as a job. */
  EXPORT_MAX_ROWS: string;
  /** How long an isolate keeps what it read of a province's units and settings (worker/db/contexts.ts). */
  UNIT_CONTEXT_TTL_S: string;
  /** The files of answers exports run as jobs (worker/queue/export-steps.ts). */
  EXPORTS: R2Bucket;
  /** The steps of export jobs, consumed by this same worker. */
  EXPORT_QUEUE: Queue<ExportStep>;
  /** Keys the daily client hash; a secret in production, generated into .dev.vars locally. */
  CLIENT_HASH_SECRET: string;
  /** Cloudflare Turnstile secret, needed only when some unit requires Turnstile. */
  TURNSTILE_SECRET_KEY?: string;
  /** Where the widget loads Turnstile from: Cloudflare's api.js (wrangler.toml [vars]). */
  TURNSTILE_SCRIPT_URL: string;
  /** Where Turnstile tokens are verified: Cloudflare's siteverify (wrangler.toml [vars]). */
  TURNSTILE_VERIFY_URL: string;
  /** "1" only under `npm run bench`: mounts the bare baseline endpoint. */
  BENCH?: string;
}

/** One D1 database per province, PROVINCE_ and its code (PROVINCE_01 for Hà Nội): its answers. */
type ProvinceShards = { [binding: `PROVINCE_${string}`]: D1Database };

/** The Hono environment shared by every route and middleware. */
export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    /** Keyed, daily-rotating hash of the client address; the address itself is never kept. */
    clientHash: string;
    /** The catalog and the province shards behind the bindings. */
    store: Store;
  };
}
