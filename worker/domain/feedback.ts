import { z } from "zod";
import { maskPersonalNumbers } from "./mask.ts";
import { cleanText } from "./submission.ts";

/** A complaint's follow-up: new → being handled (đang xử lý) → resolved (đã xử lý). */
export const FEEDBACK_STATUSES = ["new", "in_progress", "resolved"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** The longest note a status change may carry. */
export const MAX_NOTE = 2000;

/** One change of status: to what, why, by whom (the account's name), when. */
export const feedbackEventSchema = z.object({
  status: z.enum(FEEDBACK_STATUSES),
  note: z.string(),
  by: z.string(),
  at: z.string(),
});

/** A response with a reason or a comment, as the inbox lists it. */
export const feedbackItemSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  day: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  /** The official the citizen named: such items are listed only for the unit's managers and admins. */
  official: z.object({ code: z.string(), name: z.string() }).nullable(),
  overall: z.int().nullable(),
  reason: z.string().nullable(),
  comment: z.string().nullable(),
  caseCode: z.string().nullable(),
  /** When the citizen's text was erased (reason and comment are then null); the answer still counts. */
  erasedAt: z.string().nullable(),
  status: z.enum(FEEDBACK_STATUSES),
  history: z.array(feedbackEventSchema),
});
export type FeedbackItem = z.infer<typeof feedbackItemSchema>;

/**
 * The body of `PATCH /feedback/:id`. The note is masked like the citizen's text: a manager
 * following a complaint up may copy the citizen's phone number into it.
 */
export const statusChangeSchema = z.strictObject({
  status: z.enum(FEEDBACK_STATUSES),
  note: cleanText(MAX_NOTE).overwrite(maskPersonalNumbers).optional(),
});

/** A page position as one opaque string: the last listed item's time and id. */
export function encodeCursor(item: { receivedAt: string; id: string }): string {
  return `${item.receivedAt}_${item.id}`;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)_([0-9a-fA-F-]{36})$/;

/** The `cursor` query parameter: a string from encodeCursor. */
export const cursorSchema = z.string().regex(CURSOR, "the `next` value of the previous page");

/** The position in a cursor that cursorSchema accepted. */
export function decodeCursor(cursor: string): { receivedAt: string; id: string } {
  const [, receivedAt = "", id = ""] = CURSOR.exec(cursor) ?? [];
  return { receivedAt, id };
}
