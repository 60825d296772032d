import { z } from "zod";
import { maskPersonalNumbers } from "./mask.ts";
import { cleanText } from "./submission.ts";
import { DECISIONS, INCIDENT_STATUSES, SIGNALS } from "./suspicion.ts";

export { DECISIONS, INCIDENT_STATUSES, type Decision, type IncidentStatus } from "./suspicion.ts";

/** The longest note a decision may carry. */
export const MAX_DECISION_NOTE = 2000;

/** Flagged answers of one source at one unit, as the "Bất thường" page lists them. */
export const incidentSchema = z.object({
  id: z.int(),
  unit: z.object({ code: z.string(), name: z.string() }),
  kiosk: z.object({ id: z.string(), name: z.string() }).nullable().describe("The enrolled kiosk, when the source is one; an address is never shown"),
  firstAt: z.string(),
  lastAt: z.string(),
  answers: z.int().describe("How many answers the incident holds"),
  overall: z.record(z.string(), z.int()).describe("Overall level → how many of its answers gave it"),
  signals: z.array(z.enum(SIGNALS)),
  status: z.enum(INCIDENT_STATUSES),
  history: z.array(z.object({ decision: z.enum(DECISIONS), note: z.string(), by: z.string(), at: z.string() })),
});
export type Incident = z.infer<typeof incidentSchema>;

/**
 * The body of `POST /incidents/:id/decision`: a note is required, the decision is on record.
 * The note is masked like the citizen's text: the reason for a decision may name a phone number.
 */
export const decisionSchema = z.strictObject({
  decision: z.enum(DECISIONS),
  note: cleanText(MAX_DECISION_NOTE).overwrite(maskPersonalNumbers).pipe(z.string().min(1, "say why")),
});
