import { z } from "zod";
import { unitSchema } from "./access.ts";
import { isoDay } from "./period.ts";
import { cleanText } from "./submission.ts";
import type { Localized } from "./text.ts";

/*
 * The units a commune's managers run themselves, as the API takes and shows them: its desks
 * and the officials at each (their codes: unit-children.ts). They are added, renamed and
 * closed, never deleted: a closed unit keeps its answers and figures and takes no new answers.
 */

/** A unit with the Viet Nam days it opened and closed (null while open): a desk or official as its managers see it. */
export const managedUnitSchema = unitSchema.extend({
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type ManagedUnit = z.infer<typeof managedUnitSchema>;

/** The body that adds or renames a desk or an official: its name as citizens see it. */
export const unitNameSchema = z.strictObject({ name: cleanText(200).pipe(z.string().min(1, "required")) });

/** The body of a closure: the Viet Nam day it takes effect, today if left out. */
export const closeSchema = z.strictObject({
  on: isoDay.optional().describe("The Viet Nam day the unit closes (YYYY-MM-DD): today or earlier, not before it opened; default today"),
});

/** The fields as managers call them, for the 400's message. */
export const MANAGED_UNIT_LABELS: Record<string, Localized> = {
  name: { vi: "Tên", en: "Name" },
  on: { vi: "Ngày ngừng hoạt động", en: "Closing day" },
};
