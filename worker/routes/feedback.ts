import { Hono, type Context } from "hono";
import { z } from "zod";
import {
  changeFeedback,
  complaintDeadline,
  complaintMeasures,
  countFeedback,
  eraseFeedbackText,
  feedbackScope,
  findFeedback,
  itemStates,
  listFeedback,
  NO_COMPLAINTS,
  queueCounts,
  setComplaintDeadline,
  type FeedbackChange,
  type ItemState,
} from "../db/feedback.ts";
import { assignableAccounts } from "../db/users.ts";
import {
  bulkChangeSchema,
  complaintMeasuresSchema,
  cursorSchema,
  decodeCursor,
  encodeCursor,
  FEEDBACK_CHANGE_LABELS,
  feedbackItemSchema,
  needsNote,
  queueCountsSchema,
  statusChangeSchema,
  type StatusChange,
} from "../domain/feedback.ts";
import { refinePeriod } from "../domain/period.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { queueFilter, queueParams } from "../http/feedback-filter.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { jsonBody, query, requireJson } from "../middleware/json-body/index.ts";
import { assertMayChangeItem, signedIn, unitInScope, type PrivateEnv } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

/** Room for the longest note and reply, every character of them three bytes (as many Vietnamese letters are), and a page of ids. */
const MAX_CHANGE_BYTES = 24 * 1024;

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

const listShape = {
  ...queueParams,
  sort: z.enum(["newest", "oldest"]).optional().describe("By time received; default newest"),
  limit: z
    .string()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_PAGE, `a whole number from 1 to ${MAX_PAGE}`)
    .optional()
    .describe(`Items per page, default ${DEFAULT_PAGE}`),
  cursor: cursorSchema.optional().describe("`next` from the previous page"),
};
const listQuery = z.strictObject(listShape).superRefine(refinePeriod);
const { status: _, ...summaryShape } = queueParams;
const summaryQuery = z.strictObject(summaryShape).superRefine(refinePeriod);
const assigneesQuery = z.strictObject({ unit: unitCode.optional().describe("Default: the account's unit") });
const deadlineBody = z.strictObject({ days: z.int().min(1).max(365).describe("Calendar days from the day a complaint is received") });
const deadlineSchema = z.object({ province: z.string(), days: z.int(), isDefault: z.boolean() });
const assigneesSchema = z.object({
  accounts: z.array(z.object({ id: z.int(), name: z.string(), unit: z.object({ code: z.string(), name: z.string() }) })),
});

const unknownFeedback = (id: string) =>
  new ApiError(404, "unknown_feedback", {
    en: `There is no complaint or comment with id ${id}.`,
    vi: `Không có phản ánh, góp ý nào có mã ${id}.`,
  });
const noteRequired = new ApiError(
  400,
  "note_required",
  {
    en: "Say what was done: closing an item, or reopening one, needs a note.",
    vi: "Hãy ghi rõ đã xử lý thế nào: đóng hoặc mở lại một phản ánh cần có ghi chú.",
  },
  { note: "required to close or reopen" },
);
const invalidAssignee = (id: number) =>
  new ApiError(
    400,
    "invalid_assignee",
    {
      en: `Account ${id} cannot take this item: choose a manager of its unit or of a unit above it, within yours.`,
      vi: `Tài khoản ${id} không nhận được phản ánh này: hãy chọn cán bộ quản lý của đơn vị đó hoặc đơn vị cấp trên, trong phạm vi của bạn.`,
    },
    { assignee: "not an account that may handle this item" },
  );
const notAProvince = (code: string) =>
  new ApiError(400, "not_a_province", {
    en: `Deadlines are set per province; ${code} is not one.`,
    vi: `Thời hạn xử lý được đặt theo tỉnh, thành phố; ${code} không phải là tỉnh, thành phố.`,
  });

/** The complaints queue: reasons and comments, their counts and measures, their follow-up by owners against deadlines. */
export const feedback = new Hono<AppEnv>()
  .get("/feedback", signedIn, query(listQuery), async (c) => {
    const q = c.req.valid("query");
    const filter = await queueFilter(c, q);
    const limit = q.limit ? Number(q.limit) : DEFAULT_PAGE;
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const [items, total] = await Promise.all([listFeedback(c.var.store, { ...filter, sort: q.sort, after, limit }), countFeedback(c.var.store, filter)]);
    const last = items.at(-1);
    return c.json({ items, next: items.length === limit && last ? encodeCursor(last) : null, total }, 200);
  })
  .get("/feedback/summary", signedIn, query(summaryQuery), async (c) => {
    const filter = await queueFilter(c, c.req.valid("query"));
    const [counts, measures] = await Promise.all([queueCounts(c.var.store, filter), complaintMeasures(c.var.store, filter)]);
    return c.json({ counts, measures: measures.get("") ?? NO_COMPLAINTS }, 200);
  })
  .get("/feedback/assignees", signedIn, query(assigneesQuery), async (c) => {
    const unit = await unitInScope(c, c.req.valid("query").unit ?? c.var.user.unit.code);
    return c.json({ accounts: await assignableAccounts(c.var.store, unit.code, c.var.user.unit.code) }, 200);
  })
  .post("/feedback/bulk", signedIn, requireJson(MAX_CHANGE_BYTES), jsonBody(bulkChangeSchema, FEEDBACK_CHANGE_LABELS), async (c) => {
    const { ids, ...change } = c.req.valid("json");
    return c.json({ items: await applyChange(c, [...new Set(ids)], change) }, 200);
  })
  .patch("/feedback/:id", signedIn, requireJson(MAX_CHANGE_BYTES), jsonBody(statusChangeSchema, FEEDBACK_CHANGE_LABELS), async (c) => {
    const [item] = await applyChange(c, [c.req.param("id")], c.req.valid("json"));
    return c.json(item!, 200);
  })
  .post("/feedback/:id/erasure", signedIn, async (c) => {
    const id = c.req.param("id");
    await changeableItems(c, [id]);
    await eraseFeedbackText(c.var.store, id, new Date(), c.var.user.id);
    const [item] = await findFeedback(c.var.store, [id]);
    return c.json(item!, 200);
  })
  .get("/units/:code/complaint-deadline", signedIn, async (c) => {
    const unit = await unitInScope(c, c.req.param("code"));
    if (unit.kind === "country") throw notAProvince(unit.code);
    return c.json(await complaintDeadline(c.var.store, unit.code), 200);
  })
  .put("/units/:code/complaint-deadline", signedIn, requireJson(256), jsonBody(deadlineBody), async (c) => {
    const unit = await unitInScope(c, c.req.param("code"), { change: true });
    if (unit.kind !== "province") throw notAProvince(unit.code);
    await setComplaintDeadline(c.var.store, unit.code, c.req.valid("json").days, c.var.user.id, new Date());
    return c.json(await complaintDeadline(c.var.store, unit.code), 200);
  });

/** The items, as they are, once the account may change every one of them. */
async function changeableItems(c: Context<PrivateEnv>, ids: string[]): Promise<Map<string, ItemState>> {
  const store = c.var.store;
  const states = await itemStates(store, ids);
  const checked = new Map<string, ItemState>();
  for (const id of ids) {
    assertMayChangeItem(c.var.user, states.get(id) ? await feedbackScope(store, id, c.var.user.unit.code) : null, `Item ${id}`, unknownFeedback(id));
    checked.set(id, states.get(id)!);
  }
  return checked;
}

/**
 * Applies one change to items, all or none: each must be the account's to change, closing
 * or reopening any needs a note, and an assignee must be one who may act on every item.
 * Returns the items as they are after it.
 */
async function applyChange(c: Context<PrivateEnv>, ids: string[], { note, ...change }: StatusChange) {
  const store = c.var.store;
  const before = await changeableItems(c, ids);
  const text = note ?? "";
  if (change.status && !text && [...before.values()].some((item) => needsNote(item.status, change.status!))) throw noteRequired;
  if (change.assignee) {
    for (const item of new Set([...before.values()].map((state) => state.counted))) {
      const accounts = await assignableAccounts(store, item, c.var.user.unit.code);
      if (!accounts.some((account) => account.id === change.assignee)) throw invalidAssignee(change.assignee);
    }
  }
  const applied: FeedbackChange = { ...change, note: text };
  await changeFeedback(store, before, applied, c.var.user.id, new Date());
  return findFeedback(store, ids);
}

const itemPath = parameters("path", z.object({ id: z.string() }));
const noteRule = "Closing an item (moving it to resolved) or reopening one needs a note saying what was done or why (400 `note_required`); an assignee must be one of GET /feedback/assignees for the item's unit (400 `invalid_assignee`).";

/** OpenAPI description of this module's paths. */
export const feedbackDoc = {
  "/feedback": {
    get: {
      summary: "The complaints queue: reasons and comments, filtered, searched, a page at a time",
      description:
        "Each item with its kind, status, due day, assignee and the history of changes. Items about a named official are listed, counted, searched and exported only for the unit's managers and admins. The search ignores Vietnamese diacritics and case (\"phu ly\" finds \"Phủ Lý\"), within the account's scope. `total` counts every item of the filter. Pages: pass `next` back as `cursor`; null on the last page.",
      parameters: parameters("query", z.object(listShape)),
      responses: {
        "200": json(z.object({ items: z.array(feedbackItemSchema), next: z.string().nullable(), total: z.int() }), "One page"),
        ...errors(400, 401, 403, 404, 503),
      },
    },
  },
  "/feedback/summary": {
    get: {
      summary: "How many items of a filter are in each status, and how its complaints were handled",
      description:
        "`counts` per status for the filter (overdue ones are also new or being handled). `measures` for the complaints of the filter (feedback is never a complaint), each with its n: the median time from receipt to resolution in whole hours, the share resolved by their due day of those resolved or past due (Decision 766's ratio), open and overdue.",
      parameters: parameters("query", z.object(summaryShape)),
      responses: { "200": json(z.object({ counts: queueCountsSchema, measures: complaintMeasuresSchema }), "The counts and measures"), ...errors(400, 401, 403, 404, 503) },
    },
  },
  "/feedback/assignees": {
    get: {
      summary: "The accounts a unit's items may be given to",
      description: "Enabled managers and admins of the unit or of a unit above it, within the account's own subtree, nearest first.",
      parameters: parameters("query", assigneesQuery),
      responses: { "200": json(assigneesSchema, "The accounts"), ...errors(400, 401, 403, 404, 503) },
    },
  },
  "/feedback/bulk": {
    post: {
      summary: "Move several items at once, with one note (managers and admins)",
      description: `The same change as PATCH /feedback/{id} for every item, all or none: every item is checked before any is written, and one out of the account's scope (403) or unknown (404) changes nothing; the items of one province are written in one transaction. ${noteRule}`,
      requestBody: { required: true, ...json(bulkChangeSchema, "The items and the change") },
      responses: { "200": json(z.object({ items: z.array(feedbackItemSchema) }), "The items now"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
  "/feedback/{id}": {
    patch: {
      summary: "Move an item: its status with a note, its public reply, its assignee (managers and admins)",
      description: `Every change is kept in the item's history with its note, author and time, and the reply it gave. The note is internal; the reply is public: whoever holds the item's receipt code reads it (GET /receipts/{code}), with the status, never the note or who wrote it. ${noteRule}`,
      parameters: itemPath,
      requestBody: { required: true, ...json(statusChangeSchema, "What changes") },
      responses: { "200": json(feedbackItemSchema, "The item now"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
  "/feedback/{id}/erasure": {
    post: {
      summary: "Erase the citizen's text of an item (managers and admins)",
      description:
        "For an erasure request under the Personal Data Protection Law: the reason and comment are blanked for good (and leave the search) and `erasedAt` is set; the answer keeps counting and the follow-up history stays. Repeating it changes nothing. Answers themselves are never deleted.",
      parameters: itemPath,
      responses: { "200": json(feedbackItemSchema, "The item now"), ...errors(401, 403, 404, 503) },
    },
  },
  "/units/{code}/complaint-deadline": {
    get: {
      summary: "The deadline for handling a unit's complaints: its province's",
      description: "In calendar days from the day a complaint is received; 15 where the province sets none (`isDefault`). Any unit of the account's subtree: a commune's managers read the deadline their complaints are held to.",
      parameters: parameters("path", z.object({ code: z.string() })),
      responses: { "200": json(deadlineSchema, "The deadline"), ...errors(400, 401, 403, 404, 503) },
    },
    put: {
      summary: "Set a province's deadline for complaints (managers and admins of the province or above)",
      description: "Applies to the complaints received from then on: each complaint keeps the due day it was given, so a period already reported on stays as judged. Recorded in the audit log.",
      parameters: parameters("path", z.object({ code: z.string() })),
      requestBody: { required: true, ...json(deadlineBody, "The deadline") },
      responses: { "200": json(deadlineSchema, "The deadline now"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
};
