import { z } from "zod";
import { vnDay } from "./vn-time.ts";

/*
 * Periods and time buckets, all in Viet Nam calendar days ("YYYY-MM-DD"). Day strings are
 * handled as UTC midnights, which is plain calendar arithmetic with no time zone involved.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest period a query may cover: ten years of day rows. */
export const MAX_PERIOD_DAYS = 3660;

/** A calendar day "YYYY-MM-DD" that exists (no 30 February). */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .refine((day) => !Number.isNaN(Date.parse(day)) && new Date(day).toISOString().startsWith(day), "no such day");

export const BUCKETS = ["day", "week", "month", "quarter"] as const;
export type Bucket = (typeof BUCKETS)[number];

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
const asDay = (date: Date) => date.toISOString().slice(0, 10);

/** The day `n` days after `day` (before, if negative). */
export function addDays(day: string, n: number): string {
  return asDay(new Date(asDate(day).getTime() + n * DAY_MS));
}

/** The number of days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((asDate(to).getTime() - asDate(from).getTime()) / DAY_MS) + 1;
}

/** The first day of the bucket a day falls in: weeks start on Monday (ISO), quarters in January, April, July, October. */
export function bucketStart(day: string, bucket: Bucket): string {
  const date = asDate(day);
  switch (bucket) {
    case "day":
      return day;
    case "week":
      return addDays(day, -((date.getUTCDay() + 6) % 7));
    case "month":
      return `${day.slice(0, 7)}-01`;
    case "quarter": {
      const month = Math.floor(date.getUTCMonth() / 3) * 3 + 1;
      return `${day.slice(0, 4)}-${String(month).padStart(2, "0")}-01`;
    }
  }
}

/** The first day of the bucket after the one starting at `start`. */
function nextBucket(start: string, bucket: Bucket): string {
  const date = asDate(start);
  switch (bucket) {
    case "day":
      return addDays(start, 1);
    case "week":
      return addDays(start, 7);
    case "month":
    case "quarter":
      date.setUTCMonth(date.getUTCMonth() + (bucket === "month" ? 1 : 3));
      return asDay(date);
  }
}

/** The start of every bucket that overlaps the period, in order. */
export function bucketStarts(from: string, to: string, bucket: Bucket): string[] {
  const starts: string[] = [];
  for (let start = bucketStart(from, bucket); start <= to; start = nextBucket(start, bucket)) starts.push(start);
  return starts;
}

/** A period of Viet Nam days, both ends included. */
export interface Period {
  from: string;
  to: string;
}

/**
 * The period asked for, with the defaults filled in: up to today (Viet Nam), over the last
 * twelve calendar months including the current one.
 */
export function resolvePeriod(asked: Partial<Period>, now: Date): Period {
  const to = asked.to ?? vnDay(now);
  if (asked.from) return { from: asked.from, to };
  const start = asDate(bucketStart(to, "month"));
  start.setUTCMonth(start.getUTCMonth() - 11);
  return { from: asDay(start), to };
}

/** What is wrong with a period, by field, or null when it is usable. */
export function periodProblem({ from, to }: Period): Record<string, string> | null {
  if (from > to) return { from: "not after to" };
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) return { from: `at most ${MAX_PERIOD_DAYS} days before to` };
  return null;
}

/** The `from` and `to` query parameters; both optional (see resolvePeriod). */
export const periodParams = { from: isoDay.optional(), to: isoDay.optional() };

/** Checks asked `from` and `to` together (for superRefine on a query schema). */
export function refinePeriod(asked: Partial<Period>, ctx: z.RefinementCtx): void {
  for (const [field, message] of Object.entries(periodProblem(resolvePeriod(asked, new Date())) ?? {})) {
    ctx.addIssue({ code: "custom", path: [field], message });
  }
}
