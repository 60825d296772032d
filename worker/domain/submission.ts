import { z } from "zod";
import { sha256Hex } from "./digest.ts";
import { maskPersonalNumbers } from "./mask.ts";
import { NOT_SATISFIED, OVERALL, scaleOf } from "./scales.ts";
import { slug, type SurveyDefinition } from "./survey.ts";
import { LANGS, type Localized } from "./text.ts";
import { unitCode } from "./units.ts";
import { vnDay } from "./vn-time.ts";

/** The longest reason or comment a citizen may write. */
export const MAX_TEXT = 1000;

const text = z.string().trim().max(MAX_TEXT, `at most ${MAX_TEXT} characters`);

/**
 * The body of `POST /api/v1/responses`: one citizen's answer set. Unknown fields are
 * rejected, so a typo in an integration fails loudly instead of losing data.
 */
export const submissionSchema = z.strictObject({
  /** Chosen by the client (crypto.randomUUID) and kept across retries: the idempotency key. */
  id: z.uuid("a UUID made by the client"),
  unit: unitCode,
  survey: slug,
  version: z.int().min(1),
  /** Item id → level: `overall` 1..3 (3 Rất hài lòng, 2 Hài lòng, 1 Không hài lòng), statements 1..5. */
  answers: z.record(slug, z.int().min(1).max(5)),
  reason: text.optional(),
  comment: text.optional(),
  caseCode: z.string().trim().regex(/^[\p{L}\p{N}./_-]{1,64}$/u, "letters, digits and . / _ -, at most 64").optional(),
  official: unitCode.optional(),
  channel: z.enum(["web", "kiosk", "qr"]),
  lang: z.enum(LANGS),
  /** The honeypot: hidden from people, so only bots fill it in. */
  website: z.string().max(MAX_TEXT).optional(),
  /** A Cloudflare Turnstile token, for units that require one. */
  turnstile: z.string().max(2048).optional(),
});

export type Submission = z.infer<typeof submissionSchema>;

/** The parts of an answer set as citizens know them, for messages they may see. */
export const SUBMISSION_LABELS: Record<string, Localized> = {
  answers: { vi: "Câu trả lời", en: "Answers" },
  reason: { vi: "Lý do không hài lòng", en: "Reason" },
  comment: { vi: "Góp ý", en: "Comment" },
  caseCode: { vi: "Mã hồ sơ", en: "Case code" },
  official: { vi: "Công chức", en: "Official" },
};

/** Field path → what is wrong with it. */
export type FieldErrors = Record<string, string>;

/**
 * Checks a well-formed submission against the survey version it answers: the overall answer
 * is present and on its 3-level scale, every other item is a statement of that version on
 * the 5-level scale, a reason comes only with "Không hài lòng", and each optional part is
 * one the survey asks for. Returns the problems by field, empty when there are none.
 */
export function checkAgainstSurvey(sub: Submission, def: SurveyDefinition): FieldErrors {
  const errors: FieldErrors = {};
  const statements = new Set(def.statements.map((s) => s.id));
  if (sub.answers[OVERALL] === undefined) errors[`answers.${OVERALL}`] = "required";
  for (const [item, level] of Object.entries(sub.answers)) {
    if (item !== OVERALL && !statements.has(item)) errors[`answers.${item}`] = "not a statement of this survey version";
    else if (level > scaleOf(item)) errors[`answers.${item}`] = `a level from 1 to ${scaleOf(item)}`;
  }
  if (sub.reason && sub.answers[OVERALL] !== NOT_SATISFIED) errors.reason = "only with overall = 1 (Không hài lòng)";
  if (sub.comment && !def.askComment) errors.comment = "this survey asks for no comment";
  if (sub.caseCode && !def.askCaseCode) errors.caseCode = "this survey asks for no case code";
  if (sub.official && !def.askOfficial) errors.official = "this survey asks for no official";
  return errors;
}

/** A stable text of a submission, the same for the same content whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** What the API answers for a stored (or already stored) response. */
export const receiptSchema = z.object({ id: z.uuid(), status: z.enum(["accepted", "quarantined"]) });
export type Receipt = z.infer<typeof receiptSchema>;

/** Accepted answers count; quarantined ones (honeypot, abuse) are kept but never counted. */
export type ResponseStatus = Receipt["status"];

/** A response as stored: text masked, the client address already hashed, the day in Viet Nam time. */
export interface ResponseRecord {
  id: string;
  /** SHA-256 of the canonical submission: a replay must carry the same content. */
  bodyHash: string;
  unit: string;
  official: string | null;
  survey: string;
  version: number;
  receivedAt: string;
  day: string;
  channel: Submission["channel"];
  lang: Submission["lang"];
  caseCode: string | null;
  reason: string | null;
  comment: string | null;
  clientHash: string;
  status: ResponseStatus;
  answers: Record<string, number>;
}

/**
 * What is stored for a valid submission received at an instant from a (hashed) client:
 * personal numbers masked out of the text, the Viet Nam day fixed, the honeypot deciding
 * between accepted and quarantined. The API and the demo seed both store through this.
 */
export async function toResponseRecord(sub: Submission, receivedAt: Date, clientHash: string): Promise<ResponseRecord> {
  const text = (value?: string) => (value ? maskPersonalNumbers(value) : null);
  return {
    id: sub.id,
    bodyHash: await sha256Hex(canonicalJson(sub)),
    unit: sub.unit,
    official: sub.official ?? null,
    survey: sub.survey,
    version: sub.version,
    receivedAt: receivedAt.toISOString(),
    day: vnDay(receivedAt),
    channel: sub.channel,
    lang: sub.lang,
    caseCode: sub.caseCode ?? null,
    reason: text(sub.reason),
    comment: text(sub.comment),
    clientHash,
    status: sub.website ? "quarantined" : "accepted",
    answers: sub.answers,
  };
}
