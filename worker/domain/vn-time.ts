/**
 * Viet Nam time (Asia/Ho_Chi_Minh) is UTC+7 all year, with no daylight saving, so a local
 * day is the UTC instant shifted by seven hours. Every bucket in the product is a Viet Nam
 * day, never a UTC one.
 */
const OFFSET_MS = 7 * 60 * 60 * 1000;

/** The Viet Nam calendar day (YYYY-MM-DD) of an instant. */
export function vnDay(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Viet Nam day begins (00:00 in Ha Noi is 17:00 UTC the day before). */
export function vnDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

/** An instant on the Viet Nam clock, to the second: "2026-12-02 14:05:09". */
export function vnMoment(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
