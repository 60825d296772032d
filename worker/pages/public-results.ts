import { Hono } from "hono";
import { complaintMeasures, NO_COMPLAINTS } from "../db/feedback.ts";
import { publishedUnit, type PublishedUnit } from "../db/publications.ts";
import { childCounts, dayCounts } from "../db/stats.ts";
import type { Store } from "../db/store.ts";
import { resolvePeriod } from "../domain/period.ts";
import { OVERALL, scaleOf } from "../domain/scales.ts";
import { bucketCounts, figure, minSampleFrom, suppressed } from "../domain/stats.ts";
import { listedChildren } from "../domain/suppression.ts";
import type { Lang } from "../domain/text.ts";
import type { AppEnv } from "../env.ts";
import { secureHeadersWithHsts } from "../middleware/headers/index.ts";
import { store } from "../middleware/store/index.ts";
import { notPublishedPage, pageCsp, resultsPage, type PublicResults } from "./public-results-page.ts";

/*
 * Published results, /cong-khai/<unit code>: what a unit's managers chose to show citizens,
 * with no login. The figures are those a viewer of the unit reads in the dashboard, over the
 * last twelve months: the unit's trend by month, its children side by side (suppressed and
 * protected as GET /stats/compare does for a viewer) and its complaints' handling. Never an
 * official: none is published, listed or counted apart, and complaints about one are left
 * out of the measures. One cacheable response with no script; the style is allowed by its
 * hash, so a cached copy stays valid.
 */

const scale = scaleOf(OVERALL);

/** The figures a published unit shows, as of `now`. */
async function publicResults(s: Store, unit: PublishedUnit, minSample: number, now: Date): Promise<PublicResults> {
  const period = resolvePeriod({}, now);
  const [trend, compared, complaints] = await Promise.all([
    dayCounts(s, unit.code, OVERALL, period),
    childCounts(s, unit.code, OVERALL, period),
    complaintMeasures(s, { root: unit.code, officials: false, ...period }),
  ]);
  const total = figure(compared.total, scale, minSample);
  // As /stats/compare lists children for a viewer: officials are never rows, and none of the
  // figures shown lets a hidden one be had by subtraction from the total.
  const { listed, hidden } = listedChildren(total.n, compared.children, "viewer", minSample);
  return {
    unit,
    period,
    minSample,
    excluded: trend.excluded,
    months: bucketCounts(trend.days, period, "month").map(({ start, counts }) => ({ start, ...figure(counts, scale, minSample) })),
    total,
    children: listed.map((child) => ({ name: child.name, ...(hidden.has(child.code) ? suppressed(child.n) : figure(child, scale, minSample)) })),
    complaints: complaints.get("") ?? NO_COMPLAINTS,
  };
}

/** Strict: the page loads nothing, runs nothing and is framed by nobody; only its own style applies. */
const pageHeaders = secureHeadersWithHsts({ xFrameOptions: "DENY" });

/** Cached by browsers for five minutes and at the edge for an hour. */
const CACHEABLE = "public, max-age=300, s-maxage=3600";

export const publicResultsPage = new Hono<AppEnv>().use("/cong-khai/:code", pageHeaders, store).get("/cong-khai/:code", async (c) => {
  const lang: Lang = c.req.query("lang") === "en" ? "en" : "vi";
  c.header("Content-Security-Policy", await pageCsp());
  const unit = await publishedUnit(c.var.store, c.req.param("code"));
  if (!unit) {
    // Publishing takes effect at once: a refusal is never kept.
    c.header("Cache-Control", "no-store");
    return c.html(notPublishedPage(lang), 404);
  }
  c.header("Cache-Control", CACHEABLE);
  return c.html(resultsPage(await publicResults(c.var.store, unit, minSampleFrom(c.env.MIN_SAMPLE), new Date()), lang));
});
