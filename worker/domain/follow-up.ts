/*
 * The complaints queue's rules that the dashboard shares with the API: statuses, kinds,
 * deadlines and notes. Free of zod, so the dashboard's first load stays small.
 */

/** A complaint's follow-up: new → being handled (đang xử lý) → resolved (đã xử lý). */
export const FEEDBACK_STATUSES = ["new", "in_progress", "resolved"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/**
 * What an item is: a complaint (a reason after "Không hài lòng", or a comment on that answer)
 * or feedback (a comment on a satisfied answer: praise, suggestions), never counted as a
 * complaint. Fixed when the answer arrives (migrations/province/0007_complaint_queue.sql).
 */
export const FEEDBACK_KINDS = ["complaint", "feedback"] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/**
 * What the queue may be filtered by: a status, or `open` (new or being handled) or `overdue`
 * (open past its due day).
 */
export const QUEUE_STATUSES = ["open", "overdue", ...FEEDBACK_STATUSES] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

/** Days from the day a complaint is received to the day it is due, where its province sets none. */
export const DEFAULT_DEADLINE_DAYS = 15;

/**
 * Whether a complaint due on `dueDay` (a Viet Nam day, the last day to handle it) and still
 * open is overdue on `today`: from the Viet Nam day after its due day on.
 */
export function isOverdue(dueDay: string | null, status: FeedbackStatus, today: string): boolean {
  return dueDay !== null && status !== "resolved" && today > dueDay;
}

/** The longest note a status change may carry. */
export const MAX_NOTE = 2000;

/**
 * Whether a change from `before` to `after` needs a note: closing says what was done,
 * reopening why.
 */
export function needsNote(before: FeedbackStatus, after: FeedbackStatus): boolean {
  return before !== after && (after === "resolved" || before === "resolved");
}
