import { z } from "zod";
import { bucketStart, bucketStarts, type Bucket, type Period } from "./period.ts";
import { SCALES, satisfiedFrom, type ScaleSize } from "./scales.ts";
import { wilson } from "./wilson.ts";

/*
 * Figures from rollups: counts per level summed over days, turned into "% hài lòng" with
 * its Wilson 95% interval and mean level, suppressed below the minimum sample.
 */

/** Answers per level with the sum of levels, for one item over some days. */
export interface Counts {
  n: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  sum: number;
}

export const NO_COUNTS: Counts = { n: 0, c1: 0, c2: 0, c3: 0, c4: 0, c5: 0, sum: 0 };

const LEVELS = [1, 2, 3, 4, 5] as const;
const countAt = (c: Counts, level: number) => c[`c${level}` as `c${(typeof LEVELS)[number]}`];

export function addCounts(a: Counts, b: Counts): Counts {
  return { n: a.n + b.n, c1: a.c1 + b.c1, c2: a.c2 + b.c2, c3: a.c3 + b.c3, c4: a.c4 + b.c4, c5: a.c5 + b.c5, sum: a.sum + b.sum };
}

/** The default minimum sample when the deployment sets none (or nonsense). */
export const DEFAULT_MIN_SAMPLE = 30;

/** The deployment's minimum sample from its MIN_SAMPLE setting. */
export function minSampleFrom(setting: string | undefined): number {
  const value = Number(setting);
  return Number.isInteger(value) && value >= 1 ? value : DEFAULT_MIN_SAMPLE;
}

/**
 * A figure: n answers, of which `satisfied` at "Hài lòng" or better; share, Wilson 95%
 * bounds and mean level. Below the minimum sample every number but n is null ("chưa đủ mẫu").
 */
export const figureSchema = z.object({
  n: z.int(),
  satisfied: z.int().nullable(),
  share: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  mean: z.number().nullable(),
});
export type Figure = z.infer<typeof figureSchema>;

/** A figure of n answers too few to show: only n ("chưa đủ mẫu"). */
export function suppressed(n: number): Figure {
  return { n, satisfied: null, share: null, lower: null, upper: null, mean: null };
}

export function figure(c: Counts, scale: ScaleSize, minSample: number): Figure {
  if (c.n === 0 || c.n < minSample) return suppressed(c.n);
  const satisfied = LEVELS.filter((level) => level >= satisfiedFrom(scale) && level <= scale).reduce((k, level) => k + countAt(c, level), 0);
  return { n: c.n, satisfied, ...wilson(satisfied, c.n), mean: c.sum / c.n };
}

/** Day rows summed into one bucket per start, every bucket of the period present. */
export function bucketCounts(rows: (Counts & { day: string })[], period: Period, bucket: Bucket): { start: string; counts: Counts }[] {
  const sums = new Map(bucketStarts(period.from, period.to, bucket).map((start) => [start, NO_COUNTS]));
  for (const row of rows) {
    const start = bucketStart(row.day, bucket);
    const sum = sums.get(start);
    if (sum) sums.set(start, addCounts(sum, row));
  }
  return [...sums].map(([start, counts]) => ({ start, counts }));
}

export const distributionLevelSchema = z.object({
  level: z.int(),
  label: z.object({ vi: z.string(), en: z.string() }),
  count: z.int().nullable(),
});

/** Answers per level of the item's scale, highest first; counts null below the minimum sample. */
export function levelCounts(c: Counts, scale: ScaleSize, minSample: number): z.infer<typeof distributionLevelSchema>[] {
  const shown = c.n > 0 && c.n >= minSample;
  return SCALES[scale].map(({ level, label }) => ({ level, label, count: shown ? countAt(c, level) : null }));
}

/** How a unit continues others: a merger (its figures include theirs) or a split (they do not). */
export type SuccessionKind = "merge" | "split";

/** A unit another continues, and the day its answers stop counting there. */
export const predecessorSchema = z.object({
  code: z.string(),
  name: z.string(),
  until: z.string().describe("The day the successor took over: the predecessor's answers up to the day before"),
});
export type Predecessor = z.infer<typeof predecessorSchema>;

/** What a figure says of the units its unit continues. */
export const lineageFields = {
  predecessors: z
    .array(predecessorSchema)
    .describe("Units merged into this one: their answers on days before `until` are included in this unit's figures (they stay readable on their own)"),
  partOf: z
    .array(predecessorSchema)
    .describe("Units this one continues part of after a split, from `until`: their answers stay theirs and are not included here"),
};
