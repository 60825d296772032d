/** The period picker's quick picks, which one is pressed, and when a typed period may be asked for. */
import { describe, expect, test } from "vitest";
import { activePreset, periodProblem, presetPeriod, PRESETS } from "../../dashboard/state/period-presets.ts";

const periods = (today: string) => Object.fromEntries(PRESETS.map((preset) => [preset, presetPeriod(preset, today)]));

describe("quick picks", () => {
  test("are the last months, this year, and the previous calendar month and quarter", () => {
    expect(periods("2026-05-20")).toEqual({
      last12Months: { from: "2025-06-01", to: "2026-05-20" },
      last3Months: { from: "2026-03-01", to: "2026-05-20" },
      thisYear: { from: "2026-01-01", to: "2026-05-20" },
      lastMonth: { from: "2026-04-01", to: "2026-04-30" },
      lastQuarter: { from: "2026-01-01", to: "2026-03-31" },
    });
  });

  test("reach into the previous year in January, and a short February", () => {
    expect(presetPeriod("lastMonth", "2026-01-01")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(presetPeriod("lastQuarter", "2026-01-01")).toEqual({ from: "2025-10-01", to: "2025-12-31" });
    expect(presetPeriod("lastMonth", "2028-03-31")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    // The last day of a quarter still names the quarter before it.
    expect(presetPeriod("lastQuarter", "2026-09-30")).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(presetPeriod("lastQuarter", "2026-10-01")).toEqual({ from: "2026-07-01", to: "2026-09-30" });
  });
});

describe("the pressed quick pick", () => {
  test("is the one whose days the period is, and none for a typed period", () => {
    const today = "2026-05-20";
    for (const preset of PRESETS) expect(activePreset(presetPeriod(preset, today), today)).toBe(preset);
    expect(activePreset({ from: "2026-04-01", to: "2026-04-29" }, today)).toBeUndefined();
  });

  test("is one alone when two picks name the same days: the one chosen, else the first", () => {
    // In December the last 12 months are this year; in March the last 3 months are too.
    const december = "2026-12-02";
    const year = presetPeriod("thisYear", december);
    expect(year).toEqual(presetPeriod("last12Months", december));
    expect(activePreset(year, december, "thisYear")).toBe("thisYear");
    expect(activePreset(year, december, "last12Months")).toBe("last12Months");
    expect(activePreset(year, december)).toBe("last12Months");
    // A choice whose days the period no longer is gives way.
    expect(activePreset(year, december, "lastMonth")).toBe("last12Months");
    expect(activePreset(presetPeriod("last3Months", "2026-03-15"), "2026-03-15", "thisYear")).toBe("thisYear");
  });
});

describe("a typed period", () => {
  test("is asked for once both days are whole days in order, a single day included", () => {
    expect(periodProblem({ from: "2026-04-01", to: "2026-04-30" })).toBeUndefined();
    expect(periodProblem({ from: "2026-04-30", to: "2026-04-30" })).toBeUndefined();
  });

  test("says which day to fix: an empty field, a year being typed, a day that does not exist", () => {
    for (const from of ["", "0002-04-01", "0202-04-01", "2026-02-30", "2026-13-01"]) {
      expect(periodProblem({ from, to: "2026-04-30" })).toBe("fromInvalid");
    }
    expect(periodProblem({ from: "2026-04-01", to: "0020-04-30" })).toBe("toInvalid");
    expect(periodProblem({ from: "2026-05-01", to: "2026-04-30" })).toBe("fromAfterTo");
  });

  test("refuses more than the API's ten years before asking, and takes exactly ten", () => {
    // 3,660 days, both ends included, run from 2016-04-23 to 2026-04-30.
    expect(periodProblem({ from: "2016-04-23", to: "2026-04-30" })).toBeUndefined();
    expect(periodProblem({ from: "2016-04-22", to: "2026-04-30" })).toBe("tooLong");
    expect(periodProblem({ from: "1990-01-01", to: "2026-04-30" })).toBe("tooLong");
  });
});
