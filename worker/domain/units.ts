import { z } from "zod";
import { UNIT_CODE } from "./unit-code.ts";

/** The root of the tree: the whole country. */
export const COUNTRY = "VN";

/** The kinds of unit, top down. xa, phuong and dac_khu are the three kinds of commune. */
export const UNIT_KINDS = ["country", "province", "xa", "phuong", "dac_khu", "desk", "official"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const COMMUNE_KINDS: readonly UnitKind[] = ["xa", "phuong", "dac_khu"];

/**
 * Whether citizens are served at a unit, so that it may receive answers: a commune, or a desk
 * or official below one (or below a province, for its own one-stop centre). The country and
 * the provinces are only the sums of their service points.
 */
export function isServicePoint(kind: UnitKind): boolean {
  return kind !== "country" && kind !== "province";
}

/**
 * A unit code (see UNIT_CODE), as the API validates it. Marked pure so that a dashboard page
 * importing this module's constants leaves zod out of its bundle.
 */
export const unitCode = /* @__PURE__ */ z.string().regex(UNIT_CODE, 'a unit code such as "00004"');

/** A unit as the API shows it. */
export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
}
