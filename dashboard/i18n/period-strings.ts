/** The period picker's quick picks and what it says about a typed period, in Vietnamese and English. */
import { MAX_PERIOD_DAYS } from "../../worker/domain/calendar.ts";
import type { PeriodProblem, Preset } from "../state/period-presets.ts";
import type { Lang } from "./strings.ts";

interface PeriodStrings {
  presets: Record<Preset, string>;
  problems: Record<PeriodProblem, string>;
}

const PERIOD_STRINGS: Record<Lang, PeriodStrings> = {
  vi: {
    presets: { last12Months: "12 tháng qua", last3Months: "3 tháng qua", thisYear: "Năm nay", lastMonth: "Tháng trước", lastQuarter: "Quý trước" },
    problems: {
      fromInvalid: "Ngày bắt đầu chưa hợp lệ",
      toInvalid: "Ngày kết thúc chưa hợp lệ",
      fromAfterTo: "Ngày bắt đầu phải trước ngày kết thúc",
      tooLong: `Khoảng thời gian dài nhất là 10 năm (${MAX_PERIOD_DAYS} ngày): chọn ngày bắt đầu muộn hơn`,
    },
  },
  en: {
    presets: { last12Months: "Last 12 months", last3Months: "Last 3 months", thisYear: "This year", lastMonth: "Last month", lastQuarter: "Last quarter" },
    problems: {
      fromInvalid: "The start date is not a valid date",
      toInvalid: "The end date is not a valid date",
      fromAfterTo: "The start date must come before the end date",
      tooLong: `A period covers at most 10 years (${MAX_PERIOD_DAYS} days): pick a later start date`,
    },
  },
};

/** The period picker's texts in one language. */
export function periodStrings(lang: Lang): PeriodStrings {
  return PERIOD_STRINGS[lang];
}
