/**
 * What the screen shows (page, scope, period, grouping, status filter) lives in the URL's
 * query string, so a link can be shared and the back button walks through earlier views.
 */
import { UNIT_CODE } from "../../worker/domain/unit-code.ts";
import type { Role } from "../../worker/domain/access.ts";
import { administersAccounts } from "../../worker/domain/roles.ts";
import { vnDay } from "../../worker/domain/vn-time.ts";
import type { Bucket } from "../i18n/format.ts";

export const VIEWS = ["overview", "unit", "complaints", "incidents", "embed", "surveys", "desks", "poster", "accounts", "audit", "mergers"] as const;
export type View = (typeof VIEWS)[number];

/** The pages an account's role opens: accounts for managers and admins, the audit log and mergers for admins. */
export function viewsFor(role: Role): readonly View[] {
  return VIEWS.filter((view) => (view === "accounts" ? administersAccounts(role) : (view !== "audit" && view !== "mergers") || role === "admin"));
}
export const BUCKETS: readonly Bucket[] = ["day", "week", "month", "quarter"];
export const STATUSES = ["new", "in_progress", "resolved"] as const;
export type Status = (typeof STATUSES)[number];

export interface ViewState {
  view: View;
  /** Unit code of the scope, e.g. "VN", "37", "14329". */
  unit: string;
  /** Viet Nam days, inclusive. */
  from: string;
  to: string;
  bucket: Bucket;
  /** The complaints inbox filter; "" for every status. */
  status: Status | "";
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Viet Nam (UTC+7, no daylight saving). */
export function vnToday(now = new Date()): string {
  return vnDay(now);
}

/** The first day of the month `months` months before the month of `day`. */
export function monthStart(day: string, monthsBack: number): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - monthsBack, 1)).toISOString().slice(0, 10);
}

/** The last `months` calendar months, the current one included. */
export function lastMonths(months: number, today = vnToday()): { from: string; to: string } {
  return { from: monthStart(today, months - 1), to: today };
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
    status: pick("status", ["", ...STATUSES], ""),
  };
}

/** The query string that reproduces a view. */
export function stateSearch(state: ViewState): string {
  const q = new URLSearchParams({ view: state.view, unit: state.unit, from: state.from, to: state.to, bucket: state.bucket });
  if (state.status) q.set("status", state.status);
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
