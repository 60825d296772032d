import { z } from "zod";
import { unitSchema, type UnitView } from "./access.ts";
import { isManaged } from "./unit-children.ts";
import { COMMUNE_KINDS } from "./units.ts";

/** The most units a search returns. */
export const SEARCH_LIMIT = 20;

const placeSchema = unitSchema.pick({ code: true, name: true });

/** A unit found by a search, with where it lies, so that units of the same name can be told apart. */
export const unitMatchSchema = unitSchema.extend({
  province: placeSchema.nullable().describe("The province it lies in; null for the country and the provinces themselves"),
  commune: placeSchema.nullable().optional().describe("Desks and officials only: the commune or ward they belong to; null directly under a province"),
});
export type UnitMatch = z.infer<typeof unitMatchSchema>;

/** What a search knows besides the units it searches, and what it prefers. */
export interface SearchOptions {
  /** The units above those searched (their root's path), so that every match's province and commune are known. */
  above?: UnitView[];
  /** A unit whose subtree's matches come before the others that match as well. */
  near?: string;
  limit?: number;
}

/** Lower case without diacritics, đ as d: "Phường Đống Đa" → "phuong dong da". */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
}

/** How well a unit matches a folded query: lower is better, null for no match. */
function rank(unit: UnitView, q: string): number | null {
  const code = unit.code.toLowerCase();
  if (code === q) return 0;
  if (code.startsWith(q)) return 1;
  const name = fold(unit.name);
  const at = name.indexOf(q);
  if (at < 0) return null;
  if (name === q) return 2;
  // At a word start: "ba dinh" in "phuong ba dinh".
  if (at === 0 || name[at - 1] === " ") return 3;
  return 4;
}

/** A unit and its ancestors, nearest first, as far up as `byCode` knows them. */
function lineage(unit: UnitView, byCode: Map<string, UnitView>): [UnitView, ...UnitView[]] {
  const line: [UnitView, ...UnitView[]] = [unit];
  for (let up = byCode.get(unit.parent ?? ""); up; up = byCode.get(up.parent ?? "")) line.push(up);
  return line;
}

const place = (unit: UnitView | undefined) => (unit ? { code: unit.code, name: unit.name } : null);

/** A unit with its province and, for a desk or official, its commune, read off its lineage. */
function located([unit, ...above]: [UnitView, ...UnitView[]]): UnitMatch {
  const province = place(above.find((u) => u.kind === "province"));
  if (!isManaged(unit.kind)) return { ...unit, province };
  return { ...unit, province, commune: place(above.find((u) => COMMUNE_KINDS.includes(u.kind))) };
}

/**
 * The units that match a search by code or by name, accents and case ignored, each with its
 * province and commune; best matches first (exact code, code prefix, whole name, a word start,
 * anywhere), among equally good ones those inside `near` first, then by name.
 */
export function searchUnits(units: UnitView[], query: string, { above = [], near, limit = SEARCH_LIMIT }: SearchOptions = {}): UnitMatch[] {
  const q = fold(query);
  if (!q) return [];
  const byCode = new Map([...above, ...units].map((u) => [u.code, u]));
  return units
    .flatMap((unit) => {
      const r = rank(unit, q);
      if (r === null) return [];
      const line = lineage(unit, byCode);
      return [{ unit, line, rank: r, away: line.some((u) => u.code === near) ? 0 : 1 }];
    })
    .sort((a, b) => a.rank - b.rank || a.away - b.away || a.unit.name.localeCompare(b.unit.name, "vi") || a.unit.code.localeCompare(b.unit.code))
    .slice(0, limit)
    .map((m) => located(m.line));
}
