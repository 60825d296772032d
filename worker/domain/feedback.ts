import { z } from "zod";
import { maskPersonalNumbers } from "./mask.ts";
import { cleanText, MAX_TEXT } from "./submission.ts";
import type { Localized } from "./text.ts";

/** A complaint's follow-up: new → being handled (đang xử lý) → resolved (đã xử lý). */
export const FEEDBACK_STATUSES = ["new", "in_progress", "resolved"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** The longest note a status change may carry. */
export const MAX_NOTE = 2000;

/** The longest public reply: as long as what the citizen may write. */
export const MAX_REPLY = MAX_TEXT;

/** One change of status: to what, why, by whom (the account's name), when, and the public reply it gave. */
export const feedbackEventSchema = z.object({
  status: z.enum(FEEDBACK_STATUSES),
  note: z.string(),
  /** The public reply this change gave, "" when it withdrew the reply, null when it left it as it was. */
  reply: z.string().nullable(),
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
  /** The code with which the citizen follows the item (GET /receipts/{code}), if the widget gave one. */
  receipt: z.string().nullable(),
  /** When the citizen's text was erased (reason and comment are then null); the answer still counts. */
  erasedAt: z.string().nullable(),
  status: z.enum(FEEDBACK_STATUSES),
  /** The unit's public reply, which the citizen reads with the receipt; null if none. */
  reply: z.string().nullable(),
  history: z.array(feedbackEventSchema),
});
export type FeedbackItem = z.infer<typeof feedbackItemSchema>;

/**
 * The body of `PATCH /feedback/:id`. The note and the reply are masked like the citizen's
 * text: a manager following a complaint up may copy the citizen's phone number into them.
 */
export const statusChangeSchema = z.strictObject({
  status: z.enum(FEEDBACK_STATUSES),
  note: cleanText(MAX_NOTE).overwrite(maskPersonalNumbers).optional(),
  reply: cleanText(MAX_REPLY)
    .overwrite(maskPersonalNumbers)
    .optional()
    .describe("The public reply, which the citizen reads with their receipt code; \"\" withdraws it, leaving it out keeps it as it is."),
});

/** The parts of a change as managers call them, for the dashboard to show a refusal in their words. */
export const FEEDBACK_CHANGE_LABELS: Record<string, Localized> = {
  status: { vi: "Trạng thái", en: "Status" },
  note: { vi: "Ghi chú xử lý", en: "Note" },
  reply: { vi: "Trả lời công khai", en: "Public reply" },
};

/**
 * A complaint as its receipt shows it to anyone holding the code (`GET /receipts/:code`): how
 * far it is and the unit's public reply, never what the citizen wrote, the notes, or who
 * handled it.
 */
export const receiptViewSchema = z.object({
  code: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  receivedAt: z.string(),
  /** When its status or reply last changed, else when it was received. */
  updatedAt: z.string(),
  reply: z.string().optional(),
});
export type ReceiptView = z.infer<typeof receiptViewSchema>;

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
