import { Hono } from "hono";
import { originAllowedQuery } from "../db/origins.ts";
import { findReceipt, insertResponseStatements, violatedUniqueness } from "../db/responses.ts";
import { officialAllowedQuery, parseSurveyVersion, surveyUnitQuery, surveyVersionQuery, type SurveyUnit } from "../db/surveys.ts";
import { originImplicitlyAllowed } from "../domain/origin.ts";
import { checkAgainstSurvey, receiptSchema, submissionSchema, toResponseRecord, type Receipt, type Submission } from "../domain/submission.ts";
import type { AppEnv } from "../env.ts";
import { originRefused } from "../middleware/cors/index.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { invalid, jsonBody, requireJson } from "../middleware/json-body/index.ts";
import { enforceLimit } from "../middleware/rate-limit/index.ts";
import { verifyTurnstile } from "../middleware/turnstile/index.ts";
import { errors, json } from "../openapi.ts";
import { unknownSurvey, unknownUnit } from "./surveys.ts";

/** The largest answer set accepted: far above a full SIPAS survey with both texts filled. */
export const MAX_BODY_BYTES = 16 * 1024;

const caseAlreadyRated = (sub: Submission) =>
  new ApiError(422, "case_already_rated", {
    en: `Case ${sub.caseCode} has already been rated at unit ${sub.unit}: one rating per case.`,
    vi: `Hồ sơ ${sub.caseCode} đã được đánh giá tại đơn vị ${sub.unit}: mỗi hồ sơ chỉ đánh giá một lần.`,
  });

const idReused = (id: string) =>
  new ApiError(422, "id_reused", {
    en: `Response id ${id} was already used for a different answer set. Make a new id for each answer set.`,
    vi: `Mã câu trả lời ${id} đã được dùng cho một bộ câu trả lời khác. Mỗi lần trả lời cần một mã mới.`,
  });

/**
 * Checks everything a submission depends on in one round trip: the unit, the origin, the
 * survey version and the official. Throws the first problem, most basic first.
 */
async function checkContext(db: D1Database, sub: Submission, origin: string | undefined, self: string) {
  const [unitRows, originRows, surveyRows, officialRows] = await db.batch<unknown>([
    surveyUnitQuery(db, sub.unit),
    originAllowedQuery(db, sub.unit, origin ?? ""),
    surveyVersionQuery(db, sub.unit, sub.survey, sub.version),
    officialAllowedQuery(db, sub.unit, sub.official ?? ""),
  ]);
  const unit = unitRows?.results[0] as SurveyUnit | undefined;
  if (!unit) throw unknownUnit(sub.unit);
  const originOk = (originRows?.results[0] as { allowed: number }).allowed === 1;
  if (origin && !originOk && !originImplicitlyAllowed(origin, self)) throw originRefused(origin, sub.unit);
  const row = surveyRows?.results[0] as { id: string; version: number; definition: string } | undefined;
  if (!row) throw unknownSurvey(`${sub.survey} v${sub.version}`, sub.unit);
  const fields = checkAgainstSurvey(sub, parseSurveyVersion(row).definition);
  if (sub.official && (officialRows?.results[0] as { allowed: number }).allowed !== 1) {
    fields.official = "not an official of this unit's commune";
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return unit;
}

/** The public submission endpoint. */
export const responses = new Hono<AppEnv>().post(
  "/responses",
  requireJson(MAX_BODY_BYTES),
  jsonBody(submissionSchema),
  async (c) => {
    const sub = c.req.valid("json");
    const unit = await checkContext(c.env.DB, sub, c.req.header("origin"), c.req.url);
    await enforceLimit(c.env.SUBMIT_LIMITER, `${sub.unit}:${c.var.clientHash}`);
    if (unit.turnstileSiteKey) await verifyTurnstile(c.env.TURNSTILE_SECRET_KEY, sub.turnstile, c.req.header("cf-connecting-ip"));

    const record = await toResponseRecord(sub, new Date(), c.var.clientHash);
    try {
      await c.env.DB.batch(insertResponseStatements(c.env.DB, [record]));
    } catch (err) {
      const rule = violatedUniqueness(err);
      if (rule === "case") throw caseAlreadyRated(sub);
      if (rule !== "id") throw err;
      // A retry of an answer set already stored: the same result again, nothing changes.
      const earlier = await findReceipt(c.env.DB, sub.id);
      if (!earlier || earlier.bodyHash !== record.bodyHash) throw idReused(sub.id);
      return c.json({ id: sub.id, status: earlier.status } satisfies Receipt, 200);
    }
    // A quarantined answer looks received to whoever sent it; it is kept but never counted.
    return c.json({ id: sub.id, status: record.status } satisfies Receipt, record.status === "accepted" ? 201 : 202);
  },
);

/** OpenAPI description of this module's paths. */
export const responsesDoc = {
  "/responses": {
    post: {
      summary: "Submit one citizen's answer set",
      description:
        "Idempotent on `id`: the same id with the same body again returns 200 with the original result; with a different body, 422. Text is stored with phone and citizen ID numbers masked. Rate limited per unit and client.",
      requestBody: { required: true, ...json(submissionSchema, "The answer set") },
      responses: {
        "201": json(receiptSchema, "Stored and counted"),
        "200": json(receiptSchema, "Already stored earlier with the same content; nothing changed"),
        "202": json(receiptSchema, "Received but quarantined (not counted)"),
        ...errors(400, 403, 404, 413, 415, 422, 429, 503),
      },
    },
  },
};
