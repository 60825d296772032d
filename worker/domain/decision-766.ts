import { z } from "zod";

/*
 * Decision 766/QĐ-TTg's "Mức độ hài lòng" group: three ratios of a unit over a period, each
 * with its numerator and denominator, from the complaints received in the period and the
 * answer sets given in it.
 */

/** What a unit's three ratios are counted from. */
export interface Decision766Counts {
  /** Complaints received in the period (kind complaint, answers that count). */
  received: number;
  /** Of those, resolved by their due day: the Viet Nam day of resolved_at at or before due_day. */
  onTime: number;
  /**
   * Of those, not left unsatisfied or late: resolved by the due day, or still open and within
   * it (due_day on or after today). Left unsatisfied or late is the complement: still open past
   * its due day, or resolved after it.
   */
  timely: number;
  /** Answer sets that count given in the period; one per case, since a case is rated once. */
  answerSets: number;
  /** Of those, neither "Không hài lòng" on the overall question nor carrying an open complaint. */
  satisfiedSets: number;
}

/** A ratio: numerator ÷ denominator, the share null below the minimum sample of its denominator. */
export const ratioSchema = z.object({
  numerator: z
    .int()
    .nullable()
    .describe("null only in `satisfiedSets`, where it is a count of citizens' ratings: below the minimum sample, or hidden so that no other unit's can be had by subtraction"),
  denominator: z.int(),
  share: z.number().nullable().describe("numerator / denominator; null when the denominator is below the minimum sample (\"chưa đủ mẫu\")"),
});
export type Ratio = z.infer<typeof ratioSchema>;

/** The three ratios of one unit. */
export const decision766RatiosSchema = z.object({
  onTime: ratioSchema.describe("Complaints handled on time ÷ complaints received"),
  notUnsatisfiedOrLate: ratioSchema.describe("Complaints neither left unsatisfied nor late ÷ complaints received"),
  satisfiedSets: ratioSchema.describe("Answer sets not \"Không hài lòng\" and not carrying an open complaint ÷ answer sets"),
});
export type Decision766Ratios = z.infer<typeof decision766RatiosSchema>;

/** A ratio of two counts, its share shown from `minSample` denominators up. */
export function ratio(numerator: number, denominator: number, minSample: number): Ratio {
  return { numerator, denominator, share: denominator === 0 || denominator < minSample ? null : numerator / denominator };
}

/**
 * A unit's three ratios from its counts. The complaint ratios count how the office handled
 * complaints, and give their counts whatever their number, as the complaints queue does; the
 * answer sets' ratio counts citizens' ratings, and follows the rules of every figure: below
 * the minimum sample, or `hidden` to protect another unit's (complementarySuppression), only
 * its denominator, its n, is given.
 */
export function decision766Ratios(c: Decision766Counts, minSample: number, hidden = false): Decision766Ratios {
  const sets = ratio(c.satisfiedSets, c.answerSets, minSample);
  return {
    onTime: ratio(c.onTime, c.received, minSample),
    notUnsatisfiedOrLate: ratio(c.timely, c.received, minSample),
    satisfiedSets: sets.share === null || hidden ? { numerator: null, denominator: c.answerSets, share: null } : sets,
  };
}

/** No complaint and no answer set: the counts of a unit without any in the period. */
export const NO_766_COUNTS: Decision766Counts = { received: 0, onTime: 0, timely: 0, answerSets: 0, satisfiedSets: 0 };

/** How the ratios are defined, for the API's description. */
export const DECISION_766_DEFINITIONS =
  "Decision 766/QĐ-TTg's \"Mức độ hài lòng\" ratios, for answers that count (never a quarantined one) received in the period (Viet Nam days). `onTime`: complaints resolved by their due day (the Viet Nam day of their resolution at or before it) ÷ complaints received. `notUnsatisfiedOrLate`: complaints neither left unsatisfied nor late ÷ complaints received, where a complaint is left unsatisfied or late when it is still open past its due day or was resolved after it; so the numerator is the complaints resolved on time plus those still open within their deadline. `satisfiedSets`: answer sets whose overall answer is not \"Không hài lòng\" and that carry no open complaint ÷ answer sets; a case (mã hồ sơ) is rated once, so answer sets with a case code count once per case. Feedback (comments on satisfied answers) is never a complaint.";
