import { Hono } from "hono";
import { z } from "zod";
import { decideIncident, findIncident, incidentScope, listIncidents } from "../db/incidents.ts";
import { decisionSchema, INCIDENT_STATUSES, incidentSchema } from "../domain/incidents.ts";
import { periodParams, refinePeriod, resolvePeriod } from "../domain/period.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { jsonBody, query, requireJson } from "../middleware/json-body/index.ts";
import { assertMayChangeItem, signedIn, unitInScope } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

const listShape = { unit: unitCode.optional().describe("Default: the account's unit"), ...periodParams, status: z.enum(INCIDENT_STATUSES).optional() };
const listQuery = z.strictObject(listShape).superRefine(refinePeriod);
const idParam = z.object({ id: z.string().regex(/^\d{1,12}$/, "an incident number") });

const unknownIncident = (id: string) =>
  new ApiError(404, "unknown_incident", { en: `There is no incident ${id}.`, vi: `Không có trường hợp bất thường số ${id}.` });

const caseRatedSince = new ApiError(409, "case_rated_since", {
  en: "A case among these answers has been rated again since they were flagged: one rating per case, so they cannot all count. Confirm the incident instead.",
  vi: "Một hồ sơ trong các đánh giá này đã được đánh giá lại sau khi bị đánh dấu: mỗi hồ sơ chỉ tính một lần nên không thể tính lại tất cả. Hãy xác nhận bất thường.",
});

/** Incidents of suspicious answers ("Bất thường"), and managers' decisions on them. */
export const incidents = new Hono<AppEnv>()
  .get("/incidents", signedIn, query(listQuery), async (c) => {
    const q = c.req.valid("query");
    const unit = await unitInScope(c, q.unit ?? c.var.user.unit.code);
    return c.json({ incidents: await listIncidents(c.var.store, unit.code, resolvePeriod(q, new Date()), q.status ?? null) }, 200);
  })
  .post("/incidents/:id/decision", signedIn, requireJson(8 * 1024), jsonBody(decisionSchema), async (c) => {
    const id = c.req.param("id");
    const user = c.var.user;
    const scope = idParam.shape.id.safeParse(id).success ? await incidentScope(c.var.store, Number(id), user.unit.code) : null;
    assertMayChangeItem(user, scope, `Incident ${id}`, unknownIncident(id));
    const { decision, note } = c.req.valid("json");
    try {
      await decideIncident(c.var.store, Number(id), decision, note, user.id, new Date());
    } catch (err) {
      if (err instanceof Error && /UNIQUE constraint failed: responses\.case_key/.test(err.message)) throw caseRatedSince;
      throw err;
    }
    return c.json((await findIncident(c.var.store, Number(id)))!, 200);
  });

/** OpenAPI description of this module's paths. */
export const incidentsDoc = {
  "/incidents": {
    get: {
      summary: "Incidents of suspicious answers in a unit's subtree, newest first",
      description:
        "A burst from one source (an address for a day, or an enrolled kiosk) flagged as it arrived: its answers are kept and counted in no figure until a manager releases them.",
      parameters: parameters("query", z.object(listShape)),
      responses: { "200": json(z.object({ incidents: z.array(incidentSchema) }), "The incidents"), ...errors(400, 401, 403, 404, 503) },
    },
  },
  "/incidents/{id}/decision": {
    post: {
      summary: "Release an incident (its answers count from now on, on their own days) or confirm it (they stay out), with a note",
      description: "Managers and admins. Every decision is kept with its note, author and time; a later decision may reverse an earlier one.",
      parameters: parameters("path", idParam),
      requestBody: { required: true, ...json(decisionSchema, "The decision and why") },
      responses: { "200": json(incidentSchema, "The incident now"), ...errors(400, 401, 403, 404, 409, 413, 415, 503) },
    },
  },
};
