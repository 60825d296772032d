import type { Context } from "hono";
import { z } from "zod";
import type { QueueFilter } from "../db/feedback.ts";
import { mayViewOfficials } from "../domain/access.ts";
import { FEEDBACK_KINDS, QUEUE_STATUSES } from "../domain/feedback.ts";
import { periodParams, resolvePeriod } from "../domain/period.ts";
import { SCALES } from "../domain/scales.ts";
import { MAX_SEARCH, searchQuery } from "../domain/search.ts";
import { unitCode } from "../domain/units.ts";
import { vnDay } from "../domain/vn-time.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { unitInScope, type PrivateEnv } from "../middleware/session/index.ts";

/*
 * The complaints queue's filters, shared by its list, its counts and its exports: the
 * parameters, and the filter they name for the account.
 */

const LEVELS = SCALES[3].map(({ level }) => String(level));

/** The query parameters of a filter over the queue. */
export const queueParams = {
  unit: unitCode.optional().describe("The scope, any unit of the account's subtree (default: the account's unit)"),
  ...periodParams,
  kind: z.enum(FEEDBACK_KINDS).optional().describe("complaint (Không hài lòng) or feedback (a comment on a satisfied answer); default both"),
  status: z.enum(QUEUE_STATUSES).optional().describe("open: new or being handled; overdue: open past its due day; default all"),
  official: unitCode.optional().describe("Only items naming this official (managers and admins)"),
  level: z.enum(LEVELS).optional().describe("The overall level answered: 3 Rất hài lòng, 2 Hài lòng, 1 Không hài lòng"),
  q: z.string().max(MAX_SEARCH).optional().describe("Words to find in the reason, the comment or a note, whatever the diacritics and case"),
  assignee: z
    .string()
    .regex(/^(me|[1-9]\d{0,15})$/, "me, or an account id")
    .optional()
    .describe("me, or an account id: only the items given to that account"),
};

/** A filter's query, as its parameters validate it. */
export type QueueQuery = z.infer<z.ZodObject<typeof queueParams>>;

const notAnOfficial = (code: string) =>
  new ApiError(400, "not_an_official", {
    en: `Unit ${code} is not an individual official.`,
    vi: `Đơn vị ${code} không phải là một công chức.`,
  });

/**
 * The filter a query names for the account: its scope checked (403 outside it), the
 * official filter for managers and admins only, `me` as the account, the search as a
 * full-text query, overdue as of today in Viet Nam.
 */
export async function queueFilter(c: Context<PrivateEnv>, q: QueueQuery): Promise<QueueFilter> {
  const user = c.var.user;
  const unit = await unitInScope(c, q.unit ?? user.unit.code);
  if (q.official && (await unitInScope(c, q.official, { figures: true })).kind !== "official") throw notAnOfficial(q.official);
  return {
    root: unit.code,
    ...resolvePeriod(q, new Date()),
    officials: mayViewOfficials(user.role),
    today: vnDay(new Date()),
    kind: q.kind ?? null,
    status: q.status ?? null,
    official: q.official ?? null,
    level: q.level ? Number(q.level) : null,
    search: q.q ? searchQuery(q.q) : null,
    assignee: q.assignee === "me" ? user.id : q.assignee ? Number(q.assignee) : null,
  };
}
