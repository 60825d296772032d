/**
 * Masks personal numbers in free text before it is stored (Personal Data Protection Law
 * 91/2025/QH15: collect only what the purpose needs). Citizens often leave a phone number or
 * their citizen ID in a complaint; the complaint stays readable, the number does not.
 *
 * - Vietnamese phone numbers: 0, 84 or +84 and nine more digits, spaces, dots or dashes
 *   allowed between groups (0912 345 678, +84 912.345.678, 024-3825-1234).
 * - Citizen ID (CCCD): exactly twelve digits, possibly grouped (001 203 004 005).
 */
// Without lookbehind: the widget shares this code, and Safari before 16.4 has none.
const PHONE = /(^|[^\d+])((?:\+84|0084|84|0)[\s.-]?(?:\d[\s.-]?){8,9}\d)(?!\d)/g;
const CITIZEN_ID = /(^|\D)((?:\d[\s.-]?){11}\d)(?!\d)/g;

/** Replaces every digit of a matched number with "•", keeping separators, so length and shape stay. */
function hideDigits(_match: string, before: string, number: string): string {
  return before + number.replace(/\d/g, "•").replace("+", "•");
}

/** The text with phone and citizen ID numbers masked. */
export function maskPersonalNumbers(text: string): string {
  return text.replace(CITIZEN_ID, hideDigits).replace(PHONE, hideDigits);
}
