/**
 * The outbox: every answer set waits in localStorage until the API acknowledges it, so a
 * dropped network, a closed tab or a reload never loses it. The client id (the API's
 * idempotency key) travels with it, so sending it again never counts it twice.
 */
import type { Receipt, Submission } from "../worker/domain/submission.ts";
import { problemOf, retryable, type Problem } from "./api.ts";

/** How one attempt to deliver an answer set ended. */
export type Outcome = { kind: "delivered" } | { kind: "kept" } | { kind: "refused"; problem: Problem };

interface Pending {
  url: string;
  body: Submission;
  tries: number;
  /** Not before this time (ms since the epoch). */
  due: number;
}

const KEY = "hailong-outbox";
const BASE_MS = 2_000;
const CAP_MS = 5 * 60_000;
/** What keepalive requests may carry in total, with room to spare under the 64 KiB limit. */
const KEEPALIVE_BYTES = 60_000;
const JSON_TYPE = { "Content-Type": "application/json" };

/** Where items live when the page may not use localStorage (privacy modes, sandboxes). */
let memory: Pending[] = [];

function load(): Pending[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "[]") as Pending[];
  } catch {
    return memory;
  }
}

/** Read, change, write at once: other tabs share the queue. */
function change(edit: (items: Pending[]) => Pending[]) {
  memory = edit(load());
  try {
    localStorage.setItem(KEY, JSON.stringify(memory));
  } catch {
    // storage full or forbidden: the item stays in memory for this visit
  }
}

const sending = new Set<string>();
const listeners = new Set<(id: string, outcome: Outcome) => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let flushing = false;

/** Capped exponential backoff with jitter, never sooner than the server's Retry-After. */
function backoff(tries: number, retryAfterSeconds: number): number {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** tries) * (0.5 + Math.random() / 2);
  return Math.max(exp, retryAfterSeconds * 1000);
}

async function attempt({ url, body }: Pending): Promise<Outcome> {
  const { id } = body;
  sending.add(id);
  let outcome: Outcome;
  let retryAfter = 0;
  try {
    const res = await fetch(url, { method: "POST", headers: JSON_TYPE, body: JSON.stringify(body) });
    // Only the API's receipt for this very id counts (not, say, a captive portal's page).
    if (res.ok) outcome = ((await res.json()) as Receipt).id === id ? { kind: "delivered" } : { kind: "kept" };
    else if (retryable(res.status)) {
      retryAfter = Number(res.headers.get("Retry-After")) || 0;
      outcome = { kind: "kept" };
    } else outcome = { kind: "refused", problem: await problemOf(res) };
  } catch {
    outcome = { kind: "kept" };
  }
  sending.delete(id);
  if (outcome.kind === "kept") {
    change((items) => items.map((p) => (p.body.id === id ? { ...p, tries: p.tries + 1, due: Date.now() + backoff(p.tries, retryAfter) } : p)));
  } else {
    change((items) => items.filter((p) => p.body.id !== id));
  }
  schedule();
  return outcome;
}

function schedule() {
  clearTimeout(timer);
  const dues = load()
    .filter((p) => !sending.has(p.body.id))
    .map((p) => p.due);
  if (dues.length) timer = setTimeout(flush, Math.max(0, Math.min(...dues) - Date.now()));
}

/** Sends, one at a time, every item that is due and not already on its way. */
async function flush() {
  if (flushing) return;
  flushing = true;
  try {
    for (const item of load()) {
      if (sending.has(item.body.id) || item.due > Date.now()) continue;
      const outcome = await attempt(item);
      for (const listener of listeners) listener(item.body.id, outcome);
    }
  } finally {
    flushing = false;
  }
  schedule();
}

/**
 * Queues an answer set and makes the first attempt to deliver it. Later attempts, if it
 * needs any, report to the `onOutcome` listeners.
 */
export function submit(url: string, body: Submission): Promise<Outcome> {
  const item = { url, body, tries: 0, due: 0 };
  change((items) => [...items, item]);
  return attempt(item);
}

/** Hears how each later attempt ended; returns the way to stop listening. */
export function onOutcome(listener: (id: string, outcome: Outcome) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Starts delivering: now (answers left by an earlier visit), whenever the network comes
 * back, and with keepalive requests as the page goes away (those that arrive are
 * acknowledged again, harmlessly, on the next visit).
 */
export function startOutbox() {
  addEventListener("online", () => {
    change((items) => items.map((p) => ({ ...p, due: 0 })));
    void flush();
  });
  addEventListener("pagehide", () => {
    let budget = KEEPALIVE_BYTES;
    for (const { url, body } of load()) {
      const text = JSON.stringify(body);
      budget -= new Blob([text]).size;
      if (budget < 0) break;
      fetch(url, { method: "POST", headers: JSON_TYPE, body: text, keepalive: true }).catch(() => {});
    }
  });
  void flush();
}

/** A fresh client id (v4 UUID); crypto.randomUUID exists only on https pages, some portals are http. */
export function newId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
    (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16),
  );
}
