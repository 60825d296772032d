import { z } from "zod";
import { countedAt, OUTBOX_RETENTION_DAYS } from "./answered-at.ts";
import { caseCodeSchema, normalizeCaseCode } from "./case-code.ts";
import { sha256Hex } from "./digest.ts";
import { maskPersonalNumbers } from "./mask.ts";
import { RECEIPT_PATTERN } from "./receipt.ts";
import { NOT_SATISFIED, OVERALL, scaleOf } from "./scales.ts";
import { kioskSource } from "./suspicion.ts";
import { slug, type SurveyDefinition } from "./survey.ts";
import { LANGS, type Localized } from "./text.ts";
import { unitCode } from "./units.ts";
import { vnDay } from "./vn-time.ts";

/** The longest reason or comment a citizen may write. */
export const MAX_TEXT = 1000;

/**
 * Free text as stored: well-formed Unicode only (a lone surrogate cannot become valid UTF-8,
 * so it is refused rather than stored broken), in composed form (NFC: "ộ" is one character
 * however the keyboard built it).
 */
export const cleanText = (max: number) =>
  z
    .string()
    .refine((s) => !/[\uD800-\uDFFF]/u.test(s), "contains an invalid character (an unpaired surrogate)")
    .overwrite((s) => s.normalize("NFC"))
    .trim()
    .max(max, `at most ${max} characters`);

const text = cleanText(MAX_TEXT);


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
  /**
   * Made by the client (newReceipt) for an answer set with a reason or a comment, so that its
   * citizen can follow it even while it waits offline; kept across retries like the id.
   */
  receipt: z
    .string()
    .regex(RECEIPT_PATTERN, "a receipt code of two groups of five, e.g. K7QM4-XPZ2D")
    .optional()
    .describe("Only with a reason or a comment: the code with which the citizen follows it (GET /receipts/{code})."),
  /** Compared in normalised form (worker/domain/case-code.ts): one rating per case at a commune. */
  caseCode: caseCodeSchema.optional(),
  official: unitCode.optional(),
  channel: z.enum(["web", "kiosk", "qr"]),
  lang: z.enum(LANGS),
  /**
   * When the citizen pressed send, by the device's clock (ISO 8601 with an offset). The
   * answer counts on that Viet Nam day when the time is plausible (see countedAt).
   */
  answeredAt: z.iso
    .datetime({ offset: true, message: "an ISO 8601 time with an offset, e.g. 2026-07-01T09:30:00+07:00" })
    .optional()
    .describe(
      `When the citizen pressed send, by the device's clock. The answer counts on its Viet Nam day when it lies before the receipt and at most ${OUTBOX_RETENTION_DAYS} days before it (as long as the widget's outbox keeps an answer); otherwise (a clock running ahead, or a time older than that) on the day of receipt.`,
    ),
  /** How long the citizen took, from the survey's first display to send, as the widget measured it. */
  durationMs: z
    .int()
    .min(0)
    .optional()
    .describe("Milliseconds from the survey's first display to send. A hint in judging bursts, never proof."),
  /** The token of an enrolled kiosk (POST /devices/enrol), sent by the kiosk with every answer. */
  device: z.string().min(20).max(100).optional(),
  /** The honeypot: hidden from people, so only bots fill it in. */
  website: cleanText(MAX_TEXT).optional(),
  /** A Cloudflare Turnstile token, for units that require one. */
  turnstile: z.string().max(2048).optional(),
});

export type Submission = z.infer<typeof submissionSchema>;

/** The parts of an answer set as citizens know them, for messages they may see. */
export const SUBMISSION_LABELS: Record<string, Localized> = {
  answers: { vi: "Câu trả lời", en: "Answers" },
  unit: { vi: "Đơn vị", en: "Unit" },
  reason: { vi: "Lý do không hài lòng", en: "Reason" },
  comment: { vi: "Góp ý", en: "Comment" },
  receipt: { vi: "Mã tra cứu phản ánh", en: "Receipt code" },
  caseCode: { vi: "Mã hồ sơ", en: "Case code" },
  official: { vi: "Công chức", en: "Official" },
  answeredAt: { vi: "Thời điểm đánh giá", en: "Time of the answer" },
};

/** Field path → what is wrong with it. */
export type FieldErrors = Record<string, string>;

/**
 * Checks a well-formed submission against the survey version it answers: the overall answer
 * is present and on its 3-level scale, every other item is a statement of that version on
 * the 5-level scale, a reason comes only with "Không hài lòng", each optional part is one
 * the survey asks for, and a receipt comes only with text to follow. Returns the problems by
 * field, empty when there are none.
 */
export function checkAgainstSurvey(sub: Submission, def: SurveyDefinition): FieldErrors {
  const errors: FieldErrors = {};
  const statements = new Set(def.statements.map((s) => s.id));
  if (!Object.hasOwn(sub.answers, OVERALL)) errors[`answers.${OVERALL}`] = "required";
  for (const [item, level] of Object.entries(sub.answers)) {
    if (item !== OVERALL && !statements.has(item)) errors[`answers.${item}`] = "not a statement of this survey version";
    else if (level > scaleOf(item)) errors[`answers.${item}`] = `a level from 1 to ${scaleOf(item)}`;
  }
  if (sub.reason && sub.answers[OVERALL] !== NOT_SATISFIED) errors.reason = "only with overall = 1 (Không hài lòng)";
  if (sub.comment && !def.askComment) errors.comment = "this survey asks for no comment";
  if (sub.caseCode && !def.askCaseCode) errors.caseCode = "this survey asks for no case code";
  if (sub.official && !def.askOfficial) errors.official = "this survey asks for no official";
  if (sub.receipt && !sub.reason && !sub.comment) errors.receipt = "only with a reason or a comment, which it follows";
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

/** Accepted answers count; quarantined ones (honeypot, flagged bursts) are kept but never counted. */
export type ResponseStatus = Receipt["status"];

/**
 * The receipt a stored answer gets, the first time and on every replay. An answer held in an
 * incident looks received like any other: telling a script it was caught teaches it. A filled
 * honeypot is told it was quarantined, as bots never read it.
 */
export function receiptStatus(stored: { status: ResponseStatus; incident: number | null }): ResponseStatus {
  return stored.incident === null ? stored.status : "accepted";
}

/**
 * The identity of a submission for idempotent replays: its canonical text without what
 * proves the sender rather than says the answer (a Turnstile token is new on every attempt;
 * a kiosk may be enrolled again with a new token while answers wait in its outbox), hashed.
 */
export function bodyHash(sub: Submission): Promise<string> {
  return sha256Hex(canonicalJson({ ...sub, turnstile: undefined, device: undefined }));
}

/** A response as stored: text masked, the client address already hashed, the day in Viet Nam time. */
export interface ResponseRecord {
  id: string;
  /** See bodyHash: a replay must carry the same content. */
  bodyHash: string;
  unit: string;
  official: string | null;
  survey: string;
  version: number;
  receivedAt: string;
  /** As the device said, normalised to UTC; null when it said nothing. */
  answeredAt: string | null;
  /** The Viet Nam day of countedAt. */
  day: string;
  channel: Submission["channel"];
  lang: Submission["lang"];
  caseCode: string | null;
  /** The case's commune and its normalised code ("14329:H4022250101"): one rating per case there. */
  caseKey: string | null;
  reason: string | null;
  comment: string | null;
  /** The code the citizen follows their text with (records made by hand may leave it out). */
  receipt?: string | null;
  clientHash: string;
  /** The enrolled kiosk that sent it, if one did. */
  device: string | null;
  /** Whose pace it is judged in: the kiosk, else the daily client hash (worker/domain/suspicion.ts). */
  source: string;
  /** When it is placed in its source's pace: a kiosk's by countedAt, any other by its receipt. */
  pacedAt: string;
  durationMs: number | null;
  status: ResponseStatus;
  /** Item → level in item order, so that equal answer sets are equal texts. */
  answers: Record<string, number>;
}

/** What the server knows of a submission besides its content: its identity, when and whence it came. */
export interface Arrival {
  /** bodyHash(sub), computed once: the replay check needs it before the record is made. */
  bodyHash: string;
  receivedAt: Date;
  clientHash: string;
  /** The commune (or, for a province's own centre, the province) whose cases the unit serves. */
  caseScope: string;
  /** The enrolled kiosk it came from, if any. */
  device: string | null;
}

/**
 * What is stored for a valid submission as it arrived: personal numbers masked out of the
 * text, the Viet Nam day fixed, the case code keyed, the honeypot deciding between accepted
 * and quarantined. The API and the demo seed both store through this.
 */
export function toResponseRecord(sub: Submission, { bodyHash, receivedAt, clientHash, caseScope, device }: Arrival): ResponseRecord {
  const text = (value?: string) => (value ? maskPersonalNumbers(value) : null);
  const answeredAt = sub.answeredAt ? new Date(sub.answeredAt) : null;
  const counted = countedAt(answeredAt, receivedAt);
  return {
    id: sub.id,
    bodyHash,
    unit: sub.unit,
    official: sub.official ?? null,
    survey: sub.survey,
    version: sub.version,
    receivedAt: receivedAt.toISOString(),
    answeredAt: answeredAt?.toISOString() ?? null,
    day: vnDay(counted),
    channel: sub.channel,
    lang: sub.lang,
    caseCode: sub.caseCode ?? null,
    caseKey: sub.caseCode ? `${caseScope}:${normalizeCaseCode(sub.caseCode)}` : null,
    reason: text(sub.reason),
    comment: text(sub.comment),
    receipt: sub.receipt ?? null,
    clientHash,
    device,
    source: device ? kioskSource(device) : clientHash,
    pacedAt: (device ? counted : receivedAt).toISOString(),
    durationMs: sub.durationMs ?? null,
    status: sub.website ? "quarantined" : "accepted",
    answers: Object.fromEntries(Object.entries(sub.answers).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
