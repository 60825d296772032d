/**
 * Numbers and dates as each language writes them: "82,5 %" and "1.234" in Vietnamese,
 * "82.5%" and "1,234" in English. A suppressed figure (null) never becomes a number.
 */
import { strings, type Lang } from "./strings.ts";

const LOCALES: Record<Lang, string> = { vi: "vi-VN", en: "en-GB" };
const oneDecimal = (lang: Lang) => new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A share (0..1) as a percentage with one decimal, or "chưa đủ mẫu" when suppressed. */
export function percent(share: number | null, lang: Lang): string {
  if (share === null) return strings(lang).notEnough;
  const value = oneDecimal(lang).format(share * 100);
  return lang === "vi" ? `${value}\u00a0%` : `${value}%`;
}

/** A Wilson interval as "78,1–86,3 %", or "chưa đủ mẫu". */
export function interval(lower: number | null, upper: number | null, lang: Lang): string {
  if (lower === null || upper === null) return strings(lang).notEnough;
  const f = oneDecimal(lang);
  return `${f.format(lower * 100)}–${f.format(upper * 100)}${lang === "vi" ? "\u00a0%" : "%"}`;
}

/** A change in share in percentage points, signed: "+3,2 điểm", "−5,0 điểm"; "—" when either share is not shown. */
export function pointsChange(change: number | null, lang: Lang): string {
  if (change === null) return "—";
  const points = Math.round(change * 1000) / 10;
  const sign = points > 0 ? "+" : points < 0 ? "−" : "±";
  return `${sign}${oneDecimal(lang).format(Math.abs(points))}${lang === "vi" ? " điểm" : " pts"}`;
}

/** A mean level with two decimals, or "chưa đủ mẫu". */
export function mean(value: number | null, lang: Lang): string {
  if (value === null) return strings(lang).notEnough;
  return new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A count: "1.234" in Vietnamese. */
export function count(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}

export type Bucket = "day" | "week" | "month" | "quarter";

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** A calendar day "YYYY-MM-DD" as "15/03/2025" (vi) or "15 Mar 2025" (en). */
export function day(value: string, lang: Lang): string {
  const options: Intl.DateTimeFormatOptions =
    lang === "vi" ? { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" } : { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" };
  return new Intl.DateTimeFormat(LOCALES[lang], options).format(utc(value));
}

/** The label of a time bucket starting on `start`: "T3/2025", "Q1/2025", "Tuần 10/03/2025". */
export function bucketLabel(start: string, bucket: Bucket, lang: Lang): string {
  const [year, month] = start.split("-").map(Number) as [number, number];
  switch (bucket) {
    case "month":
      return lang === "vi" ? `T${month}/${year}` : new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" }).format(utc(start));
    case "quarter":
      return `${lang === "vi" ? "Quý" : "Q"}${Math.floor((month - 1) / 3) + 1}/${year}`;
    case "week":
      return `${lang === "vi" ? "Tuần" : "Week of"} ${day(start, lang)}`;
    case "day":
      return day(start, lang);
  }
}

/** An instant (ISO string) as Viet Nam local date and time. */
export function dateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(iso));
}
