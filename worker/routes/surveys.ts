import { Hono } from "hono";
import { etag } from "hono/etag";
import { z } from "zod";
import { originAllowedQuery } from "../db/origins.ts";
import { officialsQuery, parseSurveyVersion, surveyUnitQuery, surveyVersionQuery, type SurveyUnit } from "../db/surveys.ts";
import { originImplicitlyAllowed } from "../domain/origin.ts";
import { publicSurvey, publicSurveySchema, slug, type OfficialChoice } from "../domain/survey.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { originRefused } from "../middleware/cors/index.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { query } from "../middleware/json-body/index.ts";
import { errors, json, parameters } from "../openapi.ts";

/** The 404 for a unit code that names no current unit. */
export function unknownUnit(code: string): ApiError {
  return new ApiError(404, "unknown_unit", {
    en: `There is no unit with code "${code}". Check the unit attribute against the official unit list (e.g. "00004").`,
    vi: `Không có đơn vị mã "${code}". Kiểm tra thuộc tính unit theo danh mục đơn vị hành chính (ví dụ "00004").`,
  });
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
    const origin = c.req.header("origin");
    const [unitRows, originRows, officialRows] = await c.env.DB.batch<unknown>([
      surveyUnitQuery(c.env.DB, code),
      originAllowedQuery(c.env.DB, code, origin ?? ""),
      officialsQuery(c.env.DB, code),
    ]);
    const unit = unitRows?.results[0] as SurveyUnit | undefined;
    if (!unit) throw unknownUnit(code);
    const allowed = (originRows?.results[0] as { allowed: number }).allowed === 1;
    if (origin && !allowed && !originImplicitlyAllowed(origin, c.req.url)) throw originRefused(origin, code);

    const id = c.req.valid("query").survey ?? unit.survey;
    const row = await surveyVersionQuery(c.env.DB, code, id).first<{ id: string; version: number; definition: string }>();
    if (!row) throw unknownSurvey(id, code);

    const body = publicSurvey(
      parseSurveyVersion(row),
      { code: unit.code, name: unit.name },
      officialRows?.results as OfficialChoice[],
      unit.turnstileSiteKey,
    );
    // Short freshness, then revalidation by ETag: a published version never changes, but the
    // unit may switch to a newer one.
    c.header("Cache-Control", "public, max-age=300");
    return c.json(body);
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
