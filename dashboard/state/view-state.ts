/**
 * What the screen shows (page, scope, period, grouping, the complaints queue's filters) lives
 * in the URL's query string, so a link can be shared and the back button walks through earlier
 * views.
 */
import type { FeedbackKind, QueueStatus } from "../../worker/domain/feedback.ts";
import { MAX_SEARCH } from "../../worker/domain/search.ts";
import { SCALES } from "../../worker/domain/scales.ts";
import { UNIT_CODE } from "../../worker/domain/unit-code.ts";
import type { Role } from "../../worker/domain/access.ts";
import { administersAccounts } from "../../worker/domain/roles.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";
import { addMonths, bucketStart, BUCKETS, type Bucket } from "../../worker/domain/calendar.ts";
import { FEEDBACK_KINDS, QUEUE_STATUSES } from "../../worker/domain/follow-up.ts";

export const VIEWS = ["overview", "unit", "complaints", "incidents", "report", "embed", "surveys", "desks", "poster", "accounts", "audit", "mergers"] as const;
export type View = (typeof VIEWS)[number];

/** The pages an account's role opens: accounts for managers and admins, the audit log and mergers for admins. */
export function viewsFor(role: Role): readonly View[] {
  return VIEWS.filter((view) => (view === "accounts" ? administersAccounts(role) : (view !== "audit" && view !== "mergers") || role === "admin"));
}

/** The queue's status filter: a queue status, or every item. */
export type QueueFilterStatus = QueueStatus | "all";
export const QUEUE_FILTER_STATUSES: readonly QueueFilterStatus[] = [...QUEUE_STATUSES, "all"];
export const QUEUE_SORTS = ["oldest", "newest"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
/** The overall levels an item may be filtered by, as the URL spells them. */
export const LEVELS = SCALES[3].map((l) => String(l.level));

/** The complaints queue's filters; the defaults open on the open complaints, oldest first. */
export interface QueueFilter {
  status: QueueFilterStatus;
  /** "" for both kinds. */
  kind: FeedbackKind | "";
  /** "me" for the items the account has ("Việc của tôi"), "" for anyone's. */
  assignee: "me" | "";
  /** The code of the official named, "" for any. */
  official: string;
  /** The overall level ("1".."3"), "" for any. */
  level: string;
  /** Search text, "" for none. */
  q: string;
  sort: QueueSort;
}

const QUEUE_DEFAULTS: QueueFilter = { status: "open", kind: "complaint", assignee: "", official: "", level: "", q: "", sort: "oldest" };

export interface ViewState extends QueueFilter {
  view: View;
  /** Unit code of the scope, e.g. "VN", "37", "14329". */
  unit: string;
  /** Viet Nam days, inclusive. */
  from: string;
  to: string;
  bucket: Bucket;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Viet Nam (UTC+7, no daylight saving). */
export function vnToday(now = new Date()): string {
  return vnDay(now);
}

/** The last `months` calendar months, the current one included. */
export function lastMonths(months: number, today = vnToday()): { from: string; to: string } {
  return { from: addMonths(bucketStart(today, "month"), 1 - months), to: today };
}

/** Reads the view from a query string; anything missing or malformed falls back to a default. */
export function readState(search: string, home: string, today = vnToday()): ViewState {
  const q = new URLSearchParams(search);
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = q.get(key) as T | null;
    return value !== null && allowed.includes(value) ? value : fallback;
  };
  const period = lastMonths(12, today);
  const from = q.get("from") ?? "";
  const to = q.get("to") ?? "";
  const valid = DAY.test(from) && DAY.test(to) && from <= to;
  const unit = q.get("unit") ?? "";
  return {
    view: pick("view", VIEWS, "overview"),
    unit: UNIT_CODE.test(unit) ? unit : home,
    from: valid ? from : period.from,
    to: valid ? to : period.to,
    bucket: pick("bucket", BUCKETS, "month"),
    status: pick("status", QUEUE_FILTER_STATUSES, QUEUE_DEFAULTS.status),
    kind: pick("kind", [...FEEDBACK_KINDS, ""], QUEUE_DEFAULTS.kind),
    assignee: pick("assignee", ["me", ""], QUEUE_DEFAULTS.assignee),
    official: UNIT_CODE.test(q.get("official") ?? "") ? q.get("official")! : QUEUE_DEFAULTS.official,
    level: pick("level", LEVELS, QUEUE_DEFAULTS.level),
    q: (q.get("q") ?? "").trim().slice(0, MAX_SEARCH),
    sort: pick("sort", QUEUE_SORTS, QUEUE_DEFAULTS.sort),
  };
}

/** The query string that reproduces a view. */
export function stateSearch(state: ViewState): string {
  const q = new URLSearchParams({ view: state.view, unit: state.unit, from: state.from, to: state.to, bucket: state.bucket });
  // The queue's filters only where they differ from the defaults, so other views' links stay short.
  for (const key of Object.keys(QUEUE_DEFAULTS) as (keyof QueueFilter)[]) {
    if (state[key] !== QUEUE_DEFAULTS[key]) q.set(key, state[key]);
  }
  return `?${q}`;
}

/** Asks the app to move to another view; bubbles out of shadow roots. */
export function navigateEvent(change: Partial<ViewState>): CustomEvent<Partial<ViewState>> {
  return new CustomEvent("hl-navigate", { detail: change, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    "hl-navigate": CustomEvent<Partial<ViewState>>;
  }
}
