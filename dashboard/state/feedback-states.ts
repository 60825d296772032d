/**
 * The complaints queue's statuses and kinds, and the note rule, as worker/domain/feedback.ts
 * defines them. That module builds its zod schemas as it loads, which would put zod into the
 * dashboard's first load, far over its budget (scripts/build.ts): the lists here are checked
 * against its types instead, so a status or kind added there fails to compile here.
 */
import type { FeedbackKind, FeedbackStatus, QueueStatus } from "../../worker/domain/feedback.ts";

/** The list as given, which must name every member of T. */
const every =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;

export const FEEDBACK_STATUSES = every<FeedbackStatus>()(["new", "in_progress", "resolved"]);
export const FEEDBACK_KINDS = every<FeedbackKind>()(["complaint", "feedback"]);
export const QUEUE_STATUSES = every<QueueStatus>()(["open", "overdue", "new", "in_progress", "resolved"]);

/** Whether moving an item from `before` to `after` needs a note (the API's needsNote): closing, or reopening. */
export function needsNote(before: FeedbackStatus, after: FeedbackStatus): boolean {
  return before !== after && (after === "resolved" || before === "resolved");
}
