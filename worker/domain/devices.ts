import { z } from "zod";
import { cleanText } from "./submission.ts";
import { unitCode } from "./units.ts";

export { ENROL_VALID_MS } from "./enrolment.ts";

/** A kiosk as the dashboard lists it. */
export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  createdBy: z.string(),
  createdAt: z.string(),
  enrolledAt: z.string().nullable(),
  enrolExpiresAt: z.string().nullable().describe("Until when the enrolment code can be spent, while it is unspent"),
  revokedAt: z.string().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

/** The body of `POST /devices`. */
export const newDeviceSchema = z.strictObject({
  unit: unitCode,
  name: cleanText(100).pipe(z.string().min(1, "required")),
});

/** The body of `POST /devices/enrol`, which the kiosk sends once. */
export const enrolSchema = z.strictObject({ code: z.string().min(10).max(100) });

/** What the kiosk keeps after enrolling: its token, sent with every answer. */
export const enrolmentSchema = z.object({
  token: z.string(),
  device: z.object({ id: z.string(), name: z.string(), unit: z.string() }),
});
