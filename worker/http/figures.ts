import type { Context } from "hono";
import { z } from "zod";
import { childCounts, dayCounts } from "../db/stats.ts";
import type { Role } from "../domain/access.ts";
import { previousPeriod } from "../domain/calendar.ts";
import { funnel } from "../domain/funnel.ts";
import { BUCKETS, periodParams, refinePeriod, resolvePeriod } from "../domain/period.ts";
import { OVERALL, scaleOf, type ScaleSize } from "../domain/scales.ts";
import { bucketCounts, figure, figureSchema, lineageFields, minSampleFrom, suppressed, type Figure } from "../domain/stats.ts";
import { listedChildren } from "../domain/suppression.ts";
import { slug } from "../domain/survey.ts";
import { unitCode } from "../domain/units.ts";
import { unitInScope, type PrivateEnv } from "../middleware/session/index.ts";

/*
 * What the figures' routes share: the parameters of a unit and period, the scope they name
 * for the account, a trend and a comparison (each shown by the stats API and exported).
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


/** A unit's children side by side in one period, as this account may see them. */
function sideBySide({ total, children }: Awaited<ReturnType<typeof childCounts>>, scale: ScaleSize, role: Role, minSample: number) {
  const { listed, hidden } = listedChildren(total.n, children, role, minSample);
  return {
    total: figure(total, scale, minSample),
    children: listed.map((child) => ({
      unit: { code: child.code, name: child.name, kind: child.kind },
      predecessors: child.predecessors,
      partOf: child.partOf,
      ...(hidden.has(child.code) ? { ...suppressed(child.n), protected: true } : { ...figure(child, scale, minSample), protected: false }),
    })),
  };
}

/** A figure against the same unit's in the previous period: what it was, and the change in its share. */
const againstPrevious = (now: Figure, before: Figure | undefined) => ({
  previous: before ? { n: before.n, share: before.share } : null,
  change: now.share !== null && before?.share != null ? now.share - before.share : null,
});

/**
 * A unit's direct children compared (GET /stats/compare, and its exports): each figure as the
 * account may see it, against the previous period of the same length under the same rules,
 * and the funnel of what is shown.
 */
export async function compareOf(c: Context<PrivateEnv>, q: z.infer<typeof itemQuery>) {
  const { unit, period, item, minSample } = await scope(c, q);
  const previous = previousPeriod(period);
  const [now, before] = await Promise.all([childCounts(c.var.store, unit.code, item, period), childCounts(c.var.store, unit.code, item, previous)]);
  const scale = scaleOf(item);
  const current = sideBySide(now, scale, c.var.user.role, minSample);
  const earlier = sideBySide(before, scale, c.var.user.role, minSample);
  const earlierOf = new Map(earlier.children.map((child) => [child.unit.code, child]));
  return {
    unit,
    item,
    period,
    previous,
    minSample,
    excluded: now.excluded,
    predecessors: now.predecessors,
    partOf: now.partOf,
    total: { ...current.total, ...againstPrevious(current.total, earlier.total) },
    children: current.children.map((child) => ({ ...child, ...againstPrevious(child, earlierOf.get(child.unit.code)) })),
    // Only what the children's rows show goes into the funnel: a hidden figure stays hidden.
    funnel: funnel(
      current.total.share,
      current.children.map((child) => ({ code: child.unit.code, n: child.n, satisfied: child.satisfied })),
    ),
  };
}
