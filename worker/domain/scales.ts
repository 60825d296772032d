import type { Localized } from "./text.ts";

/**
 * The two rating scales in use in Viet Nam's public administration, highest level first.
 * - 3 levels: the one-stop desk rating devices (Rất hài lòng / Hài lòng / Không hài lòng).
 * - 5 levels: the Ministry of Home Affairs' satisfaction index (SIPAS).
 */
export const SCALES = {
  3: [
    { level: 3, label: { vi: "Rất hài lòng", en: "Very satisfied" } },
    { level: 2, label: { vi: "Hài lòng", en: "Satisfied" } },
    { level: 1, label: { vi: "Không hài lòng", en: "Not satisfied" } },
  ],
  5: [
    { level: 5, label: { vi: "Rất hài lòng", en: "Very satisfied" } },
    { level: 4, label: { vi: "Hài lòng", en: "Satisfied" } },
    { level: 3, label: { vi: "Bình thường", en: "Neutral" } },
    { level: 2, label: { vi: "Không hài lòng", en: "Not satisfied" } },
    { level: 1, label: { vi: "Rất không hài lòng", en: "Very dissatisfied" } },
  ],
} as const satisfies Record<number, readonly { level: number; label: Localized }[]>;

export type ScaleSize = keyof typeof SCALES;

/** The id of the quick overall question every survey starts with (3-level scale). */
export const OVERALL = "overall";

/** The overall level that asks for "Lý do không hài lòng". */
export const NOT_SATISFIED = 1;

/** The scale an item is answered on: the overall question on 3 levels, statements on 5. */
export function scaleOf(item: string): ScaleSize {
  return item === OVERALL ? 3 : 5;
}

/**
 * The lowest level that counts as satisfied ("Hài lòng" or better): 2 of 3, 4 of 5.
 * "% hài lòng" is the share of answers at or above it.
 */
export function satisfiedFrom(scale: ScaleSize): number {
  return scale - 1;
}
