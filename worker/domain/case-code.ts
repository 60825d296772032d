import { z } from "zod";

/*
 * A case code ("mã hồ sơ") identifies one procedure, and a case is rated once. People copy
 * codes from paper receipts, so one code arrives written many ways: "H40.22-250101-0001",
 * "h40 22 250101 0001", fullwidth digits from a phone keyboard, an en dash from a word
 * processor. They are one case, and must be one case for whoever would like to rate it twice.
 */

/** Separators people put between the parts of a code, invisible characters included. */
const SEPARATORS = /[\s\p{Pd}\p{Cf}._/\\]/gu;

/**
 * The form in which two spellings of one code are equal: Unicode compatibility forms folded
 * (NFKC: fullwidth "Ｈ４０" is "H40"), diacritics dropped ("đ" and "Đ" are "D"), upper case,
 * and every space, dash, dot, slash, underscore and invisible character removed. What is left
 * is letters and digits only, e.g. "H4022250101 0001" → "H40222501010001".
 */
export function normalizeCaseCode(code: string): string {
  return code
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "D")
    .normalize("NFKC")
    .toUpperCase()
    .replace(SEPARATORS, "");
}

/** The longest case code accepted, as written. */
export const MAX_CASE_CODE = 64;

/**
 * A case code as a citizen or a page sends it: letters and digits, with spaces and . / _ -
 * between them as receipts print them; at least one letter or digit. It is kept as written,
 * in compatibility form (fullwidth characters folded) without invisible characters.
 */
export const caseCodeSchema = z
  .string()
  .overwrite((code) => code.normalize("NFKC").replace(/\p{Cf}/gu, "").replace(/\s+/gu, " "))
  .trim()
  .regex(/^[\p{L}\p{N}\p{Zs}\p{Pd}._/-]{1,64}$/u, `letters, digits, spaces and . / _ -, at most ${MAX_CASE_CODE}`)
  .refine((code) => /^[A-Z0-9]+$/.test(normalizeCaseCode(code)), "needs at least one letter or digit");
