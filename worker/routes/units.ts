import { Hono, type Context } from "hono";
import { z } from "zod";
import { originsOf, replaceOrigins } from "../db/origins.ts";
import { addManagedUnit, childrenOf, closeUnits, managedUnitsUnder, openSubtree, pathOf, renameUnit, subtreeUnits } from "../db/units.ts";
import { unitSchema, type UnitView } from "../domain/access.ts";
import { closeSchema, MANAGED_UNIT_LABELS, managedUnitSchema, unitNameSchema, type ManagedUnit } from "../domain/desks.ts";
import { childOf, isManaged } from "../domain/unit-children.ts";
import { MAX_ORIGINS, originListSchema } from "../domain/origin-list.ts";
import { SEARCH_LIMIT, searchUnits, unitMatchSchema } from "../domain/unit-search.ts";
import { unitCode } from "../domain/units.ts";
import { vnDay } from "../domain/vn-time.ts";
import type { AppEnv } from "../env.ts";
import { openUnitToChange } from "../http/open-unit.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { invalid, jsonBody, query, requireJson } from "../middleware/json-body/index.ts";
import { signedIn, unitInScope, type PrivateEnv } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

const unitsQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe("A code or a name (accents and case ignored)"),
  parent: unitCode.optional().describe("Where to look: this unit's children, or its subtree with q; default the account's unit"),
  near: unitCode.optional().describe("With q: among equally good matches, those inside this unit's subtree come first (the dashboard passes the unit being viewed); a unit outside the account's scope changes nothing"),
});

const originsBody = z.object({
  origins: z.array(z.string()).describe("Set on the unit itself"),
  inherited: z.array(z.string()).describe("Set on an ancestor, so allowed here too"),
});

/** The 400 for a unit that managers do not add, rename or close (a commune, a province, the country). */
const notManaged = (unit: UnitView) =>
  new ApiError(400, "invalid", {
    en: `Please check: Unit. ${unit.name} (${unit.code}) is in the official list of administrative units; only desks and officials are renamed or closed here.`,
    vi: `Vui lòng kiểm tra lại: Đơn vị. ${unit.name} (${unit.code}) thuộc danh mục đơn vị hành chính chính thức; tại đây chỉ đổi tên hoặc đóng bộ phận và công chức.`,
  }, { code: "not a desk or official" });

/** A desk or official the account may change, still open; 400, 403, 404 or 409 otherwise. */
async function openManagedUnit(c: Context<PrivateEnv>): Promise<ManagedUnit> {
  const unit = await openUnitToChange(c, c.req.param("code")!);
  if (!isManaged(unit.kind)) throw notManaged(unit);
  return unit;
}

/** A unit that something may be added below, by kind: a desk below a commune or province, an official below a desk. */
async function parentFor(c: Context<PrivateEnv>, kind: "desk" | "official"): Promise<ManagedUnit> {
  const parent = await openUnitToChange(c, c.req.param("code")!);
  if (childOf(parent.kind)?.kind === kind) return parent;
  throw new ApiError(400, "invalid", {
    en: `Please check: Unit. ${kind === "desk" ? "A desk is added below a commune, ward or province" : "An official is added below a desk"}; ${parent.name} (${parent.code}) is not one.`,
    vi: `Vui lòng kiểm tra lại: Đơn vị. ${kind === "desk" ? "Bộ phận một cửa được thêm vào xã, phường hoặc tỉnh" : "Công chức được thêm vào một bộ phận một cửa"}; ${parent.name} (${parent.code}) không phải.`,
  }, { code: kind === "desk" ? "not a commune or province" : "not a desk" });
}

/** The unit tree within the account's scope, and each unit's allowed origins. */
export const units = new Hono<AppEnv>()
  .get("/units", signedIn, query(unitsQuery), async (c) => {
    const { q, parent, near } = c.req.valid("query");
    const root = await unitInScope(c, parent ?? c.var.user.unit.code);
    if (!q) return c.json({ units: await childrenOf(c.var.store, root.code) }, 200);
    const [units, above] = await Promise.all([subtreeUnits(c.var.store, root.code), pathOf(c.var.store, root.code)]);
    return c.json({ units: searchUnits(units, q, { above, near }) }, 200);
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
    await replaceOrigins(c.var.store, unit.code, c.req.valid("json").origins, { actor: c.var.user.id, at: new Date() });
    return c.json(await originsOf(c.var.store, unit.code), 200);
  })
  .get("/units/:code/desks", signedIn, async (c) => {
    const unit = await unitInScope(c, c.req.param("code"));
    return c.json({ units: await managedUnitsUnder(c.var.store, unit.code) }, 200);
  })
  .post("/units/:code/desks", signedIn, requireJson(4 * 1024), jsonBody(unitNameSchema, MANAGED_UNIT_LABELS), async (c) => {
    const parent = await parentFor(c, "desk");
    return c.json(await addManagedUnit(c.var.store, parent, c.req.valid("json").name, c.var.user.id, new Date()), 201);
  })
  .post("/units/:code/officials", signedIn, requireJson(4 * 1024), jsonBody(unitNameSchema, MANAGED_UNIT_LABELS), async (c) => {
    const parent = await parentFor(c, "official");
    return c.json(await addManagedUnit(c.var.store, parent, c.req.valid("json").name, c.var.user.id, new Date()), 201);
  })
  .patch("/units/:code", signedIn, requireJson(4 * 1024), jsonBody(unitNameSchema, MANAGED_UNIT_LABELS), async (c) => {
    const unit = await openManagedUnit(c);
    const { name } = c.req.valid("json");
    if (name === unit.name) return c.json(unit, 200);
    return c.json(await renameUnit(c.var.store, unit, name, c.var.user.id, new Date()), 200);
  })
  .post("/units/:code/close", signedIn, requireJson(1024), jsonBody(closeSchema, MANAGED_UNIT_LABELS), async (c) => {
    const unit = await openManagedUnit(c);
    const now = new Date();
    const today = vnDay(now);
    const units = await openSubtree(c.var.store, unit.code);
    const opened = units.map((u) => u.validFrom).sort().at(-1)!;
    const day = c.req.valid("json").on ?? today;
    if (day > today) throw invalid({ on: `today (${today}) or earlier: a unit closes when it stops serving` }, MANAGED_UNIT_LABELS);
    if (day < opened) throw invalid({ on: `${opened} or later: the day it${units.length > 1 ? " or an official at it" : ""} opened` }, MANAGED_UNIT_LABELS);
    return c.json({ closed: await closeUnits(c.var.store, units, day, c.var.user.id, now) }, 200);
  });

const codeParam = parameters("path", z.object({ code: unitCode }));

const MANAGERS_ONLY = "Managers and admins whose scope holds the unit; viewers and other units' accounts get 403.";

const addDoc = (what: string, below: string, example: string) => ({
  summary: `Add ${what} below ${below} (managers and admins)`,
  description: `${MANAGERS_ONLY} The code is generated below the parent's, e.g. ${example}, and never reused, even after a closure. The unit opens today (Viet Nam) and is added to the catalog and the province's shard; the change is recorded in the audit (unit.create). 409 \`unit_closed\` below a closed unit.`,
  parameters: codeParam,
  requestBody: { required: true, ...json(unitNameSchema, "Its name, e.g. Bộ phận tiếp nhận và trả kết quả") },
  responses: { "201": json(managedUnitSchema, "Added"), ...errors(400, 401, 403, 404, 409, 413, 415, 503) },
});

/** OpenAPI description of this module's paths. */
export const unitsDoc = {
  "/units": {
    get: {
      summary: "Search units by code or name, or list a unit's children",
      description: `With q: up to ${SEARCH_LIMIT} matches in the subtree, best first (exact code, code prefix, whole name, a word start, anywhere; then those inside near; then by name), each with its province and, for a desk or official, its commune. Without: the children of parent (or of the account's unit).`,
      parameters: parameters("query", unitsQuery),
      responses: {
        "200": json(
          z.union([z.object({ units: z.array(unitMatchSchema) }).describe("With q: the matches"), z.object({ units: z.array(unitSchema) }).describe("Without q: the children")]),
          "The units",
        ),
        ...errors(400, 401, 403, 404, 503),
      },
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
    patch: {
      summary: "Rename a desk or official (managers and admins)",
      description: `${MANAGERS_ONLY} Communes and provinces keep their official names (400). Recorded in the audit (unit.rename); 409 \`unit_closed\` for a closed unit.`,
      parameters: codeParam,
      requestBody: { required: true, ...json(unitNameSchema, "The new name") },
      responses: { "200": json(managedUnitSchema, "The unit now"), ...errors(400, 401, 403, 404, 409, 413, 415, 503) },
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
  "/units/{code}/desks": {
    get: {
      summary: "The desks and officials below a unit, open and closed",
      description: "By code, so each official follows its desk; `validTo` is the Viet Nam day a closed one closed.",
      parameters: codeParam,
      responses: { "200": json(z.object({ units: z.array(managedUnitSchema) }), "The desks and officials"), ...errors(401, 403, 404, 503) },
    },
    post: addDoc("a one-stop desk", "a commune, ward or province (its public service centre)", '"14329-tn", "14329-tn2" below a commune, "01-tthc" below a province'),
  },
  "/units/{code}/officials": {
    post: addDoc("an official", "a desk", '"14329-tn-cb1", "14329-tn-cb2"'),
  },
  "/units/{code}/close": {
    post: {
      summary: "Close a desk or official (managers and admins)",
      description: `${MANAGERS_ONLY} Closing a desk closes its open officials on the same day. A closed unit keeps its answers and figures; its survey and new answers are refused with 404 \`unit_closed\`, which the widget shows (an answer stored before, sent again, still gets its receipt). The day is today or earlier, not before the unit (or an official at it) opened. Recorded in the audit (unit.close, one per unit). 409 \`unit_closed\` if already closed.`,
      parameters: codeParam,
      requestBody: { required: true, ...json(closeSchema, "The closing day, or {} for today") },
      responses: { "200": json(z.object({ closed: z.array(managedUnitSchema) }), "The units closed"), ...errors(400, 401, 403, 404, 409, 413, 415, 503) },
    },
  },
};
