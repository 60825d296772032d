import { Hono } from "hono";
import { etag } from "hono/etag";
import { z } from "zod";
import { officialsQuery, unitContext, type UnitContext, type UnitContextQuery } from "../db/surveys.ts";
import { originImplicitlyAllowed } from "../domain/origin.ts";
import { publicSurvey, publicSurveySchema, slug, type OfficialChoice, type SurveyVersion } from "../domain/survey.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { originRefused } from "../middleware/cors/index.ts";
import { ApiError, unknownUnit } from "../middleware/errors/index.ts";
import { query } from "../middleware/json-body/index.ts";
import { errors, json, parameters } from "../openapi.ts";

type UsableContext = UnitContext & { survey: SurveyVersion };

/**
 * The context of a unit for a public request, or the error that ends it: 404 for an unknown
 * unit, 403 for an origin the unit has not allowed, 404 for a survey it cannot use.
 */
export async function publicUnitContext(
  db: D1Database,
  q: Omit<UnitContextQuery, "origin">,
  request: { origin: string | undefined; self: string },
): Promise<UsableContext> {
  const origin = originImplicitlyAllowed(request.origin, request.self) ? undefined : request.origin;
  const context = await unitContext(db, { ...q, ...(origin && { origin }) });
  if (!context) throw unknownUnit(q.unit);
  if (!context.originAllowed) throw originRefused(origin!, q.unit);
  const { survey } = context;
  if (!survey) throw unknownSurvey(q.version ? `${q.survey} v${q.version}` : (q.survey ?? "default"), q.unit);
  return { ...context, survey };
}

/** The 404 for a survey (or version) that the unit cannot use. */
export function unknownSurvey(survey: string, unit: string): ApiError {
  return new ApiError(404, "unknown_survey", {
    en: `Survey "${survey}" is not published for unit ${unit}. Remove the survey attribute to use the unit's own.`,
    vi: `Khảo sát "${survey}" không dùng được cho đơn vị ${unit}. Bỏ thuộc tính survey để dùng khảo sát mặc định của đơn vị.`,
  });
}

/** The public survey endpoint: what the widget shows for a unit. */
export const surveys = new Hono<AppEnv>().get(
  "/units/:code/survey",
  query(z.strictObject({ survey: slug.optional() })),
  etag(),
  async (c) => {
    const code = c.req.param("code");
    const [context, officials] = await Promise.all([
      publicUnitContext(c.env.DB, { unit: code, survey: c.req.valid("query").survey }, { origin: c.req.header("origin"), self: c.req.url }),
      officialsQuery(c.env.DB, code).all<OfficialChoice>(),
    ]);
    // Short freshness, then revalidation by ETag: a published version never changes, but the
    // unit may switch to a newer one.
    c.header("Cache-Control", "public, max-age=300");
    return c.json(publicSurvey(context.survey, { code: context.code, name: context.name }, officials.results, context.turnstileSiteKey));
  },
);

/** OpenAPI description of this module's paths. */
export const surveysDoc = {
  "/units/{code}/survey": {
    get: {
      summary: "The survey the widget shows for a unit",
      description:
        "The unit's own survey, or the nearest ancestor's, down from the national default. `survey` picks another published survey the unit may use. Cacheable; revalidate with If-None-Match.",
      parameters: [
        ...parameters("path", z.object({ code: unitCode })),
        ...parameters("query", z.object({ survey: slug.optional() })),
      ],
      responses: { "200": json(publicSurveySchema, "The survey, in Vietnamese and English"), "304": { description: "Not modified" }, ...errors(400, 403, 404, 503) },
    },
  },
};
