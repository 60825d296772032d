/**
 * The outbox: every answer set waits in localStorage until the API acknowledges it, so a
 * dropped network, a closed tab or a reload never loses it. The client id (the API's
 * idempotency key) travels with it, so sending it again never counts it twice. Where
 * localStorage is full, forbidden or absent, the queue lives in memory for the visit.
 */
import { maskPersonalNumbers } from "../worker/domain/mask.ts";
import { OUTBOX_RETENTION_DAYS } from "../worker/domain/answered-at.ts";
import type { Receipt, Submission } from "../worker/domain/submission.ts";
import { problemOf, retryable, type Problem } from "./api.ts";
import { freshToken, type Check } from "./turnstile-token.ts";

/** How one attempt to deliver an answer set ended. */
export type Outcome = { kind: "delivered" } | { kind: "kept" } | { kind: "refused"; problem: Problem };

interface Pending {
  url: string;
  body: Submission;
  tries: number;
  /** Not before this time (ms since the epoch). */
  due: number;
  /** The unit's Turnstile check: each attempt needs a fresh token (single-use, short-lived). */
  turnstile?: Check | null;
}

const KEY = "hailong-outbox";
const BASE_MS = 2_000;
const CAP_MS = 5 * 60_000;
/** What keepalive requests may carry in total, with room to spare under the 64 KiB limit. */
const KEEPALIVE_BYTES = 60_000;
const JSON_TYPE = { "Content-Type": "application/json" };

/** This tab's queue as last read or written: the only copy when storage cannot be used. */
let memory: Pending[] = [];
/** The last write failed, so memory may hold items that storage lacks. */
let unsaved = false;
/** Delivered, refused or expired here: never sent again, whatever storage still says. */
const settled = new Set<string>();

/** The queue other tabs share; after a failed write, this tab's own copy of each item first. */
function load(): Pending[] {
  let items: Pending[];
  try {
    items = JSON.parse(localStorage.getItem(KEY) ?? "[]") as Pending[];
  } catch {
    items = [];
  }
  if (unsaved) {
    const ids = new Set(memory.map((p) => p.body.id));
    items = [...memory, ...items.filter((p) => !ids.has(p.body.id))];
  }
  return items.filter((p) => !settled.has(p.body.id));
}

/** Read, change, write at once: other tabs share the queue. */
function change(edit: (items: Pending[]) => Pending[]) {
  memory = edit(load());
  try {
    localStorage.setItem(KEY, JSON.stringify(memory));
    unsaved = false;
  } catch {
    unsaved = true;
  }
}

/** Takes an item out of the queue for good. */
function settle(id: string) {
  settled.add(id);
  change((items) => items.filter((p) => p.body.id !== id));
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

async function attempt({ url, body, turnstile }: Pending): Promise<Outcome> {
  const { id } = body;
  sending.add(id);
  let outcome: Outcome = { kind: "kept" };
  let retryAfter = 0;
  try {
    // Without a token (offline, Turnstile failing) the item waits for a later attempt.
    const token = turnstile ? await freshToken(turnstile) : undefined;
    if (token || !turnstile) {
      const res = await fetch(url, { method: "POST", headers: JSON_TYPE, body: JSON.stringify({ ...body, turnstile: token }) });
      // Only the API's receipt for this very id counts (not, say, a captive portal's page).
      if (res.ok) outcome = ((await res.json()) as Receipt).id === id ? { kind: "delivered" } : outcome;
      else if (retryable(res.status)) retryAfter = Number(res.headers.get("Retry-After")) || 0;
      else outcome = { kind: "refused", problem: await problemOf(res) };
    }
  } catch {
    // offline: kept
  }
  sending.delete(id);
  if (outcome.kind === "kept") {
    change((items) => items.map((p) => (p.body.id === id ? { ...p, tries: p.tries + 1, due: Date.now() + backoff(p.tries, retryAfter) } : p)));
  } else settle(id);
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

/** Drops, with a warning, what waited longer than the server dates answers by when they were given. */
function expire() {
  for (const { body } of load()) {
    if (Date.now() - Date.parse(body.answeredAt!) > OUTBOX_RETENTION_DAYS * 86_400_000) {
      console.warn(`<hailong-survey>: dropped ${body.id}, undelivered for ${OUTBOX_RETENTION_DAYS} days`);
      settle(body.id);
    }
  }
}

/** Sends, one at a time, every item that is due and not already on its way. */
async function flush() {
  if (flushing) return;
  flushing = true;
  expire();
  const tried = new Set<string>();
  // Read again before each: another tab may have delivered some meanwhile.
  const next = () => load().find((p) => !tried.has(p.body.id) && !sending.has(p.body.id) && p.due <= Date.now());
  try {
    for (let item = next(); item; item = next()) {
      const { id } = item.body;
      tried.add(id);
      const outcome = await attempt(item);
      for (const listener of listeners) listener(id, outcome);
    }
  } finally {
    flushing = false;
  }
  schedule();
}

/**
 * Queues an answer set (its free text with personal numbers masked, as the server would
 * store it) and makes the first attempt to deliver it. Later attempts, if it needs any,
 * report to the `onOutcome` listeners. `turnstile`: the unit's check, if it has one.
 */
export function submit(url: string, body: Submission, turnstile: Check | null): Promise<Outcome> {
  const mask = (text?: string) => text && maskPersonalNumbers(text);
  const item = { url, body: { ...body, reason: mask(body.reason), comment: mask(body.comment) }, tries: 0, due: 0, turnstile };
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
    for (const { url, body, due, turnstile } of load()) {
      // Not before its time, not twice at once, and not when it needs a token (none can be had now).
      if (due > Date.now() || sending.has(body.id) || turnstile) continue;
      const text = JSON.stringify(body);
      budget -= new Blob([text]).size;
      if (budget < 0) break;
      fetch(url, { method: "POST", headers: JSON_TYPE, body: text, keepalive: true }).catch(() => {});
    }
  });
  void flush();
}

/**
 * A fresh client id (v4 UUID). crypto.randomUUID exists only on https pages, and some portals
 * are http: there, a blob URL ends with a random UUID the browser made (File API), in fewer
 * bytes of widget.js than making one from random values. The URL, to an empty blob, is never
 * used and goes with the page.
 */
export function newId(): string {
  return crypto.randomUUID?.() ?? URL.createObjectURL(new Blob()).slice(-36);
}
