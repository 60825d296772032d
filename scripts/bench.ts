/**
 * `npm run bench`: the performance figures, each next to what it is compared against in the
 * same run, one JSON object per line.
 *
 * - Sizes: the widget, the hosted survey page and the dashboard's JavaScript, gzipped, against
 *   their budgets.
 * - Page: on a 360 px phone in Chromium over DevTools' "Slow 3G" (2 s of latency a request,
 *   some 50 KB/s), the time until the hosted survey page can be answered, from navigation
 *   start and from the HTML's first byte, beside the demo portal's page with the widget.
 * - Ingest: a fresh local worker (wrangler dev, BENCH=1, the catalog and 34 province shards)
 *   takes concurrent POST /api/v1/responses from this process, spread over every province's
 *   communes and again into one province's only, and the same load against
 *   /api/v1/bench/bare, which only inserts one row into a shard (with and without the
 *   rate-limit call every submission makes).
 * - Trend: with about a million answers stored (HAILONG_BENCH_ANSWERS) over six provinces'
 *   shards, GET /api/v1/stats/trend (rollups only) for the country (summed over the shards),
 *   a province (one shard) and a ward, next to /api/v1/bench/raw-trend, the same figures
 *   counted from the raw answers (both must agree); the province's "Cần chú ý" alerts (weekly
 *   process control over every unit below it) against its trend; a province's complaints queue, filtered
 *   (a commune's overdue complaints) and searched, against the same queue unfiltered; the
 *   comparison of the 34 provinces; the storage per answer set in each shard, and the years
 *   until the largest province's shard fills D1's 10 GB at a stated national volume.
 * Every run is bounded in time and in requests, and only loopback is ever addressed.
 * `npm run bench -- sizes|page|ingest|trend` runs one section.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { buildAll, DASHBOARD_BUDGET_BYTES, DASHBOARD_FIRST_LOAD_BUDGET_BYTES, HOSTED_PAGE_BUDGET_BYTES, WIDGET_BUDGET_BYTES, WIDGET_CHUNKS } from "./build.ts";
import { freePort, startLocalServer, withLocalStore, type LocalServer } from "./local-server.ts";
import { databaseBytes } from "../worker/db/bench.ts";
import { totalCounts } from "../worker/db/stats.ts";
import type { Store } from "../worker/db/store.ts";
import { OVERALL } from "../worker/domain/scales.ts";
import { DEMO_ACCOUNT, seedDemo } from "./seed.ts";
import { launchBrowser } from "../test/support/browser.ts";


const CONCURRENCY = 16;
/** Per target, over all rounds. */
const MAX_REQUESTS = 4500;
const MAX_SECONDS = 15;
const ROUNDS = 3;
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

const registry = JSON.parse(readFileSync("worker/data/vn-admin-units-2025.json", "utf8")) as { provinces: { code: string; name: string; units: { code: string }[] }[] };

/** Every commune code (of one province, if given), to spread answers over as many units' portals would. */
function communes(province?: string): string[] {
  return registry.provinces.filter((p) => !province || p.code === province).flatMap((p) => p.units.map((u) => u.code));
}

function print(figure: Record<string, unknown>) {
  console.log(JSON.stringify(figure));
}

/** Runs `measure` against a fresh local worker in bench mode, on its own local D1. */
async function withBenchServer(prepare: ((persistTo: string) => Promise<void>) | undefined, measure: (server: LocalServer) => Promise<void>) {
  const persistTo = mkdtempSync(join(tmpdir(), "hailong-bench-"));
  try {
    const server = await startLocalServer({
      port: await freePort(),
      persistTo,
      vars: { BENCH: "1", CLIENT_HASH_SECRET: "bench" },
      ...(prepare && { prepare: () => prepare(persistTo) }),
    });
    try {
      await measure(server);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(persistTo, { recursive: true, force: true });
  }
}

async function ingest(server: LocalServer) {
  const everywhere = communes();
  const hanoi = communes("01");
  const levels = [3, 2, 1];
  // Spread over communes, as real traffic is; no unit sees more than a few per second.
  const submissionTo = (units: string[]) => (i: number) =>
    JSON.stringify({
      id: crypto.randomUUID(),
      unit: units[(i * 7919) % units.length],
      survey: "quick",
      version: 1,
      answers: { overall: levels[i % 3] },
      ...(i % 3 === 2 && { reason: "Phải chờ quá lâu" }),
      channel: "web",
      lang: "vi",
      // As the widget sends them: when the citizen pressed send, and how long they took.
      answeredAt: new Date().toISOString(),
      durationMs: 20_000 + (i % 7) * 1000,
    });
  const submission = submissionTo(everywhere);
  const targets = {
    real: { url: `${server.url}/api/v1/responses`, body: submission },
    oneProvince: { url: `${server.url}/api/v1/responses`, body: submissionTo(hanoi) },
    bare: { url: `${server.url}/api/v1/bench/bare`, body: submission },
    limited: { url: `${server.url}/api/v1/bench/bare-limited`, body: submission },
  };
  type Target = keyof typeof targets;
  for (const { url, body } of Object.values(targets)) await load(url, body, WARMUP_REQUESTS, MAX_SECONDS);

  // Interleaved rounds in rotating order, so that drift in the machine's load and the order
  // of the runs affect every target alike.
  const order = Object.keys(targets) as Target[];
  const rounds: Record<Target, LoadResult>[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const round = {} as Record<Target, LoadResult>;
    for (let i = 0; i < order.length; i++) {
      const key = order[(i + r) % order.length]!;
      round[key] = await load(targets[key].url, targets[key].body, MAX_REQUESTS / ROUNDS, MAX_SECONDS / ROUNDS);
    }
    rounds.push(round);
  }
  const merge = (key: Target) => {
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
  const limitedFig = merge("limited");
  const realFig = merge("real");
  const oneProvinceFig = merge("oneProvince");
  const ratio = (a: { rps: number }, b: { rps: number }) => Math.round((a.rps / b.rps) * 100) / 100;
  print({ figure: "ingest_bare_insert", what: "POST /api/v1/bench/bare: one INSERT into a province's shard, nothing else", concurrency: CONCURRENCY, ...bareFig });
  print({
    figure: "ingest_bare_insert_rate_limited",
    what: "POST /api/v1/bench/bare-limited: the rate-limit binding call every submission makes, then one INSERT",
    concurrency: CONCURRENCY,
    ...limitedFig,
    compared_to: "ingest_bare_insert",
    rps_ratio: ratio(limitedFig, bareFig),
  });
  print({
    figure: "ingest_responses",
    what: "POST /api/v1/responses spread over every province's communes: validation, origin/unit/survey checks (against what the isolate keeps of the unit's province for 20 s: no catalog read once warm), rate limit, masking, then in the unit's shard one INSERT whose trigger updates the rollups of the unit and its ancestors, in one batch with the count of its source's pace (the stuffing detection's quick path); a replay is found by that INSERT",
    concurrency: CONCURRENCY,
    ...realFig,
    compared_to: "ingest_bare_insert_rate_limited",
    rps_ratio: ratio(realFig, limitedFig),
    rps_ratio_to_bare_insert: ratio(realFig, bareFig),
    target_ratio: 0.9,
  });
  print({
    figure: "ingest_responses_one_province",
    what: "the same POST /api/v1/responses load, every answer for a commune of Hà Nội: one shard takes it all",
    concurrency: CONCURRENCY,
    ...oneProvinceFig,
    compared_to: "ingest_responses",
    rps_ratio: ratio(oneProvinceFig, realFig),
  });
}

/** The seed's full year is about 108,000 answer sets; scale it to the wanted size. */
const SEED_YEAR_ANSWERS = 108_000;

async function timeGets(url: string, headers: Record<string, string>, times: number): Promise<{ p50_ms: number; max_ms: number; body: unknown }> {
  const latencies: number[] = [];
  let body: unknown;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    body = await res.json();
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { p50_ms: round(percentile(latencies, 50)), max_ms: round(latencies.at(-1)!), body };
}

/** The provinces the trend section's answers go to, each into its own shard. */
const TREND_PROVINCES = ["01", "31", "37", "44", "48", "79"];
/** The demo's own provinces (Ninh Bình, Quảng Trị), whose communes make SEED_YEAR_ANSWERS. */
const DEMO_COMMUNES = communes("37").length + communes("44").length;
/** The national volume the storage projection assumes: a million answer sets a month. */
const NATIONAL_ANSWERS_PER_YEAR = 12_000_000;
const D1_LIMIT_BYTES = 10 * 1024 ** 3;

async function trend(server: LocalServer, answers: number, storage: ShardStorage[]) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.url },
    body: JSON.stringify({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = { cookie: login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
  const to = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4, 7)}-01`;
  const p50 = new Map<string, number>();
  for (const [unit, what] of [["VN", "the whole country, summed over the 34 shards"], ["37", "a province (Ninh Bình), one shard"], ["14329", "a ward (Hoa Lư)"]] as const) {
    const query = `unit=${unit}&from=${from}&to=${to}`;
    const rollups = await timeGets(`${server.url}/api/v1/stats/trend?${query}&bucket=month`, cookie, 30);
    const raw = await timeGets(`${server.url}/api/v1/bench/raw-trend?${query}`, cookie, 5);
    const fromRollups = (rollups.body as { points: { start: string; n: number; satisfied: number | null }[] }).points;
    const fromRaw = (raw.body as { points: { month: string; n: number; satisfied: number }[] }).points;
    const agree = fromRaw.every((p) => fromRollups.some((q) => q.start.startsWith(p.month) && q.n === p.n && (q.satisfied === null || q.satisfied === p.satisfied)));
    p50.set(unit, rollups.p50_ms);
    print({ figure: `trend_raw_scan_${unit}`, what: `monthly % hài lòng of ${what} over 12 months, counted from the raw answers`, answer_sets_stored: answers, ...raw, body: undefined });
    print({
      figure: `trend_rollups_${unit}`,
      what: `GET /api/v1/stats/trend for ${what}, monthly over 12 months, from the rollups`,
      answer_sets_stored: answers,
      p50_ms: rollups.p50_ms,
      max_ms: rollups.max_ms,
      compared_to: `trend_raw_scan_${unit}`,
      speedup_p50: Math.round((raw.p50_ms / rollups.p50_ms) * 10) / 10,
      figures_agree: agree,
    });
  }
  const alerts = await timeGets(`${server.url}/api/v1/stats/alerts?unit=37&to=${to}`, cookie, 30);
  print({
    figure: "alerts_37",
    what: "GET /api/v1/stats/alerts?unit=37: statistical process control on 52 weeks of every Ninh Bình unit's weekly figures, from the rollups",
    answer_sets_stored: answers,
    units_alerting: (alerts.body as { alerts: unknown[] }).alerts.length,
    p50_ms: alerts.p50_ms,
    max_ms: alerts.max_ms,
    target_at_most_ms: 100,
    compared_to: "trend_rollups_37",
    ratio_p50: Math.round((alerts.p50_ms / p50.get("37")!) * 100) / 100,
  });
  await complaintsQueue(server, cookie, answers, `from=${from}&to=${to}`);
  // What the national trend pays for reading 34 shards at all, next to what it pays for one.
  const fanOut = await timeGets(`${server.url}/api/v1/bench/fan-out?shards=all`, cookie, 30);
  const fanOne = await timeGets(`${server.url}/api/v1/bench/fan-out?shards=one`, cookie, 30);
  print({
    figure: "shard_fan_out",
    what: "GET /api/v1/bench/fan-out: one SELECT 1 on each of the 34 shards (at most 6 at a time), as the national figures read them, against the same on one shard",
    p50_ms: fanOut.p50_ms,
    compared_to: { one_shard_p50_ms: fanOne.p50_ms },
    cost_of_34_shards_p50_ms: Math.round((fanOut.p50_ms - fanOne.p50_ms) * 10) / 10,
    national_trend_minus_province_trend_p50_ms: Math.round((p50.get("VN")! - p50.get("37")!) * 10) / 10,
  });
  print({
    figure: "trend_national_to_province",
    what: "p50 of the national trend (34 shards read, at most 6 at a time) over the province's (one shard), same run, same data",
    compared_to: "trend_rollups_37",
    ratio_p50: Math.round((p50.get("VN")! / p50.get("37")!) * 100) / 100,
    target_at_most: 2,
  });
  const compare = await timeGets(`${server.url}/api/v1/stats/compare?unit=VN&from=${from}&to=${to}`, cookie, 30);
  const provinces = (compare.body as { children: { n: number }[] }).children;
  print({
    figure: "compare_34_provinces",
    what: "GET /api/v1/stats/compare?unit=VN: the 34 provinces side by side, one batch per shard",
    answer_sets_stored: answers,
    provinces: provinces.length,
    provinces_with_answers: provinces.filter((p) => p.n > 0).length,
    p50_ms: compare.p50_ms,
    max_ms: compare.max_ms,
    compared_to: "trend_rollups_VN",
    ratio_p50: Math.round((compare.p50_ms / p50.get("VN")!) * 100) / 100,
  });
  for (const shard of storage) print({ figure: `storage_shard_${shard.province}`, what: `D1 size of ${shard.name}'s shard per answer set stored in it (answers, rollups, inbox, indexes, the registry's copy)`, ...shard });
  // The largest province by communes takes the largest share of a national volume spread as communes are.
  const largest = [...registry.provinces].sort((a, b) => b.units.length - a.units.length)[0]!;
  const share = largest.units.length / communes().length;
  const bytesPerSet = Math.max(...storage.map((s) => s.bytes_per_answer_set));
  print({
    figure: "storage_years_to_limit",
    what: `years until the largest province's shard (${largest.name}, ${largest.units.length} of ${communes().length} communes) reaches D1's 10 GB, at the largest bytes per answer set measured above`,
    national_answer_sets_per_year: NATIONAL_ANSWERS_PER_YEAR,
    largest_province_answer_sets_per_year: Math.round(NATIONAL_ANSWERS_PER_YEAR * share),
    bytes_per_answer_set: bytesPerSet,
    years: Math.round((D1_LIMIT_BYTES / (bytesPerSet * NATIONAL_ANSWERS_PER_YEAR * share)) * 10) / 10,
    compared_to: { one_database_for_the_country_years: Math.round((D1_LIMIT_BYTES / (bytesPerSet * NATIONAL_ANSWERS_PER_YEAR)) * 10) / 10 },
  });
}

/** The province and commune whose complaints queue the bench reads: Ninh Bình, Phường Phủ Lý. */
const QUEUE_PROVINCE = "37";
const QUEUE_COMMUNE = "13285";
/** A word of the seeded reasons ("Phải chờ quá lâu mới đến lượt"), typed without its diacritics. */
const QUEUE_SEARCH = "lau";

/**
 * A province's complaints queue as its team works it: a commune's overdue complaints, oldest
 * first, and a search over the province, each next to the province's queue with no filter
 * (the newest 50 and the total, as the inbox first opens).
 */
async function complaintsQueue(server: LocalServer, cookie: Record<string, string>, answers: number, period: string) {
  const list = async (query: string) => {
    const timed = await timeGets(`${server.url}/api/v1/feedback?${period}&${query}`, cookie, 20);
    return { p50_ms: timed.p50_ms, max_ms: timed.max_ms, items_matching: (timed.body as { total: number }).total };
  };
  const all = await list(`unit=${QUEUE_PROVINCE}`);
  const filtered = await list(`unit=${QUEUE_COMMUNE}&kind=complaint&status=overdue&level=1&sort=oldest`);
  const search = await list(`unit=${QUEUE_PROVINCE}&q=${QUEUE_SEARCH}`);
  const ratio = (figure: { p50_ms: number }) => Math.round((figure.p50_ms / all.p50_ms) * 100) / 100;
  print({
    figure: `feedback_queue_${QUEUE_PROVINCE}`,
    what: `GET /api/v1/feedback?unit=${QUEUE_PROVINCE}: Ninh Bình's complaints and comments over 12 months with no filter, the newest 50 and the total`,
    answer_sets_stored: answers,
    ...all,
  });
  print({
    figure: `feedback_queue_filtered_${QUEUE_COMMUNE}`,
    what: `GET /api/v1/feedback?unit=${QUEUE_COMMUNE}&kind=complaint&status=overdue&level=1&sort=oldest: Phường Phủ Lý's overdue "Không hài lòng" complaints, oldest first, and their total`,
    answer_sets_stored: answers,
    ...filtered,
    compared_to: `feedback_queue_${QUEUE_PROVINCE}`,
    ratio_p50: ratio(filtered),
  });
  print({
    figure: `feedback_search_${QUEUE_PROVINCE}`,
    what: `GET /api/v1/feedback?unit=${QUEUE_PROVINCE}&q=${QUEUE_SEARCH}: a search of Ninh Bình's reasons, comments and notes through the full-text index ("lau" finds "lâu"), the newest 50 and the total`,
    answer_sets_stored: answers,
    ...search,
    compared_to: `feedback_queue_${QUEUE_PROVINCE}`,
    ratio_p50: ratio(search),
  });
}

/** A shard's size against the answer sets it holds, read after seeding. */
interface ShardStorage {
  province: string;
  name: string;
  answer_sets: number;
  bytes: number;
  bytes_per_answer_set: number;
}

/** Seeds the trend section's answers over TREND_PROVINCES; returns how many, and each shard's size per answer set. */
async function seedForTrend(store: Store): Promise<{ stored: number; storage: ShardStorage[] }> {
  const trendCommunes = TREND_PROVINCES.reduce((n, p) => n + communes(p).length, 0);
  const stored = await seedDemo(store, { volume: (answers / SEED_YEAR_ANSWERS) * (DEMO_COMMUNES / trendCommunes), provinces: TREND_PROVINCES });
  const storage = await Promise.all(
    TREND_PROVINCES.map(async (province) => {
      const answerSets = (await totalCounts(store, province, OVERALL, { from: "2000-01-01", to: "2999-12-31" })).counts.n;
      const bytes = await databaseBytes(store, province);
      return { province, name: registry.provinces.find((p) => p.code === province)!.name, answer_sets: answerSets, bytes, bytes_per_answer_set: Math.round(bytes / answerSets) };
    }),
  );
  return { stored, storage };
}

/** DevTools' "Slow 3G" preset, as Network.emulateNetworkConditions takes it. */
const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const USABLE_RUNS = 5;
/** The demo's ward (Phường Hoa Lư), whose portal pages embed the widget. */
const DEMO_UNIT = "14329";

/**
 * Medians over fresh browser contexts (nothing cached) on a 360 px phone over Slow 3G: when
 * the widget's first answer can be chosen, from navigation start and from the HTML's first
 * byte, and how many requests the page had made by then. The first byte is when the throttled
 * network handed the page its first data (CDP's Network.dataReceived): the Navigation Timing
 * API's responseStart is taken before the emulated latency, some 20 ms in.
 */
async function timeToUsable(browser: Browser, url: string) {
  const runs: { fromNavigation: number; fromFirstByte: number; requests: number }[] = [];
  for (let i = 0; i < USABLE_RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", SLOW_3G);
      let requests = 0;
      page.on("request", () => requests++);
      let documentRequest: { id: string; sentAt: number; firstByteAt?: number } | undefined;
      cdp.on("Network.requestWillBeSent", (e) => {
        if (e.type === "Document") documentRequest ??= { id: e.requestId, sentAt: e.timestamp };
      });
      cdp.on("Network.dataReceived", (e) => {
        if (e.requestId === documentRequest?.id) documentRequest.firstByteAt ??= e.timestamp;
      });
      await page.goto(url, { waitUntil: "commit" });
      const usable = await page.waitForFunction(
        () => !!document.querySelector("hailong-survey")?.shadowRoot?.querySelector("input[type=radio]") && performance.now(),
        undefined,
        { polling: "raf", timeout: 60_000 },
      );
      const fromNavigation = (await usable.jsonValue()) as number;
      const firstByte = (documentRequest!.firstByteAt! - documentRequest!.sentAt) * 1000;
      runs.push({ fromNavigation, fromFirstByte: fromNavigation - firstByte, requests });
    } finally {
      await context.close();
    }
  }
  const median = (key: keyof (typeof runs)[number]) => Math.round(percentile(runs.map((r) => r[key]).sort((a, b) => a - b), 50));
  return { runs: USABLE_RUNS, from_navigation_ms: median("fromNavigation"), from_first_byte_ms: median("fromFirstByte"), requests_until_usable: median("requests") };
}

async function pageOnSlow3G(server: LocalServer) {
  const browser = await launchBrowser();
  try {
    const portal = await timeToUsable(browser, `${server.url}/demo/`);
    const hosted = await timeToUsable(browser, `${server.url}/s/${DEMO_UNIT}`);
    const english = await timeToUsable(browser, `${server.url}/s/${DEMO_UNIT}?lang=en`);
    const conditions = "360 px viewport, Chromium's Slow 3G emulation (2000 ms latency a request, 50,000 B/s down and up), a fresh context each run";
    print({
      figure: "demo_portal_usable_slow3g",
      what: `the demo portal's home page (/demo/): its HTML, then widget.js, then the unit's survey, until the widget's first answer can be chosen; ${conditions}`,
      ...portal,
    });
    print({
      figure: "hosted_page_usable_slow3g",
      what: `the hosted survey page (/s/${DEMO_UNIT}), one response carrying the survey, the widget and the page's script, until the first answer can be chosen; ${conditions}`,
      ...hosted,
      target_ms: 2000,
      compared_to: "demo_portal_usable_slow3g",
      saved_from_navigation_ms: portal.from_navigation_ms - hosted.from_navigation_ms,
    });
    print({
      figure: "hosted_page_en_usable_slow3g",
      what: `the same page with ?lang=en, whose widget has its English texts from the page (widget/page/widget.ts), not from widget-en.js; ${conditions}`,
      ...english,
      compared_to: "hosted_page_usable_slow3g",
      extra_from_navigation_ms: english.from_navigation_ms - hosted.from_navigation_ms,
    });
  } finally {
    await browser.close();
  }
}

function sizes({ widgetGzipBytes, chunkGzipBytes, hostedPageGzipBytes, dashboardFirstLoadGzipBytes, dashboardGzipBytes, dashboardTotalGzipBytes }: Awaited<ReturnType<typeof buildAll>>) {
  print({
    figure: "widget_gzip_bytes",
    what: "dist/public/widget.js (Lit included), gzip -9",
    value: widgetGzipBytes,
    budget: WIDGET_BUDGET_BYTES,
    compared_to: { surveyjs_gzip_bytes: 415 * 1024, typeform_embed_loader_gzip_bytes: 14 * 1024 },
  });
  print({
    figure: "hosted_page_gzip_bytes",
    what: "the hosted survey page /s/<code> as served, filled in with the SIPAS survey: its HTML with the style, the page's script and the widget inline, gzip -9",
    value: hostedPageGzipBytes,
    budget: HOSTED_PAGE_BUDGET_BYTES,
    compared_to: { widget_gzip_bytes: widgetGzipBytes, widget_budget: WIDGET_BUDGET_BYTES },
  });
  for (const [name, value] of Object.entries(chunkGzipBytes)) {
    print({
      figure: `${name.replace(/\.js$/, "").replaceAll("-", "_")}_gzip_bytes`,
      what: `dist/public/${name}, a chunk loaded only by ${WIDGET_CHUNKS[name]!.loadedBy}, gzip -9`,
      value,
      with_first_load_bytes: widgetGzipBytes + value,
    });
  }
  print({
    figure: "dashboard_first_load_gzip_bytes",
    what: "the JavaScript the dashboard loads before it shows the login or the overview's figures and tables: dist/public/dashboard/main.js and the chunks it imports, gzip -9",
    value: dashboardFirstLoadGzipBytes,
    budget: DASHBOARD_FIRST_LOAD_BUDGET_BYTES,
  });
  print({
    figure: "dashboard_js_gzip_bytes",
    what: "the overview with its charts: the first load and the Chart.js chunk its first chart fetches, gzip -9",
    value: dashboardGzipBytes,
    budget: DASHBOARD_BUDGET_BYTES,
    compared_to: { all_pages_gzip_bytes: dashboardTotalGzipBytes },
  });
}

process.env.WRANGLER_SEND_METRICS = "false";
// `npm run bench -- ingest` runs one section; without an argument, all of them.
const only = process.argv[2];
const answers = Number(process.env.HAILONG_BENCH_ANSWERS ?? 1_000_000);
// Every section serves the built assets; the sizes section reports them.
const built = await buildAll();
if (!only || only === "sizes") sizes(built);
if (!only || only === "page") await withBenchServer(undefined, pageOnSlow3G);
if (!only || only === "ingest") await withBenchServer(undefined, ingest);
if (!only || only === "trend") {
  let seeded = { stored: 0, storage: [] as ShardStorage[] };
  await withBenchServer(
    (persistTo) => withLocalStore(persistTo, async (store) => void (seeded = await seedForTrend(store))),
    (server) => trend(server, seeded.stored, seeded.storage),
  );
}
