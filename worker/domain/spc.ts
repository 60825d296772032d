import { z } from "zod";
import { addDays, bucketStart, type Period } from "./period.ts";
import { OVERALL, scaleOf } from "./scales.ts";
import { figure, type Counts } from "./stats.ts";

/*
 * Statistical process control on a unit's weekly "% hài lòng" (a p-chart): who needs
 * attention is a unit whose recent weeks leave what its own past makes likely, by the
 * Western Electric rules as NHS England's "Making data count" uses them. A p-chart allows
 * for each week's own n: σ_i = √(p̄(1−p̄)/n_i) around the baseline's pooled share p̄.
 */

/** The weeks whose points are judged: the most recent ones, the week holding the last day included. */
export const RECENT_WEEKS = 8;
/** The weeks before them that make the baseline. */
export const BASELINE_WEEKS = 44;
/** The fewest baseline points (weeks with the minimum sample) a unit needs to be judged at all. */
export const MIN_BASELINE_POINTS = 8;

/** The rules, strongest first: a unit's alert in a direction names the strongest that fired. */
export const SPC_RULES = ["outside_3sigma", "two_of_three_2sigma", "run_of_7"] as const;
export type SpcRule = (typeof SPC_RULES)[number];

export const DIRECTIONS = ["drop", "rise"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A week with at least the minimum sample: a point on the chart. */
export interface WeekPoint {
  /** The week's Monday (Viet Nam day). */
  start: string;
  n: number;
  satisfied: number;
}

/** A signal of one direction: the strongest rule that fired, since which week. */
export interface Signal {
  direction: Direction;
  rule: SpcRule;
  /** The Monday of the first week of the signal. */
  since: string;
  /** The latest point's share. */
  share: number;
  /** The baseline's pooled share p̄, the centre line. */
  baseline: number;
}

/**
 * The weeks judged when alerts are asked up to `to`: 52 weeks, the last the week holding `to`
 * (its days up to `to` only), of which the last RECENT_WEEKS are judged against the others.
 */
export function alertWindow(to: string): Period & { recentFrom: string } {
  const last = bucketStart(to, "week");
  return { from: addDays(last, -7 * (RECENT_WEEKS + BASELINE_WEEKS - 1)), to, recentFrom: addDays(last, -7 * (RECENT_WEEKS - 1)) };
}

/** A recent point as a rule sees it: how far it lies on the rule's side of the centre line, and its σ. */
interface Scored {
  start: string;
  /** share − p̄ for a rise, p̄ − share for a drop: positive on the side looked at. */
  toward: number;
  sigma: number;
}

/** The start of the first signal of a rule among the recent points, or undefined. */
type Rule = (points: Scored[]) => string | undefined;

const RULES: Record<SpcRule, Rule> = {
  // A point beyond the 3σ limit.
  outside_3sigma: (points) => points.find((p) => p.toward > 3 * p.sigma)?.start,
  // Two of three consecutive points beyond 2σ on the same side (of the last two, when only two are recent).
  two_of_three_2sigma: (points) => {
    for (let i = 0; i < points.length - 1; i++) {
      const beyond = points.slice(i, i + 3).filter((p) => p.toward > 2 * p.sigma);
      if (beyond.length >= 2) return beyond[0]!.start;
    }
    return undefined;
  },
  // Seven consecutive points on the same side; a point on the centre line neither adds to nor breaks a run.
  run_of_7: (points) => {
    let run: Scored[] = [];
    for (const p of points.filter((q) => q.toward !== 0)) {
      run = p.toward > 0 ? [...run, p] : [];
      if (run.length === 7) return run[0]!.start;
    }
    return undefined;
  },
};

/**
 * The signals of a unit's weekly points (in week order; weeks below the minimum sample are
 * no points and are left out, neither breaking nor extending a run): baseline = the points
 * before `recentFrom`, at least MIN_BASELINE_POINTS of them, else nothing is judged; centre
 * line p̄ = their pooled share. The recent points are judged by each rule, in each direction;
 * at most one signal per direction, the strongest rule's (SPC_RULES' order), with the week it
 * started.
 */
export function spcSignals(points: WeekPoint[], recentFrom: string): Signal[] {
  const baseline = points.filter((p) => p.start < recentFrom);
  const recent = points.filter((p) => p.start >= recentFrom);
  if (baseline.length < MIN_BASELINE_POINTS || recent.length === 0) return [];
  const centre = baseline.reduce((k, p) => k + p.satisfied, 0) / baseline.reduce((n, p) => n + p.n, 0);
  const latest = recent.at(-1)!;
  return DIRECTIONS.flatMap((direction): Signal[] => {
    const sign = direction === "drop" ? -1 : 1;
    const scored = recent.map((p) => ({ start: p.start, toward: sign * (p.satisfied / p.n - centre), sigma: Math.sqrt((centre * (1 - centre)) / p.n) }));
    for (const rule of SPC_RULES) {
      const since = RULES[rule](scored);
      if (since) return [{ direction, rule, since, share: latest.satisfied / latest.n, baseline: centre }];
    }
    return [];
  });
}

export const alertSchema = z.object({
  unit: z.string(),
  name: z.string(),
  direction: z.enum(DIRECTIONS).describe("drop: below the baseline; rise: above it"),
  rule: z.enum(SPC_RULES).describe("The strongest rule that fired in this direction"),
  since: z.string().describe("The Monday (Viet Nam day) of the first week of the signal"),
  share: z.number().describe("The share of the latest recent week with the minimum sample"),
  baseline: z.number().describe("The centre line: the pooled share of the baseline weeks"),
});
export type Alert = z.infer<typeof alertSchema>;

/**
 * A unit's alerts from its weekly counts of the overall question: the weeks with at least the
 * minimum sample are its points.
 */
export function unitAlerts(unit: { code: string; name: string; weeks: { start: string; counts: Counts }[] }, recentFrom: string, minSample: number): Alert[] {
  const points = unit.weeks.flatMap(({ start, counts }) => {
    const { n, satisfied } = figure(counts, scaleOf(OVERALL), minSample);
    return satisfied === null ? [] : [{ start, n, satisfied }];
  });
  return spcSignals(points, recentFrom).map((signal) => ({ unit: unit.code, name: unit.name, ...signal }));
}

/** Who needs attention first: drops before rises, the strongest rule first, then by unit code. */
export function byAttention(a: Alert, b: Alert): number {
  return DIRECTIONS.indexOf(a.direction) - DIRECTIONS.indexOf(b.direction) || SPC_RULES.indexOf(a.rule) - SPC_RULES.indexOf(b.rule) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0);
}
