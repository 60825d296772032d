import { Hono } from "hono";
import { findReceipt, insertResponsesStatement, violatedUniqueness } from "../db/responses.ts";
import { checkAgainstSurvey, receiptSchema, SUBMISSION_LABELS, submissionSchema, toResponseRecord, type Receipt, type Submission } from "../domain/submission.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { invalid, jsonBody, requireJson } from "../middleware/json-body/index.ts";
import { enforceLimit } from "../middleware/rate-limit/index.ts";
import { verifyTurnstile } from "../middleware/turnstile/index.ts";
import { errors, json } from "../openapi.ts";
import { publicUnitContext } from "./surveys.ts";

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

/** The public submission endpoint. */
export const responses = new Hono<AppEnv>().post(
  "/responses",
  requireJson(MAX_BODY_BYTES),
  jsonBody(submissionSchema, SUBMISSION_LABELS),
  async (c) => {
    const sub = c.req.valid("json");
    const context = await publicUnitContext(
      c.env.DB,
      { unit: sub.unit, survey: sub.survey, version: sub.version, ...(sub.official && { official: sub.official }) },
      { origin: c.req.header("origin"), self: c.req.url },
    );
    const fields = checkAgainstSurvey(sub, context.survey.definition);
    if (!context.officialAllowed) fields.official = "not an official of this unit's commune";
    if (Object.keys(fields).length > 0) throw invalid(fields, SUBMISSION_LABELS);
    await enforceLimit(c.env.SUBMIT_LIMITER, `${sub.unit}:${c.var.clientHash}`);
    if (context.turnstileSiteKey) await verifyTurnstile(c.env.TURNSTILE_SECRET_KEY, sub.turnstile, c.req.header("cf-connecting-ip"));

    const record = await toResponseRecord(sub, new Date(), c.var.clientHash);
    try {
      await insertResponsesStatement(c.env.DB, [record]).run();
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
