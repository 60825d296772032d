/**
 * `npm run bench`: the performance figures, each next to what it is compared against in the
 * same run, one JSON object per line.
 *
 * Ingest: a fresh local worker (wrangler dev, BENCH=1) takes concurrent POST
 * /api/v1/responses from this process, and the same load against /api/v1/bench/bare, which
 * only inserts one row. Every run is bounded in time and in requests, and only loopback is
 * ever addressed.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildAll, WIDGET_BUDGET_BYTES } from "./build.ts";
import { freePort, startLocalServer } from "./local-server.ts";

const CONCURRENCY = 16;
const MAX_REQUESTS = 4000;
const MAX_SECONDS = 12;
const WARMUP_REQUESTS = 200;

interface LoadResult {
  requests: number;
  failures: number;
  seconds: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Sends up to `limit` requests with CONCURRENCY in flight, for at most `seconds`. */
async function load(url: string, body: (i: number) => string, limit: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (next < limit && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: body(i) });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      if (res.status !== 201) failures++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    requests: latencies.length,
    failures,
    seconds: round(elapsed),
    rps: round(latencies.length / elapsed),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
  };
}

/** Every commune code, to spread answers over as many units' portals would. */
function communes(): string[] {
  const registry = JSON.parse(readFileSync("worker/data/vn-admin-units-2025.json", "utf8")) as { provinces: { units: { code: string }[] }[] };
  return registry.provinces.flatMap((p) => p.units.map((u) => u.code));
}

function print(figure: Record<string, unknown>) {
  console.log(JSON.stringify(figure));
}

async function ingest() {
  const persistTo = mkdtempSync(join(tmpdir(), "hailong-bench-"));
  const server = await startLocalServer({ port: await freePort(), persistTo, vars: { BENCH: "1", CLIENT_HASH_SECRET: "bench" } });
  try {
    const units = communes();
    const levels = [3, 2, 1];
    // Spread over all communes, as real traffic is; no unit sees more than a few per second.
    const submission = (i: number) =>
      JSON.stringify({
        id: crypto.randomUUID(),
        unit: units[(i * 7919) % units.length],
        survey: "quick",
        version: 1,
        answers: { overall: levels[i % 3] },
        ...(i % 3 === 2 && { reason: "Phải chờ quá lâu" }),
        channel: "web",
        lang: "vi",
      });
    const real = `${server.url}/api/v1/responses`;
    const bare = `${server.url}/api/v1/bench/bare`;
    await load(real, submission, WARMUP_REQUESTS, MAX_SECONDS);
    await load(bare, submission, WARMUP_REQUESTS, MAX_SECONDS);

    // Interleaved rounds, so that drift in the machine's load affects both alike.
    const rounds: { real: LoadResult; bare: LoadResult }[] = [];
    for (let r = 0; r < 2; r++) {
      const b = await load(bare, submission, MAX_REQUESTS / 2, MAX_SECONDS / 2);
      const s = await load(real, submission, MAX_REQUESTS / 2, MAX_SECONDS / 2);
      rounds.push({ bare: b, real: s });
    }
    const merge = (key: "real" | "bare") => {
      const all = rounds.map((r) => r[key]);
      const requests = all.reduce((n, x) => n + x.requests, 0);
      const seconds = all.reduce((n, x) => n + x.seconds, 0);
      return {
        requests,
        failures: all.reduce((n, x) => n + x.failures, 0),
        rps: Math.round((requests / seconds) * 10) / 10,
        p50_ms: Math.max(...all.map((x) => x.p50_ms)),
        p99_ms: Math.max(...all.map((x) => x.p99_ms)),
      };
    };
    const bareFig = merge("bare");
    const realFig = merge("real");
    print({ figure: "ingest_bare_insert", what: "POST /api/v1/bench/bare: one INSERT, nothing else", concurrency: CONCURRENCY, ...bareFig });
    print({
      figure: "ingest_responses",
      what: "POST /api/v1/responses: validation, origin/unit/survey checks, rate limit, masking, response + answers + rollups in one batch",
      concurrency: CONCURRENCY,
      ...realFig,
      compared_to: "ingest_bare_insert",
      rps_ratio: Math.round((realFig.rps / bareFig.rps) * 100) / 100,
      target_ratio: 0.8,
    });
  } finally {
    await server.stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

async function sizes() {
  const { widgetGzipBytes } = await buildAll();
  print({
    figure: "widget_gzip_bytes",
    what: "dist/public/widget.js (Lit included), gzip -9",
    value: widgetGzipBytes,
    budget: WIDGET_BUDGET_BYTES,
    compared_to: { surveyjs_gzip_bytes: 415 * 1024, typeform_embed_loader_gzip_bytes: 14 * 1024 },
  });
}

process.env.WRANGLER_SEND_METRICS = "false";



await sizes();
await ingest();
