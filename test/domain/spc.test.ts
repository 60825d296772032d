import { describe, expect, it } from "vitest";
import { random } from "../../scripts/seed.ts";
import { addDays } from "../../worker/domain/period.ts";
import { alertWindow, spcSignals, type WeekPoint } from "../../worker/domain/spc.ts";

/*
 * The control-chart rules on synthetic weekly series. A baseline of 20 weeks of 100 answers,
 * 80 satisfied each: p̄ = 0.8 and σ = √(0.8 · 0.2/100) = 0.04 at n = 100, so the 2σ limits are
 * 0.72 and 0.88 and the 3σ limits 0.68 and 0.92. Then 8 recent weeks, built per test.
 */
const FIRST = "2025-09-01"; // a Monday
const BASELINE = 20;
const RECENT_FROM = addDays(FIRST, 7 * BASELINE);
const week = (i: number) => addDays(FIRST, 7 * i);

/** Weeks from FIRST on, each given as satisfied of 100 (or [satisfied, n]). */
const series = (weeks: (number | [number, number])[]): WeekPoint[] =>
  weeks.map((w, i) => {
    const [satisfied, n] = typeof w === "number" ? [w, 100] : w;
    return { start: week(i), n, satisfied };
  });
const steadyBaseline = Array<number>(BASELINE).fill(80);
const signalsOf = (recent: (number | [number, number])[]) => spcSignals(series([...steadyBaseline, ...recent]), RECENT_FROM);

describe("control-chart rules on weekly shares", () => {
  it("outside_3sigma: a week beyond p̄ − 3σ is a drop since that week", () => {
    expect(signalsOf([80, 81, 79, 80, 67, 80, 80, 79])).toEqual([{ direction: "drop", rule: "outside_3sigma", since: week(24), share: 0.79, baseline: 0.8 }]);
  });

  it("outside_3sigma allows for each week's n: 0.7 of 400 is beyond 3σ, 0.7 of 100 is not", () => {
    // σ at n = 400 is 0.02: 0.7 is 5σ below. At n = 100 it is 2.5σ, and alone.
    expect(signalsOf([80, 80, [280, 400], 80, 80, 80, 80, 80])).toMatchObject([{ direction: "drop", rule: "outside_3sigma", since: week(22) }]);
    expect(signalsOf([80, 80, 70, 80, 80, 80, 80, 80])).toEqual([]);
  });

  it("two_of_three_2sigma: two of three weeks beyond 2σ on the same side, since the first of them", () => {
    // 0.9 is 2.5σ above: weeks 23 and 25 with week 24 between them.
    expect(signalsOf([80, 81, 80, 90, 80, 90, 80, 80])).toEqual([{ direction: "rise", rule: "two_of_three_2sigma", since: week(23), share: 0.8, baseline: 0.8 }]);
    // Beyond 2σ on opposite sides is no signal.
    expect(signalsOf([80, 81, 80, 90, 80, 70, 80, 80])).toEqual([]);
  });

  it("run_of_7: seven weeks in a row below the centre line, since the first of them", () => {
    expect(signalsOf([81, 78, 79, 77, 78, 79, 78, 77])).toEqual([{ direction: "drop", rule: "run_of_7", since: week(21), share: 0.77, baseline: 0.8 }]);
    // A week on the centre line neither adds to nor breaks the run.
    expect(signalsOf([78, 79, 77, 80, 78, 79, 78, 77])).toMatchObject([{ rule: "run_of_7", since: week(20) }]);
    // Six below, one above: no run.
    expect(signalsOf([78, 79, 77, 81, 78, 79, 78, 77])).toEqual([]);
  });

  it("names the strongest rule when several fire", () => {
    // A run of 8 below, with a week beyond 3σ and two beyond 2σ in it.
    expect(signalsOf([78, 79, 70, 71, 78, 66, 78, 77])).toMatchObject([{ direction: "drop", rule: "outside_3sigma", since: week(25) }]);
  });

  it("gives a drop and a rise when both happened in the recent weeks", () => {
    expect(signalsOf([66, 80, 80, 80, 80, 80, 80, 93]).map((s) => [s.direction, s.since])).toEqual([
      ["drop", week(20)],
      ["rise", week(27)],
    ]);
  });

  it("judges nothing without eight baseline weeks, and skips weeks that are no points", () => {
    const weeks = series([...Array<number>(7).fill(80), 60, 60, 60]);
    expect(spcSignals(weeks, week(7))).toEqual([]);
    // Weeks left out (below the minimum sample) leave gaps: the run continues over them.
    const gappy = series([...steadyBaseline, 78, 79, 77, 78, 79, 78, 77, 78]).filter((_, i) => i !== 22);
    expect(spcSignals(gappy, RECENT_FROM)).toMatchObject([{ rule: "run_of_7", since: week(20) }]);
  });

  it("fires nothing on a steady noisy series, and seldom on many", () => {
    const steady = (seed: number) => {
      const next = random(seed);
      return series(
        Array.from({ length: 52 }, () => {
          const n = 40 + Math.floor(next() * 81);
          let satisfied = 0;
          for (let i = 0; i < n; i++) if (next() < 0.8) satisfied++;
          return [satisfied, n] as [number, number];
        }),
      );
    };
    expect(spcSignals(steady(2026), week(44))).toEqual([]);
    // Three rules over 8 weeks each way: about 7 % of steady series raise a false alarm.
    const alarms = Array.from({ length: 200 }, (_, seed) => spcSignals(steady(seed), week(44)).length > 0).filter(Boolean).length;
    expect(alarms).toBeLessThan(24);
  });
});

describe("the alert window", () => {
  it("is 52 ISO weeks, the last holding the day asked, the last 8 of them judged", () => {
    // Wednesday 11 March 2026: its week starts on Monday 9 March.
    expect(alertWindow("2026-03-11")).toEqual({ from: "2025-03-17", to: "2026-03-11", recentFrom: "2026-01-19" });
  });
});

