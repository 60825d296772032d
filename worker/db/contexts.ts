import { surveyDefinitionSchema, type SurveyDefinition, type SurveyVersion } from "../domain/survey.ts";
import { COMMUNE_KINDS, COUNTRY, type UnitKind } from "../domain/units.ts";
import { provinceOf, type Store } from "./store.ts";

/*
 * What the public endpoints know of a province's units, kept by each isolate for a few
 * seconds: a submission then costs no catalog read of its own, only its shard's insert. The
 * registry and published survey versions never change; settings, origins and a unit's
 * closing change rarely, and are seen by this isolate at once after a change it made itself
 * (forgetContexts) and by the others within the store's contextTtlMs. A unit this isolate has not seen
 * yet (a desk added elsewhere) is read again before it is called unknown.
 */

/** What the public endpoints need to know about a unit, for one request. */
export interface UnitContext {
  code: string;
  name: string;
  kind: UnitKind;
  /** The commune (or, for a province's own centre, the province) whose cases the unit serves. */
  caseScope: string;
  /** Set when the unit (or an ancestor) requires Cloudflare Turnstile. */
  turnstileSiteKey: string | null;
  /** The survey version asked for, or the unit's inherited one; null if the unit may not use it. */
  survey: SurveyVersion | null;
  /** Whether the origin is on the allowed list of the unit or an ancestor (true if none was given). */
  originAllowed: boolean;
  /** Whether the official may be named with this unit's answers (true if none was given). */
  officialAllowed: boolean;
  /** The Viet Nam day the unit closed: it keeps its answers and takes no new ones. Null while open. */
  closedOn: string | null;
}

export interface UnitContextQuery {
  unit: string;
  /** A survey id; without it, the one chosen by the nearest ancestor that chose one. */
  survey?: string;
  /** A version; without it, the newest published. */
  version?: number;
  origin?: string;
  official?: string;
}

interface UnitRow {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  closedOn: string | null;
}

/** One province's units (with the country above it), their settings, origins and survey versions. */
interface ProvinceConfig {
  readAt: number;
  units: Map<string, UnitRow>;
  settings: Map<string, { survey: string | null; turnstileSiteKey: string | null }>;
  origins: Map<string, Set<string>>;
  /** Published versions by survey id, newest first. */
  surveys: Map<string, { version: number; owner: string; definition: string }[]>;
}

const configs = new Map<string, Promise<ProvinceConfig>>();

/** Forgets every province this isolate read: after a change it made, the next request reads again. */
export function forgetContexts(): void {
  configs.clear();
}

/** Reads a province's subtree and the country above it; for the country, only itself. */
async function readProvince({ catalog }: Store, province: string): Promise<ProvinceConfig> {
  const readAt = Date.now();
  const inScope = `(SELECT unit FROM unit_ancestors WHERE ancestor = ?1 AND ?1 <> '${COUNTRY}' UNION SELECT '${COUNTRY}')`;
  const [units, settings, origins, surveys] = await catalog.batch([
    catalog.prepare(`SELECT code, name, kind, parent, valid_to AS closedOn FROM units WHERE code IN ${inScope}`).bind(province),
    catalog.prepare(`SELECT unit, survey, turnstile_site_key AS turnstileSiteKey FROM unit_settings WHERE unit IN ${inScope}`).bind(province),
    catalog.prepare(`SELECT unit, origin FROM allowed_origins WHERE unit IN ${inScope}`).bind(province),
    catalog.prepare(`SELECT id, version, owner, definition FROM surveys WHERE owner IN ${inScope} ORDER BY id, version DESC`).bind(province),
  ]);
  const config: ProvinceConfig = { readAt, units: new Map(), settings: new Map(), origins: new Map(), surveys: new Map() };
  for (const u of units!.results as UnitRow[]) config.units.set(u.code, u);
  for (const s of settings!.results as { unit: string; survey: string | null; turnstileSiteKey: string | null }[]) config.settings.set(s.unit, s);
  for (const o of origins!.results as { unit: string; origin: string }[]) config.origins.set(o.unit, (config.origins.get(o.unit) ?? new Set()).add(o.origin));
  for (const s of surveys!.results as { id: string; version: number; owner: string; definition: string }[]) {
    config.surveys.set(s.id, [...(config.surveys.get(s.id) ?? []), s]);
  }
  return config;
}

/** What this isolate knows of a province, read again once it is older than the store's contextTtlMs or `stale` says so. */
async function provinceConfig(store: Store, province: string, stale?: (config: ProvinceConfig) => boolean): Promise<ProvinceConfig> {
  const known = configs.get(province);
  const config = known && (await known.catch(() => undefined));
  if (config && Date.now() - config.readAt < store.contextTtlMs && !stale?.(config)) return config;
  const reading = readProvince(store, province);
  configs.set(province, reading);
  reading.catch(() => configs.delete(province));
  return reading;
}

/*
 * A published survey version never changes (migrations/catalog/0003_surveys.sql), so each
 * isolate parses its definition once: a submission checks its answers against it without
 * validating the whole definition again.
 */
const definitions = new Map<string, SurveyDefinition>();

function parsedDefinition(id: string, version: number, definition: string): SurveyDefinition {
  const key = `${id}@${version}`;
  let parsed = definitions.get(key);
  if (!parsed) definitions.set(key, (parsed = surveyDefinitionSchema.parse(JSON.parse(definition))));
  return parsed;
}

/** A unit and its ancestors, nearest first. */
function lineage(config: ProvinceConfig, code: string): UnitRow[] {
  const line: UnitRow[] = [];
  for (let unit = config.units.get(code); unit; unit = unit.parent === null ? undefined : config.units.get(unit.parent)) line.push(unit);
  return line;
}

/** The nearest setting of a lineage, as each setting is inherited down the tree. */
function nearest<K extends "survey" | "turnstileSiteKey">(config: ProvinceConfig, line: UnitRow[], key: K): string | null {
  for (const unit of line) {
    const value = config.settings.get(unit.code)?.[key];
    if (value) return value;
  }
  return null;
}

/**
 * The context of a unit, closed ones too (closedOn), or null if there is none. A survey is
 * usable by a unit when the unit or an ancestor owns it (the built-in templates belong to the
 * country). An official may be named when it is a current official below the unit's commune
 * (an official sits at a desk, a sibling of a commune-level embed).
 */
export async function unitContext(store: Store, q: UnitContextQuery): Promise<UnitContext | null> {
  const province = q.unit === COUNTRY ? COUNTRY : await provinceOf(store, q.unit);
  if (!province) return null;
  const config = await provinceConfig(store, province, (c) => !c.units.has(q.unit) || (!!q.official && !c.units.has(q.official)));
  const line = lineage(config, q.unit);
  const unit = line[0];
  if (!unit) return null;
  const owners = new Set(line.map((u) => u.code));
  const chosen = q.survey ?? nearest(config, line, "survey");
  const version = config.surveys.get(chosen ?? "")?.find((v) => owners.has(v.owner) && (q.version === undefined || v.version === q.version));
  const communes = line.filter((u) => COMMUNE_KINDS.includes(u.kind));
  const official = q.official ? config.units.get(q.official) : undefined;
  return {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    closedOn: unit.closedOn,
    caseScope: (communes[0] ?? line.find((u) => u.kind === "province") ?? unit).code,
    turnstileSiteKey: nearest(config, line, "turnstileSiteKey"),
    survey: chosen && version ? { id: chosen, version: version.version, definition: parsedDefinition(chosen, version.version, version.definition) } : null,
    originAllowed: q.origin === undefined || line.some((u) => config.origins.get(u.code)?.has(q.origin!)),
    officialAllowed:
      q.official === undefined ||
      (official?.kind === "official" && official.closedOn === null && lineage(config, official.code).some((u) => communes.some((c) => c.code === u.code))),
  };
}
