import { z } from "zod";
import { addMonths, bucketStart, daysBetween, MAX_PERIOD_DAYS, type Period } from "./calendar.ts";
import { vnDay } from "./vn-time.ts";

/* Periods as queries ask for them: checked, with their defaults filled in. */

export { addDays, bucketStart, bucketStarts, BUCKETS, daysBetween, MAX_PERIOD_DAYS, type Bucket, type Period } from "./calendar.ts";

/** A calendar day "YYYY-MM-DD" that exists (no 30 February). */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .refine((day) => !Number.isNaN(Date.parse(day)) && new Date(day).toISOString().startsWith(day), "no such day");

/**
 * The period asked for, with the defaults filled in: up to today (Viet Nam), over the last
 * twelve calendar months including the current one.
 */
export function resolvePeriod(asked: Partial<Period>, now: Date): Period {
  const to = asked.to ?? vnDay(now);
  if (asked.from) return { from: asked.from, to };
  return { from: addMonths(bucketStart(to, "month"), -11), to };
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
