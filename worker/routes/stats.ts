import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import {
  childCountsOf,
  childCountsQuery,
  dayCounts,
  definitionsOf,
  statementCountsOf,
  statementCountsQuery,
  surveyDefinitionsQuery,
  totalOf,
  totalQuery,
} from "../db/stats.ts";
import { isOfficial, mayViewOfficials, unitSchema, type Role, type UnitView } from "../domain/access.ts";
import { elementFigures, elementSchema } from "../domain/elements.ts";
import { BUCKETS, periodParams, refinePeriod, resolvePeriod } from "../domain/period.ts";
import { OVERALL, scaleOf } from "../domain/scales.ts";
import { bucketCounts, distributionLevelSchema, figure, figureSchema, levelCounts, minSampleFrom } from "../domain/stats.ts";
import { slug } from "../domain/survey.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { query } from "../middleware/json-body/index.ts";
import { signedIn, unitInScope, type PrivateEnv } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

const unitPeriod = { unit: unitCode, ...periodParams };
// Defaults are applied by the handlers, not the schemas, so that the typed client sees
// optional parameters as optional.
const item = slug.optional().describe(`"${OVERALL}" (the 3-level question, the default) or a statement id (5 levels)`);
const DEFAULT_BUCKET = "month";

const itemQuery = z.strictObject({ ...unitPeriod, item }).superRefine(refinePeriod);
/** The parameters of a trend, shared with its CSV export. */
export const trendParams = { ...unitPeriod, item, bucket: z.enum(BUCKETS).optional().describe(`default ${DEFAULT_BUCKET}`) };
export const trendQuery = z.strictObject(trendParams).superRefine(refinePeriod);
const elementsQuery = z.strictObject(unitPeriod).superRefine(refinePeriod);

/** What a stats query names: a unit in the account's scope, a period and an item, defaults filled in. */
async function scope(c: Context<PrivateEnv>, q: { unit: string; from?: string; to?: string; item?: string }) {
  const unit = await unitInScope(c, q.unit, { figures: true });
  return { unit, period: resolvePeriod(q, new Date()), item: q.item ?? OVERALL, minSample: minSampleFrom(c.env.MIN_SAMPLE) };
}

const trendSchema = z.object({
  unit: z.string(),
  item: z.string(),
  bucket: z.enum(BUCKETS),
  from: z.string(),
  to: z.string(),
  minSample: z.int(),
  points: z.array(figureSchema.extend({ start: z.string().describe("The bucket's first day") })),
});

/** The trend of an item for a unit: one point per bucket of the period (the trend export uses it too). */
export async function trendOf(c: Context<PrivateEnv>, q: z.infer<typeof trendQuery>) {
  const { unit, period, item, minSample } = await scope(c, q);
  const bucket = q.bucket ?? DEFAULT_BUCKET;
  const rows = await dayCounts(c.env.DB, unit.code, item, period);
  const points = bucketCounts(rows, period, bucket).map(({ start, counts }) => ({ start, ...figure(counts, scaleOf(item), minSample) }));
  return { unit, period, item, bucket, minSample, points };
}

/**
 * Whether a child unit's figures may be listed: an official's only for accounts that may see
 * officials, and only at or above the minimum sample.
 */
function listable(child: UnitView & { n: number }, role: Role, minSample: number): boolean {
  return !isOfficial(child.kind) || (mayViewOfficials(role) && child.n >= minSample);
}

/** The analytics API: figures from the rollups, within the account's scope. */
export const stats = new Hono<AppEnv>()
  .get("/stats/trend", signedIn, query(trendQuery), async (c) => {
    const { unit, period, item, bucket, minSample, points } = await trendOf(c, c.req.valid("query"));
    return c.json({ unit: unit.code, item, bucket, ...period, minSample, points }, 200);
  })
  .get("/stats/compare", signedIn, query(itemQuery), async (c) => {
    const { unit, period, item, minSample } = await scope(c, c.req.valid("query"));
    const scale = scaleOf(item);
    const [total, children] = await c.env.DB.batch([
      totalQuery(c.env.DB, unit.code, item, period),
      childCountsQuery(c.env.DB, unit.code, item, period),
    ]);
    return c.json(
      {
        unit: unit.code,
        item,
        ...period,
        minSample,
        total: figure(totalOf(total), scale, minSample),
        children: childCountsOf(children)
          .filter((child) => listable(child, c.var.user.role, minSample))
          .map((child) => ({ unit: { code: child.code, name: child.name, kind: child.kind }, ...figure(child, scale, minSample) })),
      },
      200,
    );
  })
  .get("/stats/distribution", signedIn, query(itemQuery), async (c) => {
    const { unit, period, item, minSample } = await scope(c, c.req.valid("query"));
    const scale = scaleOf(item);
    const counts = totalOf(await totalQuery(c.env.DB, unit.code, item, period).all());
    return c.json({ unit: unit.code, item, ...period, minSample, scale, n: counts.n, levels: levelCounts(counts, scale, minSample) }, 200);
  })
  .get("/stats/elements", signedIn, query(elementsQuery), async (c) => {
    const { unit, period, minSample } = await scope(c, c.req.valid("query"));
    const [counts, definitions] = await c.env.DB.batch([
      statementCountsQuery(c.env.DB, unit.code, period),
      surveyDefinitionsQuery(c.env.DB, unit.code),
    ]);
    const elements = elementFigures(statementCountsOf(counts), definitionsOf(definitions), minSample);
    return c.json({ unit: unit.code, ...period, minSample, elements }, 200);
  });

const periodOut = { from: z.string(), to: z.string(), minSample: z.int() };
const STATS_ERRORS = errors(400, 401, 403, 404, 503);
const SUPPRESSION = "Below `minSample` answers, every number of a figure but `n` is null (\"chưa đủ mẫu\").";

/** OpenAPI description of this module's paths. */
export const statsDoc = {
  "/stats/trend": {
    get: {
      summary: "Trend of % satisfied for a unit",
      description: `One point per bucket of the period (Viet Nam days; weeks start on Monday), empty buckets with n = 0. The first and last buckets count only the days inside the period. Default period: the last twelve calendar months. ${SUPPRESSION}`,
      parameters: parameters("query", z.object(trendParams)),
      responses: { "200": json(trendSchema, "The trend"), ...STATS_ERRORS },
    },
  },
  "/stats/compare": {
    get: {
      summary: "A unit's direct children side by side, with intervals",
      description: `An official's figures are listed only for admins and managers, and only from the minimum sample up. ${SUPPRESSION}`,
      parameters: parameters("query", z.object({ ...unitPeriod, item })),
      responses: {
        "200": json(
          z.object({ unit: z.string(), item: z.string(), ...periodOut, total: figureSchema, children: z.array(figureSchema.extend({ unit: unitSchema.omit({ parent: true }) })) }),
          "The unit's total and its children's figures",
        ),
        ...STATS_ERRORS,
      },
    },
  },
  "/stats/distribution": {
    get: {
      summary: "Answers per level of an item",
      description: "Highest level first. Below the minimum sample the counts are null.",
      parameters: parameters("query", z.object({ ...unitPeriod, item })),
      responses: {
        "200": json(
          z.object({ unit: z.string(), item: z.string(), ...periodOut, scale: z.union([z.literal(3), z.literal(5)]), n: z.int(), levels: z.array(distributionLevelSchema) }),
          "The distribution",
        ),
        ...STATS_ERRORS,
      },
    },
  },
  "/stats/elements": {
    get: {
      summary: "SIPAS element scores with their statements",
      description: `The elements and statements the unit's answers in the period used. An element's share and mean pool its statements' answers; its n and interval count respondents, since one citizen answers all of them. ${SUPPRESSION}`,
      parameters: parameters("query", z.object(unitPeriod)),
      responses: { "200": json(z.object({ unit: z.string(), ...periodOut, elements: z.array(elementSchema) }), "The element scores"), ...STATS_ERRORS },
    },
  },
};
