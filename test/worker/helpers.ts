import { env, exports } from "cloudflare:workers";
import type { Submission } from "../../worker/domain/submission.ts";

/** The worker's own origin in tests: not loopback, so allowed-origin rules apply in full. */
export const BASE = "https://hailong.example";

/** Ba Đình ward, Hà Nội: a real commune from the registry. */
export const WARD = "00004";

/** Sends a request through the worker's fetch handler, as a client would. */
export function api(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}/api/v1${path}`, init));
}

/** A valid quick-survey answer set; override any field. */
export function answerSet(overrides: Partial<Submission> = {}): Submission {
  return {
    id: crypto.randomUUID(),
    unit: WARD,
    survey: "quick",
    version: 1,
    answers: { overall: 3 },
    channel: "web",
    lang: "vi",
    ...overrides,
  };
}

/** POSTs a body (an object is sent as JSON) to /responses. */
export function postResponse(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return api("/responses", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The rollup row for a unit, item and day, or null. */
export function rollup(unit: string, item: string, day: string) {
  return env.DB.prepare(`SELECT n, c1, c2, c3, c4, c5, sum, sumsq FROM rollups WHERE unit = ?1 AND item = ?2 AND day = ?3`)
    .bind(unit, item, day)
    .first<{ n: number; c1: number; c2: number; c3: number; c4: number; c5: number; sum: number; sumsq: number }>();
}

/** Every row of the tables a submission writes, to prove a rejection changed nothing. */
export async function snapshot(): Promise<string> {
  const tables = ["responses", "rollups"];
  const rows = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`)));
  return JSON.stringify(rows.map((r) => r.results));
}
