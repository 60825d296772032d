import { Hono, type Context } from "hono";
import { z } from "zod";
import { lastAnswerDaySince } from "../db/stats.ts";
import { recordSuccession, type SuccessionChange } from "../db/successions.ts";
import { childCodes, openSubtree, unitWithValidity, type NewUnit } from "../db/units.ts";
import type { AuditEntry } from "../domain/audit.ts";
import type { ManagedUnit } from "../domain/desks.ts";
import { addDays, isoDay } from "../domain/period.ts";
import type { SuccessionKind } from "../domain/stats.ts";
import { cleanText } from "../domain/submission.ts";
import type { Localized } from "../domain/text.ts";
import { childOf, nextChildCode } from "../domain/unit-children.ts";
import { COMMUNE_KINDS, unitCode, type UnitKind } from "../domain/units.ts";
import { vnDay } from "../domain/vn-time.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { invalid, jsonBody, requireJson } from "../middleware/json-body/index.ts";
import { signedIn, unitInScope, type PrivateEnv } from "../middleware/session/index.ts";
import { errors, json } from "../openapi.ts";

/*
 * Mergers and splits of units, recorded by admins: the predecessors close on the day the
 * successors take over, and figures follow (worker/db/stats.ts): a merged unit's figures
 * include its predecessors' answers before that day; after a split the old unit's history
 * stays its own. Units merge within one parent (communes within their province, desks within
 * their commune), so the parent's figures, from its own rollups, are the same before and after.
 */

/** A successor that does not exist yet: it opens on the day of the change. */
const newUnitSchema = z.strictObject({
  name: cleanText(200).pipe(z.string().min(1, "required")),
  parent: unitCode.describe("The parent of the units it continues"),
  kind: z.enum(["xa", "phuong", "dac_khu", "desk"]).describe("The kind of the units it continues (any commune kind for communes)"),
});
const successorSchema = z.union([unitCode, newUnitSchema]);
const daySchema = isoDay.describe("The Viet Nam day (YYYY-MM-DD) the successors take over: today or earlier; the predecessors' last day is the day before");

const mergerSchema = z.strictObject({
  into: successorSchema.describe("The continuing unit: an existing unit's code, or a new unit"),
  from: z.array(unitCode).min(1).max(20).describe("The units that close and continue in `into`"),
  on: daySchema,
});
const splitSchema = z.strictObject({
  from: unitCode.describe("The unit that closes and continues in each of `into`"),
  into: z.array(successorSchema).min(2).max(20).describe("The continuing units: existing units' codes or new units"),
  on: daySchema,
});

const LABELS: Record<string, Localized> = {
  into: { vi: "Đơn vị kế thừa", en: "Continuing unit" },
  from: { vi: "Đơn vị sáp nhập", en: "Merged units" },
  on: { vi: "Ngày có hiệu lực", en: "Effective day" },
  name: { vi: "Tên", en: "Name" },
};

const successionResult = z.object({
  kind: z.enum(["merge", "split"]),
  on: z.string(),
  predecessors: z.array(z.string()),
  successors: z.array(z.string()),
  added: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string(), parent: z.string(), validFrom: z.string() })),
  closed: z.array(z.string()).describe("Every unit closed: the predecessors and the open desks and officials below them"),
});

const adminsOnly = new ApiError(403, "admins_only", {
  en: "Only admins record mergers and splits of units.",
  vi: "Chỉ quản trị viên mới ghi nhận việc sáp nhập, chia tách đơn vị.",
});

/** The group a kind merges within: every commune kind together, desks with desks, officials with officials. */
const kindGroup = (kind: UnitKind) => (COMMUNE_KINDS.includes(kind) ? "commune" : kind);

type NewSuccessor = z.infer<typeof newUnitSchema>;
type Successor = z.infer<typeof successorSchema>;

/** The code suffix of a new successor below its parent: "01-sn", "01-sn2" for communes (sáp nhập), "14329-tn2" for a desk. */
const newCodeSuffix = (kind: NewSuccessor["kind"]) => (kind === "desk" ? childOf("xa")!.suffix : "sn");

/**
 * New successors as units, under codes never used below their parent in the catalog. The
 * shard may hold such a code already, left by this change interrupted before the catalog's
 * batch: recording it again then completes that unit rather than leaving it aside.
 */
async function newUnits(c: Context<PrivateEnv>, wanted: NewSuccessor[], on: string): Promise<NewUnit[]> {
  const taken = new Map<string, string[]>();
  const added: NewUnit[] = [];
  for (const s of wanted) {
    if (!taken.has(s.parent)) taken.set(s.parent, await childCodes(c.var.store.catalog, s.parent));
    const codes = taken.get(s.parent)!;
    const code = nextChildCode(s.parent, newCodeSuffix(s.kind), codes);
    codes.push(code);
    added.push({ code, name: s.name, kind: s.kind, parent: s.parent, validFrom: on });
  }
  return added;
}

/** A unit the account may change: 404 for an unknown code, 403 outside its scope or for a viewer. */
async function unitToChange(c: Context<PrivateEnv>, code: string): Promise<ManagedUnit> {
  await unitInScope(c, code, { change: true });
  return (await unitWithValidity(c.var.store, code))!;
}

/** What a successor is, existing or new, for the checks. */
type Candidate = { unit: ManagedUnit | null; kind: UnitKind; parent: string | null };

/**
 * Field errors of a merger or split (empty if none): a unit named twice or continuing itself,
 * a closed unit, a day in the future or not after a predecessor opened, kinds that differ, or
 * units of different parents.
 */
function fieldErrors(predecessors: ManagedUnit[], successors: Candidate[], on: string, field: { from: (i: number) => string; into: (i: number) => string }): Record<string, string> {
  const fields: Record<string, string> = {};
  const set = (key: string, message: string) => void (fields[key] ??= message);
  const today = vnDay(new Date());
  if (on > today) set("on", `today (${today}) or earlier: a change is recorded once it has taken effect`);
  const first = predecessors[0]!;
  const sameParent = `units merge and split within one parent (${first.parent}): communes within their province, desks within their commune`;
  const sameKind = (kind: UnitKind) => `a ${kind} cannot continue a ${first.kind}: communes merge into communes, desks into desks`;
  const seen = new Set<string>();
  predecessors.forEach((p, i) => {
    if (seen.has(p.code)) set(field.from(i), `${p.code} is named twice`);
    seen.add(p.code);
    if (p.kind === "country" || p.kind === "province") set(field.from(i), `${p.name} (${p.code}) is a ${p.kind}: only communes, desks and officials merge or split`);
    if (p.validTo) set(field.from(i), `${p.name} (${p.code}) already closed on ${p.validTo}`);
    if (kindGroup(p.kind) !== kindGroup(first.kind)) set(field.from(i), sameKind(p.kind));
    if (p.parent !== first.parent) set(field.from(i), sameParent);
    if (on <= p.validFrom) set("on", `after ${p.validFrom}, the day ${p.name} (${p.code}) opened`);
  });
  successors.forEach(({ unit, kind, parent }, i) => {
    if (unit && seen.has(unit.code)) set(field.into(i), `${unit.code} cannot continue itself`);
    if (unit) seen.add(unit.code);
    if (unit?.validTo) set(field.into(i), `${unit.name} (${unit.code}) already closed on ${unit.validTo}`);
    if (unit && on < unit.validFrom) set("on", `${unit.validFrom} or later, the day ${unit.name} (${unit.code}) opened`);
    if (kindGroup(kind) !== kindGroup(first.kind)) set(field.into(i), sameKind(kind));
    if (parent !== first.parent) set(field.into(i), sameParent);
  });
  return fields;
}

/**
 * The change a merger or split asks for, checked before anything is written: 403 for an
 * account other than an admin of a scope holding every unit, 404 for an unknown unit, 400
 * naming the field for a change that cannot be.
 */
async function checkedChange(c: Context<PrivateEnv>, kind: SuccessionKind, from: string[], into: Successor[], on: string): Promise<SuccessionChange> {
  if (c.var.user.role !== "admin") throw adminsOnly;
  const predecessors = await Promise.all(from.map((code) => unitToChange(c, code)));
  const existing = await Promise.all(into.map((s) => (typeof s === "string" ? unitToChange(c, s) : null)));
  for (const s of into) if (typeof s !== "string") await unitInScope(c, s.parent, { change: true });
  const candidates = into.map((s, i): Candidate => {
    const unit = existing[i] ?? null;
    return unit ? { unit, kind: unit.kind, parent: unit.parent } : { unit: null, kind: (s as NewSuccessor).kind, parent: (s as NewSuccessor).parent };
  });
  const field = kind === "merge" ? { from: (i: number) => `from.${i}`, into: () => "into" } : { from: () => "from", into: (i: number) => `into.${i}` };
  const fields = fieldErrors(predecessors, candidates, on, field);
  if (Object.keys(fields).length > 0) throw invalid(fields, LABELS);
  const below = (await Promise.all(predecessors.map((p) => openSubtree(c.var.store, p.code)))).flat();
  const openedLater = below.find((u) => on <= u.validFrom);
  if (openedLater) throw invalid({ on: `after ${openedLater.validFrom}, the day ${openedLater.name} (${openedLater.code}) opened` }, LABELS);
  // An answer already counted at a predecessor on or after the day would belong to no unit's figures.
  for (const p of predecessors) {
    const last = await lastAnswerDaySince(c.var.store, p.code, on);
    if (last) throw invalid({ on: `${addDays(last, 1)} or later: ${p.name} (${p.code}) has answers on ${last}` }, LABELS);
  }
  const added = await newUnits(c, into.filter((s): s is NewSuccessor => typeof s !== "string"), on);
  let next = 0;
  const successors = into.map((s) => (typeof s === "string" ? s : added[next++]!.code));
  return { kind, on, predecessors: from, successors, added, closing: below.map((u) => u.code) };
}

/**
 * The records of a merger or split: one per predecessor (unit.merge, its closing and its
 * successors), one per new successor (unit.create), one per desk or official closed below a
 * predecessor (unit.close).
 */
function records(change: SuccessionChange, actor: number, at: Date): AuditEntry[] {
  const who = { at, actor };
  return [
    ...change.predecessors.map((code): AuditEntry => ({
      ...who,
      action: "unit.merge",
      unit: code,
      target: code,
      before: { validTo: null },
      after: { validTo: change.on, [change.kind === "merge" ? "mergedInto" : "splitInto"]: change.successors },
    })),
    ...change.added.map(({ code, ...after }): AuditEntry => ({ ...who, action: "unit.create", unit: code, target: code, before: null, after })),
    ...change.closing
      .filter((code) => !change.predecessors.includes(code))
      .map((code): AuditEntry => ({ ...who, action: "unit.close", unit: code, target: code, before: { validTo: null }, after: { validTo: change.on } })),
  ];
}

async function record(c: Context<PrivateEnv>, change: SuccessionChange) {
  await recordSuccession(c.var.store, change, records(change, c.var.user.id, new Date()));
  const { kind, on, predecessors, successors, added, closing } = change;
  return c.json({ kind, on, predecessors, successors, added, closed: closing }, 201);
}

/** Mergers and splits of units, by admins. */
export const mergers = new Hono<AppEnv>()
  .post("/mergers", signedIn, requireJson(8 * 1024), jsonBody(mergerSchema, LABELS), async (c) => {
    const { from, into, on } = c.req.valid("json");
    return record(c, await checkedChange(c, "merge", from, [into], on));
  })
  .post("/splits", signedIn, requireJson(8 * 1024), jsonBody(splitSchema, LABELS), async (c) => {
    const { from, into, on } = c.req.valid("json");
    return record(c, await checkedChange(c, "split", [from], into, on));
  });

const RULES =
  "Admins only, of a scope holding every unit named (managers and viewers get 403). Units merge and split within one parent: communes (xã, phường, đặc khu) within their province, desks within their commune; a merger across provinces is refused. 400 naming the field, with nothing changed, for: a unit named twice or continuing itself, a unit already closed, a day after today, a day not after a predecessor opened (or before an existing successor opened), a day on or before which a predecessor already has answers, kinds that differ, units of different parents, the country or a province. The predecessors close on `on` (their last day is the day before), with the open desks and officials below them; they take no more answers (404 `unit_closed`) and keep their answers and figures. A new successor gets a code below its parent (\"01-sn\", \"01-sn2\" for a commune; \"14329-tn2\" for a desk) and opens on `on`. Recorded in the audit in the same catalog batch: unit.merge per predecessor (its closing and successors), unit.create per new successor, unit.close per desk or official closed below.";

/** OpenAPI description of this module's paths. */
export const mergersDoc = {
  "/mergers": {
    post: {
      summary: "Record a merger: units close on a day and one unit continues them (admins)",
      description: `${RULES} Figures (/stats/*) of the continuing unit include the merged units' answers on the days before \`on\`, named in \`predecessors\` (each trend point holding them lists them in \`includes\`); a comparison lists a merged unit within the row of its successor, never twice. The merged units stay readable on their own, their figures ending the day before.`,
      requestBody: { required: true, ...json(mergerSchema, 'e.g. { "from": ["00004", "00008"], "into": { "name": "Phường Ba Đình", "parent": "01", "kind": "phuong" }, "on": "2026-07-01" }') },
      responses: { "201": json(successionResult, "Recorded"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
  "/splits": {
    post: {
      summary: "Record a split: a unit closes on a day and several units continue it (admins)",
      description: `${RULES} A split's answers cannot be apportioned: the old unit's history stays its own (readable on its own, ending the day before \`on\`), and the continuing units' figures start on \`on\`, each naming the old unit in \`partOf\` ("continues part of").`,
      requestBody: { required: true, ...json(splitSchema, 'e.g. { "from": "00004", "into": ["00008", { "name": "Phường Mới", "parent": "01", "kind": "phuong" }], "on": "2026-07-01" }') },
      responses: { "201": json(successionResult, "Recorded"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
};
