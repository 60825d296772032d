import { Hono, type Context } from "hono";
import { z } from "zod";
import { publishedAt, setPublished } from "../db/publications.ts";
import { isOfficial } from "../domain/access.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { invalid, jsonBody, requireJson } from "../middleware/json-body/index.ts";
import { signedIn, unitInScope, type PrivateEnv } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

/** Field names as managers call them, for the 400's message. */
const LABELS = {
  published: { vi: "Công khai", en: "Published" },
  unit: { vi: "Đơn vị", en: "Unit" },
};

const publicationBody = z.strictObject({ published: z.boolean().describe("true publishes the unit's results at /cong-khai/<code>; false withdraws them") });

const publicationSchema = z.object({
  unit: z.string(),
  published: z.boolean(),
  publishedAt: z.string().nullable().describe("Since when the results are public (ISO time); null while they are not"),
});

const view = (unit: string, at: string | null) => ({ unit, published: at !== null, publishedAt: at });

/** The unit of the path, provided the account may change it; an official's results are never published (400). */
async function publishableUnit(c: Context<PrivateEnv>) {
  const unit = await unitInScope(c, c.req.param("code")!, { change: true });
  if (isOfficial(unit.kind)) throw invalid({ unit: "an official's results are never published" }, LABELS);
  return unit;
}

/** Publishing a unit's results to citizens (worker/pages/public-results.ts): managers and admins publish, anyone in scope reads. */
export const publications = new Hono<AppEnv>()
  .get("/units/:code/publication", signedIn, async (c) => {
    const unit = await unitInScope(c, c.req.param("code"));
    return c.json(view(unit.code, await publishedAt(c.var.store, unit.code)), 200);
  })
  .put("/units/:code/publication", signedIn, requireJson(1024), jsonBody(publicationBody, LABELS), async (c) => {
    const unit = await publishableUnit(c);
    const at = await setPublished(c.var.store, unit.code, c.req.valid("json").published, { actor: c.var.user.id, at: new Date() });
    return c.json(view(unit.code, at), 200);
  });

const codeParam = parameters("path", z.object({ code: unitCode }));

/** OpenAPI description of this module's paths. */
export const publicationsDoc = {
  "/units/{code}/publication": {
    get: {
      summary: "Whether a unit's results are published to citizens",
      description: "Any account whose subtree holds the unit. An official's results never are.",
      parameters: codeParam,
      responses: { "200": json(publicationSchema, "The unit's publication"), ...errors(401, 403, 404, 503) },
    },
    put: {
      summary: "Publish a unit's results to citizens, or withdraw them (managers and admins)",
      description:
        "Published, /cong-khai/<code> shows anyone, without logging in, the unit's % satisfied by month over the last twelve months with its interval and n, its children's comparison, and its complaints' handling, every figure suppressed as the dashboard suppresses it for a viewer: never an official, never a complaint's text. The page is cached (up to an hour at the edge), so a withdrawal may take that long to reach every reader. An official's results are never published (400). Publishing what is published, or withdrawing what is not, changes nothing. Audited as `unit.publish`.",
      parameters: codeParam,
      requestBody: { required: true, ...json(publicationBody, "Whether the results are published") },
      responses: { "200": json(publicationSchema, "The unit's publication now"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
};
