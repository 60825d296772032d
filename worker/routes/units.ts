import { Hono } from "hono";
import { z } from "zod";
import { originsOf, replaceOrigins } from "../db/origins.ts";
import { childrenOf, pathOf, subtreeUnits } from "../db/units.ts";
import { unitSchema, type UnitView } from "../domain/access.ts";
import { MAX_ORIGINS, originListSchema } from "../domain/origin-list.ts";
import { SEARCH_LIMIT, searchUnits } from "../domain/unit-search.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { jsonBody, query, requireJson } from "../middleware/json-body/index.ts";
import { signedIn, unitInScope } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

const unitsQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe("A code or a name (accents and case ignored)"),
  parent: unitCode.optional().describe("Where to look: this unit's children, or its subtree with q; default the account's unit"),
});

const originsBody = z.object({
  origins: z.array(z.string()).describe("Set on the unit itself"),
  inherited: z.array(z.string()).describe("Set on an ancestor, so allowed here too"),
});

/** The unit tree within the account's scope, and each unit's allowed origins. */
export const units = new Hono<AppEnv>()
  .get("/units", signedIn, query(unitsQuery), async (c) => {
    const { q, parent } = c.req.valid("query");
    const root = await unitInScope(c, parent ?? c.var.user.unit.code);
    const found: UnitView[] = q
      ? searchUnits(await subtreeUnits(c.var.store, root.code), q)
      : await childrenOf(c.var.store, root.code);
    return c.json({ units: found }, 200);
  })
  .get("/units/:code", signedIn, async (c) => {
    const unit = await unitInScope(c, c.req.param("code"));
    const [path, children] = await Promise.all([pathOf(c.var.store, unit.code), childrenOf(c.var.store, unit.code)]);
    return c.json({ unit, path, children }, 200);
  })
  .get("/units/:code/origins", signedIn, async (c) => {
    const unit = await unitInScope(c, c.req.param("code"));
    return c.json(await originsOf(c.var.store, unit.code), 200);
  })
  .put("/units/:code/origins", signedIn, requireJson(16 * 1024), jsonBody(originListSchema), async (c) => {
    const unit = await unitInScope(c, c.req.param("code"), { change: true });
    await replaceOrigins(c.var.store, unit.code, c.req.valid("json").origins);
    return c.json(await originsOf(c.var.store, unit.code), 200);
  });

const codeParam = parameters("path", z.object({ code: unitCode }));

/** OpenAPI description of this module's paths. */
export const unitsDoc = {
  "/units": {
    get: {
      summary: "Search units by code or name, or list a unit's children",
      description: `With q: up to ${SEARCH_LIMIT} matches in the subtree, best first. Without: the children of parent (or of the account's unit).`,
      parameters: parameters("query", unitsQuery),
      responses: { "200": json(z.object({ units: z.array(unitSchema) }), "The units"), ...errors(400, 401, 403, 404, 503) },
    },
  },
  "/units/{code}": {
    get: {
      summary: "A unit with its ancestors (from the country down) and its children",
      parameters: codeParam,
      responses: {
        "200": json(z.object({ unit: unitSchema, path: z.array(unitSchema), children: z.array(unitSchema) }), "The unit"),
        ...errors(401, 403, 404, 503),
      },
    },
  },
  "/units/{code}/origins": {
    get: {
      summary: "The web origins allowed to embed the widget for a unit",
      parameters: codeParam,
      responses: { "200": json(originsBody, "The unit's own and inherited origins"), ...errors(401, 403, 404, 503) },
    },
    put: {
      summary: "Replace a unit's own allowed origins (managers and admins)",
      description: `Each an origin such as https://ubnd.example.vn: scheme, host and optional port, no path; at most ${MAX_ORIGINS}. Ancestors' origins stay allowed.`,
      parameters: codeParam,
      requestBody: { required: true, ...json(originListSchema, "The new list") },
      responses: { "200": json(originsBody, "The origins now"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
};
