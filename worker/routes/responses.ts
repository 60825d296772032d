import { Hono, type Context } from "hono";
import { judgePace } from "../db/incidents.ts";
import type { DeviceAuth } from "../db/devices.ts";
import { findReceipt, storeResponse, submissionReads, violatedUniqueness, type StoredReceipt } from "../db/responses.ts";
import { sha256Hex } from "../domain/digest.ts";
import { bodyHash, checkAgainstSurvey, receiptSchema, receiptStatus, SUBMISSION_LABELS, submissionSchema, toResponseRecord, type Receipt, type Submission } from "../domain/submission.ts";
import { JUDGE_FROM, kioskSource } from "../domain/suspicion.ts";
import type { AppEnv } from "../env.ts";
import { admittedKiosk } from "../http/kiosk.ts";
import { originToCheck, usableContext, type UsableContext } from "../http/public-unit.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { invalid, jsonBody, requireJson } from "../middleware/json-body/index.ts";
import { enforceLimit } from "../http/rate-limit.ts";
import { verifyTurnstile } from "../http/turnstile.ts";
import { errors, json } from "../openapi.ts";

/** The largest answer set accepted: far above a full SIPAS survey with both texts filled. */
export const MAX_BODY_BYTES = 16 * 1024;

const caseAlreadyRated = (sub: Submission) =>
  new ApiError(422, "case_already_rated", {
    en: `Case ${sub.caseCode} has already been rated: one rating per case.`,
    vi: `Hồ sơ ${sub.caseCode} đã được đánh giá: mỗi hồ sơ chỉ đánh giá một lần.`,
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
    const store = c.var.store;
    const hash = await bodyHash(sub);
    const q = { unit: sub.unit, survey: sub.survey, version: sub.version, ...(sub.official && { official: sub.official }) };
    const origin = originToCheck({ origin: c.req.header("origin"), self: c.req.url });
    const tokenHash = sub.device ? await sha256Hex(sub.device) : null;
    const reads = await submissionReads(store, { ...q, ...(origin && { origin }) }, tokenHash);
    let kiosk: DeviceAuth | null = null;
    let context: UsableContext;
    try {
      context = usableContext(reads.context, q, origin);
      kiosk = sub.device ? admittedKiosk(reads.device, sub.unit) : null;
      const fields = checkAgainstSurvey(sub, context.survey.definition);
      if (!context.officialAllowed) fields.official = "not an official of this unit's commune";
      if (Object.keys(fields).length > 0) throw invalid(fields, SUBMISSION_LABELS);
      // An enrolled kiosk is limited as itself, however many kiosks share the office's address.
      await enforceLimit(c.env.SUBMIT_LIMITER, kiosk ? kioskSource(kiosk.id) : `${sub.unit}:${c.var.clientHash}`);
      if (context.turnstileSiteKey) {
        // A replay's new token is left unspent: its receipt comes first.
        const earlier = await findReceipt(store, sub.unit, sub.id);
        if (earlier) return replay(c, sub.id, hash, earlier);
        await verifyTurnstile({ secret: c.env.TURNSTILE_SECRET_KEY, verifyUrl: c.env.TURNSTILE_VERIFY_URL }, sub.turnstile, c.req.header("cf-connecting-ip"));
      }
    } catch (refusal) {
      // A retry of an answer set already stored gets its receipt again rather than a refusal
      // that only applies now (the limit is reached, the unit has closed, the token is spent).
      // Looked up only here: on the way to being stored, the insert itself finds a replay.
      const earlier = await findReceipt(store, sub.unit, sub.id);
      if (earlier) return replay(c, sub.id, hash, earlier);
      throw refusal;
    }

    const now = new Date();
    const record = toResponseRecord(sub, { bodyHash: hash, receivedAt: now, clientHash: c.var.clientHash, caseScope: context.caseScope, device: kiosk?.id ?? null });
    let paced: number;
    try {
      ({ paced } = await storeResponse(store, record));
    } catch (err) {
      if (!violatedUniqueness(err)) throw err;
      // The id first: SQLite may name the case's index for a row whose id is the duplicate,
      // as when two copies of one answer set arrive at once.
      const stored = await findReceipt(store, sub.unit, sub.id);
      if (stored) return replay(c, sub.id, hash, stored);
      throw caseAlreadyRated(sub);
    }
    // A source this busy is judged; a burst is flagged, this answer and the window's earlier
    // ones with it, and the sender is answered as anyone (see receiptStatus).
    if (record.status === "accepted" && paced >= JUDGE_FROM) {
      await judgePace(store, { unit: record.unit, source: record.source, at: record.pacedAt, kiosk: !!kiosk }, now);
    }
    return c.json({ id: sub.id, status: record.status } satisfies Receipt, record.status === "accepted" ? 201 : 202);
  },
);

/** The answer to a submission whose id is stored already: its receipt, if the content is the same. */
function replay(c: Context<AppEnv>, id: string, hash: string, earlier: StoredReceipt) {
  if (earlier.bodyHash !== hash) throw idReused(id);
  return c.json({ id, status: receiptStatus(earlier) } satisfies Receipt, 200);
}

/** OpenAPI description of this module's paths. */
export const responsesDoc = {
  "/responses": {
    post: {
      summary: "Submit one citizen's answer set",
      description:
        "Idempotent on `id`: the same id with the same body again (a Turnstile token aside, which is single-use) returns 200 with the original result before any other check; with a different body, 422. Only service points receive answers: a commune, or a desk or official below one; the country and province codes get 400. An answer counts on the Viet Nam day of `answeredAt` when that is plausible, else on the day it arrives. A case code counts once per commune however it is written (letters and digits compared without case, diacritics, spaces, dashes, dots or slashes). Text must be well-formed Unicode; it is stored in NFC with phone numbers, citizen ID numbers and e-mail addresses masked (fullwidth digits folded to ASCII). A `receipt` code (made by the client, only with a reason or a comment) is stored with the answer for the citizen to follow it (GET /receipts/{code}); a code another answer holds already stays that answer's, and this one is stored and answered as any, without it. Rate limited per unit and client, or per kiosk for an enrolled kiosk's `device` token (403 `device_revoked`, `device_unknown` or `device_other_unit` otherwise). A burst from one source is held out of the figures for review (see /incidents), and its sender gets the same receipt as anyone.",
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
