import { Hono } from "hono";
import { z } from "zod";
import { statementCounts, subtreeWeeklyCounts, surveyDefinitions, totalCounts } from "../db/stats.ts";
import { isOfficial, mayViewOfficials, unitSchema } from "../domain/access.ts";
import { elementFigures, elementSchema } from "../domain/elements.ts";
import { funnelSchema } from "../domain/funnel.ts";
import { isoDay } from "../domain/period.ts";
import { OVERALL, scaleOf } from "../domain/scales.ts";
import { alertSchema, alertWindow, BASELINE_WEEKS, byAttention, MIN_BASELINE_POINTS, RECENT_WEEKS, unitAlerts } from "../domain/spc.ts";
import { distributionLevelSchema, figureSchema, levelCounts, lineageFields, minSampleFrom } from "../domain/stats.ts";
import { unitCode } from "../domain/units.ts";
import { vnDay } from "../domain/vn-time.ts";
import type { AppEnv } from "../env.ts";
import { compareOf, elementsQuery, excludedField, item, itemQuery, scope, trendOf, trendParams, trendQuery, trendSchema, unitPeriod } from "../http/figures.ts";
import { query } from "../middleware/json-body/index.ts";
import { signedIn, unitInScope } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

const alertsParams = { unit: unitCode, to: isoDay.optional().describe("The last day judged; default today (Viet Nam)") };
const alertsQuery = z.strictObject(alertsParams);

/** The analytics API: figures from the rollups, within the account's scope. */
export const stats = new Hono<AppEnv>()
  .get("/stats/trend", signedIn, query(trendQuery), async (c) => {
    const { unit, period, item, bucket, minSample, points, excluded, predecessors, partOf } = await trendOf(c, c.req.valid("query"));
    return c.json({ unit: unit.code, item, bucket, ...period, minSample, excluded, predecessors, partOf, points }, 200);
  })
  .get("/stats/compare", signedIn, query(itemQuery), async (c) => {
    const { unit, period, ...compared } = await compareOf(c, c.req.valid("query"));
    return c.json({ unit: unit.code, ...period, ...compared }, 200);
  })
  .get("/stats/alerts", signedIn, query(alertsQuery), async (c) => {
    const q = c.req.valid("query");
    const unit = await unitInScope(c, q.unit, { figures: true });
    const minSample = minSampleFrom(c.env.MIN_SAMPLE);
    const { recentFrom, ...period } = alertWindow(q.to ?? vnDay(new Date()));
    const units = await subtreeWeeklyCounts(c.var.store, unit.code, OVERALL, period, minSample);
    const role = c.var.user.role;
    const alerts = units.filter((u) => !isOfficial(u.kind) || mayViewOfficials(role)).flatMap((u) => unitAlerts(u, recentFrom, minSample));
    return c.json({ unit: unit.code, alerts: alerts.sort(byAttention) }, 200);
  })
  .get("/stats/distribution", signedIn, query(itemQuery), async (c) => {
    const { unit, period, item, minSample } = await scope(c, c.req.valid("query"));
    const scale = scaleOf(item);
    const { counts, excluded, predecessors, partOf } = await totalCounts(c.var.store, unit.code, item, period, { merged: true });
    return c.json({ unit: unit.code, item, ...period, minSample, excluded, predecessors, partOf, scale, n: counts.n, levels: levelCounts(counts, scale, minSample) }, 200);
  })
  .get("/stats/elements", signedIn, query(elementsQuery), async (c) => {
    const { unit, period, minSample } = await scope(c, c.req.valid("query"));
    const [{ statements, excluded, predecessors, partOf }, definitions] = await Promise.all([
      statementCounts(c.var.store, unit.code, period),
      surveyDefinitions(c.var.store, unit.code),
    ]);
    const elements = elementFigures(statements, definitions, minSample);
    return c.json({ unit: unit.code, ...period, minSample, excluded, predecessors, partOf, elements }, 200);
  });

const periodOut = {
  from: z.string(),
  to: z.string(),
  minSample: z.int(),
  excluded: excludedField,
  ...lineageFields,
};
const STATS_ERRORS = errors(400, 401, 403, 404, 503);
const SUPPRESSION = "Below `minSample` answers, every number of a figure but `n` is null (\"chưa đủ mẫu\").";
const SUCCESSIONS =
  "A unit that others merged into (POST /mergers) includes their answers on the days before the merger, named in `predecessors`; they stay readable on their own, their figures ending the day before. After a split (POST /splits) the old unit's history stays its own: the new units start on the split day and name it in `partOf`.";

const FUNNEL =
  "`funnel` compares the children fairly whatever their size (Spiegelhalter 2005): around the unit's own share `p0`, each child's 95 % and 99.8 % control limits at its n, p0 ± z·√(p0(1−p0)/n + τ̂²) clipped to [0, 1]. τ̂² is the between-unit variance of NHS England's SHMI method (z-scores winsorised at 10 % each tail, φ̂ = mean z², τ̂² = (k·φ̂ − (k−1)) / (Σw − Σw²/Σw) with w = n/(p0(1−p0)), 0 unless k·φ̂ > k − 1). A child is `above` or `below` when its share lies outside the 95 % limits, as SHMI bands \"higher\" or \"lower than expected\", else `within`. `shrunk` is its empirical-Bayes estimate (beta-binomial, a beta prior fitted by the method of moments to the shown children's shares less their binomial noise; posterior mean (y+α)/(n+α+β)): rank by it, and show it with the child's raw Wilson interval (`lower`, `upper`). A child whose figure is not shown (below the minimum sample, or `protected`) has `code` and `n` only and takes no part in τ̂² or the prior.";

const againstPreviousFields = {
  previous: z
    .object({ n: z.int(), share: z.number().nullable() })
    .nullable()
    .describe("The same unit in the `previous` period, suppressed and protected by the same rules as that period's comparison; null for a child not listed then (not yet open, or an official below the minimum)"),
  change: z.number().nullable().describe("`share` less the previous period's share (−0.05 is 5 percentage points lower); null when either is not shown"),
};

const CHANGE =
  "Each figure also carries its `previous` one, the same unit over the period of the same length just before (`previous.from`..`previous.to`), as that period's own comparison would show it, and the `change` in its share.";

/** OpenAPI description of this module's paths. */
export const statsDoc = {
  "/stats/trend": {
    get: {
      summary: "Trend of % satisfied for a unit",
      description: `One point per bucket of the period (Viet Nam days; weeks start on Monday), empty buckets with n = 0. The first and last buckets count only the days inside the period. Default period: the last twelve calendar months. ${SUPPRESSION} ${SUCCESSIONS} Each point's \`includes\` names the predecessors whose answers it holds.`,
      parameters: parameters("query", z.object(trendParams)),
      responses: { "200": json(trendSchema, "The trend"), ...STATS_ERRORS },
    },
  },
  "/stats/compare": {
    get: {
      summary: "A unit's direct children side by side, with intervals",
      description: `An official's figures are listed only for admins and managers, and only from the minimum sample up. ${SUPPRESSION} Complementary suppression: when a child is below the minimum, the parent's answers not covered by the children shown number at least the minimum; more children are hidden (\`protected\`, the smallest first) until they do. Children are those open on some day of the period; a child's row includes the units merged into it (its \`predecessors\`), which are then not listed on their own, so no answer is in two rows. ${SUCCESSIONS} ${CHANGE} ${FUNNEL}`,
      parameters: parameters("query", z.object({ ...unitPeriod, item })),
      responses: {
        "200": json(
          z.object({
            unit: z.string(),
            item: z.string(),
            ...periodOut,
            previous: z.object({ from: z.string(), to: z.string() }).describe("The period of the same length just before, ending the day before `from`"),
            total: figureSchema.extend(againstPreviousFields),
            children: z.array(
              figureSchema.extend({
                unit: unitSchema.omit({ parent: true }),
                ...lineageFields,
                protected: z.boolean().describe("Hidden although it has the minimum sample, so that no child's hidden figure can be had by subtraction"),
                ...againstPreviousFields,
              }),
            ),
            funnel: funnelSchema,
          }),
          "The unit's total and its children's figures",
        ),
        ...STATS_ERRORS,
      },
    },
  },
  "/stats/alerts": {
    get: {
      summary: "Units that need attention: drops and rises against their own past",
      description: `"Cần chú ý": the unit and every unit below it down to its officials (an official only for admins and managers), judged by statistical process control (a p-chart) on the weekly share satisfied with the overall question, from the rollups (quarantined answers are never in them). The window is ${RECENT_WEEKS + BASELINE_WEEKS} ISO weeks (Monday to Sunday, Viet Nam days), the last holding \`to\` (its days up to \`to\`). A week with fewer answers than the minimum sample is no point: it neither breaks nor extends a run. Baseline: the unit's points before the last ${RECENT_WEEKS} weeks; with fewer than ${MIN_BASELINE_POINTS}, the unit is not judged. Centre line p̄ = the baseline's pooled share; σ = √(p̄(1−p̄)/n) for each week's n. The last ${RECENT_WEEKS} weeks' points are judged by the Western Electric rules of NHS England's "Making data count": \`outside_3sigma\` (a point beyond p̄ ± 3σ), \`two_of_three_2sigma\` (2 of 3 consecutive points beyond 2σ on the same side), \`run_of_7\` (7 consecutive points on the same side of p̄; a point on p̄ neither adds nor breaks). At most one alert per unit and direction (\`drop\` below p̄, \`rise\` above), naming the strongest rule that fired (in that order) and the Monday of its first week (\`since\`); \`share\` is the latest recent point's share. Drops first, then by rule, then by unit code. A unit merged into another counts in its successor's weeks before the merger, and is not listed on its own.`,
      parameters: parameters("query", z.object(alertsParams)),
      responses: { "200": json(z.object({ unit: z.string(), alerts: z.array(alertSchema) }), "The alerts"), ...STATS_ERRORS },
    },
  },
  "/stats/distribution": {
    get: {
      summary: "Answers per level of an item",
      description: `Highest level first. Below the minimum sample the counts are null. ${SUCCESSIONS}`,
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
      description: `The elements and statements the unit's answers in the period used. An element's share and mean pool its statements' answers; its n and interval count respondents, since one citizen answers all of them. ${SUPPRESSION} ${SUCCESSIONS}`,
      parameters: parameters("query", z.object(unitPeriod)),
      responses: { "200": json(z.object({ unit: z.string(), ...periodOut, elements: z.array(elementSchema) }), "The element scores"), ...STATS_ERRORS },
    },
  },
};
