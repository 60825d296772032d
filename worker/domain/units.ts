import { z } from "zod";

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
 * A unit code: "VN", a province's two digits ("37"), a commune's five ("14329"), or an added
 * desk or official, which is its commune's (or, for a province's own one-stop centre, its
 * province's) code and a suffix ("14329-tn", "14329-tn-lan", "37-tthc").
 */
export const unitCode = z.string().regex(/^(VN|(\d{2}|\d{5})(-[a-z0-9]{1,20}){0,2})$/, 'a unit code such as "00004"');

/** A unit as the API shows it. */
export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
}
