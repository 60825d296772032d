/*
 * Calendar arithmetic on Viet Nam days ("YYYY-MM-DD"), with no dependency so the dashboard can
 * share it. Day strings are handled as UTC midnights, which is plain calendar arithmetic with
 * no time zone involved.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest period a query may cover: ten years of day rows. */
export const MAX_PERIOD_DAYS = 3660;

export const BUCKETS = ["day", "week", "month", "quarter"] as const;
export type Bucket = (typeof BUCKETS)[number];

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);
const asDay = (date: Date) => date.toISOString().slice(0, 10);

/** The day `n` days after `day` (before, if negative). */
export function addDays(day: string, n: number): string {
  return asDay(new Date(asDate(day).getTime() + n * DAY_MS));
}

/** The same day of the month `n` months later (earlier, if negative); for firsts of months, as the buckets use it. */
export function addMonths(day: string, n: number): string {
  const date = asDate(day);
  date.setUTCMonth(date.getUTCMonth() + n);
  return asDay(date);
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
  switch (bucket) {
    case "day":
      return addDays(start, 1);
    case "week":
      return addDays(start, 7);
    case "month":
      return addMonths(start, 1);
    case "quarter":
      return addMonths(start, 3);
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


/** The period of the same length just before `period`, ending the day before it starts. */
export function previousPeriod({ from, to }: Period): Period {
  return { from: addDays(from, -daysBetween(from, to)), to: addDays(from, -1) };
}
