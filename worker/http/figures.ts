import type { Context } from "hono";
import { z } from "zod";
import { dayCounts } from "../db/stats.ts";
import { BUCKETS, periodParams, refinePeriod, resolvePeriod } from "../domain/period.ts";
import { OVERALL, scaleOf } from "../domain/scales.ts";
import { bucketCounts, figure, figureSchema, lineageFields, minSampleFrom } from "../domain/stats.ts";
import { slug } from "../domain/survey.ts";
import { unitCode } from "../domain/units.ts";
import { unitInScope, type PrivateEnv } from "../middleware/session/index.ts";

/*
 * What the figures' routes share: the parameters of a unit and period, the scope they name
 * for the account, and a trend (shown by the stats API, exported as CSV).
 */

export const unitPeriod = { unit: unitCode, ...periodParams };
// Defaults are applied by the handlers, not the schemas, so that the typed client sees
// optional parameters as optional.
export const item = slug.optional().describe(`"${OVERALL}" (the 3-level question, the default) or a statement id (5 levels)`);
const DEFAULT_BUCKET = "month";

export const itemQuery = z.strictObject({ ...unitPeriod, item }).superRefine(refinePeriod);
/** The parameters of a trend, shared with its CSV export. */
export const trendParams = { ...unitPeriod, item, bucket: z.enum(BUCKETS).optional().describe(`default ${DEFAULT_BUCKET}`) };
export const trendQuery = z.strictObject(trendParams).superRefine(refinePeriod);
export const elementsQuery = z.strictObject(unitPeriod).superRefine(refinePeriod);

/** What a stats query names: a unit in the account's scope, a period and an item, defaults filled in. */
export async function scope(c: Context<PrivateEnv>, q: { unit: string; from?: string; to?: string; item?: string }) {
  const unit = await unitInScope(c, q.unit, { figures: true });
  return { unit, period: resolvePeriod(q, new Date()), item: q.item ?? OVERALL, minSample: minSampleFrom(c.env.MIN_SAMPLE) };
}

/** How many answers a figure leaves out, in every figure's response. */
export const excludedField = z
  .int()
  .describe("Answers in the unit's subtree and period left out of every figure as suspicious (a honeypot, a flagged burst; see /incidents)");

export const trendSchema = z.object({
  unit: z.string(),
  item: z.string(),
  bucket: z.enum(BUCKETS),
  from: z.string(),
  to: z.string(),
  minSample: z.int(),
  excluded: excludedField,
  ...lineageFields,
  points: z.array(
    figureSchema.extend({
      start: z.string().describe("The bucket's first day"),
      includes: z
        .array(z.string())
        .optional()
        .describe("Only on a point that includes predecessors' answers: the codes of the `predecessors` merged into the unit after the bucket's start"),
    }),
  ),
});

/**
 * The trend of an item for a unit: one point per bucket of the period (the trend export uses
 * it too), the answers of units merged into it included before each merger and marked.
 */
export async function trendOf(c: Context<PrivateEnv>, q: z.infer<typeof trendQuery>) {
  const { unit, period, item, minSample } = await scope(c, q);
  const bucket = q.bucket ?? DEFAULT_BUCKET;
  const { days, excluded, predecessors, partOf } = await dayCounts(c.var.store, unit.code, item, period);
  const points = bucketCounts(days, period, bucket).map(({ start, counts }) => {
    const includes = predecessors.filter((p) => start < p.until).map((p) => p.code);
    return { start, ...figure(counts, scaleOf(item), minSample), ...(includes.length > 0 ? { includes } : {}) };
  });
  return { unit, period, item, bucket, minSample, points, excluded, predecessors, partOf };
}

