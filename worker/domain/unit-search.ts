import type { UnitView } from "./access.ts";

/** The most units a search returns. */
export const SEARCH_LIMIT = 20;

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

/**
 * The units that match a search by code or by name, accents and case ignored; best matches
 * first (exact code, code prefix, whole name, a word start, anywhere), then by name.
 */
export function searchUnits(units: UnitView[], query: string, limit = SEARCH_LIMIT): UnitView[] {
  const q = fold(query);
  if (!q) return [];
  return units
    .map((unit) => ({ unit, rank: rank(unit, q) }))
    .filter((m): m is { unit: UnitView; rank: number } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.unit.name.localeCompare(b.unit.name, "vi"))
    .slice(0, limit)
    .map((m) => m.unit);
}
