/**
 * The period picker's rules apart from the page: its quick picks as periods of Viet Nam days
 * computed from today, which of them the period on screen is, and what is wrong, if anything,
 * with a period being typed.
 */
import { addDays, addMonths, bucketStart, daysBetween, MAX_PERIOD_DAYS } from "../../worker/domain/calendar.ts";
import { lastMonths } from "./view-state.ts";

export const PRESETS = ["last12Months", "last3Months", "thisYear", "lastMonth", "lastQuarter"] as const;
export type Preset = (typeof PRESETS)[number];

/** A period of Viet Nam days, both included. */
export interface Period {
  from: string;
  to: string;
}

/** What keeps a typed period from being asked for. */
export type PeriodProblem = "fromInvalid" | "toInvalid" | "fromAfterTo" | "tooLong";

/** The calendar months from `monthsBack` months before today's month up to, not including, the month `untilBack` months before it. */
function months(today: string, monthsBack: number, untilBack: number): Period {
  const month = bucketStart(today, "month");
  return { from: addMonths(month, -monthsBack), to: addDays(addMonths(month, -untilBack), -1) };
}

/** The period a quick pick stands for, today being `today`: the previous month and quarter are whole calendar ones. */
export function presetPeriod(preset: Preset, today: string): Period {
  const monthInQuarter = (Number(today.slice(5, 7)) - 1) % 3;
  switch (preset) {
    case "last12Months":
      return lastMonths(12, today);
    case "last3Months":
      return lastMonths(3, today);
    case "thisYear":
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case "lastMonth":
      return months(today, 1, 0);
    case "lastQuarter":
      return months(today, monthInQuarter + 3, monthInQuarter);
  }
}

/**
 * The one quick pick the period is, if any. Two picks can name the same days (in December,
 * the last 12 months are this year): the one last chosen wins, or else the first.
 */
export function activePreset(period: Period, today: string, chosen?: Preset): Preset | undefined {
  const matches = PRESETS.filter((preset) => {
    const p = presetPeriod(preset, today);
    return p.from === period.from && p.to === period.to;
  });
  return chosen && matches.includes(chosen) ? chosen : matches[0];
}

/**
 * Whether a date field holds a whole day: one that exists, with a four-digit year. While a year
 * is typed digit by digit a browser reports 0002, 0020, 0202 before 2026; those are not asked for.
 */
export function isWholeDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return /^[1-9]\d{3}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}

/** What is wrong with a typed period, or undefined when it may be asked for. */
export function periodProblem({ from, to }: Period): PeriodProblem | undefined {
  if (!isWholeDay(from)) return "fromInvalid";
  if (!isWholeDay(to)) return "toInvalid";
  if (from > to) return "fromAfterTo";
  if (daysBetween(from, to) > MAX_PERIOD_DAYS) return "tooLong";
  return undefined;
}
