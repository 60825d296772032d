import { Hono } from "hono";
import { etag } from "hono/etag";
import { z } from "zod";
import { publicSurveySchema, slug } from "../domain/survey.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { publicSurveyOf } from "../http/public-survey.ts";
import { originToCheck } from "../http/public-unit.ts";
import { query } from "../middleware/json-body/index.ts";
import { errors, json, parameters } from "../openapi.ts";

/** The public survey endpoint: what the widget shows for a unit. */
export const surveys = new Hono<AppEnv>().get(
  "/units/:code/survey",
  query(z.strictObject({ survey: slug.optional() })),
  etag(),
  async (c) => {
    const q = { unit: c.req.param("code"), survey: c.req.valid("query").survey };
    const survey = await publicSurveyOf(c, q, originToCheck({ origin: c.req.header("origin"), self: c.req.url }));
    // Short freshness, then revalidation by ETag: a published version never changes, but the
    // unit may switch to a newer one.
    c.header("Cache-Control", "public, max-age=300");
    return c.json(survey);
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
