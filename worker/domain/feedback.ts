import { z } from "zod";
import { maskPersonalNumbers } from "./mask.ts";
import { cleanText, MAX_TEXT } from "./submission.ts";
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, MAX_NOTE } from "./follow-up.ts";
import type { Localized } from "./text.ts";

export * from "./follow-up.ts";

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
  kind: z.enum(FEEDBACK_KINDS),
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
  /** The Viet Nam day by which a complaint is to be handled (received + its province's deadline); null for feedback. */
  dueDay: z.string().nullable(),
  /** Open past its due day (see isOverdue), as of the Viet Nam day of the request. */
  overdue: z.boolean(),
  /** The account that has it ("Việc của tôi" for that account); null for nobody. */
  assignee: z.object({ id: z.int(), name: z.string() }).nullable(),
  /** When it was last moved to resolved; null while it is open. */
  resolvedAt: z.string().nullable(),
  /** The unit's public reply, which the citizen reads with the receipt; null if none. */
  reply: z.string().nullable(),
  history: z.array(feedbackEventSchema),
});
export type FeedbackItem = z.infer<typeof feedbackItemSchema>;

const changeShape = {
  status: z.enum(FEEDBACK_STATUSES).optional().describe("Leaving it out keeps the status"),
  note: cleanText(MAX_NOTE)
    .overwrite(maskPersonalNumbers)
    .optional()
    .describe("What was done. Required to close an item (move it to resolved) and to reopen one"),
  reply: cleanText(MAX_REPLY)
    .overwrite(maskPersonalNumbers)
    .optional()
    .describe("The public reply, which the citizen reads with their receipt code; \"\" withdraws it, leaving it out keeps it as it is."),
  assignee: z
    .int()
    .positive()
    .nullable()
    .optional()
    .describe("The account to give it to (one of GET /feedback/assignees), null for nobody; leaving it out keeps it"),
};

/**
 * The body of `PATCH /feedback/:id`. The note and the reply are masked like the citizen's
 * text: a manager following a complaint up may copy the citizen's phone number into them.
 */
export const statusChangeSchema = z.strictObject(changeShape);
export type StatusChange = z.infer<typeof statusChangeSchema>;

/** The most items one bulk move may carry: a page of the queue. */
export const MAX_BULK = 200;

/** The body of `POST /feedback/bulk`: several items moved at once, with one note. */
export const bulkChangeSchema = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(MAX_BULK),
  ...changeShape,
});

/** The parts of a change as managers call them, for the dashboard to show a refusal in their words. */
export const FEEDBACK_CHANGE_LABELS: Record<string, Localized> = {
  status: { vi: "Trạng thái", en: "Status" },
  note: { vi: "Ghi chú xử lý", en: "Note" },
  reply: { vi: "Trả lời công khai", en: "Public reply" },
  assignee: { vi: "Người xử lý", en: "Assignee" },
  ids: { vi: "Các phản ánh đã chọn", en: "Selected items" },
};

/** How many items of the queue's scope and period are in each status; `overdue` ones are also `new` or `in_progress`. */
export const queueCountsSchema = z.object({
  new: z.int(),
  in_progress: z.int(),
  overdue: z.int(),
  resolved: z.int(),
  total: z.int(),
});
export type QueueCounts = z.infer<typeof queueCountsSchema>;

/**
 * How a scope handled the complaints received in a period, each figure with its n:
 * - medianHours: the median time from receipt to resolution in whole hours (the lower median
 *   of the resolved complaints' times, each rounded down), null when none is resolved;
 * - onTime: of the complaints whose outcome is known (resolved, or past their due day),
 *   those resolved by their due day, Decision 766's ratio; share null when n is 0;
 * - open and overdue: how many are still open, and how many of them past their due day.
 */
export const complaintMeasuresSchema = z.object({
  received: z.int(),
  resolved: z.int(),
  medianHours: z.int().nullable(),
  onTime: z.object({ count: z.int(), n: z.int(), share: z.number().nullable() }),
  open: z.int(),
  overdue: z.int(),
});
export type ComplaintMeasures = z.infer<typeof complaintMeasuresSchema>;

/** The lower median of values given as counts per value (value → how many), null for none. */
export function lowerMedian(counts: ReadonlyMap<number, number>): number | null {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const value of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(value)!;
    if (seen >= Math.ceil(total / 2)) return value;
  }
  return null;
}

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
