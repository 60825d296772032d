/**
 * Masks personal data in free text before it is stored (Personal Data Protection Law
 * 91/2025/QH15: collect only what the purpose needs). Citizens often leave a phone number,
 * their citizen ID or an e-mail address in a complaint; the complaint stays readable, the
 * number and the address do not.
 *
 * - Phone numbers: 0, 84, +84 or 0084, then a mobile number (3, 5, 7, 8 or 9 and eight more
 *   digits: 0912 345 678) or a landline (2 and nine more: 024 3825 1234, 0236 3822 111).
 *   Citizen ID (CCCD): twelve digits from 0 (a province code, 001 to 096). Each digit and the
 *   plus become "•"; separators stay, so the text keeps its shape ("•••• ••• •••").
 * - Groups may be joined by spaces of any width (NBSP, narrow NBSP), . - / or _, once
 *   or repeated, alone or between spaces ("0912 / 345 / 678"), or by invisible characters
 *   (soft hyphen, zero-width space and joiners); a prefix may be in parentheses ("(024) 3825
 *   1234", "(+84) 912 345 678"). One separator joins all the groups of a number (the one after
 *   a country code may differ: "+84 912.345.678"): that is what keeps a date beside a time
 *   ("05/12/2025 08:30") or a date range from reading as a number. A number starts and ends
 *   a group of digits, so longer numbers (bank accounts, case codes) keep theirs.
 * - Fullwidth digits and signs (０-９ ＋ － ． ／ （ ）) are folded to ASCII first, as NFKC would:
 *   the text reads the same, and one pattern covers both.
 * - An e-mail address becomes "•••@•••" whole: its length and domain could name a person too.
 *
 * Dates, times, amounts, case codes, procedure and document numbers, house numbers and years
 * keep their digits: their lengths, prefixes or separators are not those of a phone or an ID.
 */
// No lookbehind (the widget bundles this, and Safari before 16.4 has none): the character
// before a match is matched too (group 1) and put back. Linear time: a match starts only after
// a character that is not a digit, reads twelve digits at most, and each of its characters
// can match one way only.

/** What joins two digit groups: spaces, . - / _, soft hyphen, zero-width space and joiners. */
const SEPARATOR = "[\\s.\\-/_\u00ad\u200b-\u200d]";
/** The country code, and what comes between it and the number. */
const COUNTRY = `(?:\\+|00)?84\\)?${SEPARATOR}*`;
/** The next digit, after a closing parenthesis or the number's separator (group 2) where it has one. */
const NEXT = "(?:\\)?\\2?\\d)";
/** After 0 or the country code: a mobile number or a landline. */
const SUBSCRIBER = `(?:[35789]${NEXT}{8}|2${NEXT}{9})`;
/**
 * A phone or citizen ID number (group 3). The lookahead reads the number's separator (group 2)
 * after its first group, or after the country code and the group that follows it. After a 0,
 * a CCCD is tried before a phone number; a phone number may end before more digits of its
 * run, so "gọi 0912 345 678 3 lần" keeps " 3".
 */
const NUMBER = new RegExp(
  `(^|[^+\\d])(?=(?:(?:${COUNTRY})?\\d+\\)?(${SEPARATOR}+))?)(${COUNTRY}${SUBSCRIBER}|0(?:${NEXT}{11}|\\)?\\2?${SUBSCRIBER}))(?!\\d)`,
  "g",
);
/** An e-mail address, after a character that cannot be in one (so no word is read twice). */
const EMAIL = /(^|[^\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

/** The text with phone numbers, citizen ID numbers and e-mail addresses masked (and fullwidth digits folded). */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(/[\uff08-\uff19]+/g, (fullwidth) => fullwidth.normalize("NFKC"))
    .replace(EMAIL, "$1•••@•••")
    .replace(NUMBER, (_match, before: string, _separator, number: string) => before + number.replace(/[+\d]/g, "•"));
}
