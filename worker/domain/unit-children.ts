import type { UnitKind } from "./units.ts";

/*
 * What a commune's managers add below their units, and under which codes: one-stop desks
 * below a commune ("Bộ phận tiếp nhận và trả kết quả") or a province ("Trung tâm phục vụ
 * hành chính công"), officials at a desk. On its own, without zod, so that the dashboard
 * follows the API's own rules.
 */

/** Kinds that managers add, rename and close (communes and provinces come from the official list). */
export function isManaged(kind: UnitKind): kind is "desk" | "official" {
  return kind === "desk" || kind === "official";
}

/** What may be added below a unit of this kind, and the code suffix it takes; null if nothing. */
export function childOf(kind: UnitKind): { kind: "desk" | "official"; suffix: string } | null {
  switch (kind) {
    case "xa":
    case "phuong":
    case "dac_khu":
      return { kind: "desk", suffix: "tn" };
    case "province":
      return { kind: "desk", suffix: "tthc" };
    case "desk":
      return { kind: "official", suffix: "cb" };
    default:
      return null;
  }
}

/**
 * The code of the next unit added below `parent`: the parent's code, then the suffix and a
 * number one above any that was ever used there, closed units included, so a code is never
 * reused. A desk's first code has no number ("14329-tn", then "14329-tn2"); officials are
 * always numbered ("14329-tn-cb1", "14329-tn-cb2").
 */
export function nextChildCode(parent: string, suffix: string, existing: string[]): string {
  const own = new RegExp(`^${parent}-${suffix}(\\d*)$`);
  const used = existing.flatMap((code) => {
    const match = own.exec(code);
    return match ? [Number(match[1] || 1)] : [];
  });
  const next = Math.max(0, ...used) + 1;
  return `${parent}-${suffix}${next === 1 && suffix !== "cb" ? "" : next}`;
}
