import { Hono, type Context } from "hono";
import { z } from "zod";
import { eraseFeedbackText, feedbackScope, findFeedback, listFeedback, setFeedbackStatus } from "../db/feedback.ts";
import type { Store } from "../db/store.ts";
import { mayViewOfficials } from "../domain/access.ts";
import { cursorSchema, decodeCursor, encodeCursor, FEEDBACK_CHANGE_LABELS, FEEDBACK_STATUSES, feedbackItemSchema, statusChangeSchema } from "../domain/feedback.ts";
import { periodParams, refinePeriod, resolvePeriod } from "../domain/period.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { jsonBody, query, requireJson } from "../middleware/json-body/index.ts";
import { assertMayChangeItem, signedIn, unitInScope, type PrivateEnv } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

/** Room for the longest note and reply, every character of them three bytes (as many Vietnamese letters are). */
const MAX_CHANGE_BYTES = 16 * 1024;

const DEFAULT_PAGE = 50;
const MAX_PAGE = 200;

const listShape = {
  unit: unitCode.optional().describe("Default: the account's unit"),
  ...periodParams,
  status: z.enum(FEEDBACK_STATUSES).optional(),
  limit: z
    .string()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_PAGE, `a whole number from 1 to ${MAX_PAGE}`)
    .optional()
    .describe(`Items per page, default ${DEFAULT_PAGE}`),
  cursor: cursorSchema.optional().describe("`next` from the previous page"),
};
const listQuery = z.strictObject(listShape).superRefine(refinePeriod);

const unknownFeedback = (id: string) =>
  new ApiError(404, "unknown_feedback", {
    en: `There is no complaint or comment with id ${id}.`,
    vi: `Không có phản ánh, góp ý nào có mã ${id}.`,
  });

/** The complaints inbox: reasons and comments, newest first, and their follow-up. */
export const feedback = new Hono<AppEnv>()
  .get("/feedback", signedIn, query(listQuery), async (c) => {
    const q = c.req.valid("query");
    const unit = await unitInScope(c, q.unit ?? c.var.user.unit.code);
    const period = resolvePeriod(q, new Date());
    const limit = q.limit ? Number(q.limit) : DEFAULT_PAGE;
    const after = q.cursor ? decodeCursor(q.cursor) : null;
    const officials = mayViewOfficials(c.var.user.role);
    const items = await listFeedback(c.var.store, { root: unit.code, ...period, officials, status: q.status ?? null, after, limit });
    const last = items.at(-1);
    return c.json({ items, next: items.length === limit && last ? encodeCursor(last) : null }, 200);
  })
  .patch("/feedback/:id", signedIn, requireJson(MAX_CHANGE_BYTES), jsonBody(statusChangeSchema, FEEDBACK_CHANGE_LABELS), async (c) => {
    const id = await changeableItem(c);
    const { note, ...change } = c.req.valid("json");
    await setFeedbackStatus(c.var.store, id, { ...change, note: note ?? "" }, c.var.user.id, new Date());
    return c.json(await itemNow(c.var.store, id), 200);
  })
  .post("/feedback/:id/erasure", signedIn, async (c) => {
    const id = await changeableItem(c);
    await eraseFeedbackText(c.var.store, id, new Date(), c.var.user.id);
    return c.json(await itemNow(c.var.store, id), 200);
  });

/** The id of the item a change names, once the account may change it. */
async function changeableItem(c: Context<PrivateEnv>): Promise<string> {
  const id = c.req.param("id")!;
  assertMayChangeItem(c.var.user, await feedbackScope(c.var.store, id, c.var.user.unit.code), `Item ${id}`, unknownFeedback(id));
  return id;
}

async function itemNow(store: Store, id: string) {
  const item = await findFeedback(store, id);
  if (!item) throw unknownFeedback(id);
  return item;
}

/** OpenAPI description of this module's paths. */
export const feedbackDoc = {
  "/feedback": {
    get: {
      summary: "Complaints (reasons) and comments, newest first",
      description:
        "Each with its status and the history of changes. Items about a named official are listed only for the unit's managers and admins. Pages: pass `next` back as `cursor`; null on the last page.",
      parameters: parameters("query", z.object(listShape)),
      responses: {
        "200": json(z.object({ items: z.array(feedbackItemSchema), next: z.string().nullable() }), "One page"),
        ...errors(400, 401, 403, 404, 503),
      },
    },
  },
  "/feedback/{id}": {
    patch: {
      summary: "Move an item to a status, with a note and a public reply (managers and admins)",
      description:
        "Every change is kept in the item's history with its note, author and time, and the reply it gave. The note is internal; the reply is public: whoever holds the item's receipt code reads it (GET /receipts/{code}), with the status, never the note or who wrote it.",
      parameters: parameters("path", z.object({ id: z.string() })),
      requestBody: { required: true, ...json(statusChangeSchema, "The new status, a note, and optionally the public reply") },
      responses: { "200": json(feedbackItemSchema, "The item now"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
  "/feedback/{id}/erasure": {
    post: {
      summary: "Erase the citizen's text of an item (managers and admins)",
      description:
        "For an erasure request under the Personal Data Protection Law: the reason and comment are blanked for good and `erasedAt` is set; the answer keeps counting and the follow-up history stays. Repeating it changes nothing. Answers themselves are never deleted.",
      parameters: parameters("path", z.object({ id: z.string() })),
      responses: { "200": json(feedbackItemSchema, "The item now"), ...errors(401, 403, 404, 503) },
    },
  },
};
